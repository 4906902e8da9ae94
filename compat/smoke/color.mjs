import Color from 'color';
const c = Color('rgb(255, 255, 255)');
console.log(c.hex(), Color('#7743CE').alpha(0.5).lighten(0.5).rgb().string(), Color('red').hsl().string(), Color.rgb(10, 20, 30).hex());
console.log(Color('hsl(194, 53%, 79%)').cmyk().round().array(), Color('#abc').isLight(), Color('navy').luminosity().toFixed(4), Color('white').contrast(Color('black')));
console.log(Color('red').mix(Color('blue'), 0.25).hex(), Color('blue').rotate(180).keyword(), Color('#ff0000').negate().hex(), Color('#336699').grayscale().hex(), Color({ r: 1, g: 2, b: 3 }).object());
console.log(Color('hwb(60, 3%, 60%)').hex(), Color('#0f0').lab().round().array(), Color('orange').saturationl(), Color('#f00').fade(0.3).string());
try { Color('not a color'); } catch (e) { console.log(e.message); }
