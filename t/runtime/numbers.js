// t/runtime/numbers.js - numbers to text and back (t/98-numbers.t runs it
// under node and under `invoke exec` and compares): String, JSON.stringify
// and template literals of doubles of every kind, and JSON.parse of decimal
// text of every length, from a fixed generator so both runs see the same.
'use strict';
let seed = 12345;
function rnd(n) {   // an integer in [0, n), n <= 2^24
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor(seed / 128) % n;
}
const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
function show(v) { return Object.is(v, -0) ? '-0' : String(v); }
const out = [];
const fixed = [0, -0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 123.45, -123.45, 1e21, 1e20, 999999999999999900000,
  1.5e-7, 1e-7, 1.2e-6, 0.000001, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
  2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** -20, 2 ** 70, 4294967296.5, 4294967295, 4294967296, -4294967297,
  100000000000000.5, 1e22, 9.999999999999999e22, 12345678901234567, 0.5, 1.25e-5, Infinity, -Infinity, NaN];
for (const x of fixed) out.push(`${String(x)} ${JSON.stringify(x)} ${x} ${[x, -x].join()}`);
// doubles from random bits, and short decimals at every scale
for (let i = 0; i < 3000; i++) {
  u32[0] = rnd(1 << 16) * 65536 + rnd(1 << 16);
  u32[1] = rnd(1 << 16) * 65536 + rnd(1 << 16);
  const x = f64[0];
  out.push(String(x) + ' ' + JSON.stringify([x]));
}
for (let i = 0; i < 3000; i++) {
  const digits = 1 + rnd(17);
  let m = String(1 + rnd(9));
  for (let d = 1; d < digits; d++) m += rnd(10);
  const x = JSON.parse(m + 'e' + (rnd(60) - 30));
  out.push(String(x) + ' ' + String(x / 7) + ' ' + `${-x}`);
}
for (let i = 0; i < 2000; i++) out.push(String(rnd(10000000) / 100) + ' ' + (rnd(100000) / 1000).toString());
// JSON.parse of decimal text: integer, fraction and exponent parts of
// random lengths, leading zeros after the point, long mantissas
for (let i = 0; i < 4000; i++) {
  let s = rnd(4) === 0 ? '-' : '';
  const ip = rnd(25);
  s += ip === 0 ? '0' : String(1 + rnd(9));
  for (let d = 1; d < ip; d++) s += rnd(10);
  if (rnd(2)) {
    s += '.';
    const fp = 1 + rnd(25);
    for (let d = 0; d < fp; d++) s += rnd(3) === 0 ? '0' : rnd(10);
  }
  if (rnd(3) === 0) s += (rnd(2) ? 'e' : 'E') + ['', '+', '-'][rnd(3)] + rnd(rnd(2) ? 30 : 400);
  out.push(s + ' ' + show(JSON.parse(s)) + ' ' + show(JSON.parse('[' + s + ']')[0]));
}
for (const s of ['-0', '0.0', '-0.0e5', '1e400', '-1e400', '1e-400', '4.9e-324', '2.4e-324', '2.5e-324',
  '9007199254740993', '9007199254740995', '1.00000000000000011102230246251565404236316680908203125',
  '123456789012345678901234567890123456789012345', '0.' + '0'.repeat(400) + '1', '1' + '0'.repeat(400)])
  out.push(s.slice(0, 60) + ' ' + show(JSON.parse(s)));
for (const s of ['01', '1.', '.5', '-', '1e', '+1', '1.e5', '00', '-01', '1.2.3', '1e5e5', '--1', '1-'])
  try { out.push(s + ' ' + show(JSON.parse(s))); } catch (e) { out.push(s + ' ' + e.name); }
// toFixed: every digit count of the fixed cases and of halves at every
// place (exact ties round up, ECMAScript's larger n), then random doubles
// below 1e21 from bits, prices and short decimals
for (const x of fixed.concat([0.5, 1.5, 2.5, -2.5, 1.125, 1.005, 0.045, 9.995, 99.5, 999.95, -0.001, 9.5e20,
  8.345, 0.375, -0.5, 4.35, 1e-10, 4503599627370495.5, 0.9999999, 9.9999, -9.5])) {
  const row = [];
  for (let d = 0; d <= 20; d++) row.push(x.toFixed(d));
  out.push(row.join(' '));
}
for (let i = 0; i < 2000; i++) {
  const x = (rnd(1 << 20) - (1 << 19)) / [1, 2, 4, 8, 16, 32, 1024, 1 << 20, 1 << 24][rnd(9)];
  out.push(x.toFixed(rnd(21)) + ' ' + x.toFixed(rnd(4)));
}
for (let i = 0; i < 2000; i++) {
  u32[0] = rnd(1 << 16) * 65536 + rnd(1 << 16);
  u32[1] = rnd(1 << 16) * 65536 + rnd(1 << 16);
  const x = f64[0];
  out.push(Math.abs(x) < 1e21 ? x.toFixed(rnd(21)) : x.toFixed(2));
}
for (let i = 0; i < 1000; i++) {
  const x = JSON.parse((rnd(2) ? '-' : '') + rnd(100000) + '.' + rnd(100000) + 'e' + (rnd(30) - 20));
  out.push((rnd(10000000) / 100).toFixed(2) + ' ' + x.toFixed(rnd(21)));
}
console.log(out.join('\n'));
