const vary = require('vary');
console.log(vary.append('', 'Origin'), vary.append('Accept', 'User-Agent'), vary.append('Accept, Origin', ['origin', 'Cookie']), vary.append('*', 'Origin'), vary.append('Accept', '*'));
const headers = {};
const res = { getHeader: (n) => headers[n.toLowerCase()], setHeader: (n, v) => { headers[n.toLowerCase()] = v; } };
vary(res, 'Origin'); vary(res, ['Accept-Encoding', 'origin']);
console.log(headers);
try { vary.append('Accept', 'bad header:'); } catch (e) { console.log(e.name, e.message); }
