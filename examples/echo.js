// POST /echo — what the function saw: parsed body, query, headers it got.
// Invalid JSON never reaches this code: the responder answers 400 first.
module.exports = function (req, res) {
  res.json({
    method: req.method,
    path: req.path,
    query: req.query,
    type: req.get('content-type') || null,
    body: req.body,
    bytes: req.rawBody.length,
    ip: req.ip
  });
};
