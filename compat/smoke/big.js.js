const Big = require('big.js');
console.log(new Big(0.1).plus(0.2).toString(), new Big('123.456').times('1e3').toString(), new Big(1).div(3).toString());
Big.DP = 30; Big.RM = Big.roundHalfEven;
console.log(new Big(2).sqrt().toString(), new Big(22).div(7).toFixed(25), new Big('1.005').round(2).toString());
console.log(new Big('-0.0000012').toExponential(2), new Big('123456789.123').toPrecision(5), new Big(2).pow(64).toFixed());
console.log(new Big(5).cmp(3), new Big('1.0').eq(1), new Big(7).mod(3).toNumber(), new Big('1e-7').toString(), new Big('1e21').toString());
try { new Big('abc'); } catch (e) { console.log(e.message); }
