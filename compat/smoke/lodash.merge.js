const merge = require('lodash.merge');
const object = { a: [{ b: 2 }, { d: 4 }], n: { x: 1, arr: [1, 2, 3] } };
const other = { a: [{ c: 3 }, { e: 5 }], n: { y: 2, arr: [9] }, u: undefined };
console.log(JSON.stringify(merge(object, other)), JSON.stringify(object));
console.log(merge({}, { d: new Date(0) }, { m: new Map([[1, 2]]) }).d.toISOString(), JSON.stringify(merge({ a: 1 }, null, { b: 2 }, 'str')));
console.log(JSON.stringify(merge({}, JSON.parse('{"__proto__": {"polluted": true}}'))), ({}).polluted);
