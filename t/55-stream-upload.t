#!/usr/bin/perl
# The request body read as it arrives (doc/api.md, "req and res as
# streams"): a 50 MB upload through nginx piped from req into zlib and a
# hash never sits in the worker's memory whole, while the same upload read
# with req.rawBody does; req.body still works for the functions that use
# it, read on first use; a body nobody reads, a body read after the
# response, and bodies over the limit (declared, or found while reading).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Digest::SHA qw(sha256_hex);
use IO::Select;
use IO::Socket::INET;
use Time::HiRes qw(time sleep);

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/root';
mkdir $root or die "$root: $!";
sub put { my ($f, $s) = @_; open my $fh, '>', "$root/$f" or die $!; print $fh $s; close $fh }

# req through gzip and gunzip into a hash: the round trip proves both
# streams saw every byte, in order
put('up.js', <<'JS');
const { pipeline } = require('stream/promises');
const { Writable } = require('stream');
const zlib = require('zlib');
const crypto = require('crypto');
module.exports = async (req, res) => {
  const h = crypto.createHash('sha256');
  let n = 0, gz = 0;
  const count = new (require('stream').Transform)({
    transform(c, e, cb) { gz += c.length; cb(null, c); } });
  await pipeline(req, zlib.createGzip(), count, zlib.createGunzip(),
    new Writable({ write(c, e, cb) { n += c.length; h.update(c); cb(); } }));
  res.json({ n, gz, sha: h.digest('hex') });
};
JS
# for await, and 'data' events
put('ways.js', <<'JS');
const crypto = require('crypto');
module.exports = async (req, res) => {
  const h = crypto.createHash('sha256');
  let n = 0;
  if (req.query.how === 'iter') {
    for await (const c of req) { n += c.length; h.update(c); }
  } else {
    await new Promise((resolve, reject) => {
      req.on('data', (c) => { n += c.length; h.update(c); });
      req.on('end', resolve);
      req.on('error', reject);
    });
  }
  res.json({ n, sha: h.digest('hex') });
};
JS
# the same upload read whole
put('whole.js', <<'JS');
const crypto = require('crypto');
module.exports = (req, res) => {
  const b = req.rawBody;
  res.json({ n: b.length, sha: crypto.createHash('sha256').update(b).digest('hex') });
};
JS
# req.body of a raw body: read on first use
put('raw.js', <<'JS');
module.exports = (req, res) => {
  const b = req.body;
  res.json({ buffer: Buffer.isBuffer(b), n: b.length, text: String(b.subarray(0, 5)),
             same: req.rawBody === b });
};
JS
put('ignore.js', "module.exports = (req, res) => res.json({ ok: true });\n");
# answers first, reads the body afterwards
put('after.js', <<'JS');
const crypto = require('crypto');
const { setTimeout: sleep } = require('timers/promises');
module.exports = async (req, res) => {
  res.json({ ok: true });
  await sleep(50);
  const b = req.rawBody;
  console.log('after ' + b.length + ' ' + crypto.createHash('sha256').update(b).digest('hex'));
};
JS
put('iter.js', <<'JS');
module.exports = async (req, res) => {
  let n = 0;
  for await (const c of req) n += c.length;
  res.json({ n });
};
JS

my $inv = start_invoke(root => $root, workers => 1, args => ['--max-body', '60m']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my ($worker) = child_pids($inv->{pid});


# 50 MB: chunk i of 64 KB is a line of its number, repeated
my $MB = 50;
my $body = join '', map { substr(("$_ " x 20000), 0, 65536) } 0 .. $MB * 16 - 1;
my $sha = sha256_hex($body);

# POSTs the body and samples the worker's resident size until the answer
sub upload {
    my ($target) = @_;
    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
    binmode $s;
    my $before = rss_kb($worker);
    my $peak = $before;
    print $s "POST $target HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
           . "Content-Type: application/octet-stream\r\nContent-Length: " . length($body) . "\r\n\r\n";
    my $off = 0;
    while ($off < length $body) {
        my $w = syswrite($s, $body, 1 << 20, $off);
        die "write: $!" unless defined $w;
        $off += $w;
    }
    my ($raw, $buf) = ('', '');
    my $sel = IO::Select->new($s);
    my $end = time + 300;
    while (time < $end) {
        my $now = rss_kb($worker);
        $peak = $now if $now > $peak;
        next unless $sel->can_read(0.02);
        my $n = sysread($s, $buf, 65536);
        last unless $n;
        $raw .= $buf;
    }
    close $s;
    return (parse_http($raw), ($peak - $before) / 1024, $before, $peak);
}

is(http_post($ng->{port}, '/up', 'warm-up', headers => { 'Content-Type' => 'text/plain' })->{status}, 200,
   'warm-up');
my ($r, $grew, $before, $peak) = upload('/up');
my $j = json_body($r) || {};
is($j->{n}, length $body, "streamed: all $MB MB went through gzip and gunzip");
is($j->{sha}, $sha, 'streamed: the same bytes, in order');
cmp_ok($j->{gz} || 0, '>', 0, "streamed: gzip made $j->{gz} bytes of it");
cmp_ok($grew, '<', 20, sprintf('streamed: the worker grew by %.1f MB at most (RSS %d -> %d kB)',
                               $grew, $before, $peak));

for my $how ('iter', 'data') {
    my ($x, $g, $b, $p) = upload("/ways?how=$how");
    is_deeply(json_body($x), { n => length $body, sha => $sha }, "$how: every byte, in order");
    cmp_ok($g, '<', 20, sprintf('%s: the worker grew by %.1f MB at most (RSS %d -> %d kB)', $how, $g, $b, $p));
}

my ($w, $wgrew, $wb, $wp) = upload('/whole');
$j = json_body($w) || {};
is($j->{sha}, $sha, 'req.rawBody: the whole upload');
cmp_ok($wgrew, '>', $MB, sprintf('req.rawBody: the worker grew by %.1f MB, the body held whole '
                                 . '(RSS %d -> %d kB): the bound above is the streaming\'s', $wgrew, $wb, $wp));

# req.body of a raw body
$r = http_post($ng->{port}, '/raw', 'hello world', headers => { 'Content-Type' => 'application/octet-stream' });
is_deeply(json_body($r), { buffer => JSON::PP::true(), n => 11, text => 'hello', same => JSON::PP::true() },
          'req.body of an octet-stream: the Buffer, read on first use');

# a body nobody reads: the worker drops it and serves on
my $mb = 'x' x (1024 * 1024);
for my $i (1, 2) {
    $r = http_post($ng->{port}, '/ignore', $mb, headers => { 'Content-Type' => 'application/octet-stream' });
    is($r->{status}, 200, "a 1 MB body nobody reads ($i): 200");
}
$r = fcgi_request($inv->{addr}, params => { REQUEST_METHOD => 'POST', SCRIPT_NAME => '/ignore',
                                            REQUEST_URI => '/ignore', CONTENT_TYPE => 'application/octet-stream' },
                  body => $mb);
is($r->{status}, 200, 'the same over FastCGI directly: 200');
ok(!$r->{error}, 'and the request ended properly') or diag($r->{error});

# read after the response was complete
my $small = join '', map { chr(65 + $_ % 26) } 0 .. 99999;
$r = http_post($ng->{port}, '/after', $small, headers => { 'Content-Type' => 'application/octet-stream' });
is($r->{status}, 200, 'answered before reading: 200');
my $want = 'after ' . length($small) . ' ' . sha256_hex($small);
ok(wait_for(sub { grep { /\Q$want\E/ } log_lines($inv) }, 10),
   'the body read after the response: every byte') or diag(join "\n", log_lines($inv));

# over the limit
$r = fcgi_request($inv->{addr}, params => { REQUEST_METHOD => 'POST', SCRIPT_NAME => '/up', REQUEST_URI => '/up',
                                            CONTENT_LENGTH => 61 * 1024 * 1024 });
is($r->{status}, 413, 'a declared length over --max-body: 413 before the function runs');
my $inv2 = start_invoke(root => $root, workers => 1, args => ['--max-body', '100k'], name => 'small');
$r = fcgi_request($inv2->{addr}, params => { REQUEST_METHOD => 'POST', SCRIPT_NAME => '/iter', REQUEST_URI => '/iter',
                                             CONTENT_LENGTH => '' }, body => 'y' x 300000);
is($r->{status}, 413, 'no declared length, 300 KB read against --max-body 100k: 413');
like($r->{body}, qr/too large/i, 'with its JSON error');
$r = fcgi_request($inv2->{addr}, params => { REQUEST_METHOD => 'POST', SCRIPT_NAME => '/iter', REQUEST_URI => '/iter',
                                             CONTENT_LENGTH => '' }, body => 'y' x 50000);
is_deeply(json_body($r), { n => 50000 }, 'no declared length, 50 KB: read to its end');

finish();
