import { gzipSize, gzipSizeSync, gzipSizeStream } from 'gzip-size';
const text = 'Lorem ipsum dolor sit amet. '.repeat(10);
console.log(text.length, gzipSizeSync(text), gzipSizeSync(Buffer.from(text), { level: 1 }));
console.log(await gzipSize(text));
const s = gzipSizeStream();
s.on('gzip-size', (n) => console.log('stream', n));
s.end(text);
