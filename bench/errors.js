// bench/errors.js - what making an error costs (issue 26): µs per
// operation for `new Error()` near the top of the stack and 30 calls
// deep, with its .stack read, thrown and caught, an error the engine makes
// (a property of undefined), and JSON.stringify of a small object (which
// errors.js wraps to explain a cycle); the median of ROUNDS timed batches
// of BATCH operations after a warm-up, for the same script under node and
// under `invoke exec` (bench/errors.sh).  Prints one JSON line.
const ROUNDS = Number(process.argv[2] || 9);
const BATCH = 2000;

const timed = require('./median.js');
function median(f) { return Math.round(timed(f, ROUNDS, BATCH, BATCH) * 100) / 100; }
function deep(n, f) { return n === 0 ? f() : deep(n - 1, f) + 0; }

let sink;
const small = { id: 42, name: 'widget', tags: ['a', 'b'], price: 9.5 };
const out = {
  newError: median(() => { sink = new Error('failed'); }),
  newErrorDeep: median(() => deep(30, () => { sink = new Error('failed'); return 0; })),
  deepCallsOnly: median(() => deep(30, () => 0)),
  newErrorStack: median(() => { sink = new Error('failed').stack; }),
  throwCatch: median(() => { try { throw new Error('failed'); } catch (e) { sink = e; } }),
  engineError: median(() => { try { const o = {}; o.a.b; } catch (e) { sink = e; } }),
  engineErrorMessage: median(() => { try { undefinedName; } catch (e) { sink = e.message; } }),
  jsonStringify: median(() => { sink = JSON.stringify(small); }),
};
console.log(JSON.stringify(out));
