const acorn = require('acorn');
const ast = acorn.parse('const f = async (a, {b = 1, ...r}) => a?.x ?? b ** 2; class C { #p = 1; static { } get g() { return this.#p; } }', { ecmaVersion: 'latest' });
console.log(ast.body.map((n) => n.type), ast.body[0].declarations[0].init.type, ast.body[0].declarations[0].init.body.type, ast.body[1].body.body.map((m) => m.type));
const mod = acorn.parse('import x, { y as z } from "m"; export default function () {} export const n = 1n; label: for await (const q of w) break label;', { ecmaVersion: 2022, sourceType: 'module', allowAwaitOutsideFunction: true, locations: true });
console.log(mod.body.map((n) => `${n.type}@${n.loc.start.line}:${n.loc.start.column}`), mod.body[2].declaration.declarations[0].init.bigint);
const tokens = [...acorn.tokenizer('let x = /re/g + `t${1}`', { ecmaVersion: 2020 })].map((t) => t.type.label);
console.log(tokens);
try { acorn.parse('let = ;', { ecmaVersion: 2020 }); } catch (e) { console.log(e.name, e.message, e.pos, e.loc); }
const comments = []; acorn.parse('/* a */ x; // b', { ecmaVersion: 5, onComment: comments });
console.log(comments.map((c) => [c.type, c.value]), acorn.version.split('.')[0], JSON.stringify(acorn.parseExpressionAt('1 + 2 * 3', 0, { ecmaVersion: 5 })).length);
