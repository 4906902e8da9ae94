import { match, compile, parse, pathToRegexp, stringify } from 'path-to-regexp';
const fn = match('/user/:id/books{/:bookId}', { decode: decodeURIComponent });
console.log(fn('/user/123/books/abc%20d'), fn('/user/123/books'), fn('/nope'));
const files = match('/files/*path');
console.log(files('/files/a/b/c.txt'));
const toPath = compile('/user/:id{/:tab}');
console.log(toPath({ id: 'a b' }), toPath({ id: '42', tab: 'posts' }));
try { toPath({}); } catch (e) { console.log(e.name, e.message); }
const { regexp, keys } = pathToRegexp('/:foo/:bar');
console.log(regexp.source, keys.map((k) => k.name), regexp.exec('/x/y').slice(1));
console.log(stringify(parse('/a/:b{/*c}')), parse('/x/:y').tokens.map((t) => t.type));
try { parse('/:'); } catch (e) { console.log(e.name); }
