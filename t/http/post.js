// A body written in pieces, headers set and removed, the options forms,
// a body piped in from a stream.
const http = require('http');
const { Readable } = require('stream');
const { HTTP, body, done } = require('./lib.js');
const u = new URL(HTTP);

function echo(req) {
  return new Promise((resolve, reject) => {
    req.on('response', async (res) => resolve({ status: res.statusCode, json: JSON.parse(await body(res)) }));
    req.on('error', reject);
  });
}

(async () => {
  const req = http.request(HTTP + '/fn/echo?a=1', { method: 'post' });
  req.setHeader('Content-Type', 'text/plain');
  req.setHeader('X-Test', ['a', 'b']);
  req.setHeader('X-Gone', 'x');
  console.log(req.getHeader('x-test'), req.getHeader('content-type'), req.hasHeader('X-GONE'));
  req.removeHeader('x-gone');
  console.log(req.getHeaderNames().join(','), req.method, req.path);
  console.log(req.write('one,'), req.write(Buffer.from('two,')));
  req.end('three');
  let r = await echo(req);
  console.log(r.status, r.json.method, JSON.stringify(r.json.body), r.json.query.a,
              r.json.headers['x-test'], r.json.headers['content-type'], r.json.headers['x-gone']);
  try { req.setHeader('X-Late', '1'); } catch (e) { console.log(e.code, e.message); }

  // options object
  const req2 = http.request({ hostname: u.hostname, port: u.port, path: '/fn/echo', method: 'PUT',
                              headers: { 'content-type': 'application/json' } });
  req2.end(JSON.stringify({ k: 'v' }));
  r = await echo(req2);
  console.log(r.status, r.json.method, r.json.body, r.json.headers['content-type']);

  // a stream piped into the request
  const req3 = http.request(HTTP + '/fn/echo', { method: 'POST' });
  Readable.from(['p', 'i', 'p', 'e', 'd']).pipe(req3);
  r = await echo(req3);
  console.log(r.status, r.json.method, r.json.body);

  // a POST without a body
  const req4 = http.request(HTTP + '/fn/echo', { method: 'POST' });
  req4.end();
  r = await echo(req4);
  console.log(r.status, r.json.method, JSON.stringify(r.json.body), r.json.headers['content-length']);

  // auth from the URL, the Host header
  const req5 = http.get('http://user:p%40ss@' + u.host + '/fn/echo');
  r = await echo(req5);
  console.log(r.json.headers.authorization, r.json.headers.host === u.host);
  try { http.request(HTTP, { method: 'BAD METHOD' }); } catch (e) { console.log(e.code, e.message); }
  for (const [name, value] of [['bad name', 'x'], ['X-Ok', 'a\nb'], ['X-Undef', undefined]]) {
    const q = http.request(HTTP);
    q.on('error', () => {});
    try { q.setHeader(name, value); } catch (e) { console.log(e.code, e.message); }
    q.destroy();
  }
  try { http.request(HTTP, { path: '/a b' }); } catch (e) { console.log(e.code, e.message); }
})().catch((e) => console.log('FAILED', e)).then(done);
