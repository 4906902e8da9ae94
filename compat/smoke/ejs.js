const ejs = require('ejs');
const tpl = `<ul>
<% users.forEach(function(user){ -%>
  <li><%= user.name %> <%- user.raw %></li>
<% }); -%>
</ul>
<%# comment %><%= locals.missing || 'default' %> <%= 1 + 2 %>`;
console.log(ejs.render(tpl, { users: [{ name: '<Ann>', raw: '<b>1</b>' }, { name: 'Bob & co', raw: '' }] }));
const fn = ejs.compile('<%= it.a %>-<%= it.b %>', { strict: true, _with: false, localsName: 'it' });
console.log(fn({ a: 1, b: 2 }));
console.log(ejs.render('<?= x ?>', { x: 'custom delim' }, { openDelimiter: '<', closeDelimiter: '>', delimiter: '?' }));
console.log(ejs.render('<%= x %>', { x: '"\'&<>' }), ejs.escapeXML('<a>'));
try { ejs.render('<% if (x) { %>', { x: 1 }); } catch (e) { console.log(e.name); }
ejs.render('<%= await Promise.resolve(5) %>', {}, { async: true }).then((s) => console.log('async', s));
