const Hashids = require('hashids');
const hashids = new Hashids('this is my salt');
console.log(hashids.encode(12345), hashids.decode('NkK9'), hashids.encode(683, 94108, 123, 5), hashids.decode(hashids.encode([1, 2, 3])));
const padded = new Hashids('salt', 10, 'abcdefghijklmnopqrstuvwxyz');
console.log(padded.encode(1), padded.encodeHex('507f1f77bcf86cd799439011'), padded.decodeHex(padded.encodeHex('deadbeef')), (() => { try { return padded.decode('invalid!'); } catch (e) { return e.message.slice(0, 40); } })());
console.log(hashids.isValidId('NkK9'), hashids.encode(-1));
