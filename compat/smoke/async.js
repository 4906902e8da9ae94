const async = require('async');
(async () => {
  const out = await async.mapLimit([1, 2, 3, 4], 2, async (x) => x * 10);
  console.log(out);
  console.log(await async.series([async () => 'one', async () => 'two']));
  console.log(await async.parallel({ a: async () => 1, b: async () => 2 }));
  const r = await async.waterfall([(cb) => cb(null, 1, 2), (a, b, cb) => cb(null, a + b), (c, cb) => cb(null, c * 10)]);
  console.log(r);
  const q = async.queue((task, cb) => { console.log('task', task.name); cb(); }, 1);
  q.push([{ name: 'foo' }, { name: 'bar' }]);
  await q.drain();
  console.log(await async.filter([1, 5, 3, 8], async (x) => x > 2));
  console.log(await async.retry(3, async () => 'ok'));
  async.auto({ a: (cb) => cb(null, 1), b: ['a', (res, cb) => cb(null, res.a + 1)] }, (err, res) => console.log('auto', err, res));
})();
