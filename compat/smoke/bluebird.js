const Promise = require('bluebird');
(async () => {
  console.log(await Promise.map([1, 2, 3], (x) => Promise.delay(5).then(() => x * 2), { concurrency: 2 }));
  console.log(await Promise.props({ a: Promise.resolve(1), b: 2 }));
  console.log(await Promise.reduce([1, 2, 3, 4], (acc, x) => acc + x, 0));
  console.log(await Promise.filter([1, 2, 3, 4], (x) => x % 2 === 0));
  const fn = Promise.promisify((a, cb) => cb(null, a + 1));
  console.log(await fn(41));
  try { await Promise.resolve(1).timeout(10).then(() => Promise.reject(new TypeError('bad'))); } catch (e) { console.log('caught', e.name, e.message); }
  console.log(await Promise.all([1, Promise.resolve(2)]).spread((a, b) => a + b));
  const r = await Promise.any([Promise.reject(new Error('x')), Promise.resolve('y')]);
  console.log(r, await Promise.each(['a', 'b'], (x) => console.log('each', x)));
  console.log(await Promise.try(() => 'tried').finally(() => console.log('finally')));
})();
