const numeral = require('numeral');
console.log(numeral(10000.1234).format('0,0.00'), numeral(1230974).format('0.0a'), numeral(0.974878234).format('0.000%'), numeral(-1000.234).format('($0,0)'));
console.log(numeral(3467479682787).format('0.00b'), numeral(1024).format('0 ib'), numeral(238).format('00:00:00'), numeral(1).format('0o'), numeral(22).format('0o'));
console.log(numeral('1,234.56').value(), numeral('$10,000.00').value(), numeral('23rd').value(), numeral('-76%').value(), numeral('2.5k').value());
numeral.register('locale', 'x-de', { delimiters: { thousands: '.', decimal: ',' }, abbreviations: { thousand: 'k', million: 'm', billion: 'b', trillion: 't' }, ordinal: () => '.', currency: { symbol: '€' } });
numeral.locale('x-de');
console.log(numeral(1234567.891).format('0,0.00 $'), numeral(5).add(3).multiply(2).value(), numeral(1e-7).format('0.0e+0'));
