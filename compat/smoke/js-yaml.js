const yaml = require('js-yaml');
const doc = yaml.load(`name: demo
version: 1.2
enabled: true
when: 2024-02-29T13:45:30Z
list: [a, b, 'c d', ~]
nested: [{ id: 1, tags: &t [x, y] }, { id: 2, tags: *t }]
multi: |
  line one
  line two
folded: >
  folded
  text
hex: 0x1F
`);
console.log(doc);
console.log(yaml.dump({ a: 1, b: [1, 2, { c: 'str: with colon' }], d: 'multi\nline', e: null, f: new Date(0) }, { sortKeys: true }));
console.log(yaml.loadAll('---\na: 1\n---\nb: 2\n'), yaml.dump('héllo ☃ 😀'), yaml.dump({ k: 'x' }, { flowLevel: 0 }));
try { yaml.load('a: [1, 2'); } catch (e) { console.log(e.name, e.reason, e.mark.line); }
