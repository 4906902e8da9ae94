// X509Certificate under invoke for t/35-crypto-x509.t, copied into DIR
// next to certificates the openssl tool made there (a script reads files
// of its own folder): prints, a line each as "name value", what the test
// compares with openssl's own answers for leaf.pem (issued by ca.pem) and
// ca.pem.  argv: host, email and IP address to check against leaf.pem.
const { X509Certificate, createPrivateKey } = require('crypto'), fs = require('fs');
const rd = (f) => fs.readFileSync(__dirname + '/' + f);
const [host, email, ip] = process.argv.slice(2);
const leaf = new X509Certificate(rd('leaf.pem')), ca = new X509Certificate(rd('ca.pem'));
const out = (k, v) => console.log(k, v === undefined ? 'undefined' : typeof v === 'string' ? v.replace(/\n/g, '|') : JSON.stringify(v));
out('serial', leaf.serialNumber);
out('fingerprint', leaf.fingerprint);
out('fingerprint256', leaf.fingerprint256);
out('fingerprint512', leaf.fingerprint512);
out('validFrom', leaf.validFrom);
out('validTo', leaf.validTo);
out('subject', leaf.subject);
out('issuer', leaf.issuer);
out('san', leaf.subjectAltName);
out('ca', [leaf.ca, ca.ca]);
out('raw', leaf.raw.toString('base64'));
out('pem', Buffer.from(leaf.toString()).toString('base64'));
out('pubkey', Buffer.from(leaf.publicKey.export({ type: 'spki', format: 'pem' })).toString('base64'));
out('checkHost', leaf.checkHost(host));
out('checkEmail', leaf.checkEmail(email));
out('checkIP', leaf.checkIP(ip));
out('issued', [leaf.checkIssued(ca), ca.checkIssued(leaf)]);
out('verify', [leaf.verify(ca.publicKey), leaf.verify(leaf.publicKey)]);
out('privateKey', [leaf.checkPrivateKey(createPrivateKey(rd('leaf.key'))), leaf.checkPrivateKey(createPrivateKey(rd('ca.key')))]);
