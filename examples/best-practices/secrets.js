// Use Environment Variables for Secrets: the key comes from process.env
// (the root's .env file or the responder's --env), goes only into the
// upstream's Authorization header, and never into a log or a response.
module.exports = async function(req, res) {
  // ✅ Safe
  const apiKey = process.env.API_KEY;
  if (!apiKey) {
    return res.status(500).json({ error: 'Configuration error' });
  }
  const response = await fetch('https://api.example.com/data', {
    headers: { 'Authorization': `Bearer ${apiKey}` }
  });
  res.status(response.status).json(await response.json());
};
