const cookie = require('cookie');
console.log(JSON.stringify(cookie.parse('foo=bar; equation=E%3Dmc%5E2; name="quoted"; empty=')));
console.log(cookie.serialize('foo', 'bar'), cookie.serialize('sid', 'a b;c', { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 3600 }));
console.log(cookie.serialize('exp', 'x', { expires: new Date(Date.UTC(2030, 0, 1)), domain: 'example.com', partitioned: true, priority: 'high' }));
try { cookie.serialize('bad name', 'x'); } catch (e) { console.log(e.name, e.message); }
console.log(JSON.stringify(cookie.parse('a=1; a=2; b=%zz', { decode: (v) => v.toUpperCase() })));
