const hljs = require('highlight.js');
console.log(hljs.highlight('const x = 42; // answer\nfunction f(a) { return `t${a}`; }', { language: 'javascript' }).value);
console.log(hljs.highlight('SELECT id, name FROM users WHERE age > 18;', { language: 'sql' }).value);
console.log(hljs.highlight('def f(x):\n    return x ** 2  # sq', { language: 'python' }).value);
const auto = hljs.highlightAuto('<div class="a">hi</div>', ['xml', 'css', 'json']);
console.log(auto.language, auto.value);
console.log(hljs.listLanguages().length > 150, hljs.getLanguage('ts').name, hljs.highlight('{"a": [1, true, null]}', { language: 'json' }).value);
