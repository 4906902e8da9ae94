// https: a server of a private CA, trusted through the ca option, and
// refused without it.
const https = require('https');
const { HTTPS, CA, body, outcome, show, done } = require('./lib.js');

(async () => {
  const ca = Buffer.from(CA);
  let o = await outcome(https.get(HTTPS + '/small.txt', { ca }));
  console.log(o.res.statusCode, o.res.httpVersion, JSON.stringify((await body(o.res)).toString()));
  o = await outcome(https.request(HTTPS + '/small.txt', { ca: ca.toString(), method: 'HEAD' }).end());
  console.log(o.res.statusCode, o.res.headers['content-length']);
  // Node says UNABLE_TO_VERIFY_LEAF_SIGNATURE, libcurl's OpenSSL check
  // UNABLE_TO_GET_ISSUER_CERT_LOCALLY (doc/api.md): either is the refusal
  o = await outcome(https.get(HTTPS + '/small.txt'));
  console.log(o.err.name, /^UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)$/.test(o.err.code), !!o.res);
  console.log(https.globalAgent instanceof https.Agent, https.globalAgent.defaultPort,
              https.globalAgent.protocol, new https.Agent({ keepAlive: true }).keepAlive);
})().catch((e) => console.log('FAILED', e)).then(done);
