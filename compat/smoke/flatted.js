const { parse, stringify, toJSON, fromJSON } = require('flatted');
const a = [{}]; a[0].a = a; a.push(a);
const s = stringify(a);
console.log(s);
const b = parse(s);
console.log(b[0].a === b, b[1] === b);
const o = { name: 'root', kids: [] }; o.kids.push({ parent: o, name: 'kid' }); o.self = o;
const so = stringify(o);
console.log(so, parse(so).kids[0].parent.name, JSON.stringify(toJSON(o)), fromJSON(toJSON(o)).self.name);
