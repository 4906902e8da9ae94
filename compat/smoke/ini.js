const ini = require('ini');
const config = ini.parse(`; comment
scope = global
[database]
user = dbuser
password = "p=ss;word"
database = use_this_database
[paths.default]
datadir = /var/lib/data
array[] = first value
array[] = second value
enabled = true
`);
console.log(config);
config.scope = 'local';
config.database.database = 'use_another_database';
delete config.paths.default.datadir;
config.paths.default.array.push('fourth value');
console.log(ini.stringify(config, { section: 'section' }));
console.log(ini.encode({ a: { b: 'c' }, top: 1 }, { whitespace: true }), ini.safe('"x"'), ini.unsafe('"y"'));
