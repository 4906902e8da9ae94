// Use Helper Functions: index.js of the seed, with its helpers required.
const { validateEmail, sanitizeInput } = require('./_helpers');

async function processMessage(email, message) {
  await kv.set(`message:${email}`, { message, at: Date.now() });
}

module.exports = async function(req, res) {
  const { email, message } = req.body;
  if (!validateEmail(email)) {
    return res.status(400).json({ error: 'Invalid email' });
  }
  const sanitized = sanitizeInput(message);
  await processMessage(email, sanitized);
  res.json({ success: true });
};
