const { parse } = require('csv-parse/sync');
const input = 'id,name,price\n1,"Widget, large",9.99\n2,"Gadget ""pro""",19.5\n\n3,Thing,\n';
console.log(parse(input, { columns: true, skip_empty_lines: true, cast: true }));
console.log(parse('a;b\n1;2', { delimiter: ';' }), parse('# c\nx,y', { comment: '#', info: true }));
console.log(parse('a,b\n1,2,3', { relax_column_count: true }), parse(' a , b ', { trim: true }));
try { parse('a,b\n1', { columns: true }); } catch (e) { console.log(e.code, e.message); }
const { parse: parseAsync } = require('csv-parse');
parseAsync('k,v\nx,1', { columns: true }, (err, recs) => console.log('callback', err, recs));
