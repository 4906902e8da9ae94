// bench/compute/micro-top.js - string building at a script's top level
// (a module's top level in node and in invoke alike), once.
var t = Date.now();
var s = '';
if (process.argv[2] !== '-') for (var i = 0; i < 100000; i++) s += i + ',';
console.log("s += i + ',' x 100,000 (top level)\t" + (Date.now() - t) + '\t' + s.length);
