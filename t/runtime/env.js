// process.env for t/37-webhook.t: the administrator's --env variables and
// the root's .env, and what writing to process.env does.
module.exports = function (req, res) {
  var before = process.env.ADMIN_ONLY;
  process.env.ADMIN_ONLY = 'changed by a function';
  res.json({ admin: before, secret: process.env.WEBHOOK_SECRET, changed: process.env.ADMIN_ONLY });
};
