const punycode = require('punycode/');
console.log(punycode.decode('maana-pta'), punycode.encode('mañana'), punycode.decode('--dqo34k'), punycode.encode('☃-⌘'));
console.log(punycode.toUnicode('xn--maana-pta.com'), punycode.toASCII('mañana.com'));
console.log(punycode.toASCII('джумла@джpумлатест.bрфa'), punycode.toUnicode('xn--ls8h.la'));
console.log(punycode.ucs2.decode('𝌆'), punycode.ucs2.encode([0x1d306]), punycode.version);
