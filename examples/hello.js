// GET /hello?name=Ada — a plain text answer; GREETING comes from .env.
var greet = require('./_lib/greet');

module.exports = function (req, res) {
  res.type('text').send(greet(process.env.GREETING || 'Hello', req.query.name));
};
