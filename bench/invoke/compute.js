// compute: CPU-bound work in one request (issue 20): 10,000 records
// grouped with a Map and sorted, a 1,000-row HTML table built by
// appending, 200 KB of JSON stringified and parsed back.  The same work
// as bench/php/compute.php and bench/node/server.js's /compute.
module.exports = (req, res) => {
  const records = [];
  for (let i = 0; i < 10000; i++)
    records.push({ id: i, cat: 'c' + (i * 7919 % 97), name: 'item ' + i, price: (i * 104729 % 100000) / 100, qty: i % 13 });
  const groups = new Map();
  for (const r of records) {
    let g = groups.get(r.cat);
    if (!g) { g = { cat: r.cat, n: 0, total: 0, items: [] }; groups.set(r.cat, g); }
    g.n++;
    g.total += r.price * r.qty;
    g.items.push(r);
  }
  const sorted = [...groups.values()].sort((a, b) => b.total - a.total || (a.cat < b.cat ? -1 : 1));
  for (const g of sorted) g.items.sort((a, b) => b.price - a.price || a.id - b.id);
  let html = '<table><tr><th>group</th><th>id</th><th>name</th><th>price</th><th>qty</th></tr>';
  let rows = 0;
  outer: for (const g of sorted) {
    for (const r of g.items) {
      if (rows++ === 1000) break outer;
      html += `<tr><td>${g.cat}</td><td>${r.id}</td><td>${r.name}</td><td>${r.price.toFixed(2)}</td><td>${r.qty}</td></tr>`;
    }
  }
  html += '</table>';
  const json = JSON.stringify({ records: records.slice(0, 3100) });
  const back = JSON.parse(json);
  html += `<p>groups ${sorted.length} first ${sorted[0].cat} rows ${rows - 1} json ${json.length} back ${back.records.length}</p>`;
  res.type('html').send(html);
};
