const hash = require('object-hash');
console.log(hash({ foo: 'bar', a: [1, 2, { b: 3 }] }), hash({ a: [1, 2, { b: 3 }], foo: 'bar' }));
console.log(hash('x', { algorithm: 'md5' }), hash([3, 1, 2], { unorderedArrays: true }) === hash([1, 2, 3], { unorderedArrays: true }));
console.log(hash({ d: new Date(0), n: null, u: undefined, s: new Set([1]), m: new Map([[1, 2]]) }, { algorithm: 'sha1', encoding: 'base64' }));
console.log(hash.keys({ a: 1, b: { c: 2 } }), hash.MD5({ a: 1 }), hash({ f() { return 1; } }, { respectFunctionNames: false }));
