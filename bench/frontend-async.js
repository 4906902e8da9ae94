// bench/frontend-async.js - what await, generators and promises cost on
// Duktape coroutines.  Run: invoke exec bench/frontend-async.js
const N = 4000;
function time(label, fn) {
  const t = performance.now();
  return Promise.resolve(fn()).then(() => {
    print(`| ${label} | ${((performance.now() - t) * 1000 / N).toFixed(1)} µs |`);
  });
}
async function f(i) { await null; return i; }
(async () => {
  print('| operation (each of 4,000) | cost |');
  print('| --- | --- |');
  await time('`await null` in a loop', async () => { for (let i = 0; i < N; i++) await null; });
  await time('call an async function that awaits, and await it', async () => { for (let i = 0; i < N; i++) await f(i); });
  await time('generator step (`for…of` over `yield`)', () => { function* g() { for (let i = 0; i < N; i++) yield i; } for (const v of g()) void v; });
  await time('`Promise.resolve().then()` hop', () => new Promise((done) => {
    let k = 0;
    function step() { if (++k < N) Promise.resolve(null).then(step); else done(); }
    step();
  }));
  await time('`new Map` set + get', () => { const m = new Map(); for (let i = 0; i < N; i++) m.set('k' + i, i); for (let i = 0; i < N; i++) m.get('k' + i); });
})();
