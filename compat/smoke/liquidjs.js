const { Liquid } = require('liquidjs');
const engine = new Liquid({ timezoneOffset: 0 });
engine.registerFilter('shout', (s) => s.toUpperCase() + '!');
(async () => {
  console.log(await engine.parseAndRender('{{ name | capitalize }} {{ name | shout }} {% for x in xs reversed %}{{ x }}{% unless forloop.last %},{% endunless %}{% endfor %}', { name: 'alice', xs: [1, 2, 3] }));
  console.log(await engine.parseAndRender('{% assign t = price | times: 1.2 | round: 2 %}{{ t }} {% if t > 10 %}exp{% else %}cheap{% endif %} {{ "a,b,c" | split: "," | join: "|" }}', { price: 9.99 }));
  console.log(await engine.parseAndRender('{{ d | date: "%Y-%m-%d %H:%M %a" }} {{ html | escape }} {% case v %}{% when 1 %}one{% else %}other{% endcase %}', { d: new Date(Date.UTC(2024, 1, 29, 13, 45)), html: '<b>', v: 1 }));
  console.log(engine.parseAndRenderSync('{% capture c %}x{{ 1 | plus: 2 }}{% endcapture %}{{ c }} {{ arr | where: "a", 1 | map: "b" | join }}', { arr: [{ a: 1, b: 'p' }, { a: 2, b: 'q' }, { a: 1, b: 'r' }] }));
  try { await engine.parseAndRender('{% if %}'); } catch (e) { console.log(e.name); }
})();
