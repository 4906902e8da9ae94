const contentType = require('content-type');
const obj = contentType.parse('text/html; charset=utf-8; foo="bar \\"baz\\""');
console.log(obj.type, JSON.stringify(obj.parameters));
console.log(contentType.format({ type: 'image/svg+xml', parameters: { charset: 'utf-8', q: 'a b' } }));
console.log(JSON.stringify(contentType.parse('Application/JSON ; Charset=UTF-8')));
try { contentType.parse('text/'); } catch (e) { console.log(e.name, e.message); }
try { contentType.format({ type: 'bad type' }); } catch (e) { console.log(e.message); }
