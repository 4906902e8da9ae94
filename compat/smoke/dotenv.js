const dotenv = require('dotenv');
const src = `# comment
BASIC=basic
EMPTY=
SINGLE='single quoted'
DOUBLE="double\\nnewline"
BACKTICK=\`back "tick"\`
SPACED =   spaced value   
INLINE=value # inline comment
export EXPORTED=yes
MULTI="line one
line two"
EQUALS=a=b=c
`;
const parsed = dotenv.parse(src);
console.log(parsed, dotenv.parse(Buffer.from('A=1\r\nB=2')), Object.keys(parsed).length);
const target = {};
dotenv.populate(target, { X: '1' });
dotenv.populate(target, { X: '2', Y: '3' });
console.log(target);
