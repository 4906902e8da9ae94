// GET /redirect — 302 to /hello, with a cookie on the way.
module.exports = function (req, res) {
  res.cookie('visited', 'yes', { httpOnly: true, sameSite: 'lax', maxAge: 60000 });
  res.redirect('/hello?name=again');
};
