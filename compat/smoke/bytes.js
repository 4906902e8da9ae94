const bytes = require('bytes');
console.log(bytes(1024), bytes(1000), bytes(1024 * 1024 * 3.5), bytes(1099511627776));
console.log(bytes(1024 * 1024, { unitSeparator: ' ' }), bytes(123456789, { thousandsSeparator: ',', unit: 'KB' }));
console.log(bytes('1KB'), bytes('1.5mb'), bytes('2 GB'), bytes('1024'), bytes('bad'));
console.log(bytes(512, { decimalPlaces: 0 }), bytes(1536, { fixedDecimals: true }), bytes(-2048));
console.log(bytes.format(5000, { unit: 'B' }), bytes.parse('10PB'));
