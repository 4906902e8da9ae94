// bench/zlib.js - gzip and gunzip of 1 MB of text-like data, ms per
// operation (the median of ROUNDS timed operations, after a warm-up), for
// the same script under node and under `invoke exec` (bench/zlib.sh).
// Prints one JSON line.
const zlib = require('zlib');
const ROUNDS = Number(process.argv[2] || 15);

// 1 MB of words from a fixed generator, lines of varying length: it
// compresses about 3:1, as text does
const words = ('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi ' +
  'rho sigma tau upsilon phi chi psi omega request response header body status').split(' ');
let seed = 42;
const parts = [];
let size = 0;
while (size < 1 << 20) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  const w = words[seed % words.length] + ((seed >> 8) % 11 === 0 ? '\n' : ' ');
  parts.push(w);
  size += w.length;
}
const data = Buffer.from(parts.join('').slice(0, 1 << 20));

function median(f) {
  f();
  const t = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[t.length >> 1] * 100) / 100;
}

const gz = zlib.gzipSync(data);
const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
function streamed() {
  // createGzip fed 64 KB writes, to its 'end': the stream form's cost
  return new Promise((resolve) => {
    const s = zlib.createGzip();
    let n = 0;
    s.on('data', (c) => { n += c.length; });
    s.on('end', () => resolve(n));
    for (let i = 0; i < data.length; i += 65536) s.write(data.subarray(i, i + 65536));
    s.end();
  });
}
async function streamMedian() {
  await streamed();
  const t = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await streamed();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[t.length >> 1] * 100) / 100;
}
const out = {
  bytes: data.length,
  gzBytes: gz.length,
  gzip: median(() => zlib.gzipSync(data)),
  gunzip: median(() => zlib.gunzipSync(gz)),
  brotli5: median(() => zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })),
  unbrotli: median(() => zlib.brotliDecompressSync(br)),
};
streamMedian().then((ms) => {
  out.gzipStream = ms;
  console.log(JSON.stringify(out));
});
