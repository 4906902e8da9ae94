const Joi = require('joi');
const schema = Joi.object({
  username: Joi.string().alphanum().min(3).max(30).required(),
  password: Joi.string().pattern(/^[a-zA-Z0-9]{3,30}$/),
  repeat_password: Joi.ref('password'),
  birth_year: Joi.number().integer().min(1900).max(2013),
  email: Joi.string().email({ minDomainSegments: 2, tlds: { allow: ['com', 'net'] } }),
  when: Joi.date().iso(),
}).with('username', 'birth_year').xor('password', 'access_token').append({ access_token: [Joi.string(), Joi.number()] });
console.log(schema.validate({ username: 'abc', birth_year: 1994, password: 'x12', repeat_password: 'x12' }));
console.log(schema.validate({ username: 'ab', email: 'a@b.org' }, { abortEarly: false }).error.details.map((d) => d.message));
console.log(schema.validate({ username: 'abcd', birth_year: '1990', access_token: 1, when: '2024-01-02T03:04:05Z' }).value);
const s2 = Joi.array().items(Joi.object({ id: Joi.number() })).unique('id');
console.log(s2.validate([{ id: 1 }, { id: 1 }]).error.message);
console.log(Joi.string().trim().lowercase().validate('  HeLLo ').value, Joi.number().precision(2).validate(1.2345).value);
Joi.object({ a: Joi.string() }).validateAsync({ a: 5 }).catch((e) => console.log('async', e.name, e.message));
console.log(Joi.alternatives().try(Joi.number(), Joi.boolean()).validate('true').value, Joi.isSchema(schema));
