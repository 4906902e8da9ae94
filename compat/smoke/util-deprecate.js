const deprecate = require('util-deprecate');
process.on('warning', (w) => console.log('warning event:', w.name, w.message));
const oldApi = deprecate(function (a, b) { return a + b; }, 'oldApi() is deprecated, use newApi()');
console.log(oldApi(1, 2), oldApi(3, 4), typeof deprecate);
setTimeout(() => console.log('done'), 10);
