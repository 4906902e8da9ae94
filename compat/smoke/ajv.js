const Ajv = require('ajv');
const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true });
const schema = {
  type: 'object', required: ['foo'], additionalProperties: false,
  properties: {
    foo: { type: 'integer', minimum: 0 },
    bar: { type: 'string', pattern: '^[a-z]+$', default: 'abc' },
    list: { type: 'array', items: { type: 'number' }, uniqueItems: true, maxItems: 3 },
    kind: { enum: ['a', 'b'] },
    nested: { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: false },
  },
};
const validate = ajv.compile(schema), data = { foo: '42' };
console.log(validate(data), data);
console.log(validate({ foo: -1, bar: 'ABC', list: [1, 1, 2, 3], kind: 'c', nested: { x: 1 }, extra: 1 }));
console.log(validate.errors.map((e) => `${e.instancePath} ${e.keyword} ${e.message}`), ajv.errorsText(validate.errors).slice(0, 80));
ajv.addKeyword({ keyword: 'even', type: 'number', validate: (s, d) => d % 2 === 0 });
console.log(ajv.validate({ type: 'number', even: true }, 3), ajv.validate({ $ref: '#/$defs/x', $defs: { x: { type: 'string' } } }, 'y'));
const v2 = ajv.compile({ oneOf: [{ type: 'string', maxLength: 2 }, { type: 'number' }], if: { type: 'number' }, then: { type: 'number', multipleOf: 5 } });
console.log(v2('ab'), v2(10), v2(7), v2('abc'));
