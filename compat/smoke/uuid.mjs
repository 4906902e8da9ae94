import { v1, v3, v4, v5, v7, validate, version, parse, stringify, NIL, MAX } from 'uuid';
const NS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
console.log(v5('hello', NS), v3('hello', NS));
const r = v4();
console.log(validate(r), version(r), r.length, /^[0-9a-f-]{36}$/.test(r));
console.log(v4({ random: Uint8Array.from({ length: 16 }, (_, i) => i * 7) }));
console.log(v1({ node: Uint8Array.of(1, 2, 3, 4, 5, 6), clockseq: 0x1234, msecs: 1700000000000, nsecs: 5678 }));
console.log(v7({ msecs: 1700000000000, random: new Uint8Array(16).fill(9), seq: 0 }));
console.log(Array.from(parse(NS)).join(','), stringify(parse(NS)), validate('nope'), NIL, MAX);
