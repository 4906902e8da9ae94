const toml = require('toml');
const data = toml.parse(`title = "TOML Example"
owner = { name = "Tom Preston-Werner", dob = 1979-05-27T07:32:00-08:00 }
[database]
ports = [ 8000, 8001, 8002 ]
connection_max = 5_000
enabled = true
ratio = 0.5e3
[servers.alpha]
ip = "10.0.0.1"
[[products]]
name = "Hammer"
[[products]]
name = "Nail"
str = 'literal \\n'
esc = "tab\\tand \\u00e9"
`);
console.log(data);
console.log(data.owner.dob.toISOString(), JSON.stringify(data.products));
try { toml.parse('a = '); } catch (e) { console.log(e.name, e.line, e.column, e.message); }
