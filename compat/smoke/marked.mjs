import { marked, Marked, Lexer } from 'marked';
console.log(marked.parse('# Title\n\nSome *emphasis*, **strong**, `code` and a [link](https://example.com "t").\n\n- one\n- two\n  1. nested\n\n> quote\n\n```js\nconst x = 1 < 2;\n```\n'));
console.log(marked.parse('| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~strike~~ https://auto.link <b>html</b>\n\n- [x] done\n- [ ] todo', { gfm: true }));
console.log(marked.parseInline('inline **bold** _it_'));
const m = new Marked({ renderer: { heading({ tokens, depth }) { return `<h${depth} class="x">${this.parser.parseInline(tokens)}</h${depth}>\n`; } } });
console.log(m.parse('## Custom *heading*'));
console.log(Lexer.lex('a\n\nb').map((t) => t.type));
