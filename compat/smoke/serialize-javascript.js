const serialize = require('serialize-javascript');
console.log(serialize({ str: 'string', num: 0, obj: { foo: 'foo' }, arr: [1, 2, 3], bool: true, nil: null, undef: undefined, inf: Infinity, date: new Date(Date.UTC(2016, 3, 28, 22, 2, 17)), map: new Map([['hello', 'world']]), set: new Set([123, 456]), re: /([^\s]+)/g }));
console.log(serialize({ fn: function echo(arg) { return arg; }, arrow: (x) => x * 2, method() { return 1; } }));
console.log(serialize({ haxorXSS: '</script><script>alert(1)</script>' }), serialize({ a: 1 }, { space: 2 }), serialize({ x: '<' }, { isJSON: true }));
const back = eval('(' + serialize({ d: new Date(0), r: /x/i, f: (a) => a + 1 }) + ')');
console.log(back.d.toISOString(), back.r.flags, back.f(1));
