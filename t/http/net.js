// What HTTP client packages take from net, tls and http2 as they load.
const net = require('net');
const tls = require('node:tls');
const http2 = require('http2');
const { done } = require('./lib.js');

for (const s of ['1.2.3.4', '01.2.3.4', '256.1.1.1', '::', '::1', '1:2:3:4:5:6:7:8', '1::2::3',
                 '::ffff:1.2.3.4', 'fe80::1%eth0', '12345::', 'localhost', '', 5]) {
  console.log(JSON.stringify(s), net.isIP(s), net.isIPv4(s), net.isIPv6(s));
}
console.log(typeof net.Socket, typeof net.connect, typeof net.createConnection, typeof tls.connect,
            typeof tls.TLSSocket, new tls.TLSSocket() instanceof net.Socket);
console.log(tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, tls.DEFAULT_ECDH_CURVE);
const c = http2.constants;
console.log(c.HTTP2_HEADER_STATUS, c.HTTP2_HEADER_METHOD, c.HTTP2_HEADER_PATH, c.HTTP2_HEADER_SCHEME,
            c.HTTP2_HEADER_AUTHORITY, c.HTTP2_HEADER_CONTENT_TYPE);
// axios takes its http adapter only where process says [object process]
console.log(Object.prototype.toString.call(process));
done();
