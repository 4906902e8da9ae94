const { ArgumentParser, ArgumentDefaultsHelpFormatter } = require('argparse');
const parser = new ArgumentParser({ prog: 'demo', description: 'Argparse example', formatter_class: ArgumentDefaultsHelpFormatter, exit_on_error: false });
parser.add_argument('-v', '--version', { action: 'version', version: '1.0.0' });
parser.add_argument('-f', '--foo', { help: 'foo bar', default: 'x' });
parser.add_argument('-n', { type: 'int', nargs: '+', help: 'numbers' });
parser.add_argument('--flag', { action: 'store_true' });
parser.add_argument('--mode', { choices: ['a', 'b'], default: 'a' });
parser.add_argument('files', { nargs: '*' });
console.log(parser.parse_args(['-f', 'baz', '-n', '1', '2', '--flag', 'x.txt', 'y.txt']));
console.log(parser.parse_known_args(['--mode', 'b', '--unknown', 'z']));
try { parser.parse_args(['--mode', 'c']); } catch (e) { console.log(e.name, e.message); }
console.log(parser.format_help());
