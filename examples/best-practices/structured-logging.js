// Structured Logging: one JSON line per event.  processRequest (abstract in
// the seed) fails for ?fail=1.
async function processRequest(req) {
  if (req.query.fail) throw new Error('processing failed');
  return { ok: true, path: req.path };
}

module.exports = async function(req, res) {
  console.log(JSON.stringify({
    level: 'info',
    message: 'Request received',
    method: req.method,
    path: req.path,
    timestamp: Date.now()
  }));
  try {
    const result = await processRequest(req);
    console.log(JSON.stringify({
      level: 'info',
      message: 'Request processed',
      duration: 123,
      timestamp: Date.now()
    }));
    res.json(result);
  } catch (error) {
    console.log(JSON.stringify({
      level: 'error',
      message: 'Request failed',
      error: error.message,
      stack: error.stack,
      timestamp: Date.now()
    }));
    res.status(500).json({ error: error.message });
  }
};
