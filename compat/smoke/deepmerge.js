const deepmerge = require('deepmerge');
const x = { foo: { bar: 3 }, array: [{ does: 'work', too: [1, 2, 3] }] };
const y = { foo: { baz: 4 }, quux: 5, array: [{ does: 'work', too: [4, 5, 6] }, { really: 'yes' }] };
console.log(JSON.stringify(deepmerge(x, y)));
const overwrite = (dest, src) => src;
console.log(JSON.stringify(deepmerge(x, y, { arrayMerge: overwrite })), JSON.stringify(deepmerge.all([{ a: 1 }, { b: { c: 2 } }, { b: { d: 3 } }])));
const d = new Date(0);
const merged = deepmerge({ when: d }, { extra: true }, { isMergeableObject: (v) => v && typeof v === 'object' && !(v instanceof Date) });
console.log(merged.when === d, x.foo.baz, deepmerge({ a: [1] }, { a: [2] }).a);
