// dns.lookup and dns.promises on names the machine itself answers.
const dns = require('node:dns');
const dnsp = require('dns/promises');
const { HTTP, done } = require('./lib.js');

(async () => {
  await new Promise((r) => dns.lookup('127.0.0.1', (e, a, f) => { console.log(e, a, f); r(); }));
  await new Promise((r) => dns.lookup('::1', { all: true }, (e, a) => { console.log(e, a); r(); }));
  await new Promise((r) => dns.lookup('127.0.0.1', 4, (e, a, f) => { console.log(e, a, f); r(); }));
  await new Promise((r) => dns.lookup('localhost', { family: 4, all: true }, (e, a) => { console.log(e, a); r(); }));
  console.log(await dns.promises.lookup('127.0.0.1'));
  console.log(await dnsp.lookup('127.0.0.1', { all: true }));
  console.log(dnsp === dns.promises, typeof dns.resolve4, typeof dnsp.resolve6);
  await new Promise((r) => dns.lookup('127.0.0.1', { family: 6 }, (e, a, f) => { console.log(e && e.code, a, f); r(); }));
  try { dns.lookup('x', { family: 5 }, () => {}); } catch (e) { console.log(e.code, e.message); }
  try { dns.lookup(1, () => {}); } catch (e) { console.log(e.code); }
  const http = require('http');
  console.log(http.METHODS.length, http.METHODS.includes('QUERY'), http.STATUS_CODES[418], http.STATUS_CODES[599]);
  console.log(http.globalAgent instanceof http.Agent, http.globalAgent.keepAlive, http.globalAgent.defaultPort,
              new http.Agent().keepAlive, new http.Agent().maxSockets, typeof http.ClientRequest,
              typeof http.IncomingMessage);
  const req = http.request(HTTP);
  req.on('error', () => {});
  console.log(req instanceof http.ClientRequest, req instanceof http.OutgoingMessage,
              req instanceof require('stream').Stream);
  req.destroy();
})().catch((e) => console.log('FAILED', e)).then(done);
