// bench/median.js - the median, in µs per call, of ROUNDS timed batches of
// BATCH calls of f, after WARM untimed calls: bench/sign.js and
// bench/errors.js, under node and under `invoke exec` alike.
module.exports = function median(f, rounds, batch, warm) {
  for (let i = 0; i < warm; i++) f();
  const t = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) f();
    t.push((performance.now() - t0) * 1000 / batch);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1];
};
