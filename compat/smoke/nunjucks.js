const nunjucks = require('nunjucks');
const env = new nunjucks.Environment(null, { autoescape: true });
env.addFilter('shorten', (str, count) => str.slice(0, count || 5));
env.addGlobal('site', 'Example');
console.log(env.renderString(`{% set title = "Hi" %}{{ title }} {{ site }} {{ name | upper }} {{ html }} {{ html | safe }}
{% for item in items %}{{ loop.index }}.{{ item.name | shorten(3) }}{% if not loop.last %}, {% endif %}{% endfor %}
{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %} {{ items | length }} {{ [3,1,2] | sort | join("-") }}
{% macro field(name, value='') %}<input name="{{ name }}" value="{{ value }}">{% endmacro %}{{ field('user', 'x"y') }}
{{ "%s and %d" | replace("%s", "x") }} {{ 3.14159 | round(2) }} {{ { a: 1 } | dump }} {{ missing | default("dflt") }}`,
{ name: 'world', html: '<b>', items: [{ name: 'alpha' }, { name: 'beta' }], n: 3 }));
const tpl = new nunjucks.Template('{% block body %}base{% endblock %}', env);
console.log(tpl.render({}));
env.renderString('{{ x }}', { x: 'callback' }, (err, res) => console.log(err, res));
