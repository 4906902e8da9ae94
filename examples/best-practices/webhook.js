// Verify Webhooks: X-Signature is the hex HMAC-SHA256 of the JSON body with
// WEBHOOK_SECRET (from the root's .env or the responder's environment).
const crypto = require('crypto');
function verifySignature(payload, signature, secret) {
  if (!signature || !secret) return false;   // no secret configured: refuse
  const hmac = crypto.createHmac('sha256', secret);
  const digest = hmac.update(payload).digest('hex');
  // timingSafeEqual throws on unequal lengths, as Node's does
  if (signature.length !== digest.length) return false;
  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(digest)
  );
}
module.exports = function(req, res) {
  const signature = req.get('x-signature');
  const secret = process.env.WEBHOOK_SECRET;
  if (!verifySignature(JSON.stringify(req.body), signature, secret)) {
    return res.status(401).json({ error: 'Invalid signature' });
  }
  // Process webhook
  res.json({ success: true });
};
