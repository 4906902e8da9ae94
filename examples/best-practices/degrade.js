// Graceful Degradation: the upstream first; when it fails (network,
// DNS, TLS, a host the administrator's --fetch-allow/--fetch-deny
// refuses), the copy kept in kv under 'cached:data'; else a 503.
module.exports = async function(req, res) {
  try {
    const data = await fetch('https://api.example.com/data');
    res.json(await data.json());
  } catch (error) {
    // Fallback to cached data
    const cached = await kv.get('cached:data');
    if (cached) {
      return res.json({ ...cached, fromCache: true });
    }
    // Last resort
    res.status(503).json({
      error: 'Service temporarily unavailable'
    });
  }
};
