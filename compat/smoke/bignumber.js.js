const BigNumber = require('bignumber.js');
const x = new BigNumber(123.4567), y = new BigNumber('123456.7e-3');
console.log(x.plus(0.1).toString(), new BigNumber(0.1).plus(0.2).toString(), x.isEqualTo(y), x.minus(y).toString());
console.log(new BigNumber(2).exponentiatedBy(100).toFixed(), new BigNumber(1).dividedBy(3).toString(), new BigNumber('ff', 16).toString(2));
BigNumber.config({ DECIMAL_PLACES: 40, ROUNDING_MODE: BigNumber.ROUND_HALF_UP, FORMAT: { groupSize: 3, groupSeparator: ',', decimalSeparator: '.' } });
console.log(new BigNumber(2).sqrt().toString(), new BigNumber('1234567.891').toFormat(2), new BigNumber('9.999').decimalPlaces(2).toString());
console.log(new BigNumber('1e+21').toFixed(), new BigNumber('-0.00001').toExponential(), BigNumber.maximum(1, 5, '3').toString(), new BigNumber(Infinity).isFinite());
console.log(new BigNumber('0.75').toFraction().map(String), new BigNumber(10).modulo(3).toNumber(), new BigNumber('12.5').integerValue(BigNumber.ROUND_HALF_EVEN).toString());
