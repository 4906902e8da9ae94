// The differential suite's evaluator (t/36-node-diff.t): evaluates each
// expression of the request body (a JSON array of strings) and answers the
// list of canonical results.  The same file runs under node
// (t/runtime/_diff/record) to record node's answers, so the two sides
// print values with this one function, not with their own inspect.
function show(v, depth) {
  depth = depth || 0;
  if (depth > 6) return '...';
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
  case 'string': return JSON.stringify(v);
  case 'number': return v === 0 && 1 / v < 0 ? '-0' : String(v);
  case 'boolean': return String(v);
  case 'function': return 'function';
  case 'bigint': return String(v) + 'n';
  case 'symbol': return 'symbol';
  }
  if (v instanceof Error)
    return 'Error(' + v.name + ',' + v.code + ',' + JSON.stringify(String(v.message)) + ')';
  if (typeof Buffer === 'function' && Buffer.isBuffer(v)) {
    var hex = '';
    for (var b = 0; b < v.length; b++) hex += (v[b] < 16 ? '0' : '') + v[b].toString(16);
    return 'Buffer<' + hex + '>';
  }
  if (v instanceof ArrayBuffer) return 'ArrayBuffer(' + v.byteLength + ')';
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    var items = [];
    for (var i = 0; i < v.length; i++) items.push(show(v[i]));
    var p = Object.getPrototypeOf(v);
    return (p && p.constructor ? p.constructor.name : '?') + '[' + items.join(',') + ']';
  }
  if (Array.isArray(v)) {
    var a = [];
    for (var j = 0; j < v.length; j++) a.push(show(v[j], depth + 1));
    return '[' + a.join(',') + ']';
  }
  if (v instanceof Date) return 'Date(' + (isNaN(v.getTime()) ? 'Invalid' : v.toISOString()) + ')';
  if (v instanceof RegExp) return String(v);
  if (typeof Map === 'function' && v instanceof Map) {
    var m = [];
    v.forEach(function (val, k) { m.push(show(k, depth + 1) + '=>' + show(val, depth + 1)); });
    return 'Map{' + m.join(',') + '}';
  }
  if (typeof Set === 'function' && v instanceof Set) {
    var s = [];
    v.forEach(function (val) { s.push(show(val, depth + 1)); });
    return 'Set{' + s.join(',') + '}';
  }
  if (typeof v.then === 'function') return 'Promise';
  var keys = Object.keys(v), o = [];
  for (var k = 0; k < keys.length; k++) o.push(JSON.stringify(keys[k]) + ':' + show(v[keys[k]], depth + 1));
  return '{' + o.join(',') + '}';
}

function evaluate(src) {
  try {
    return show(new Function('require', 'return (' + src + '\n);')(require));
  } catch (e) {
    return 'THROW ' + (e && e.name) + ' ' + (e && e.code) + ' ' + JSON.stringify(String(e && e.message));
  }
}

module.exports = function (req, res) {
  var list = req.body, out = [];
  for (var i = 0; i < list.length; i++) out.push(evaluate(list[i]));
  res.json(out);
};
