const { sprintf, vsprintf } = require('sprintf-js');
console.log(sprintf('%2$s %3$s a %1$s', 'cracker', 'Polly', 'wants'));
console.log(sprintf('%05d|%-6s|%+.2f|%x|%X|%o|%b|%e|%c', 42, 'ab', 3.14159, 255, 255, 8, 5, 12345.678, 65));
console.log(sprintf('Hello %(name)s, you have %(count)d messages', { name: 'Ann', count: 3 }));
console.log(vsprintf('The first 4 letters are: %s, %s, %s and %s', ['a', 'b', 'c', 'd']), sprintf('%%'));
console.log(sprintf('%j', { a: [1] }), sprintf("%'*10s|%10.3f|%u|%g|%t|%T|%v", 'pad', Math.PI, -1, 0.00001234, true, [], 'val'));
