// The endpoint best-practices/batch.js calls: a user, and with
// ?include=posts,comments the related records in the same answer.
const users = { 1: { id: 1, name: 'Ada' }, 2: { id: 2, name: 'Grace' } };

module.exports = (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'No such user' });
  const include = new Set((req.query.include ?? '').split(',').filter(Boolean));
  res.json({
    user,
    ...(include.has('posts') && { posts: [{ id: 10, title: `Notes by ${user.name}` }] }),
    ...(include.has('comments') && { comments: [{ id: 20, text: 'First!' }] }),
  });
};
