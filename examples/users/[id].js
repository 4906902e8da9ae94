// GET /users/42 — a [param] segment; users/me.js would win over it.
module.exports = function (req, res) {
  var id = req.params.id;
  if (!/^\d+$/.test(id)) {
    return res.status(400).json({ error: 'id must be a number' });
  }
  res.json({ id: Number(id), name: 'User ' + id });
};
