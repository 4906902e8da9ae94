const he = require('he');
console.log(he.encode('foo © bar ≠ baz 𝌆 qux <>&"\''));
console.log(he.encode('foo © bar ≠ baz 𝌆 qux', { useNamedReferences: true }), he.encode('a\u00A0b', { decimal: true }));
console.log(he.decode('foo &copy; bar &ne; baz &#x1D306; qux &amp;amp; &lt;p&gt; &notin; &notit; &#65;'));
console.log(he.escape('<img src=\'x\' onerror="alert(1)">'), he.unescape('&lt;b&gt;'));
try { he.decode('foo&ampbar', { strict: true }); } catch (e) { console.log(e.message); }
console.log(he.encode('\u{1F600} é', { allowUnsafeSymbols: true, encodeEverything: false }).length);
