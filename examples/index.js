// GET / — what this folder serves.  Every file here is a function: the
// path of the request picks the file (hello.js answers /hello).
module.exports = function (req, res) {
  res.json({
    name: 'invoke-fcgi examples',
    try: [
      'GET /hello?name=Ada',
      'POST /echo  (any body: JSON, form, text)',
      'GET /users/42',
      'GET /stream',
      'GET /time',
      'GET /redirect'
    ]
  });
};
