const striptags = require('striptags');
const html = '<a href="https://example.com">lorem ipsum <strong>dolor</strong> <em>sit</em> amet</a><!-- comment --><br/>';
console.log(striptags(html), '|', striptags(html, '<strong>'), '|', striptags(html, ['a']), '|', striptags(html, [], '\n'));
const stream = striptags.init_streaming_mode(['em']);
console.log(stream('<p>par<em>t1'), stream('</em> <b'), stream('>bold</b></p>'));
console.log(striptags('1 < 2 and 3 > 2'), striptags('<scr<script>ipt>alert(1)</script>'));
