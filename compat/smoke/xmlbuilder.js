const builder = require('xmlbuilder');
const root = builder.create('root', { version: '1.0', encoding: 'UTF-8' })
  .ele('xmlbuilder').att('for', 'node-js').ele('repo', { type: 'git' }, 'git://github.com/oozcitak/xmlbuilder-js.git').up().up()
  .ele('esc', 'a < b & "c"').up()
  .com('a comment').dat('<cdata>]]>').ins('pi', 'x="1"');
console.log(root.end({ pretty: true }));
console.log(builder.create({ person: { '@id': 1, name: 'Ann', phone: [{ '#text': '1' }, { '#text': '2' }] } }, { headless: true }).end());
const doc = builder.begin().ele('a').ele('b').txt('t').up().ele('c', { k: 'v' }).end({ pretty: false });
console.log(doc);
