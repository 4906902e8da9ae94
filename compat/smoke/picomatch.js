const picomatch = require('picomatch');
const isMatch = picomatch('**/*.{js,ts}');
console.log(isMatch('src/a/b.js'), isMatch('src/a/b.css'), isMatch('index.ts'), isMatch('.hidden/x.js'));
console.log(picomatch.isMatch('a/.b.js', '**/*.js', { dot: true }), picomatch.isMatch('foo/bar', 'foo/!(baz)'), picomatch.isMatch('abc', 'a?c'), picomatch.isMatch('a1', 'a[0-9]'), picomatch.isMatch('A.JS', '*.js', { nocase: true }));
console.log(picomatch.makeRe('*.md').source, picomatch.scan('!./foo/*.js'), picomatch.parse('*.js').output);
console.log(picomatch(['*.txt', 'docs/**'], { ignore: 'docs/private/**' })('docs/private/x'), picomatch('**/+(a|b)c')('x/abc'), picomatch('{1..3}.log')('2.log'));
