import { encode, decode, escape, escapeUTF8, encodeHTML, encodeXML, decodeHTML, decodeXML, decodeHTMLStrict, EntityLevel, EncodingMode } from 'entities';
console.log(encode('&<>"\' © ≠ 😀'), encodeHTML('ä ö ü ß €'), encodeXML('&<>"\' ä'));
console.log(decode('&lt;p&gt; &amp;amp; &copy; &#x1F600; &#65; &hearts; &notin'), decodeXML('&apos;&copy;'));
console.log(decodeHTML('&ampx &lt &gt=x'), decodeHTMLStrict('&ampx &lt; &gt=x'));
console.log(escape('a < b & ü'), escapeUTF8('a < b & ü'), encode('ü <', { level: EntityLevel.XML, mode: EncodingMode.ASCII }));
