// Stream Large Responses: each item is written as it comes from an async
// generator (streamItems, abstract in the seed).  ?n= sets the count.
async function* streamItems(n = 5) {
  for (let i = 1; i <= n; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    yield { id: i, name: `item ${i}` };
  }
}

module.exports = async function(req, res) {
  res.type('application/json');
  res.write('[');
  let first = true;
  for await (const item of streamItems(Number(req.query.n) || 5)) {
    if (!first) res.write(',');
    res.write(JSON.stringify(item));
    first = false;
  }
  res.write(']');
  res.end();
};
