const { z } = require('zod');
const User = z.object({
  name: z.string().min(2).trim(),
  email: z.email(),
  age: z.number().int().positive().optional(),
  tags: z.array(z.enum(['a', 'b'])).default([]),
  role: z.union([z.literal('admin'), z.literal('user')]),
});
console.log(User.parse({ name: '  Ann ', email: 'ann@example.com', role: 'user' }));
const r = User.safeParse({ name: 'A', email: 'nope', age: -1.5, role: 'root', tags: ['c'] });
console.log(r.success, r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`));
console.log(z.prettifyError(r.error));
const Num = z.coerce.number().transform((n) => n * 2).pipe(z.number().max(100));
const D = z.discriminatedUnion('kind', [z.object({ kind: z.literal('c'), r: z.number() }), z.object({ kind: z.literal('s'), a: z.number() })]);
console.log(D.parse({ kind: 's', a: 2 }), z.uuid().safeParse('123e4567-e89b-12d3-a456-426614174000').success, Num.parse('21'), Num.safeParse('99').success);
(async () => {
  const A = z.string().refine(async (s) => s.length > 3, 'too short');
  console.log((await A.safeParseAsync('ab')).error.issues[0].message);
  console.log(JSON.stringify(z.toJSONSchema(z.object({ id: z.number(), n: z.string().nullable() }))));
})();
