import parser from 'yargs-parser';
console.log(parser(['-x', '3', '-abc', '--foo-bar=baz', '--no-color', 'pos1', '--', '--raw']));
console.log(parser('--n 7 --list a --list b --obj.key val', { number: ['n'], array: ['list'] }));
console.log(parser(['-v', '-v', '-v', '--name', 'x'], { count: ['v'], alias: { name: ['N'] }, string: ['name'] }));
console.log(parser(['--port', '08'], { configuration: { 'parse-numbers': false } }));
const d = parser.detailed(['--bool', 'yes'], { boolean: ['bool'] });
console.log(d.argv, d.error);
