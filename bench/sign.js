// bench/sign.js - what a JWT's signature costs: RS256 (RSA 2048,
// PKCS#1 v1.5 with SHA-256), ES256 (P-256) and EdDSA (Ed25519) sign and
// verify of a JWT-sized message, µs per operation (the median of ROUNDS
// timed batches of BATCH operations, after a warm-up), for the same script
// under node and under `invoke exec` (bench/sign.sh).  Prints one JSON line.
const crypto = require('crypto');
const ROUNDS = Number(process.argv[2] || 9);
const BATCH = 20;

// a header.payload of the size identity providers issue (about 600 bytes)
const msg = Buffer.from('eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.' + 'x'.repeat(560));

const timed = require('./median.js');
function median(f) { return Math.round(timed(f, ROUNDS, BATCH, 1)); }

const out = {};
const kinds = [
  ['rs256', 'sha256', crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ['es256', 'sha256', crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })],
  ['eddsa', null, crypto.generateKeyPairSync('ed25519')],
];
for (const [name, hash, { privateKey, publicKey }] of kinds) {
  const sig = crypto.sign(hash, msg, privateKey);
  if (!crypto.verify(hash, msg, publicKey, sig)) throw new Error(name + ': own signature refused');
  out[name + 'Sign'] = median(() => crypto.sign(hash, msg, privateKey));
  out[name + 'Verify'] = median(() => crypto.verify(hash, msg, publicKey, sig));
}
console.log(JSON.stringify(out));
