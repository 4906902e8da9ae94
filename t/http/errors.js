// Redirects are not followed; errors as Node's sockets report them;
// destroy, abort, timeouts and abort signals, and their events' order.
const http = require('http');
const { HTTP, body, outcome, show, done } = require('./lib.js');

function watch(req, log) {
  for (const ev of ['abort', 'timeout', 'close']) req.on(ev, () => log.push(ev));
  req.on('error', (e) => log.push('error ' + show(e)));
}

(async () => {
  let o = await outcome(http.get(HTTP + '/r301'));
  console.log('301', o.res.statusCode, o.res.headers.location, (await body(o.res)).length > 0);
  o = await outcome(http.request(HTTP + '/r307', { method: 'POST' }).end('x'));
  console.log('307', o.res.statusCode, o.res.headers.location);
  o.res.resume();

  const refused = http.get('http://127.0.0.1:1/');
  o = await outcome(refused);
  console.log(show(o.err), o.err.errno, o.err.syscall, o.err.address, o.err.port);

  for (const bad of ['nope', 'http://', '://x']) {
    try { http.get(bad); } catch (e) { console.log(JSON.stringify(bad), show(e), e.input); }
  }
  for (const bad of ['ftp://127.0.0.1/', 'https://127.0.0.1/']) {
    try { http.get(bad); } catch (e) { console.log(bad, show(e)); }
  }

  // destroy before the response: socket hang up
  let log = [];
  let req = http.get(HTTP + '/fn/sleep?ms=2000');
  watch(req, log);
  setTimeout(() => req.destroy(), 100);
  await new Promise((r) => req.on('close', r));
  console.log('destroy:', log.join('; '), req.destroyed);

  // destroy with an error
  log = [];
  req = http.get(HTTP + '/fn/sleep?ms=2000');
  watch(req, log);
  setTimeout(() => req.destroy(new Error('mine')), 100);
  await new Promise((r) => req.on('close', r));
  console.log('destroy(err):', log.join('; '));

  // abort()
  log = [];
  req = http.get(HTTP + '/fn/sleep?ms=2000');
  watch(req, log);
  setTimeout(() => req.abort(), 100);
  await new Promise((r) => req.on('close', r));
  console.log('abort:', log.join('; '), req.aborted);

  // setTimeout: 'timeout', and the listener ends the request
  log = [];
  req = http.get(HTTP + '/fn/sleep?ms=2000');
  watch(req, log);
  req.setTimeout(200, () => { log.push('cb'); req.destroy(); });
  await new Promise((r) => req.on('close', r));
  console.log('setTimeout:', log.join('; '));

  // the timeout option
  log = [];
  req = http.get(HTTP + '/fn/sleep?ms=2000', { timeout: 150 });
  watch(req, log);
  req.on('timeout', () => req.destroy(new Error('too slow')));
  await new Promise((r) => req.on('close', r));
  console.log('timeout option:', log.join('; '));

  // a timeout that does not fire
  log = [];
  req = http.get(HTTP + '/small.txt', { timeout: 5000 });
  watch(req, log);
  o = await outcome(req);
  await body(o.res);
  await new Promise((r) => setTimeout(r, 50));
  console.log('no timeout:', log.join('; '));

  // an AbortSignal
  log = [];
  const ac = new AbortController();
  req = http.get(HTTP + '/fn/sleep?ms=2000', { signal: ac.signal });
  watch(req, log);
  setTimeout(() => ac.abort(), 100);
  await new Promise((r) => req.on('close', r));
  console.log('signal:', log.join('; '));

  // destroying the request while the body comes: the response is aborted
  log = [];
  o = await outcome(http.get(HTTP + '/slow.bin'));
  o.res.on('aborted', () => log.push('res aborted'));
  o.res.on('error', (e) => log.push('res error ' + show(e)));
  o.res.on('close', () => log.push('res close'));
  o.res.once('data', () => o.res.req.destroy());
  await new Promise((r) => o.res.on('close', r));
  await new Promise((r) => setTimeout(r, 50));
  console.log('mid-body:', log.join('; '), o.res.aborted, o.res.complete);

  // write after end
  req = http.request(HTTP + '/fn/echo', { method: 'POST' });
  req.end('a');
  req.on('error', (e) => console.log('after end:', show(e)));
  req.write('b');
  o = await outcome(req);
  if (o.res) o.res.resume();
  await new Promise((r) => setTimeout(r, 50));
})().catch((e) => console.log('FAILED', e)).then(done);
