import ansiRegex from 'ansi-regex';
const s = '\u001B[4mcake\u001B[0m';
console.log(ansiRegex().test(s), ansiRegex().test('cake'));
console.log(JSON.stringify(s.match(ansiRegex())), JSON.stringify(s.match(ansiRegex({ onlyFirst: true }))));
console.log(JSON.stringify('\u001B]8;;https://x.dev\u0007link\u001B]8;;\u0007 \u001b[38;5;200mc\u001b[0m'.replace(ansiRegex(), '<>')));
