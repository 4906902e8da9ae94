const Long = require('long');
const a = Long.fromString('9223372036854775807');
console.log(a.toString(), a.add(1).toString(), Long.MAX_UNSIGNED_VALUE.toString(), Long.fromNumber(-1).toUnsigned().toString(16));
const b = Long.fromBits(0xffffffff, 0x7fffffff);
console.log(b.equals(a), b.high, b.low, Long.fromInt(123456789).multiply(987654321).toString(), Long.fromString('ff', true, 16).shiftLeft(56).toString());
console.log(Long.fromValue('12345678901234').div(1000).toNumber(), Long.fromString('-42').negate().toInt(), Long.fromNumber(2 ** 53 + 2).toString());
console.log(Long.fromString('123456789012345678').toBytesLE(), Long.isLong(a), a.compare(b), Long.fromString('1').shiftRightUnsigned(1).isZero());
