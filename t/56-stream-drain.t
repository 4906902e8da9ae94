#!/usr/bin/perl
# Backpressure on res (doc/api.md, "req and res as streams"): through
# nginx to a client that stops reading, res.write() returns false once the
# client has not taken what was written, 'drain' follows when it has, and
# a pipeline into res waits meanwhile (its generator stops making chunks)
# while the worker's memory stays bounded; every byte arrives in order.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Digest::SHA qw(sha256_hex);
use IO::Select;
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use Socket qw(PF_INET SOCK_STREAM SOL_SOCKET SO_RCVBUF pack_sockaddr_in inet_aton);
use Time::HiRes qw(time sleep);

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/root';
mkdir $root or die "$root: $!";
sub put { my ($f, $s) = @_; open my $fh, '>', "$root/$f" or die $!; print $fh $s; close $fh }

# MB megabytes by hand: write() until false, then wait for 'drain'
put('slow.js', <<'JS');
module.exports = (req, res) => {
  res.type('application/octet-stream');
  const n = Number(req.query.mb) * 16;
  let i = 0, falses = 0, drains = 0;
  res.on('drain', () => { drains++; go(); });
  function go() {
    while (i < n) {
      const ok = res.write(Buffer.alloc(65536, i % 251));
      i++;
      if (!ok) {
        if (falses++ === 0) console.log('first false at ' + i + ' need ' + res.writableNeedDrain + ' length ' + (res.writableLength > 0));
        return;
      }
    }
    res.end();
    console.log('slow done ' + i + ' falses ' + falses + ' drains ' + drains);
  }
  go();
};
JS
# random chunks through gzip into res
put('gz.js', <<'JS');
const { pipeline } = require('stream/promises');
const { Readable } = require('stream');
const zlib = require('zlib');
const crypto = require('crypto');
module.exports = async (req, res) => {
  const n = Number(req.query.mb) * 16, h = crypto.createHash('sha256');
  async function* chunks() {
    for (let i = 0; i < n; i++) {
      const c = crypto.randomBytes(65536);
      h.update(c);
      if (i % 16 === 0) console.log('made ' + i);
      yield c;
    }
  }
  res.type('application/gzip');
  await pipeline(Readable.from(chunks()), zlib.createGzip(), res);
  console.log('gz done ' + n + ' ' + h.digest('hex'));
};
JS

# a long --timeout: the machine running the tests may be slow
my $inv = start_invoke(root => $root, workers => 1, args => ['--timeout', '150']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my ($worker) = child_pids($inv->{pid});


# A client with a small receive window: sends the request, reads the head
# and a little, stops reading until `during` (called every 0.25 s) says
# so or `pause` seconds have passed, then reads to the end.  Returns the
# body (chunked framing undone).
sub slow_get {
    my ($target, $pause, $during) = @_;
    socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
    setsockopt($s, SOL_SOCKET, SO_RCVBUF, 16384) or die "setsockopt: $!";
    connect($s, pack_sockaddr_in($ng->{port}, inet_aton('127.0.0.1'))) or die "connect: $!";
    binmode $s;
    syswrite($s, "GET $target HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    my ($raw, $buf) = ('', '');
    my $sel = IO::Select->new($s);
    while (length $raw < 65536 && $sel->can_read(30)) {
        my $n = sysread($s, $buf, 65536);
        last unless $n;
        $raw .= $buf;
    }
    my $t = time;
    while (time - $t < $pause) {
        sleep 0.25;
        last if $during->();
    }
    while ($sel->can_read(150)) {
        my $n = sysread($s, $buf, 1 << 20);
        last unless $n;
        $raw .= $buf;
    }
    close $s;
    # the chunked framing undone by position: parse_http's s/^...// copies
    # the rest of a 48 MB body for each of nginx's many small chunks
    my $end = index($raw, "\r\n\r\n");
    my $r = parse_http(substr($raw, 0, $end + 4));
    my ($at, $body) = ($end + 4, '');
    while ($at < length $raw) {
        my $nl = index($raw, "\r\n", $at);
        last if $nl < 0;
        my $len = hex substr($raw, $at, $nl - $at);
        last if $len == 0;
        $body .= substr($raw, $nl + 2, $len);
        $at = $nl + 2 + $len + 2;
    }
    $r->{body} = $body;
    return $r;
}

is(http_get($ng->{port}, '/slow?mb=1')->{status}, 200, 'warm-up');
my $before = rss_kb($worker);
my ($peak, $early_done, $first_false) = ($before, 0, 0);
# the client reads again 2 s after the function has seen write() false
# (or after 60 s); the function must not have gone on writing meanwhile
my $false_at;
my $r = slow_get('/slow?mb=24', 60, sub {
    my $now = rss_kb($worker);
    $peak = $now if $now > $peak;
    $early_done ||= grep { /slow done 384/ } log_lines($inv);
    $first_false ||= grep { /first false at/ } log_lines($inv);
    $false_at //= time if $first_false;
    return $first_false && time - $false_at > 2;
});
is($r->{status}, 200, 'slow client: 200');
is(length $r->{body}, 24 * 1024 * 1024, 'slow client: all 24 MB arrived');
ok($r->{body} eq join('', map { chr($_ % 251) x 65536 } 0 .. 383), 'slow client: every byte in order');
ok($first_false, 'res.write() returned false while the client did not read');
ok(!$early_done, 'and the function had not written everything 2 s later, the client still paused');
my ($ff) = grep { /first false at/ } log_lines($inv);
like($ff // '', qr/need true length true/, 'writableNeedDrain and writableLength said so');
ok(wait_for(sub { grep { /slow done 384 falses [1-9]\d* drains [1-9]\d*/ } log_lines($inv) }, 150),
   "'drain' followed each false, and the function wrote the rest")
    or diag(join "\n", log_lines($inv));
my ($dl) = grep { /slow done 384/ } log_lines($inv);
my ($falses, $drains) = ($dl // '') =~ /falses (\d+) drains (\d+)/;
is($drains, $falses, "as many 'drain's as falses ($drains)");
cmp_ok(($peak - $before) / 1024, '<', 20,
       sprintf('the worker grew by %.1f MB at most while the client paused (RSS %d -> %d kB)',
               ($peak - $before) / 1024, $before, $peak));

# a pipeline of random chunks through gzip: the generator waits for the
# client
my $made_during = 0;
$r = slow_get('/gz?mb=24', 4, sub {
    my @m = map { /made (\d+)/ ? $1 : () } log_lines($inv);
    $made_during = $m[-1] if @m && $m[-1] > $made_during;
    return 0;
});
is($r->{status}, 200, 'pipeline through gzip to a slow client: 200');
cmp_ok($made_during, '<', 24 * 16 - 16, "the generator waited while the client paused (chunk $made_during of 384 made)");
ok(wait_for(sub { grep { /gz done/ } log_lines($inv) }, 150), 'the pipeline ended') or diag(join "\n", log_lines($inv));
my ($want) = map { /gz done \d+ (\w+)/ ? $1 : () } log_lines($inv);
my $plain;
gunzip(\$r->{body} => \$plain) or diag("gunzip: $GunzipError");
is(length($plain // ''), 24 * 1024 * 1024, 'gunzip reads all 24 MB of it');
is(sha256_hex($plain // ''), $want, 'the bytes the generator made');

# a client that reads at once sees no difference
$r = http_get($ng->{port}, '/slow?mb=4', timeout => 60);
is(length $r->{body}, 4 * 1024 * 1024, 'a fast client: all 4 MB');

finish();
