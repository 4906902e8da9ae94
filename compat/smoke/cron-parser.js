const { CronExpressionParser } = require('cron-parser');
const opts = { currentDate: '2024-02-29T13:45:30Z', tz: 'UTC' };
const expr = CronExpressionParser.parse('*/15 9-17 * * 1-5', opts);
console.log([0, 1, 2, 3, 4].map(() => expr.next().toISOString()));
const monthly = CronExpressionParser.parse('0 0 L * *', opts);
console.log(monthly.next().toISOString(), monthly.next().toISOString(), monthly.prev().toISOString());
const tz = CronExpressionParser.parse('0 9 * * *', { currentDate: '2024-03-09T00:00:00Z', tz: 'America/New_York' });
console.log(tz.take(3).map((d) => d.toISOString()));
console.log(CronExpressionParser.parse('@weekly', opts).next().toISOString(), CronExpressionParser.parse('0 12 * * MON#2', opts).next().toISOString());
try { CronExpressionParser.parse('61 * * * *'); } catch (e) { console.log(e.message); }
console.log(CronExpressionParser.parse('0 */2 * * *', opts).stringify(), CronExpressionParser.parse('5 4 * * sun', opts).includesDate(new Date('2024-03-03T04:05:00Z')));
