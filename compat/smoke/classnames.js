const classNames = require('classnames');
const dedupe = require('classnames/dedupe');
const bind = require('classnames/bind');
console.log(classNames('foo', 'bar'), classNames('foo', { bar: true, duck: false }), classNames({ 'foo-bar': true }, { baz: 0 }));
console.log(classNames('a', ['b', { c: true, d: false }], null, undefined, 0, 1, '', [['e']]));
console.log(dedupe('foo', 'foo', 'bar', { foo: false }), bind.bind({ btn: 'abc123', primary: 'xyz' })('btn', { primary: true }));
console.log(classNames({ toString() { return 'custom'; } }));
