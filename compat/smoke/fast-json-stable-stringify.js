const stringify = require('fast-json-stable-stringify');
const obj = { c: 8, b: [{ z: 6, y: 5, x: 4 }, 7], a: 3, u: undefined, d: new Date(0), t: { toJSON: () => 'custom' } };
console.log(stringify(obj));
console.log(stringify(obj, (a, b) => (a.key < b.key ? 1 : -1)), stringify({ n: NaN, i: Infinity, s: 'é"\n' }));
const circ = { a: 1 }; circ.self = circ;
try { stringify(circ); } catch (e) { console.log(e.name, e.message); }
console.log(stringify(circ, { cycles: true }));
