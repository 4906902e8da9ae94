const { minimatch, Minimatch, escape } = require('minimatch');
console.log(minimatch('bar.foo', '*.foo'), minimatch('bar.foo', '*.bar'), minimatch('a/b/c.js', '**/*.js'), minimatch('.x.js', '*.js'), minimatch('.x.js', '*.js', { dot: true }));
console.log(minimatch('a/b', 'a/{b,c}'), minimatch('file2.txt', 'file[0-9].txt'), minimatch('x', '!x'), minimatch('abc.d', '+(abc|def).d'), minimatch('A', 'a', { nocase: true }), minimatch('a/b/c', 'a/**', { partial: true }));
const mm = new Minimatch('src/{a,b}/**/!(*.test).ts');
console.log(mm.set.length, mm.match('src/a/x/y.ts'), mm.match('src/b/y.test.ts'), mm.negate, minimatch.braceExpand('a{1..3}b{x,y}'));
console.log(minimatch.filter('*.md')('r.md'), escape('*?[x]'), minimatch.match(['a.js', 'b.txt', 'c.js'], '*.js'), minimatch('C:\\dir\\file.js', 'C:/dir/*.js', { windowsPathsNoEscape: true }));
