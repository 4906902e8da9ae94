import escapeStringRegexp from 'escape-string-regexp';
const input = 'How much $ for a 🦄? [1+1] (a|b) ^x.y* \\ -';
const escaped = escapeStringRegexp(input);
console.log(escaped);
console.log(new RegExp(escaped).test('Price: ' + input), new RegExp(`^${escapeStringRegexp('a.b')}$`).test('axb'));
console.log(new RegExp(`[${escapeStringRegexp('-]')}]`).test(']'), escapeStringRegexp('plain'));
