// Protect Sensitive Data: ✅ Safe logging — the log gets the email and a
// time, never the password.  POST {"email": …, "password": …}
module.exports = function(req, res) {
  console.log('User login attempt:', {
    email: req.body.email,
    timestamp: Date.now()
  });
  res.json({ logged: true });
};
