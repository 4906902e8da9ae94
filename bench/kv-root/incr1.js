// bench/kv-repl.pl: one kv.incr per request (the request-rate figure).
module.exports = function (req, res) {
  return kv.incr('bench:one').then(function (n) { res.json({ n: n }); });
};
