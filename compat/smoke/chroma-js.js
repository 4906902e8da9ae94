const chroma = require('chroma-js');
console.log(chroma('hotpink').hex(), chroma('#ff3399').darken(2).hex(), chroma('orange').saturate(2).hex(), chroma('#f00').luminance().toFixed(4));
console.log(chroma.mix('red', 'blue', 0.5, 'rgb').hex(), chroma.mix('red', 'blue', 0.5, 'lab').hex(), chroma.scale(['yellow', '008ae5']).mode('lch').colors(4));
console.log(chroma.contrast('pink', 'hotpink').toFixed(3), chroma.deltaE('#ededee', '#ececee').toFixed(4), chroma('teal').hsl().map((x) => +x.toFixed(3)), chroma.temperature(2000).hex());
console.log(chroma('#D4F880').set('hsl.h', 0).hex(), chroma(255, 0, 0, 'rgb').css(), chroma.hsl(330, 1, 0.6).rgba(), chroma.valid('nope'), chroma.brewer.Set1.slice(0, 3));
console.log(chroma.scale('RdYlBu').domain([0, 100]).classes(5)(42).hex(), chroma.limits([1, 2, 3, 4, 5, 10], 'q', 2), chroma('red').alpha(0.5).css('hsl'));
