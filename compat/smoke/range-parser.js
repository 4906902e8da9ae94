const parseRange = require('range-parser');
console.log(parseRange(1000, 'bytes=0-499'), parseRange(1000, 'bytes=-500'), parseRange(1000, 'bytes=500-'));
console.log(parseRange(1000, 'bytes=0-10,5-20,100-200', { combine: true }));
console.log(parseRange(1000, 'bytes=2000-3000'), parseRange(1000, 'items=0-5'), parseRange(1000, 'garbage'));
console.log(parseRange(100, 'bytes=90-200').type, JSON.stringify(parseRange(100, 'bytes=0-1,50-60')));
