// Finite-field DH under invoke for t/35-crypto-dh.t, copied into DIR next
// to keys the openssl tool made there in RFC 3526's 2048-bit group (a
// script reads files of its own folder).  argv: the private value of
// DIR/a.pem and the public value of DIR/b.pub.pem in hex, as
// `openssl pkey -text` shows them.  Prints the secret of a with b's
// public key three ways: crypto.diffieHellman over the PEM files,
// createDiffieHellman with the group's prime and setPrivateKey, and
// getDiffieHellman('modp14'); then a pair of its own
// (generateKeyPairSync('dh')) as PKCS#8 PEM in base64 (a script may not
// write files) with its secret, for openssl pkeyutl -derive to compute
// again.
const crypto = require('crypto'), fs = require('fs');
const dir = __dirname, [x, y] = process.argv.slice(2);
const read = (f) => fs.readFileSync(dir + '/' + f);
const peer = crypto.createPublicKey(read('b.pub.pem'));
console.log('keyobjects', crypto.diffieHellman({ privateKey: crypto.createPrivateKey(read('a.pem')), publicKey: peer }).toString('hex'));
const group = crypto.getDiffieHellman('modp14');
const a = crypto.createDiffieHellman(group.getPrime(), group.getGenerator());
a.setPrivateKey(x, 'hex');
console.log('stateful', a.computeSecret(y, 'hex', 'hex'));
a.generateKeys();
console.log('apub', a.getPublicKey('hex'));
const ours = crypto.generateKeyPairSync('dh', { group: 'modp14' });
console.log('ours.pem', Buffer.from(ours.privateKey.export({ type: 'pkcs8', format: 'pem' })).toString('base64'));
console.log('ours', crypto.diffieHellman({ privateKey: ours.privateKey, publicKey: peer }).toString('hex'));
