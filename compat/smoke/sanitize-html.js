const sanitizeHtml = require('sanitize-html');
const dirty = '<p onclick="evil()">Hello <b>world</b><script>alert(1)</script><a href="javascript:alert(1)">x</a><a href="https://ok.example/">ok</a><img src="x.png" onerror="e()"><iframe src="//evil"></iframe><style>p{}</style></p>';
console.log(sanitizeHtml(dirty));
console.log(sanitizeHtml(dirty, { allowedTags: ['b', 'a', 'img'], allowedAttributes: { a: ['href'], img: ['src'] }, allowedSchemes: ['https'] }));
console.log(sanitizeHtml('<p class="x y" style="color: red; position: absolute">t</p>', { allowedAttributes: { p: ['class', 'style'] }, allowedClasses: { p: ['x'] }, allowedStyles: { p: { color: [/^red$/] } } }));
console.log(sanitizeHtml('<h1>T</h1><div>d</div>', { transformTags: { h1: 'h2', div: sanitizeHtml.simpleTransform('p', { class: 'para' }) } }));
console.log(sanitizeHtml('<b>bold</b> & <i>it</i> &lt;', { allowedTags: [] }), sanitizeHtml('<p>a</p><p></p>', { exclusiveFilter: (f) => f.tag === 'p' && !f.text.trim() }));
