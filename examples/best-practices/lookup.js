// Use Appropriate Data Structures: find vs a Map.  GET ?id=2
const users = [{ id: 1, name: 'Ada' }, { id: 2, name: 'Grace' }, { id: 3, name: 'Edsger' }];

module.exports = function(req, res) {
  const userId = Number(req.query.id);
  // ❌ Inefficient lookup
  const slow = users.find(u => u.id === userId);
  // ✅ Efficient lookup
  const usersMap = new Map(users.map(u => [u.id, u]));
  const user = usersMap.get(userId);
  res.json({ user: user ?? null, same: slow === user });
};
