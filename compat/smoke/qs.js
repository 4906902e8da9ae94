const qs = require('qs');
console.log(qs.parse('a[b][c]=d&e[]=1&e[]=2&f=%20x%20'));
console.log(qs.parse('a[0]=b&a[2]=c&a[1]=d&x=1,2', { comma: true }), qs.parse('?a=b', { ignoreQueryPrefix: true }));
console.log(qs.parse('a.b.c=1&x[y]=2', { allowDots: true, depth: 1 }));
console.log(qs.stringify({ a: { b: { c: 'd e' } }, f: [1, 2] }));
console.log(qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'brackets', encodeValuesOnly: true }), qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'repeat' }));
console.log(qs.stringify({ a: null, b: undefined, c: '', d: 'ü€' }, { strictNullHandling: true }), qs.stringify({ d: new Date(0) }));
console.log(qs.parse('a=%E2%82%AC&b=%A4', { charset: 'iso-8859-1' }), Object.keys(qs.parse('__proto__[x]=1')));
