// ECDH under invoke for t/35-crypto-ecdh.t, copied into DIR next to keys
// the openssl tool made there (a script reads files of its own folder):
// prints the secret of DIR/a.pem with DIR/b.pub.pem through
// crypto.createECDH, then makes a pair of its own with generateKeys and
// prints its private key as PKCS#8 PEM (in base64: a script may not write
// files) and its secret with DIR/b.pub.pem, for openssl pkeyutl -derive
// to compute again.
const crypto = require('crypto'), fs = require('fs');
const dir = __dirname, curve = process.argv[2];
const read = (f) => fs.readFileSync(dir + '/' + f);
const point = (k) => { const j = k.export({ format: 'jwk' }); return Buffer.concat([Buffer.from([4]), Buffer.from(j.x, 'base64url'), Buffer.from(j.y, 'base64url')]); };
const peer = point(crypto.createPublicKey(read('b.pub.pem')));
const a = crypto.createECDH(curve).setPrivateKey(Buffer.from(crypto.createPrivateKey(read('a.pem')).export({ format: 'jwk' }).d, 'base64url'));
console.log('theirs', a.computeSecret(peer, null, 'hex'));
const ours = crypto.createECDH(curve);
// the point from generateKeys compressed, back to x and y by convertKey
const full = crypto.ECDH.convertKey(ours.generateKeys(null, 'compressed'), curve, null, 'buffer', 'uncompressed');
const half = (full.length - 1) / 2;
const jwk = { kty: 'EC', crv: { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' }[curve],
  x: full.subarray(1, 1 + half).toString('base64url'), y: full.subarray(1 + half).toString('base64url'),
  d: ours.getPrivateKey().toString('base64url') };
console.log('ours.pem', Buffer.from(crypto.createPrivateKey({ key: jwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' })).toString('base64'));
console.log('ours', ours.computeSecret(peer, null, 'hex'));
