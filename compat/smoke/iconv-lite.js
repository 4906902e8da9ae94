const iconv = require('iconv-lite');
const hex = (b) => Buffer.from(b).toString('hex');
console.log(hex(iconv.encode('Grüße €', 'win1252')), hex(iconv.encode('Grüße', 'latin1')), hex(iconv.encode('日本語', 'Shift_JIS')), hex(iconv.encode('中文', 'gbk')));
console.log(iconv.decode(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x80]), 'win1252'), iconv.decode(Buffer.from('93fa967b8cea', 'hex'), 'sjis'), iconv.decode(Buffer.from('d6d0cec4', 'hex'), 'gb2312'));
console.log(iconv.decode(Buffer.from('c0e1e2', 'hex'), 'koi8-r'), iconv.decode(Buffer.from('fffe41004200', 'hex'), 'utf16'), hex(iconv.encode('A😀', 'utf16-be')), iconv.decode(Buffer.from('a4a2', 'hex'), 'EUC-KR'));
console.log(iconv.encodingExists('cp866'), iconv.encodingExists('nope'), iconv.decode(Buffer.from([0xff, 0x41]), 'utf8'), hex(iconv.encode('ü', 'utf8', { addBOM: true })));
const dec = iconv.getDecoder('utf8');
console.log(dec.write(Buffer.from([0xe2, 0x82])) + '|' + dec.write(Buffer.from([0xac])) + '|' + (dec.end() || ''));
