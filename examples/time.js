// GET /time — a promise-returning handler.
module.exports = function (req, res) {
  return sleep(10).then(function () {
    res.set('Cache-Control', 'no-store').json({ now: new Date().toISOString() });
  });
};
