import { Parser, parseDocument, DomUtils, parseFeed } from 'htmlparser2';
import render from 'dom-serializer';
const events = [];
const parser = new Parser({
  onopentag: (name, attrs) => events.push(`open ${name} ${JSON.stringify(attrs)}`),
  ontext: (t) => t.trim() && events.push(`text ${t.trim()}`),
  onclosetag: (name, implied) => events.push(`close ${name}${implied ? ' (implied)' : ''}`),
  oncomment: (c) => events.push(`comment ${c}`),
}, { decodeEntities: true });
parser.write('<div class="a" data-x=1>Hello &amp; <b>world<!-- c --></b><p>unclosed<br>');
parser.end();
console.log(events.join('\n'));
const doc = parseDocument('<ul id="l"><li class="x">One</li><li>Two &lt;2&gt;</li></ul><img src="a.png">');
const lis = DomUtils.getElementsByTagName('li', doc);
console.log(lis.map((l) => DomUtils.textContent(l)), DomUtils.getAttributeValue(DomUtils.findOne((e) => e.name === 'img', doc.children), 'src'));
console.log(render(doc), render(parseDocument('<a><B>x</B></a>', { xmlMode: true }), { xmlMode: true }));
const feed = parseFeed('<rss version="2.0"><channel><title>T</title><item><title>I1</title><link>http://x/1</link></item></channel></rss>');
console.log(feed.type, feed.title, feed.items.map((i) => [i.title, i.link]));
