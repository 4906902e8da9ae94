const _ = require('underscore');
console.log(_.map([1, 2, 3], (n) => n * 3));
console.log(_.reduce([1, 2, 3], (memo, n) => memo + n, 0));
console.log(_.pluck([{ name: 'moe', age: 40 }, { name: 'larry', age: 50 }], 'name'));
console.log(_.countBy([1, 2, 3, 4, 5], (n) => (n % 2 === 0 ? 'even' : 'odd')));
console.log(_.intersection([1, 2, 3], [101, 2, 1, 10], [2, 1]), _.zip(['a', 'b'], [1, 2]));
console.log(_.template('<% _.each(people, function(name) { %><li><%- name %></li><% }); %>')({ people: ['moe', '<curly>'] }));
console.log(_.escape('Curly, Larry & Moe'), _.isEmpty({}), _.keys({ one: 1, two: 2 }));
console.log(_.chain([3, 1, 2]).sortBy(_.identity).map((x) => x * 10).value());
