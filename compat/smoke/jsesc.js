const jsesc = require('jsesc');
console.log(jsesc('Ich ♥ Bücher 😀 "q" \'s\' \n\t\0 </script>'), jsesc('foo 𝌆 bar', { es6: true }), jsesc('a"b', { quotes: 'double', wrap: true }));
console.log(jsesc({ Ich: ['♥', 'Bücher'], nested: { n: 42, t: true, u: undefined } }, { compact: false, indent: '  ' }));
console.log(jsesc([new Map([['a', 1]]), new Set([2]), Buffer.from('hi')]), jsesc(42, { numbers: 'hexadecimal' }), jsesc('ü', { json: true }), jsesc('</script>', { isScriptContext: true }));
console.log(jsesc('\u2028\u2029 \x7f', { minimal: true }), jsesc('ab', { escapeEverything: true }), jsesc('x`${y}', { quotes: 'backtick' }));
