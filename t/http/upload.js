// Streamed uploads: a body written with write() before end() goes out as
// it is written (chunked, or with the Content-Length the caller set), with
// write()'s false and 'drain' for backpressure; a stream piped in with
// pipeline().
const http = require('http');
const crypto = require('crypto');
const { pipeline } = require('stream/promises');
const { Readable } = require('stream');
const { HTTP, body, done } = require('./lib.js');

function response(req) {
  return new Promise((resolve, reject) => {
    req.on('response', async (res) => resolve({ status: res.statusCode, json: JSON.parse(await body(res)) }));
    req.on('error', reject);
  });
}

const CHUNK = 65536, N = 12;
const chunk = (i) => Buffer.alloc(CHUNK, 97 + i % 26);
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const all = sha(Buffer.concat(Array.from({ length: N }, (_, i) => chunk(i))));

function show(what, r, extra) {
  console.log(what, r.status, r.json.body.length, sha(r.json.body) === all,
              r.json.headers['transfer-encoding'], r.json.headers['content-length'], extra);
}

async function byHand(headers) {
  const req = http.request(HTTP + '/fn/echo', { method: 'POST', headers });
  const got = response(req);
  let falses = 0, drains = 0;
  req.on('drain', () => drains++);
  for (let i = 0; i < N; i++) {
    if (!req.write(chunk(i))) {
      falses++;
      if (!req.writableNeedDrain) console.log('false without writableNeedDrain');
      await new Promise((resolve) => req.once('drain', resolve));
    }
  }
  req.end();
  show(headers ? 'declared' : 'chunked', await got, [falses > 0, drains === falses]);
}

(async () => {
  await byHand();
  await byHand({ 'Content-Length': String(N * CHUNK) });

  // a generator piped in
  const req = http.request(HTTP + '/fn/echo', { method: 'PUT' });
  const got = response(req);
  async function* gen() { for (let i = 0; i < N; i++) yield chunk(i); }
  await pipeline(Readable.from(gen()), req);
  const r = await got;
  show('pipeline', r, r.json.method);

  // write() then end(chunk)
  const req2 = http.request(HTTP + '/fn/echo', { method: 'POST' });
  const got2 = response(req2);
  console.log(req2.write('a'), req2.writableNeedDrain);
  req2.end('b');
  const r2 = await got2;
  console.log(r2.status, JSON.stringify(r2.json.body), r2.json.headers['transfer-encoding']);
  done();
})();
