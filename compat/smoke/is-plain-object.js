const { isPlainObject } = require('is-plain-object');
console.log(isPlainObject({ foo: 'bar' }), isPlainObject({}), isPlainObject(Object.create(null)));
console.log(isPlainObject(Object.create({})), isPlainObject(Object.create(Object.prototype)), isPlainObject(JSON.parse('{"a":1}')));
console.log(isPlainObject(1), isPlainObject(['foo', 'bar']), isPlainObject([]), isPlainObject(null));
console.log(isPlainObject(new (class Foo {})()), isPlainObject(new Map()), isPlainObject(Math), isPlainObject(new Date()));
