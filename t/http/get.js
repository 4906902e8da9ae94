// GET: status line, headers as Node joins them, the body as data events,
// setEncoding, async iteration of 1 MB, and the order of the events.
const http = require('http');
const crypto = require('crypto');
const { HTTP, body, done } = require('./lib.js');

(async () => {
  const events = [];
  const res = await new Promise((resolve, reject) => {
    const req = http.get(HTTP + '/small.txt', resolve);
    req.on('error', reject);
    for (const ev of ['socket', 'finish', 'response', 'close']) req.on(ev, () => events.push('req ' + ev));
  });
  for (const ev of ['end', 'close']) res.on(ev, () => events.push('res ' + ev));
  console.log(res.statusCode, res.statusMessage, res.httpVersion, res.complete);
  console.log(res.headers['content-type'], res.headers['content-length'], res.headers['x-up']);
  console.log(Object.keys(res.headers).filter((k) => !/date|modified|etag/.test(k)).join(','));
  console.log(res.rawHeaders.filter((_, i) => i % 2 === 0).join(','));
  console.log(res.headersDistinct['x-up']);
  res.setEncoding('utf8');
  let text = '';
  res.on('data', (c) => { text += c; events.push('data ' + typeof c); });
  await new Promise((r) => res.on('end', r));
  await new Promise((r) => setTimeout(r, 50));
  console.log(JSON.stringify(text), res.complete);
  console.log(events.join('; '));

  const big = await new Promise((resolve) => http.get(HTTP + '/1mb.bin', resolve));
  const h = crypto.createHash('sha256');
  let n = 0;
  for await (const chunk of big) { h.update(chunk); n += chunk.length; }
  console.log('1mb', big.statusCode, n, h.digest('hex'));

  // a URL object and (url, options, cb)
  const r2 = await new Promise((resolve) => http.get(new URL(HTTP + '/small.txt?x=1'), resolve));
  console.log('URL object', r2.statusCode, (await body(r2)).toString().trim());
  const r3 = await new Promise((resolve) => http.request(HTTP + '/nothing', { method: 'GET' }, resolve).end());
  console.log('404', r3.statusCode, r3.statusMessage);
  r3.resume();
  // HEAD: headers, no body
  const r4 = await new Promise((resolve) => http.request(HTTP + '/small.txt', { method: 'HEAD' }, resolve).end());
  console.log('HEAD', r4.statusCode, r4.headers['content-length'], (await body(r4)).length);
  // a compressed body is handed over as sent
  const r5 = await new Promise((resolve) => http.get(HTTP + '/data.json', { headers: { 'Accept-Encoding': 'gzip' } }, resolve));
  const gz = await body(r5);
  console.log('gzip', r5.headers['content-encoding'], gz[0].toString(16), gz[1].toString(16));
})().catch((e) => console.log('FAILED', e)).then(done);
