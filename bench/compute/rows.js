// bench/compute/rows.js - what micro.js and micro-compute.js share: each
// row [name, f] run 3 times, its best time in ms printed with f's result;
// the script's argument runs only the rows whose name contains it ("-"
// none: the set-up alone; "list" prints the names).
'use strict';
function best(f) {
  let min = Infinity, r;
  for (let k = 0; k < 3; k++) {
    const t = Date.now();
    r = f();
    min = Math.min(min, Date.now() - t);
  }
  return [min, r];
}
module.exports = function run(rows) {
  const only = process.argv[2];
  for (const [name, f] of rows) {
    if (only === 'list') { console.log(name); continue; }
    if (only && !name.includes(only)) continue;
    const [ms, r] = best(f);
    console.log(`${name}\t${ms}\t${r}`);
  }
};
