// bench/compute/micro.js - one line per row of issue 20's table: the best
// of 3 runs in ms (wall clock).  Run the same file with node and with
// `invoke exec` (bench/compute/micro.sh does both, and PHP's micro.php,
// and on a busy machine measures CPU time instead).  An argument runs only
// the rows whose name contains it ("-" none: the set-up alone).
'use strict';
const run = require('./rows.js');
function tmpl(n) {
  let html = '';
  for (let i = 0; i < n; i++) html += `<li>${i}</li>`;
  return html.length;
}
function plus(n) {
  let s = '';
  for (let i = 0; i < n; i++) s = s + i + ',';
  return s.length;
}
function selfTmpl(n) {
  let html = '';
  for (let i = 0; i < n; i++) html = `${html}<li>${i}</li>`;
  return html.length;
}
// Appends to a property, to this, to a keyed entry and to a closure's
// variable: each has its other reference in the object or the scope.
function prop(n) {
  const o = { s: '' };
  for (let i = 0; i < n; i++) o.s += `<li>${i}</li>`;
  return o.s.length;
}
class Page {
  constructor() { this.html = ''; }
  add(i) { this.html += `<li>${i}</li>`; }
}
function method(n) {
  const p = new Page();
  for (let i = 0; i < n; i++) p.add(i);
  return p.html.length;
}
function keyed(n) {
  const out = { a: '', b: '' };
  for (let i = 0; i < n; i++) out[i & 1 ? 'a' : 'b'] += i + ',';
  return out.a.length + out.b.length;
}
function closure(n) {
  let s = '';
  const add = (i) => { s += `<li>${i}</li>`; };
  for (let i = 0; i < n; i++) add(i);
  return s.length;
}
const arr = [];
for (let i = 0; i < 1e6; i++) arr[i] = i;
function forOf() {
  let sum = 0;
  for (const x of arr) sum += x;
  return sum;
}
function index() {
  let sum = 0;
  for (let i = 0; i < arr.length; i++) sum += arr[i];
  return sum;
}
const keys = [];
for (let i = 0; i < 1e5; i++) keys.push('k' + i);
function map() {
  const m = new Map();
  for (let i = 0; i < 1e5; i++) m.set(keys[i], i);
  let sum = 0;
  for (let i = 0; i < 1e5; i++) sum += m.get(keys[i]);
  return sum;
}
function obj() {
  const o = {};
  for (let i = 0; i < 1e5; i++) o[keys[i]] = i;
  let sum = 0;
  for (let i = 0; i < 1e5; i++) sum += o[keys[i]];
  return sum;
}
function push() {
  const a = [];
  for (let i = 0; i < 1e6; i++) a.push(i);
  return a.length;
}
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
const rows = [
  ['html += `<li>${i}</li>` x 20,000 (function)', () => tmpl(20000)],
  ['html += `<li>${i}</li>` x 100,000 (function)', () => tmpl(100000)],
  ['s = s + i + \',\' x 100,000 (function)', () => plus(100000)],
  ['html = `${html}<li>${i}</li>` x 100,000 (function)', () => selfTmpl(100000)],
  ['o.s += `<li>${i}</li>` x 100,000 (a property)', () => prop(100000)],
  ['this.html += `<li>${i}</li>` x 100,000 (a method)', () => method(100000)],
  ['out[k] += i + \',\' x 100,000 (two keys)', () => keyed(100000)],
  ['s += `<li>${i}</li>` x 100,000 (a closure\'s variable)', () => closure(100000)],
  ['for (const x of arr), 1e6 numbers', forOf],
  ['for (let i...) arr[i], 1e6 numbers', index],
  ['Map: 1e5 set + 1e5 get', map],
  ['object: 1e5 set + 1e5 get', obj],
  ['1e6 push', push],
  ['fib(25)', () => fib(25)],
];
run(rows);
