module.exports = async (req, res) => {
  const n = await kv.incr('counter');
  res.json({ n });
};
