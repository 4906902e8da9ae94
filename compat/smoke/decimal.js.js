const Decimal = require('decimal.js');
console.log(new Decimal(0.1).plus(0.2).toString(), 0.1 + 0.2, new Decimal('1.0000000000000000000001').times(3).toString());
Decimal.set({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
console.log(Decimal.sqrt(2).toString(), new Decimal(1).div(7).toFixed(30), Decimal.exp(1).toSignificantDigits(20).toString());
console.log(new Decimal('123.456').toDecimalPlaces(1).toString(), new Decimal(255).toHexadecimal(), new Decimal('1e-7').toString(), new Decimal('12345.6789').toExponential(3));
console.log(new Decimal(2).pow(200).toString(), Decimal.ln(10).toFixed(10), new Decimal(-7).mod(3).toString(), Decimal.max(1, '5', 3).toString());
console.log(new Decimal('0.1').equals(0.1), new Decimal(10).comparedTo(9), new Decimal('NaN').isNaN(), Decimal.acos(-1).toFixed(20), new Decimal(1234.5).toFraction(1000).map(String));
