const { Buffer: SafeBuffer } = require('safe-buffer');
const b = SafeBuffer.from('héllo wörld', 'utf8');
console.log(b.toString('hex'), b.toString('base64'), b.length, SafeBuffer.byteLength('€'), SafeBuffer.isBuffer(b));
console.log(SafeBuffer.alloc(4, 'ab').toString(), SafeBuffer.allocUnsafe(3).length, SafeBuffer.concat([SafeBuffer.from([1, 2]), SafeBuffer.from([3])]).toJSON());
console.log(SafeBuffer.from('aGk=', 'base64').toString(), b.slice(1, 3).toString('hex'), SafeBuffer.compare(SafeBuffer.from('a'), SafeBuffer.from('b')), b.readUInt16BE(0), SafeBuffer === Buffer);
