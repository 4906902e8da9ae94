import stripAnsi from 'strip-ansi';
console.log(stripAnsi('\u001B[4mUnicorn\u001B[0m'));
console.log(stripAnsi('\u001B]8;;https://github.com\u0007Click\u001B]8;;\u0007'));
console.log(stripAnsi('\u001b[38;2;255;0;0mred\u001b[39m plain \u001b[1;31mx\u001b[22m'));
console.log(JSON.stringify(stripAnsi('no ansi ✓ 😀')), stripAnsi('\u009b31mC1\u009b0m').length);
