const _ = require('lodash');
const users = [
  { name: 'fred', age: 48, tags: ['a', 'b'] },
  { name: 'barney', age: 36, tags: ['b'] },
  { name: 'pebbles', age: 1, tags: [] },
];
console.log(_.map(_.sortBy(users, 'age'), 'name'));
console.log(_.groupBy([6.1, 4.2, 6.3], Math.floor));
console.log(_.chunk(['a', 'b', 'c', 'd', 'e'], 2));
console.log(_.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }));
console.log(_.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), JSON.stringify(_.set({}, 'x.y[1].z', 1)));
console.log(_.camelCase('Foo Bar-baz'), _.kebabCase('fooBarBaz'), _.snakeCase('Foo Bar'));
console.log(_.template('hello <%= user %>! <%- html %>')({ user: 'fred', html: '<b>' }));
console.log(_.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), _.uniqBy([2.1, 1.2, 2.3], Math.floor));
console.log(_.chain(users).filter((u) => u.age > 10).flatMap('tags').uniq().value());
console.log(typeof _.debounce, typeof _.memoize((x) => x * 2), _.range(0, 20, 5), _.pick({ a: 1, b: 2, c: 3 }, ['a', 'c']));
console.log(_.cloneDeep({ d: new Date(0), r: /x/g, m: new Map([[1, 2]]) }));
