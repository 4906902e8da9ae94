// console.* formatting and process.* for t/38-console-process.t: logs a
// fixed set of values and answers what process says about itself.
module.exports = function (req, res) {
  var o = { a: 1, nested: { list: [1, 2, 3], deep: { deeper: { deepest: true } } } };
  o.self = o;
  console.log('plain string', 42, { k: 'v' });
  console.log(o);
  console.info('%s has %d items costing %f', 'cart', 3, 9.5);
  console.warn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  console.error(new TypeError('bad thing'));
  console.count();
  console.count('x');
  console.count();
  console.countReset('x');
  console.count('x');
  console.table([{ a: 1, b: 'y' }, { a: 2, c: true }]);
  console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  console.time('t');
  console.timeEnd('t');
  console.timeEnd('never');
  console.assert(1 === 2, 'math is %s', 'broken');
  console.group('G');
  console.log('inside');
  console.groupEnd();
  console.log('outside');
  var errs = {};
  ['exit', 'kill'].forEach(function (f) {
    try { process[f](0); } catch (e) { errs[f] = e.code; }
  });
  var t = process.hrtime(), d = process.hrtime(t);
  var m0 = process.memoryUsage(), kept = [];
  for (var i = 0; i < 20000; i++) kept.push({ i: i });
  var m1 = process.memoryUsage();
  res.json({
    memoryFigures: { rss: m0.rss > 1e6, heap: m0.heapUsed > 1e5, grows: m1.heapUsed - m0.heapUsed > 1e5 * 5,
                     rssFn: process.memoryUsage.rss() > 1e6, kept: kept.length },
    platform: process.platform, version: process.version, node: process.versions.node,
    cwd: process.cwd() === __dirname, uptime: typeof process.uptime(), hrtime: t.length === 2 && d[0] >= 0,
    memory: Object.keys(process.memoryUsage()), errs: errs,
    secret: process.env.WEBHOOK_SECRET, nextTick: typeof process.nextTick
  });
};
