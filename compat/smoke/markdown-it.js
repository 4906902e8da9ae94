const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
console.log(md.render('# Title\n\nSome *emphasis*, **strong** and `code` -- "quotes" (c) ...\n\n1. one\n2. two\n\n> quote\n\nhttps://example.com and <b>html</b>\n\n```js\nlet x = 1 < 2;\n```'));
console.log(md.render('| a | b |\n|---|---:|\n| 1 | 2 |\n\n~~del~~ ![img](x.png "t")'));
console.log(md.renderInline('__inline__ text'), md.parse('a\n\nb', {}).map((t) => t.type).join(' '));
const md2 = new MarkdownIt({ highlight: (str, lang) => `<pre class="hl-${lang}"><code>${md.utils.escapeHtml(str.toUpperCase())}</code></pre>` });
console.log(md2.render('```py\nprint("hi")\n```'));
