// Track Metrics: counters in kv per 5-minute bucket.  ?fail=1 makes
// processRequest throw, which is counted and then rethrown (a 500).
async function processRequest(req) {
  if (req.query.fail) throw new Error('processing failed');
  return { ok: true };
}

module.exports = async function(req, res) {
  const startTime = Date.now();
  try {
    const result = await processRequest(req);
    // Track success
    await trackMetric('requests.success', 1);
    await trackMetric('requests.latency', Date.now() - startTime);
    res.json({ ...result, success: await kv.get(`metrics:requests.success:${getTimeBucket()}`) });
  } catch (error) {
    // Track failure
    await trackMetric('requests.error', 1);
    throw error;
  }
};

async function trackMetric(metric, value) {
  const key = `metrics:${metric}:${getTimeBucket()}`;
  const current = await kv.get(key) || 0;
  await kv.set(key, current + value, 3600);
}

function getTimeBucket() {
  // 5-minute buckets
  return Math.floor(Date.now() / 300000) * 300000;
}
