// Signs one message with each fixture key through require('crypto') and
// prints "name base64" lines for t/35-crypto-keys.t to check with the
// openssl tool: ECDSA and PSS are randomized, so their bytes cannot be
// compared with node's; a verifier that is not ours has to accept them.
const crypto = require('crypto'), fs = require('fs');
const key = (f) => fs.readFileSync(__dirname + '/' + f);
const data = fs.readFileSync(__dirname + '/sign.js');
const PSS = crypto.constants.RSA_PKCS1_PSS_PADDING;
const sigs = {
  'rsa-sha256': crypto.sign('sha256', data, key('rsa.pem')),
  'rsa-pss-sha256': crypto.createSign('sha256').update(data).sign({ key: key('rsa.pem'), padding: PSS }),
  'rsa-pss32-sha256': crypto.sign('sha256', data, { key: crypto.createPrivateKey(key('rsa.pem')), padding: PSS, saltLength: 32 }),
  'ec-sha256': crypto.sign('sha256', data, key('ec.pem')),
  'ec-sha384': crypto.createSign('sha384').update(data).sign(key('ec.pem')),
  'ed-none': crypto.sign(null, data, key('ed.pem')),
};
const gen = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
sigs['gen-sha256'] = crypto.sign('sha256', data, gen.privateKey);
for (const [name, sig] of Object.entries(sigs)) console.log(name, sig.toString('base64'));
console.log('gen.pub', Buffer.from(gen.publicKey.export({ type: 'spki', format: 'pem' })).toString('base64'));
