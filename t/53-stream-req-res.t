#!/usr/bin/perl
# req is a Readable and res a Writable, as in Node (doc/api.md, "req and
# res as streams"), end to end through nginx: rows piped from a generator
# reach the client one by one as written; 50 MB streamed from a generator
# with stream/promises' pipeline arrive whole while the worker's resident
# size stays flat; a client that hangs up stops the generator; a request
# body read with for await, 'data' events and req.pipe().
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

# three rows, 400 ms apart, through a Transform into res
put('rows.js', <<'JS');
const { Readable, Transform, pipeline } = require('stream');
const { setTimeout: sleep } = require('timers/promises');
async function* rows() {
  for (let i = 1; i <= 3; i++) {
    if (i > 1) await sleep(400);
    yield { id: i };
  }
}
module.exports = (req, res) => {
  res.type('application/x-ndjson');
  const events = [];
  res.on('finish', () => events.push('finish'));
  res.on('close', () => { events.push('close'); console.log('events ' + events.join(',')); });
  const line = new Transform({ writableObjectMode: true,
    transform(row, enc, cb) { cb(null, 'ROW-' + row.id + ' ' + JSON.stringify(row) + '\n'); } });
  pipeline(Readable.from(rows()), line, res, (err) => console.log('pipeline ' + (err ? err.code : 'ok')));
};
JS
# MB megabytes in 64 KB chunks, chunk i filled with the byte i % 251
put('big.js', <<'JS');
const { pipeline } = require('stream/promises');
const { Readable } = require('stream');
module.exports = async (req, res) => {
  const mb = Number(req.query.mb);
  let made = 0;
  async function* chunks() {
    for (let i = 0; i < mb * 16; i++) {
      made++;
      yield Buffer.alloc(65536, i % 251);
    }
  }
  res.type('application/octet-stream');
  try {
    await pipeline(Readable.from(chunks()), res);
    console.log('big done ' + made);
  } catch (e) {
    console.log('big stopped ' + e.code + ' after ' + made);
  }
};
JS
# the body three ways
put('body.js', <<'JS');
const crypto = require('crypto');
const { Transform } = require('stream');
module.exports = async (req, res) => {
  if (req.query.how === 'iter') {
    const h = crypto.createHash('sha256');
    let n = 0, chunks = 0;
    for await (const c of req) { h.update(c); n += c.length; chunks++; }
    return res.json({ n, sha: h.digest('hex'), many: chunks > 1 });
  }
  if (req.query.how === 'data') {
    let n = 0;
    req.on('data', (c) => { n += c.length; });
    return req.on('end', () => res.json({ n, ended: req.readableEnded }));
  }
  res.type('text/plain');
  req.pipe(new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase()); } })).pipe(res);
};
JS

my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});
my ($worker) = child_pids($inv->{pid});


# --- rows, one by one ---
my $r = stream_request($ng->{port}, '/rows');
is($r->{status}, 200, 'rows: 200') or diag($r->{error} || $r->{raw});
is($r->{body}, qq(ROW-1 {"id":1}\nROW-2 {"id":2}\nROW-3 {"id":3}\n), 'rows: every row, in order');
my @at = map { my $n = $_; (grep { $_->[1] =~ /ROW-$n/ } @{ $r->{arrivals} })[0] } 1 .. 3;
ok(!grep({ !$_ } @at), 'rows: every row arrived in a read');
if (!grep { !$_ } @at) {
    for my $i (1, 2) {
        my $gap = $at[$i][0] - $at[$i - 1][0];
        cmp_ok($gap, '>=', 0.25, sprintf('row %d arrived %.3f s after row %d: sent as written', $i + 1, $gap, $i));
        unlike($at[$i - 1][1], qr/ROW-${\ ($i + 1)}/, "the read with row $i does not hold row " . ($i + 1));
    }
}
ok(wait_for(sub { grep { /events finish,close/ } log_lines($inv) }, 5), "res emitted 'finish' then 'close'")
    or diag(join "\n", log_lines($inv));
ok(wait_for(sub { grep { /pipeline ok/ } log_lines($inv) }, 5), 'the pipeline ended without error');

# --- 50 MB from a generator, RSS sampled while it arrives ---
is(http_get($ng->{port}, '/big?mb=1')->{status}, 200, 'big: warm-up');
my $before = rss_kb($worker);
my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
binmode $s;
print $s "GET /big?mb=50 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
my ($head, $buf, $in_body, $reads, $peak) = ('', '', 0, 0, $before);
my $sha = Digest::SHA->new(256);
my $len = 0;
my $sel = IO::Select->new($s);
my $end = time + 300;
while (time < $end) {
    last unless $sel->can_read(30);
    my $n = sysread($s, $buf, 1 << 20);
    last unless $n;
    if (!$in_body) {
        $head .= $buf;
        next unless $head =~ /\r\n\r\n/;
        ($head, $buf) = split /\r\n\r\n/, $head, 2;
        $in_body = 1;
    }
    $reads++;
    $len += length $buf;    # chunked framing included: checked below
    $sha->add($buf);
    my $now = rss_kb($worker);
    $peak = $now if $now > $peak;
}
close $s;
like($head, qr{^HTTP/1\.1 200}, 'big: 200');
like($head, qr{^Transfer-Encoding: chunked\r?$}mi, 'big: sent chunked, as it was made');
cmp_ok($len, '>=', 50 * 1024 * 1024, sprintf('big: at least 50 MB arrived (%d bytes with the chunk framing, in %d reads)', $len, $reads));
cmp_ok($reads, '>', 10, 'big: in many reads');
my $grew = ($peak - $before) / 1024;
cmp_ok($grew, '<', 20, sprintf('big: the worker grew by %.1f MB at most while streaming 50 MB (RSS %d -> %d kB)',
                                $grew, $before, $peak));
ok(wait_for(sub { grep { /big done 800\b/ } log_lines($inv) }, 10), 'big: the pipeline ended after 800 chunks')
    or diag(join "\n", log_lines($inv));

# the whole 50 MB checked byte for byte through the chunked decoding
$r = http_get($ng->{port}, '/big?mb=50', timeout => 300);
my $want = join '', map { chr($_ % 251) x 65536 } 0 .. 799;
is(length $r->{body}, 50 * 1024 * 1024, 'big: 50 MB decoded');
ok($r->{body} eq $want, 'big: every byte in order');

# a client that hangs up: the pipeline fails with a premature close and
# the generator stops early
$s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
print $s "GET /big?mb=200 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
sysread($s, $buf, 65536) for 1 .. 4;
close $s;
ok(wait_for(sub { grep { /big stopped ERR_STREAM_PREMATURE_CLOSE after \d+/ } log_lines($inv) }, 60),
   'hang-up: the pipeline failed with ERR_STREAM_PREMATURE_CLOSE') or diag(join "\n", log_lines($inv));
my ($made) = map { /big stopped \S+ after (\d+)/ ? $1 : () } log_lines($inv);
cmp_ok($made // 3200, '<', 3200, 'hang-up: the generator stopped before its end (' . ($made // 'none') . ' of 3200 chunks)');
is(http_get($ng->{port}, '/big?mb=1')->{status}, 200, 'hang-up: the worker serves on');

# --- the request body, sent in pieces ---
my $body = join '', map { chr(65 + $_ % 26) x 1000 } 0 .. 999;    # 1 MB
sub post_slowly {
    my ($target) = @_;
    my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
    binmode $c;
    print $c "POST $target HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n"
           . 'Content-Length: ' . length($body) . "\r\n\r\n";
    for my $i (0 .. 3) {
        print $c substr($body, $i * 250000, 250000);
        sleep 0.1;
    }
    local $/;
    my $raw = <$c>;
    close $c;
    return parse_http($raw // '');
}
$r = post_slowly('/body?how=iter');
is_deeply(json_body($r), { n => length $body, sha => sha256_hex($body), many => JSON::PP::true() },
          'for await (const chunk of req): every byte, in several chunks');
$r = post_slowly('/body?how=data');
is_deeply(json_body($r), { n => length $body, ended => JSON::PP::true() }, "req.on('data') and 'end'");
$r = post_slowly('/body?how=pipe');
is($r->{status}, 200, 'req.pipe(transform).pipe(res): 200');
ok($r->{body} eq uc $body, 'req.pipe(transform).pipe(res): the body, transformed');
$r = http_get($ng->{port}, '/body?how=iter');
is_deeply(json_body($r), { n => 0, sha => sha256_hex(''), many => JSON::PP::false() }, 'a GET: an empty stream');

finish();
