const md5 = require('md5');
console.log(md5('message'), md5(''));
console.log(md5('The quick brown fox jumps over the lazy dog'));
console.log(md5(Buffer.from([0, 1, 2, 255])), md5([104, 105]));
console.log(md5('héllo wörld ☃'), md5('x', { asBytes: true }).slice(0, 4), md5('x', { asString: true }).length);
