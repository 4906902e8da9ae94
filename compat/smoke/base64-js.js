const base64js = require('base64-js');
const bytes = new TextEncoder().encode('Hello, wörld! 😀');
const b64 = base64js.fromByteArray(bytes);
console.log(b64, base64js.byteLength(b64), new TextDecoder().decode(base64js.toByteArray(b64)));
console.log(Array.from(base64js.toByteArray('AQID')), base64js.fromByteArray(new Uint8Array([251, 255])), Array.from(base64js.toByteArray('-_8=')), base64js.fromByteArray(new Uint8Array(0)));
try { base64js.toByteArray('abc'); } catch (e) { console.log(e.message); }
