const { Command, Option, InvalidArgumentError } = require('commander');
const make = () => {
  const program = new Command();
  program.name('tool').version('1.2.3').exitOverride()
    .configureOutput({ writeOut: (s) => console.log('OUT:' + s.trimEnd()), writeErr: (s) => console.log('ERR:' + s.trimEnd()) });
  program.option('-d, --debug', 'output extra debugging').option('-p, --pizza-type <type>', 'flavour of pizza', 'margherita')
    .addOption(new Option('-s, --size <size>', 'size').choices(['small', 'large']))
    .option('-n, --number <n>', 'a number', (v) => { const n = parseInt(v, 10); if (isNaN(n)) throw new InvalidArgumentError('Not a number.'); return n; });
  return program;
};
const p = make().parse(['node', 'tool', '-d', '--pizza-type', 'hawaiian', '-s', 'large', '-n', '7'], { from: 'node' });
console.log(p.opts());
for (const argv of [['-s', 'medium'], ['-n', 'x'], ['--version'], ['--nope'], ['extra']]) {
  try { make().parse(argv, { from: 'user' }); } catch (e) { console.log(e.code, e.exitCode); }
}
const app = new Command().exitOverride();
app.command('serve <dir>').option('--port <p>', 'port', '80').action((dir, o) => console.log('serve', dir, o));
app.parse(['serve', '/srv', '--port', '8080'], { from: 'user' });
console.log(make().helpInformation());
