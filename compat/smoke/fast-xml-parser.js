const { XMLParser, XMLBuilder, XMLValidator } = require('fast-xml-parser');
const xml = `<?xml version="1.0"?><catalog><book id="bk101" lang="en"><author>Gambardella, Matthew</author><title>XML &amp; You</title><price>44.95</price><tags><tag>a</tag><tag>b</tag></tags></book><book id="bk102"><title><![CDATA[<Midnight>]]></title><price>5</price></book></catalog>`;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', cdataPropName: '__cdata', isArray: (name) => name === 'book' });
const obj = parser.parse(xml);
console.log(JSON.stringify(obj));
console.log(obj.catalog.book[0].price + 1, XMLValidator.validate(xml), XMLValidator.validate('<a><b></a>').err);
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, attributeNamePrefix: '@_' });
console.log(builder.build({ root: { '@_v': '1', item: [{ name: 'x & y' }, { name: 'z' }], empty: '' } }));
console.log(JSON.stringify(new XMLParser({ preserveOrder: true }).parse('<a><b>1</b><c>2</c><b>3</b></a>')));
