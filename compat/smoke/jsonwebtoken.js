const jwt = require('jsonwebtoken');
const token = jwt.sign({ sub: 'user1', role: 'admin', iat: 1700000000 }, 'shhhhh', { expiresIn: '1h', issuer: 'me', algorithm: 'HS256' });
console.log(token);
console.log(jwt.verify(token, 'shhhhh', { clockTimestamp: 1700000100 }));
try { jwt.verify(token, 'wrong'); } catch (e) { console.log(e.name, e.message); }
try { jwt.verify(token, 'shhhhh', { clockTimestamp: 1800000000 }); } catch (e) { console.log(e.name, e.message, e.expiredAt.toISOString()); }
try { jwt.verify(token, 'shhhhh', { issuer: 'other', clockTimestamp: 1700000100 }); } catch (e) { console.log(e.name, e.message); }
console.log(jwt.decode(token, { complete: true }).header, jwt.sign({ a: 1 }, 'k', { algorithm: 'HS512', noTimestamp: true }));
jwt.sign({ cb: true, iat: 1 }, 'k', { algorithm: 'HS384' }, (err, t) => console.log('async', err, t));
