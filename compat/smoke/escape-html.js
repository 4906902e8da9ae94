const escapeHtml = require('escape-html');
console.log(escapeHtml('foo & bar'), escapeHtml('<script>alert("x\'")</script>'));
console.log(JSON.stringify(escapeHtml('')), escapeHtml('no specials'), escapeHtml(42));
console.log(escapeHtml('a\u00e9 &amp;'), escapeHtml('<'.repeat(3) + 'x'));
console.log(`<a title="${escapeHtml('"quoted" & \'single\'')}">`);
