const { parse, parseExpression } = require('@babel/parser');
const ast = parse('import React from "react"; type P = { a: string }; export const C = ({ a }: P): JSX.Element => <div className="x">{a ?? "d"}</div>;', { sourceType: 'module', plugins: ['jsx', 'typescript'] });
console.log(ast.type, ast.program.body.map((n) => n.type), ast.program.body[2].declaration.declarations[0].init.body.type);
const dec = parse('@dec class A { @prop x = 1; accessor y; }', { plugins: [['decorators', { decoratorsBeforeExport: true }], 'decoratorAutoAccessors'] });
console.log(dec.program.body[0].decorators[0].expression.name, dec.program.body[0].body.body.map((m) => m.type));
const e = parseExpression('a |> f(%)', { plugins: [['pipelineOperator', { proposal: 'hack', topicToken: '%' }]] });
console.log(e.type, e.operator, parseExpression('x?.y ?? 1').type);
try { parse('let x = ;'); } catch (err) { console.log(err.name, err.message, err.loc, err.reasonCode); }
const r = parse('let x = 1\nlet x = 2', { errorRecovery: true });
console.log(r.errors.map((x) => x.reasonCode), parse('/* c */ 1', { attachComment: true }).comments[0].value, parse('f(1n)', { tokens: true }).tokens.length);
