// Implement Rate Limiting: 100 requests per client address per 60 s window.
module.exports = async function(req, res) {
  const ip = req.ip;
  const key = `ratelimit:${ip}`;
  const requests = await kv.get(key) || 0;
  if (requests >= 100) {
    return res.status(429).json({
      error: 'Too many requests',
      retryAfter: 60
    });
  }
  await kv.set(key, requests + 1, 60); // 60 second window
  // Process request
  res.json({ success: true });
};
