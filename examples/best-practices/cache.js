// Cache Frequently Accessed Data: the first request computes and caches for
// 5 minutes, the next ones answer fromCache: true.
async function fetchExpensiveData() {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { answer: 42, computedAt: Date.now() };
}

module.exports = async function(req, res) {
  const cacheKey = `cache:${req.path}`;
  // Check cache
  const cached = await kv.get(cacheKey);
  if (cached) {
    return res.json({ ...cached, fromCache: true });
  }
  // Fetch and cache
  const data = await fetchExpensiveData();
  await kv.set(cacheKey, data, 300); // 5 minutes
  res.json({ ...data, fromCache: false });
};
