const { clsx } = require('clsx');
const lite = require('clsx/lite');
console.log(clsx('foo', true && 'bar', 'baz'), clsx({ foo: true, bar: false, baz: 1 }), clsx({ foo: true }, { bar: false }, null, { '--foobar': 'hello' }));
console.log(clsx(['foo', 0, false, 'bar']), clsx(['foo'], ['', 0, false, 'bar'], [['baz', [['hello'], 'there']]]), clsx('foo', [1 && 'bar', { baz: false, bat: null }, ['hello', ['world']]], 'cya'));
console.log(JSON.stringify(clsx(true, false, '', null, undefined, 0, NaN)), lite.clsx('a', false, 'b', 'c'));
