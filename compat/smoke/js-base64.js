const { Base64 } = require('js-base64');
console.log(Base64.encode('dankogai'), Base64.encode('小飼弾'), Base64.encodeURI('小飼弾'), Base64.encode('😀 & ü', true));
console.log(Base64.decode('ZGFua29nYWk='), Base64.decode('5bCP6aO85by+'), Base64.decode('5bCP6aO85by-'));
console.log(Base64.isValid('5bCP6aO85by+'), Base64.isValid('!!'));
console.log(Base64.fromUint8Array(new Uint8Array([0, 255, 128])), Array.from(Base64.toUint8Array('AP+A')));
console.log(Base64.btoa('\xff\xfe'), Base64.atob('//4='), Base64.encode('x', false).length);
