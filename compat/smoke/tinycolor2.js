const tinycolor = require('tinycolor2');
const c = tinycolor('#f00');
console.log(c.toHexString(), c.toRgbString(), c.toHslString(), c.toHsvString(), c.toName(), c.getFormat(), c.isValid());
console.log(tinycolor('hsl(120, 100%, 25%)').toHex(), tinycolor({ r: 255, g: 128, b: 0, a: 0.5 }).toRgbString(), tinycolor('rgb 255 0 0').toHex8String(), tinycolor('nope').isValid());
console.log(tinycolor('#fff').isLight(), tinycolor('#000').getBrightness(), tinycolor('#abc').getLuminance().toFixed(4), tinycolor.readability('#000', '#fff'), tinycolor.isReadable('#777', '#888'));
console.log(tinycolor('red').lighten(20).toHexString(), tinycolor('red').darken().toHexString(), tinycolor('#ccc').spin(90).desaturate(10).toHexString(), tinycolor('#f00').complement().toHexString());
console.log(tinycolor('#f00').triad().map((t) => t.toHexString()), tinycolor.mix('red', 'blue', 50).toHexString(), tinycolor.mostReadable('#123', ['#124', '#ff0', '#000']).toHexString(), tinycolor.equals('red', '#f00'));
