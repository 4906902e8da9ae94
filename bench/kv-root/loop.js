// bench/kv.pl: N kv operations inside one request; answers the time taken.
module.exports = function (req, res) {
  var op = req.query.op, n = +req.query.n || 10000, key = 'bench:' + (req.query.key || 'k');
  var i, t0, ps = [];
  return kv.set(key, 1).then(function () {
    t0 = Date.now();
    for (i = 0; i < n; i++) {
      if (op === 'get') ps.push(kv.get(key));
      else if (op === 'set') ps.push(kv.set(key + (i % 1000), { i: i, s: 'value' }));
      else ps.push(kv.incr(key));
      if (ps.length >= 1000) ps = [];
    }
    res.json({ op: op, n: n, ms: Date.now() - t0 });
  });
};
