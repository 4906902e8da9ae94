const jsonpatch = require('fast-json-patch');
const doc = { firstName: 'Albert', contactDetails: { phoneNumbers: [] }, tags: ['a'] };
const patch = [
  { op: 'replace', path: '/firstName', value: 'Joachim' },
  { op: 'add', path: '/lastName', value: 'Wester' },
  { op: 'add', path: '/contactDetails/phoneNumbers/0', value: { number: '555-123' } },
  { op: 'move', from: '/tags/0', path: '/firstTag' },
  { op: 'test', path: '/lastName', value: 'Wester' },
];
console.log(JSON.stringify(jsonpatch.applyPatch(jsonpatch.deepClone(doc), patch).newDocument));
console.log(jsonpatch.compare({ a: 1, b: [1, 2], c: { d: 1 } }, { a: 2, b: [1], c: {}, e: null }));
console.log(jsonpatch.validate([{ op: 'replace', path: '/nope', value: 1 }], doc)?.name, jsonpatch.getValueByPointer(doc, '/contactDetails/phoneNumbers'));
const obs = { x: 1, list: [1] }; const observer = jsonpatch.observe(obs);
obs.x = 2; obs.list.push(2); delete obs.x;
console.log(jsonpatch.generate(observer));
try { jsonpatch.applyOperation(doc, { op: 'test', path: '/firstName', value: 'X' }); } catch (e) { console.log(e.name); }
