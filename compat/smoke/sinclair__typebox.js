const { Type } = require('@sinclair/typebox');
const { Value } = require('@sinclair/typebox/value');
const { TypeCompiler } = require('@sinclair/typebox/compiler');
const T = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 2 }),
  tags: Type.Array(Type.String(), { default: [] }),
  kind: Type.Union([Type.Literal('a'), Type.Literal('b')]),
  meta: Type.Optional(Type.Record(Type.String(), Type.Number())),
});
console.log(JSON.stringify(T));
console.log(Value.Check(T, { id: 1, name: 'ab', tags: [], kind: 'a' }), Value.Check(T, { id: 0, name: 'x', tags: [1], kind: 'c' }));
console.log([...Value.Errors(T, { id: 0, name: 'x', tags: [], kind: 'a' })].map((e) => `${e.path} ${e.message}`));
console.log(Value.Default(T, { id: 2, name: 'cd', kind: 'b' }), Value.Convert(Type.Number(), '42'), Value.Create(Type.Object({ n: Type.Number(), s: Type.String() })));
const C = TypeCompiler.Compile(T);
console.log(C.Check({ id: 3, name: 'xy', tags: ['t'], kind: 'b', meta: { a: 1 } }), C.Check({}));
console.log(Value.Diff({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }), Value.Hash({ a: 1 }) === Value.Hash({ a: 1 }));
