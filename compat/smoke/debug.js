// debug writes to stderr with a timestamp; route it to stdout through
// log, without colours or date, so the check sees deterministic text
const debug = require('debug');
debug.inspectOpts.hideDate = true;
debug.enable('app:*,-app:secret');
debug.formatters.h = (v) => v.toString('hex');
const log = debug('app:http');
log.useColors = false;
log.log = (...a) => console.log(...a);
log('request %s %d %o', 'GET', 200, { path: '/x' });
log('bytes %h and %j', Buffer.from('hi'), { a: [1] });
console.log(debug.enabled('app:http'), debug.enabled('app:secret'), debug.enabled('other'));
const sub = log.extend('db');
sub.log = log.log;
sub.useColors = false;
sub('query %O', { id: 1 });
console.log(sub.namespace, sub.enabled, debug.humanize(1500));
