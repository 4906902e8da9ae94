import pLimit from 'p-limit';
const limit = pLimit(2);
let running = 0, maxRunning = 0;
const order = [];
const task = (i, ms) => limit(async () => {
  running++; maxRunning = Math.max(maxRunning, running);
  await new Promise((r) => setTimeout(r, ms));
  order.push(i); running--;
  return i * 10;
});
const results = await Promise.all([task(1, 50), task(2, 5), task(3, 5), task(4, 5)]);
console.log(results, order, maxRunning, limit.activeCount, limit.pendingCount, limit.concurrency);
limit.concurrency = 3;
console.log(limit.concurrency, await limit.map([1, 2, 3], async (x) => x + 1));
limit(() => Promise.reject(new Error('boom'))).catch((e) => console.log('rejected', e.message));
