const accepts = require('accepts');
const req = { headers: { accept: 'application/json;q=0.9, text/html, */*;q=0.1', 'accept-language': 'de-DE,de;q=0.9,en;q=0.8', 'accept-encoding': 'gzip, deflate, br;q=0.5', 'accept-charset': 'utf-8, iso-8859-1;q=0.5' } };
const a = accepts(req);
console.log(a.type(['json', 'html']), a.type('png'), a.types(), a.type(['text/plain', 'application/json']));
console.log(a.languages(), a.language(['en', 'de']), a.encodings(), a.encoding(['br', 'gzip']), a.charsets(), a.charset('iso-8859-1'));
console.log(accepts({ headers: {} }).type(['json', 'html']), accepts({ headers: { accept: 'image/*' } }).type(['text/html', 'image/png']));
