const xml2js = require('xml2js');
const xml = '<?xml version="1.0"?><root a="1"><item id="x">Hello</item><item id="y">World &amp; co</item><empty/><n>42</n><![CDATA[<raw>]]></root>';
xml2js.parseString(xml, (err, result) => {
  console.log(err, JSON.stringify(result));
});
const p = new xml2js.Parser({ explicitArray: false, mergeAttrs: true, valueProcessors: [xml2js.processors.parseNumbers] });
p.parseStringPromise(xml).then((r) => {
  console.log(JSON.stringify(r));
  const b = new xml2js.Builder({ rootName: 'out', renderOpts: { pretty: true, indent: '  ', newline: '\n' }, xmldec: { version: '1.0', encoding: 'UTF-8' } });
  console.log(b.buildObject({ person: { $: { id: 7 }, name: 'Ann & Bob', tags: { tag: ['a', 'b'] } } }));
});
xml2js.parseString('<bad><x></bad>', (err) => console.log('error:', err && err.message.split('\n')[0]));
