const yup = require('yup');
const schema = yup.object({
  name: yup.string().required().trim(),
  age: yup.number().required().positive().integer(),
  email: yup.string().email(),
  website: yup.string().url().nullable(),
  created: yup.date().default(() => new Date(0)),
  tags: yup.array(yup.string()).min(1),
});
(async () => {
  const v = await schema.validate({ name: ' jimmy ', age: '24', tags: ['x'] });
  console.log(v);
  try { await schema.validate({ name: '', age: -1, email: 'bad', tags: [] }, { abortEarly: false }); } catch (e) { console.log(e.name, e.errors); }
  console.log(schema.isValidSync({ name: 'a', age: 1, tags: ['t'] }), schema.cast({ name: 'a', age: '5', tags: [] }, { assert: false }));
  const pw = yup.object({ p: yup.string(), c: yup.string().oneOf([yup.ref('p')], 'must match') });
  console.log(await pw.isValid({ p: 'a', c: 'b' }), schema.describe().fields.age.tests.map((t) => t.name));
  const cond = yup.object({ isBig: yup.boolean(), count: yup.number().when('isBig', { is: true, then: (s) => s.min(5) }) });
  console.log(await cond.isValid({ isBig: true, count: 3 }), await cond.isValid({ isBig: false, count: 3 }));
})();
