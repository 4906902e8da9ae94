const crypto = require('crypto');

module.exports = (req, res) => {
  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET)
    .update(req.rawBody).digest('hex');
  const given = Buffer.from(req.get('x-signature') || '');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, Buffer.from(expected))) {
    return res.status(401).json({ error: 'Invalid signature' });
  }
  res.json({ ok: true });
};
