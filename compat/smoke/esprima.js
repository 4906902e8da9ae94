const esprima = require('esprima');
const program = 'const answer = 42; function f(a, b = 2) { return a + b; } // note';
console.log(esprima.tokenize(program).map((t) => `${t.type}:${t.value}`).join(' '));
const ast = esprima.parseScript(program, { range: true, comment: true, loc: true });
console.log(ast.body.map((n) => n.type), ast.body[1].params.map((p) => p.type), ast.comments, ast.body[0].range);
console.log(JSON.stringify(esprima.parseModule('import a from "b"; export const c = () => a;').body.map((n) => n.type)));
const seen = [];
esprima.parseScript('var x = 1 + y * 2;', {}, (node) => { if (node.type === 'BinaryExpression') seen.push(node.operator); });
console.log(seen, esprima.version);
try { esprima.parseScript('var = ;'); } catch (e) { console.log(e.description, e.lineNumber, e.index); }
const jsx = esprima.parseScript('<div className="x">{y}</div>', { jsx: true });
console.log(jsx.body[0].expression.type, jsx.body[0].expression.openingElement.attributes[0].name.name);
