const kindOf = require('kind-of');
console.log([undefined, null, true, 42, 'str', Symbol('s'), {}, Object.create(null)].map(kindOf));
console.log([Buffer.from(''), new Date(), [1], /x/, new Error('e'), Promise.resolve()].map(kindOf));
console.log([function () {}, function* () {}, async () => {}, (function () { return arguments; })()].map(kindOf));
console.log([new Map(), new WeakMap(), new Set(), new WeakSet(), new Map().entries(), [1].entries()].map(kindOf));
console.log([new Int8Array(), new Uint8Array(), new Uint8ClampedArray(), new Float64Array(), new Number(1), new String('s')].map(kindOf));
