// Keep Functions Small and Focused: GET /best-practices/users/42
// getUser is the seed's abstract helper, filled in with a fixed directory.
const USERS = { 42: { id: 42, name: 'Ada' }, 7: { id: 7, name: 'Grace' } };

async function getUser(id) {
  await null;   // a real lookup would wait on kv or fetch
  return USERS[id] ?? null;
}

// ✅ Good - focused function
module.exports = async function(req, res) {
  const userId = req.params.userId;
  const user = await getUser(userId);
  res.json({ user });
};
