const React = require('react');
const { renderToString, renderToStaticMarkup } = require('react-dom/server');
const h = React.createElement;
const Ctx = React.createContext('light');
function Item({ label, done }) { return h('li', { className: done ? 'done' : undefined, 'data-label': label }, done ? '✓ ' : '', label); }
function Themed() { const theme = React.useContext(Ctx); const [n] = React.useState(3); return h('p', { style: { color: theme === 'dark' ? 'white' : 'black', fontSize: 12 } }, `theme=${theme} n=${n}`); }
function App({ items }) {
  return h('main', { id: 'app' }, h('h1', null, 'Todo <list> & more'), h('ul', null, items.map((it) => h(Item, { key: it.label, ...it }))),
    h(Ctx.Provider, { value: 'dark' }, h(Themed)), h('input', { type: 'checkbox', defaultChecked: true, readOnly: true }), h('div', { dangerouslySetInnerHTML: { __html: '<em>raw</em>' } }));
}
const items = [{ label: 'write', done: true }, { label: 'test', done: false }];
console.log(renderToStaticMarkup(h(App, { items })));
console.log(renderToString(h('div', null, 'a', 'b', h('span', null, 1 + 1))));
