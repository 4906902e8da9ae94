const ieee754 = require('ieee754');
const buf = Buffer.alloc(8);
ieee754.write(buf, 3.141592653589793, 0, false, 52, 8);
console.log(buf.toString('hex'), ieee754.read(buf, 0, false, 52, 8));
const f = Buffer.alloc(4);
ieee754.write(f, 0.1, 0, true, 23, 4);
console.log(f.toString('hex'), ieee754.read(f, 0, true, 23, 4), ieee754.read(Buffer.from('7f800000', 'hex'), 0, false, 23, 4), ieee754.read(Buffer.from('7fc00000', 'hex'), 0, false, 23, 4));
ieee754.write(f, -0, 0, false, 23, 4); console.log(f.toString('hex'), Object.is(ieee754.read(f, 0, false, 23, 4), -0));
