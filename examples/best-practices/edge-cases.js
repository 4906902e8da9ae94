// Handle Edge Cases: POST {"items": [{"price": 2}, {"price": -1}, null]}
module.exports = async function(req, res) {
  const { items } = req.body ?? {};
  // Handle missing data
  if (!items) {
    return res.status(400).json({ error: 'items required' });
  }
  // Handle empty array
  if (!Array.isArray(items) || items.length === 0) {
    return res.json({ total: 0, items: [] });
  }
  // Handle invalid items
  const valid = items.filter(item => item && item.price > 0);
  const total = valid.reduce((sum, item) => sum + item.price, 0);
  res.json({ total, items: valid });
};
