// A helper: names starting with "_" are never routed, but require() finds them.
module.exports = function greet(greeting, name) {
  var who = typeof name === 'string' && name.trim() ? name.trim().substring(0, 100) : 'world';
  return greeting + ', ' + who + '!';
};
