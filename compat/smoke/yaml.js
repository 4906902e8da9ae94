const YAML = require('yaml');
console.log(YAML.parse('3.14159'), YAML.parse('[ true, false, maybe, null ]'), YAML.parse('- a\n- b: 2\n  c: [x, y]\n'));
const doc = YAML.parseDocument('# comment\nkey: value  # trailing\nlist:\n  - 1\n  - 2\n');
doc.set('added', { deep: [1, 2] });
doc.getIn(['list']).add(3);
console.log(String(doc));
console.log(YAML.stringify({ number: 3, plain: 'string', block: 'two\nlines', date: new Date(0), arr: [1, { a: 'b' }], map: new Map([['k', 'v']]), set: new Set([1]) }));
console.log(YAML.parse('a: &x 1\nb: *x\nc: !!binary aGk=\n', { customTags: ['binary'] }));
try { YAML.parse('a: b: c'); } catch (e) { console.log(e.name, e.code); }
console.log(YAML.stringify('quoted: yes'), YAML.parse('x: 0o17', { version: '1.1', schema: 'yaml-1.1' }));
