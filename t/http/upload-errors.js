// Streamed uploads that fail: http.request with req.write() chunks to an
// address nothing listens on, and to a server (argv's fourth, RESET) that
// reads the head and 100 KB of the body, then resets the connection.
// Each tells its 'error' once, with node's code, then 'close', and stops
// writing; the paced upload (a write every 50 ms) learns of the reset
// reading, as node's does ("read ECONNRESET"); the one written as fast
// as 'drain' allows is shown by its code only, since which call finds
// the reset (node's write, libcurl's read) is the machine's timing.
const http = require('http');
const { HTTP, RESET, show, done } = require('./lib.js');

function upload(label, url, paced, full) {
  return new Promise((resolve) => {
    const log = [];
    let written = 0, errors = 0;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' } });
    req.on('response', (res) => { log.push('response ' + res.statusCode); res.resume(); });
    req.on('error', (e) => { errors++; log.push('error ' + (full ? show(e) + ' ' + e.errno + ' ' + e.syscall : e.code + ' ' + e.errno)); });
    req.on('close', () => {
      log.push('close');
      console.log(label, log.join('; '), '| destroyed', req.destroyed, '| errors', errors, '| stopped early', written < 64);
      resolve();
    });
    (async () => {
      while (written < 64 && !req.destroyed) {
        const ok = req.write(Buffer.alloc(65536, 120));
        written++;
        if (paced) await new Promise((r) => setTimeout(r, 50));
        else if (!ok) await new Promise((r) => {
          const f = () => { req.off('drain', f); req.off('close', f); r(); };
          req.on('drain', f);
          req.on('close', f);
        });
      }
      if (!req.destroyed) req.end();
    })();
  });
}

(async () => {
  await upload('refused', 'http://127.0.0.1:1/up', false, true);
  await upload('refused chunked, paced', 'http://127.0.0.1:1/up', true, true);
  await upload('reset', RESET + '/up', false, false);
  await upload('reset, paced', RESET + '/up', true, true);
  // a request after them goes through
  const r = await new Promise((resolve) => http.get(HTTP + '/small.txt', (res) => { res.resume(); resolve(res.statusCode); })
    .on('error', (e) => resolve(e.code)));
  console.log('after', r);
  done();
})();
