// GET /stream — each res.write() reaches the client as it is written.
module.exports = function (req, res) {
  var n = 0;
  res.type('application/x-ndjson');
  return new Promise(function (resolve) {
    var timer = setInterval(function () {
      n++;
      res.write(JSON.stringify({ tick: n, at: new Date().toISOString() }) + '\n');
      if (n === 5) {
        clearInterval(timer);
        res.end();
        resolve();
      }
    }, 200);
  });
};
