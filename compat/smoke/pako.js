const pako = require('pako');
const input = new TextEncoder().encode('hello hello hello hello world! '.repeat(20));
const deflated = pako.deflate(input, { level: 9 });
console.log(input.length, deflated.length, Buffer.from(deflated).toString('hex').slice(0, 40));
console.log(new TextDecoder().decode(pako.inflate(deflated)).slice(0, 30), pako.inflate(deflated).length);
const gz = pako.gzip('gzip me ✓', { header: { name: 'x.txt', time: 0 } });
console.log(Buffer.from(gz).toString('hex'), new TextDecoder().decode(pako.ungzip(gz)));
const raw = pako.deflateRaw('raw data raw data');
console.log(Buffer.from(raw).toString('base64'), new TextDecoder().decode(pako.inflateRaw(raw)));
const known = Buffer.from('78da4bcbcf070002820145', 'hex');
console.log(new TextDecoder().decode(pako.inflate(known)));
try { pako.inflate(new Uint8Array([1, 2, 3])); } catch (e) { console.log('error', e.message); }
const d = new pako.Deflate({ level: 1 }); d.push('chunk1 ', false); d.push('chunk2', true);
console.log(new TextDecoder().decode(pako.inflate(d.result)), d.err);
