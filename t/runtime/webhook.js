// The seed's "Verify Webhooks" sample (best-practices), as written there.
const crypto = require('crypto');
function verifySignature(payload, signature, secret) {
const hmac = crypto.createHmac('sha256', secret);
const digest = hmac.update(payload).digest('hex');
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
