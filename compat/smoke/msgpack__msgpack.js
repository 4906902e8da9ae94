const { encode, decode, ExtensionCodec, Encoder } = require('@msgpack/msgpack');
const obj = { int: 1, neg: -300, float: 3.14, str: 'héllo', bool: true, nil: null, arr: [1, 'two', [3]], bin: new Uint8Array([1, 2, 3]), big: 2 ** 40, date: new Date(Date.UTC(2024, 0, 1)) };
const bytes = encode(obj);
console.log(bytes.length, Buffer.from(bytes).toString('hex'));
console.log(decode(bytes));
const codec = new ExtensionCodec();
codec.register({ type: 1, encode: (v) => (v instanceof Set ? encode([...v]) : null), decode: (d) => new Set(decode(d)) });
console.log(decode(encode({ s: new Set([1, 2]) }, { extensionCodec: codec }), { extensionCodec: codec }));
console.log(Buffer.from(new Encoder({ sortKeys: true }).encode({ b: 1, a: 2 })).toString('hex'));
try { decode(new Uint8Array([0xc1])); } catch (e) { console.log(e.name, e.message); }
