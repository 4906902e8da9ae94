const crypto = require('crypto');

// verifySignature (abstract in the seed): X-Signature is the hex
// HMAC-SHA256 of the raw body with WEBHOOK_SECRET.
function verifySignature(req) {
  const secret = process.env.WEBHOOK_SECRET;
  const signature = req.get('x-signature') || '';
  if (!secret) return false;
  const digest = crypto.createHmac('sha256', secret).update(req.rawBody || '').digest('hex');
  return signature.length === digest.length &&
    crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(digest));
}

/**
* Processes webhook from payment provider
*
* @param {Object} req - Express request object
* @param {Object} res - Express response object
*/
module.exports = async function(req, res) {
  // Verify webhook signature to prevent spoofing
  const isValid = verifySignature(req);
  if (!isValid) {
    return res.status(401).json({ error: 'Invalid signature' });
  }
  // Extract and validate payment data
  const { amount, currency, orderId } = req.body;
  // Update order status in KV store
  await kv.set(`order:${orderId}`, {
    status: 'paid',
    amount,
    currency,
    paidAt: Date.now()
  });
  res.json({ success: true });
};
