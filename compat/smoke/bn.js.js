const BN = require('bn.js');
const a = new BN('dead', 16), b = new BN('101010', 2);
console.log(a.toString(10), b.toString(16), a.add(b).toString(), a.mul(b).toString(16), a.sub(b).toNumber());
const p = new BN('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f', 16);
console.log(new BN(3).pow(new BN(100)).toString(), new BN(2).toRed(BN.red(p)).redPow(new BN(255)).fromRed().toString(16));
console.log(new BN(12345).invm(new BN(1000003)).toString(), new BN(1000).gcd(new BN(350)).toString(), new BN(-5).abs().toString(), new BN(7).shln(70).toString(16));
console.log(new BN('1234567890abcdef', 16).toArray('be', 10), new BN([1, 2, 3]).toString(16), new BN(1).cmp(new BN(2)), new BN(255).toString(2, 16));
console.log(new BN(100).divmod(new BN(7)), BN.isBN(a), a.toJSON(), new BN('-123').toTwos(16).toString(16));
