// Validate Input.  createUser (abstract in the seed) returns the user with an id.
async function createUser({ email, name }) {
  return { id: crypto.randomUUID(), email, name };
}

module.exports = async function(req, res) {
  // Validate required fields
  const { email, name } = req.body ?? {};
  if (!email || !email.includes('@')) {
    return res.status(400).json({
      error: 'Invalid email address'
    });
  }
  if (!name || name.length < 2) {
    return res.status(400).json({
      error: 'Name must be at least 2 characters'
    });
  }
  // Process valid input
  const user = await createUser({ email, name });
  res.json({ user });
};
