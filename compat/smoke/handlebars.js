const Handlebars = require('handlebars');
Handlebars.registerHelper('upper', (s) => String(s).toUpperCase());
Handlebars.registerHelper('link', (text, url) => new Handlebars.SafeString(`<a href="${Handlebars.escapeExpression(url)}">${Handlebars.escapeExpression(text)}</a>`));
Handlebars.registerPartial('person', '{{name}} ({{age}})');
const tpl = Handlebars.compile(`Hello {{upper name}}! {{{raw}}} {{esc}}
{{#each items}}{{@index}}:{{this}}{{#unless @last}}, {{/unless}}{{/each}}
{{#if admin}}admin{{else}}user{{/if}} {{#with owner}}{{> person}}{{/with}} {{link "home" "/?a=1&b=2"}}
{{#each map}}{{@key}}={{this}} {{/each}}{{!-- comment --}}{{lookup items 1}}`);
console.log(tpl({ name: 'world', raw: '<b>bold</b>', esc: '<i>&"\'', items: ['a', 'b', 'c'], admin: false, owner: { name: 'Ann', age: 30 }, map: { x: 1, y: 2 } }));
const pre = Handlebars.precompile('{{a}}');
console.log(typeof pre, pre.length > 50);
try { Handlebars.compile('{{#if}}')(); } catch (e) { console.log(e.message.split('\n')[0]); }
