// bench/compute/micro-compute.js - the costly parts of the compute scenario
// (bench/invoke/compute.js) as micro-benchmarks, run as micro.js's are
// (rows.js).  A file of its own: micro.js's set-up keeps arrays of 1e6
// and 1e5 elements alive, which every garbage collection on Duktape walks,
// and that would be counted against JSON here.
'use strict';
const run = require('./rows.js');
const records = [];
for (let i = 0; i < 10000; i++)
  records.push({ id: i, cat: 'c' + (i * 7919 % 97), name: 'item ' + i, price: (i * 104729 % 100000) / 100, qty: i % 13 });
const json = JSON.stringify({ records: records.slice(0, 3100) });
const rows = [
  ['JSON.stringify of 3,100 records (200 KB)', () => JSON.stringify({ records: records.slice(0, 3100) }).length],
  ['JSON.parse of the same 200 KB', () => JSON.parse(json).records.length],
  ['sort 10,000 records with a comparator', () => records.slice().sort((a, b) => b.price - a.price || a.id - b.id).length],
  ['Map: group 10,000 records by 97 keys', () => {
    const m = new Map();
    for (const r of records) {
      let g = m.get(r.cat);
      if (!g) m.set(r.cat, g = []);
      g.push(r);
    }
    return m.size;
  }],
];
run(rows);
