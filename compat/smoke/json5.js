const JSON5 = require('json5');
const obj = JSON5.parse(`{
  // comments
  unquoted: 'and you can quote me on that',
  singleQuotes: 'I can use "double quotes" here',
  lineBreaks: "Look, Mom! \\
No \\\\n's!",
  hexadecimal: 0xdecaf,
  leadingDecimalPoint: .8675309, andTrailing: 8675309.,
  positiveSign: +1,
  trailingComma: 'in objects', andIn: ['arrays',],
  infinity: Infinity, nan: NaN,
  "backwardsCompatible": "with JSON",
}`);
console.log(obj);
console.log(JSON5.stringify({ a: 1, 'b-c': [1, 'x'], d: { e: Infinity }, f: "it's" }), JSON5.stringify({ a: [1, 2] }, null, 2));
console.log(JSON5.stringify({ q: 'x' }, { quote: '"' }), JSON5.parse('[1, /* c */ 2]', (k, v) => (typeof v === 'number' ? v * 10 : v)));
try { JSON5.parse('{a: }'); } catch (e) { console.log(e.name, e.message, e.lineNumber, e.columnNumber); }
