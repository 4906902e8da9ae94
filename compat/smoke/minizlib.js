const { Gzip, Gunzip, Deflate, Inflate, BrotliCompress, BrotliDecompress, constants } = require('minizlib');
const text = 'minizlib streams through node zlib. '.repeat(40);
function run(C, input, opts) {
  const z = new C(opts || {});
  const out = [];
  z.on('data', (c) => out.push(c));
  z.end(input);
  return Buffer.concat(out);
}
const gz = run(Gzip, text, { level: 9 });
console.log(gz.length > 10, gz.subarray(0, 3).toString('hex'), run(Gunzip, gz).toString() === text);
const df = run(Deflate, Buffer.from('hello hello hello'));
console.log(df.toString('hex'), run(Inflate, df).toString());
const br = run(BrotliCompress, text);
console.log(br.toString('base64'), run(BrotliDecompress, br).toString().length);
const z = new Gunzip();
z.on('error', (e) => console.log('error', e.code, e.errno, e.message));
z.end(Buffer.from('not gzip'));
const flushing = new Deflate();
const parts = [];
flushing.on('data', (c) => parts.push(c));
flushing.write('abc');
flushing.flush(constants.Z_SYNC_FLUSH);
console.log('flushed', Buffer.concat(parts).toString('hex'));
flushing.params(1, 0);
flushing.end('def');
console.log(require('zlib').inflateSync(Buffer.concat(parts)).toString());
