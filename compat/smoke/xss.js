const xss = require('xss');
console.log(xss('<script>alert("xss");</script>'));
console.log(xss('<a href="javascript:alert(1)" title="t">x</a><img src="a.png" onerror="alert(1)"><b style="color:red">b</b>'));
console.log(xss('<div><p>ok</p><iframe src="x"></iframe></div>', { whiteList: { p: [] }, stripIgnoreTag: true, stripIgnoreTagBody: ['iframe'] }));
const f = new xss.FilterXSS({ onTagAttr: (tag, name, value) => (name === 'data-id' ? `${name}="${xss.escapeAttrValue(value)}"` : undefined) });
console.log(f.process('<span data-id="1&2" onclick="x">s</span>'), xss.friendlyAttrValue('&lt;b&gt;'));
console.log(xss('<a href="https://example.com/?q=1&x=2">ok</a> <!-- c -->'));
