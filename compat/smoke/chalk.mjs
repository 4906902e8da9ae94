import chalk, { Chalk, supportsColor } from 'chalk';
// level 1 = basic 16 colours; forced so the output does not depend on the terminal
const c = new Chalk({ level: 1 });
console.log(JSON.stringify(c.red('red')), JSON.stringify(c.bold.underline.green('x')));
console.log(JSON.stringify(c.bgBlue.white(`a ${c.yellow('nested')} b`)));
const c3 = new Chalk({ level: 3 });
console.log(JSON.stringify(c3.hex('#FF8800')('hex')), JSON.stringify(c3.rgb(10, 20, 30).bgAnsi256(200)('rgb')));
const c0 = new Chalk({ level: 0 });
console.log(c0.red('plain'), typeof chalk.level, typeof supportsColor);
