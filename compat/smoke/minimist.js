const minimist = require('minimist');
console.log(minimist(['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz']));
console.log(minimist(['--no-color', '--name', 'x', '-v', '-v', '--', '--raw'], { boolean: ['color'], string: ['name'], alias: { v: 'verbose' }, '--': true }));
console.log(minimist(['--port', '8080', '--host'], { default: { host: 'localhost' }, string: 'host' }));
console.log(minimist(['--a.b.c', '1', '--list', 'x', '--list', 'y', '--unknown'], { unknown: (a) => a !== '--unknown' }));
