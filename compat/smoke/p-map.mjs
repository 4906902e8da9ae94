import pMap, { pMapSkip, pMapIterable } from 'p-map';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const result = await pMap([30, 10, 20], async (ms, i) => { await sleep(ms); return `${i}:${ms}`; }, { concurrency: 2 });
console.log(result);
console.log(await pMap([1, 2, 3, 4], (x) => (x % 2 ? x : pMapSkip)));
try { await pMap([1, 2, 3], async (x) => { if (x > 1) throw new Error(`bad ${x}`); return x; }, { stopOnError: false }); } catch (e) { console.log(e.name, e.errors.map((x) => x.message)); }
const out = [];
for await (const v of pMapIterable([3, 2, 1], async (x) => { await sleep(x * 5); return x; }, { concurrency: 2 })) out.push(v);
console.log(out);
