const { encode, decode, decodeEntity } = require('html-entities');
console.log(encode('< > " \' & © ∆'), encode('< ©', { mode: 'nonAsciiPrintable', level: 'html5' }), encode('< ä', { mode: 'extensive', level: 'xml' }));
console.log(encode('ä 😀', { mode: 'nonAscii', numeric: 'hexadecimal' }));
console.log(decode('&lt; &gt; &quot; &apos; &amp; &#169; &#8710; &nbsp;x &copy'), decode('&copy;', { level: 'xml' }), decodeEntity('&lt;'));
console.log(decode('&amp;lt;', { scope: 'strict' }), decode('a &amp b', { scope: 'body' }), decode('a &amp b', { scope: 'attribute' }));
