// Stateless Design: ✅ Use KV store.  POST /best-practices/kv-store?key=k {"value": …}
module.exports = async function(req, res) {
  await kv.set(req.query.key, req.body.value);
  res.json({ success: true });
};
