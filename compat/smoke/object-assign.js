const objectAssign = require('object-assign');
console.log(objectAssign({ foo: 0 }, { bar: 1 }), objectAssign({ foo: 0 }, { bar: 1 }, { baz: 2 }));
console.log(objectAssign({ foo: 0 }, null, { foo: 1 }, undefined));
const sym = Symbol('s');
console.log(objectAssign({}, { [sym]: 'symbol' })[sym], objectAssign({}, 'abc'));
console.log(objectAssign(Object.create({ inherited: 1 }), { own: 2 }).inherited, Object.keys(objectAssign({}, Object.create({ hidden: 1 }))));
