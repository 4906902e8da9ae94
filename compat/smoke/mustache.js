const Mustache = require('mustache');
const view = { title: 'Joe', calc: () => 2 + 4, html: '<b>&</b>', items: [{ n: 'a' }, { n: 'b' }], empty: [], wrap: () => (text, render) => '<em>' + render(text) + '</em>' };
console.log(Mustache.render('{{title}} spends {{calc}} {{html}} {{{html}}} {{&html}}', view));
console.log(Mustache.render('{{#items}}[{{n}}]{{/items}}{{^empty}}none{{/empty}} {{#wrap}}hi {{title}}{{/wrap}}', view));
console.log(Mustache.render('{{> user}} {{a.b.c}}', { name: 'x', a: { b: { c: 'deep' } } }, { user: '<strong>{{name}}</strong>' }));
console.log(Mustache.render('<%title%> {{title}}', view, {}, ['<%', '%>']));
console.log(JSON.stringify(Mustache.parse('Hi {{name}}!')));
