const { produce, enableMapSet, applyPatches, enablePatches } = require('immer');
enableMapSet();
enablePatches();
const base = { todos: [{ title: 'a', done: false }], meta: { n: 1 } };
const next = produce(base, (draft) => {
  draft.todos.push({ title: 'b', done: false });
  draft.todos[0].done = true;
});
console.log(JSON.stringify(next), next.meta === base.meta, next.todos[0] !== base.todos[0]);
console.log(Object.isFrozen(next), Object.isFrozen(next.todos[1]));
const m = produce(new Map([['x', 1]]), (d) => { d.set('y', 2); });
console.log([...m.entries()]);
const patches = [];
const s2 = produce(base, (d) => { d.meta.n = 2; }, (p) => patches.push(...p));
console.log(JSON.stringify(patches), applyPatches(base, patches).meta.n, s2.meta.n);
