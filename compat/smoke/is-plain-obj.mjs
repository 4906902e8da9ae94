import isPlainObject from 'is-plain-obj';
import { runInNewContext } from 'node:vm';
console.log(isPlainObject({ foo: 'bar' }), isPlainObject(new Object()), isPlainObject(Object.create(null)));
// objects from another realm are plain too
console.log(isPlainObject(runInNewContext('({})')));
console.log(isPlainObject([1]), isPlainObject(new (class {})()), isPlainObject(Math), isPlainObject(null));
console.log(isPlainObject(new Date()), isPlainObject(Object.create({})), isPlainObject(JSON.parse('{"a":1}')));
