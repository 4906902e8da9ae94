// Node 20 + Express 4, two cluster workers like every other contender.
// The counter is a per-process variable: not shared between the workers.
const cluster = require('cluster');
const crypto = require('crypto');

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
} else {
  const express = require('express');
  const app = express();
  let counter = 0;
  app.get('/hello', (req, res) => res.type('text').send('Hello, world'));
  app.post('/echo', express.json(), (req, res) => res.json(req.body));
  app.get('/counter', (req, res) => res.json({ n: ++counter }));
  // the very handler invoke-fcgi runs (issue 20's compute scenario)
  app.get('/compute', require('../invoke/compute.js'));
  app.post('/webhook', express.raw({ type: '*/*' }), (req, res) => {
    const expected = crypto.createHmac('sha256', 'bench-secret').update(req.body).digest('hex');
    const given = Buffer.from(req.get('x-signature') || '');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, Buffer.from(expected))) {
      return res.status(401).json({ error: 'Invalid signature' });
    }
    res.json({ ok: true });
  });
  app.listen(Number(process.env.PORT), '127.0.0.1');
}
