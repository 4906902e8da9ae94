// require('fs') and require('fs/promises') for t/39-fs.t: reads inside the
// functions root work, writes and anything outside the root fail with
// Node's kind of error.
var fs = require('fs');
var fsp = require('fs/promises');

function code(f) {
  try { f(); return 'no error'; } catch (e) { return e.code + ' ' + e.syscall + ' ' + e.message; }
}

module.exports = function (req, res) {
  var out = {};
  out.text = fs.readFileSync(__dirname + '/_data/hello.txt', 'utf8');
  out.relative = fs.readFileSync('_data/hello.txt', { encoding: 'utf8' });
  out.buffer = Buffer.isBuffer(fs.readFileSync('_data/hello.txt'));
  out.stat = [fs.statSync('_data/hello.txt').isFile(), fs.statSync('_data').isDirectory(), fs.statSync('_data/hello.txt').size];
  out.exists = [fs.existsSync('_data/hello.txt'), fs.existsSync('_data/nope.txt'), fs.existsSync('/etc/passwd')];
  out.readdir = fs.readdirSync('_data');
  out.missing = code(function () { fs.readFileSync('_data/nope.txt'); });
  out.escape = code(function () { fs.readFileSync('../../../../../etc/passwd'); });
  out.absolute = code(function () { fs.readFileSync('/etc/passwd'); });
  out.write = code(function () { fs.writeFileSync('_data/new.txt', 'x'); });
  out.mkdir = code(function () { fs.mkdirSync('_data/dir'); });
  out.unlink = code(function () { fs.unlinkSync('_data/hello.txt'); });
  out.readdirOutside = code(function () { fs.readdirSync('/etc'); });
  fs.readFile('_data/hello.txt', 'utf8', function (err, text) {
    out.callback = [err, text];
    fsp.readFile('_data/hello.txt', 'utf8').then(function (t) {
      out.promise = t;
      return fsp.writeFile('_data/x', 'y');
    }).then(function () { out.promiseWrite = 'no error'; }, function (e) { out.promiseWrite = e.code; })
      .then(function () { res.json(out); });
  });
};
