const bcrypt = require('bcryptjs');
const known = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
console.log(bcrypt.compareSync('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'));
console.log(bcrypt.hashSync('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.'), bcrypt.getRounds(known), bcrypt.getSalt(known));
const salt = bcrypt.genSaltSync(4);
const hash = bcrypt.hashSync('s3cret ü', salt);
console.log(hash.length, hash.slice(0, 7), bcrypt.compareSync('s3cret ü', hash), bcrypt.compareSync('wrong', hash), bcrypt.truncates('x'.repeat(73)));
(async () => {
  const h = await bcrypt.hash('async pw', 4);
  console.log(await bcrypt.compare('async pw', h), await bcrypt.compare('nope', h));
  bcrypt.hash('cb', 4, (err, h2) => console.log('callback', err, h2.length));
})();
