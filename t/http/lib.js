// Shared by the scenarios of t/102-http-client.t: the upstream's bases
// (argv: http base, https base, the CA's PEM, and the base of a server
// that resets uploads) and a reader of whole bodies.
const [HTTP, HTTPS, CA, RESET] = process.argv.slice(2);
function body(res) {
  return new Promise((resolve, reject) => {
    const parts = [];
    res.on('data', (c) => parts.push(c));
    res.on('end', () => resolve(Buffer.concat(parts)));
    res.on('error', reject);
  });
}
// One request's outcome as a promise: the response or the error event.
function outcome(req) {
  return new Promise((resolve) => {
    req.on('response', (res) => resolve({ res }));
    req.on('error', (err) => resolve({ err }));
  });
}
const show = (e) => [e.name, e.code, e.message].join(' | ');
// Node keeps idle keep-alive sockets open: closing them lets it exit.
function done() {
  require('http').globalAgent.destroy();
  require('https').globalAgent.destroy();
}
module.exports = { HTTP, HTTPS, CA, RESET, body, outcome, show, done };
