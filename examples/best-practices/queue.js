// Fast Responses: ✅ Quick response — queue the job, answer 202 at once.
module.exports = async function(req, res) {
  // Queue for processing
  await kv.set(`job:${crypto.randomUUID()}`, req.body);
  res.status(202).json({
    message: 'Job queued',
    status: 'processing'
  });
};
