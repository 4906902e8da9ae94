const equal = require('fast-deep-equal');
const equalES6 = require('fast-deep-equal/es6');
console.log(equal({ foo: 'bar', a: [1, { b: 2 }] }, { foo: 'bar', a: [1, { b: 2 }] }), equal({ a: 1 }, { a: 1, b: undefined }), equal([1, 2], [2, 1]));
console.log(equal(new Date(0), new Date(0)), equal(/a/g, /a/i), equal(NaN, NaN), equal(null, undefined));
console.log(equalES6(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])), equalES6(new Set([1, 2]), new Set([1, 3])), equalES6(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
