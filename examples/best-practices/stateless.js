// Stateless Design, the seed's warning: the module-level cache starts empty
// on every request ("Won't persist").  POST /best-practices/stateless?key=k
// with {"value": …} answers with only this request's entry.
let cache = {};
module.exports = function(req, res) {
  cache[req.query.key] = req.body.value; // Won't persist
  res.json(cache);
};
