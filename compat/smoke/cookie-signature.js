const cookie = require('cookie-signature');
const val = cookie.sign('hello', 'tobiiscool');
console.log(val, cookie.unsign(val, 'tobiiscool'), cookie.unsign(val, 'luna'), cookie.unsign(val + 'x', 'tobiiscool'));
console.log(cookie.sign('user:42|ü', Buffer.from('secret-buffer')), cookie.unsign('nodot', 'k'));
try { cookie.sign(1, 'k'); } catch (e) { console.log(e.message); }
