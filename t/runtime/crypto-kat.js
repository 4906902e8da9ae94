// The published vectors of crypto-vectors.json through require('crypto'),
// the way function code calls it: chained and split update() calls, every
// output encoding, and the errors Node throws.  Answers a list of
// [name, got, expected] for t/35-crypto.t to compare.
var crypto = require('crypto');
var V = require('./crypto-vectors.json');

function H(s) { return Buffer.from(s, 'hex'); }

function thrown(f) {
  try { f(); return 'no error'; } catch (e) { return e.name + ' ' + e.code + ' ' + e.message; }
}

module.exports = function (req, res) {
  var out = [];
  function check(name, got, want) { out.push([name, String(got), String(want)]); }

  V.hash.forEach(function (t) {
    check(t[0] + ' hex', crypto.createHash(t[0]).update(t[1]).digest('hex'), t[2]);
    var h = crypto.createHash(t[0]);
    for (var i = 0; i < t[1].length; i += 7) h.update(t[1].slice(i, i + 7));
    check(t[0] + ' split in 7-byte updates', h.digest().toString('hex'), t[2]);
    check(t[0] + ' base64', crypto.createHash(t[0]).update(t[1], 'utf8').digest('base64'), H(t[2]).toString('base64'));
  });
  var m = crypto.createHash('sha256'), chunk = new Array(1001).join('a');
  for (var i = 0; i < 1000; i++) m.update(chunk);
  check('sha256 of a million a in 1000 updates', m.digest('hex'), V.million_a_sha256);

  V.hmac.forEach(function (t) {
    ['sha256', 'sha384', 'sha512'].forEach(function (a) {
      var d = crypto.createHmac(a, H(t.key)).update(H(t.data)).digest('hex');
      if (t.truncate) d = d.slice(0, 2 * t.truncate);
      check('RFC 4231 case ' + t['case'] + ' ' + a, d, t[a]);
    });
  });
  check('HMAC key as a string', crypto.createHmac('sha256', 'Jefe').update('what do ya want ').update('for nothing?').digest('hex'),
        V.hmac[1].sha256);
  check('digest base64url', crypto.createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('base64url'),
        H(V.hmac[1].sha256).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  check('digest latin1 length', crypto.createHash('sha1').update('x').digest('latin1').length, 20);

  V.gcm.forEach(function (t) {
    var c = crypto.createCipheriv('aes-256-gcm', H(t.key), H(t.iv));
    if (t.aad) c.setAAD(H(t.aad));
    var pt = H(t.pt), half = pt.length >> 1;
    var ct = c.update(pt.slice(0, half), undefined, 'hex') + c.update(pt.slice(half), undefined, 'hex') + c.final('hex');
    check('GCM case ' + t['case'] + ' ciphertext', ct, t.ct);
    check('GCM case ' + t['case'] + ' tag', c.getAuthTag().toString('hex'), t.tag);
    var d = crypto.createDecipheriv('aes-256-gcm', H(t.key), H(t.iv));
    if (t.aad) d.setAAD(H(t.aad));
    d.setAuthTag(H(t.tag));
    check('GCM case ' + t['case'] + ' decrypt', Buffer.concat([d.update(H(t.ct)), d.final()]).toString('hex'), t.pt);
    var bad = H(t.tag);
    bad[15] ^= 0x80;
    var e = crypto.createDecipheriv('aes-256-gcm', H(t.key), H(t.iv));
    if (t.aad) e.setAAD(H(t.aad));
    e.setAuthTag(bad);
    e.update(H(t.ct));
    check('GCM case ' + t['case'] + ' tampered tag', thrown(function () { e.final(); }),
          'Error undefined Unsupported state or unable to authenticate data');
  });

  V.cbc.forEach(function (t) {
    var c = crypto.createCipheriv('aes-256-cbc', H(t.key), H(t.iv)).setAutoPadding(false);
    var pt = H(t.pt);
    var ct = Buffer.concat([c.update(pt.slice(0, 5)), c.update(pt.slice(5, 40)), c.update(pt.slice(40)), c.final()]);
    check('CBC SP 800-38A encrypt in uneven updates', ct.toString('hex'), t.ct);
    var d = crypto.createDecipheriv('aes-256-cbc', H(t.key), H(t.iv)).setAutoPadding(false);
    check('CBC SP 800-38A decrypt', d.update(t.ct, 'hex', 'hex') + d.final('hex'), t.pt);
    var p = crypto.createCipheriv('aes-256-cbc', H(t.key), H(t.iv));
    var padded = Buffer.concat([p.update('attack at dawn!!x'), p.final()]);
    check('CBC with padding: two blocks for 17 bytes', padded.length, 32);
    var q = crypto.createDecipheriv('aes-256-cbc', H(t.key), H(t.iv));
    check('CBC padded round trip', q.update(padded.slice(0, 20), null, 'utf8') + q.update(padded.slice(20), null, 'utf8') + q.final('utf8'),
          'attack at dawn!!x');
    var w = crypto.createDecipheriv('aes-256-cbc', H(t.key), H(t.iv));
    w.update(H(t.ct));
    check('CBC bad padding', thrown(function () { w.final(); }),
          'Error ERR_OSSL_BAD_DECRYPT error:1C800064:Provider routines::bad decrypt');
  });

  V.pbkdf2.forEach(function (t) {
    check('PBKDF2 c=' + t.iterations, crypto.pbkdf2Sync(t.password_text, t.salt_text, t.iterations, t.keylen, t.digest).toString('hex'), t.dk);
  });
  V.scrypt.forEach(function (t) {
    check('scrypt N=' + t.N, crypto.scryptSync(t.password_text, t.salt_text, t.keylen, { N: t.N, r: t.r, p: t.p, maxmem: 64 << 20 }).toString('hex'), t.dk);
  });

  check('timingSafeEqual unequal lengths', thrown(function () { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); }),
        'RangeError ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH Input buffers must have the same byte length');
  check('timingSafeEqual equal', crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
  check('timingSafeEqual differ', crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
  check('createHash unknown', thrown(function () { crypto.createHash('nope'); }), 'Error undefined Digest method not supported');
  check('createHmac unknown', thrown(function () { crypto.createHmac('nope', 'k'); }), 'TypeError ERR_CRYPTO_INVALID_DIGEST Invalid digest: nope');
  check('digest twice', thrown(function () { var h = crypto.createHash('sha1'); h.digest(); h.digest(); }),
        'Error ERR_CRYPTO_HASH_FINALIZED Digest already called');
  check('short key', thrown(function () { crypto.createCipheriv('aes-256-gcm', Buffer.alloc(31), Buffer.alloc(12)); }),
        'RangeError ERR_CRYPTO_INVALID_KEYLEN Invalid key length');
  check('CBC short IV', thrown(function () { crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32), Buffer.alloc(12)); }),
        'TypeError ERR_CRYPTO_INVALID_IV Invalid initialization vector');
  check('unknown cipher', thrown(function () { crypto.createCipheriv('rc4', Buffer.alloc(32), Buffer.alloc(12)); }),
        'Error ERR_CRYPTO_UNKNOWN_CIPHER Unknown cipher');
  check('randomUUID shape', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()), true);
  check('randomBytes(24)', crypto.randomBytes(24).length, 24);
  var ints = {}, n;
  for (i = 0; i < 200; i++) { n = crypto.randomInt(3, 6); ints[n] = 1; }
  check('randomInt(3, 6) covers 3..5 only', Object.keys(ints).sort().join(), '3,4,5');
  var u = crypto.getRandomValues(new Uint32Array(4));
  check('getRandomValues fills and returns its array', u instanceof Uint32Array && u.length === 4, true);
  check('global crypto is the module', typeof globalThis === 'undefined' || crypto === require('node:crypto'), true);
  check('getHashes has sha3-256', crypto.getHashes().indexOf('sha3-256') >= 0, true);
  res.json(out);
};
