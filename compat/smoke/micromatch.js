const micromatch = require('micromatch');
const files = ['a.js', 'b.md', 'src/c.js', 'src/d.test.js', 'lib/e.ts', '.hidden.js'];
console.log(micromatch(files, '**/*.js'), micromatch(files, ['**/*.js', '!**/*.test.js']), micromatch(files, '*.{md,ts}', { matchBase: true }));
console.log(micromatch.isMatch('foo/bar.js', 'foo/*.js'), micromatch.not(files, '**/*.js'), micromatch.contains('aa/bb/cc', '*b'), micromatch.any('abc', ['x*', 'a*']));
console.log(micromatch.braces('foo/{a,b}/{1..3}.js', { expand: true }), micromatch.makeRe('*.js').source, micromatch.capture('test/*.js', 'test/foo.js'));
console.log(micromatch.matchKeys({ ab: 1, ac: 2, bc: 3 }, 'a*'), micromatch.some(['foo.js', 'bar.js'], ['*.js', '!foo.js']), micromatch.every('foo.js', ['*.js', '!bar.js']), micromatch.all('foo.js', ['f*', '*.js']));
