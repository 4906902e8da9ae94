const status = require('statuses');
console.log(status(403), status('403'), status('forbidden'), status('Not Found'), status.message[418], status.code['i\'m a teapot']);
console.log(status.redirect[301], status.redirect[200], status.empty[204], status.retry[503], status.codes.length > 50);
try { status(999); } catch (e) { console.log(e.message); }
try { status('nope'); } catch (e) { console.log(e.message); }
