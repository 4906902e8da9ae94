const postcss = require('postcss');
const css = 'a { color: red; margin: 0 auto } /* note */ @media (min-width: 600px) { .b:hover { color: blue !important } }';
const root = postcss.parse(css, { from: 'in.css' });
console.log(root.nodes.map((n) => n.type), root.first.selector, root.first.nodes.map((d) => `${d.prop}=${d.value}`), root.last.params);
root.walkDecls('color', (decl) => { decl.value = decl.value.toUpperCase(); });
root.walkRules((rule) => { rule.selector = '.scope ' + rule.selector; });
root.append({ selector: '.new', nodes: [{ prop: 'display', value: 'flex' }] });
console.log(root.toString());
const plugin = { postcssPlugin: 'px-to-rem', Declaration(decl) { decl.value = decl.value.replace(/(\d+)px/g, (m, n) => `${n / 16}rem`); } };
postcss([plugin]).process('h1 { font-size: 32px; padding: 8px 16px }', { from: undefined }).then((result) => console.log(result.css, result.messages));
try { postcss.parse('a { color: red'); } catch (e) { console.log(e.name, e.reason, e.line, e.column); }
console.log(postcss.list.comma('a, b(c, d), e'), postcss.list.space('1px  solid  red'), postcss.decl({ prop: 'x', value: 'y' }).toString());
