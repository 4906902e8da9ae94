#!/usr/bin/perl
# res 'finish' (doc/api.md, "req and res as streams"): through nginx to a
# client that stops reading, a streamed response that ends while records
# of it still wait in the request layer says 'finish' only once the web
# server has taken the last of them (the client read again), as Node's
# ServerResponse says it once the last byte is handed to the system, and
# 'close' after it; writableFinished is false until then.  A response the
# client takes at once finishes at end() as before, and a client that
# leaves before taking the rest gets 'close' without 'finish'.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use IO::Select;
use Socket qw(PF_INET SOCK_STREAM SOL_SOCKET SO_RCVBUF pack_sockaddr_in inet_aton);
use Time::HiRes qw(time sleep);

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/root';
mkdir $root or die "$root: $!";
sub put { my ($f, $s) = @_; open my $fh, '>', "$root/$f" or die $!; print $fh $s; close $fh }

# Writes 64 KB pieces until write() says the client has not taken them
# (at most MB megabytes), then end() at once, with that output still
# queued; logs what res says at end() and when its events come.
put('end.js', <<'JS');
module.exports = (req, res) => {
  res.type('application/octet-stream');
  const n = Number(req.query.mb) * 16, tag = req.query.tag;
  let i = 0;
  res.on('finish', () => console.log(tag + ' finish writableFinished ' + res.writableFinished));
  res.on('close', () => console.log(tag + ' close writableFinished ' + res.writableFinished));
  while (i < n && res.write(Buffer.alloc(65536, i % 251))) i++;
  res.end();
  console.log(tag + ' ended writableEnded ' + res.writableEnded + ' writableFinished ' + res.writableFinished +
              ' bytes ' + Math.min(n, i + 1) * 65536);
};
JS

my $inv = start_invoke(root => $root, workers => 1, args => ['--timeout', '150']);
my $ng = start_nginx(fastcgi => $inv->{addr});

# A client with a small receive window: sends the request, reads a
# little, waits until `during` (called every 0.25 s) says so or `pause`
# seconds have passed, then reads to the end unless `leave`.  Returns the
# body's length, chunked framing and all (the exact bytes are t/56's).
sub slow_get {
    my ($target, $pause, $during, $leave) = @_;
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
    if (!$leave) {
        while ($sel->can_read(150)) {
            my $n = sysread($s, $buf, 1 << 20);
            last unless $n;
            $raw .= $buf;
        }
    }
    close $s;
    return length $raw;
}

sub lines_of { my ($tag) = @_; return grep { /\b$tag (ended|finish|close)\b/ } log_lines($inv) }

# slow: the client pauses until 2 s after the function ended the response
my ($ended_at, $finish_early);
my $len = slow_get('/end?mb=64&tag=slow', 90, sub {
    my @l = lines_of('slow');
    $ended_at //= time if grep { /slow ended/ } @l;
    $finish_early ||= grep { /slow finish/ } @l;
    return $ended_at && time - $ended_at > 2;
});
ok($ended_at, 'the function ended the response while the client paused') or diag(join "\n", log_lines($inv));
my ($ended) = grep { /slow ended/ } log_lines($inv);
my ($bytes) = ($ended // '') =~ /bytes (\d+)/;
cmp_ok($len, '>', $bytes // 1e12, "slow client: the whole body arrived ($len bytes with the framing)");
like($ended // '', qr/writableEnded true writableFinished false/, 'at end(): writableEnded, not writableFinished');
ok(!$finish_early, "no 'finish' while the client paused with the end still queued");
ok(wait_for(sub { grep { /slow close/ } log_lines($inv) }, 60), "'close' came once the client read") or diag(join "\n", log_lines($inv));
my @events = map { /slow (\w+ writableFinished \w+)/ ? $1 : () } lines_of('slow');
is_deeply(\@events, ['finish writableFinished true', 'close writableFinished true'],
          "then 'finish' and 'close', in that order, writableFinished true");

# fast: nothing waits at end(), 'finish' at once
my $r = http_get($ng->{port}, '/end?mb=1&tag=fast', timeout => 60);
is(length $r->{body}, 1024 * 1024, 'a fast client: all 1 MB');
ok(wait_for(sub { grep { /fast close/ } log_lines($inv) }, 30), "fast: 'close' came");
@events = map { /fast (\w+) / ? $1 : () } lines_of('fast');
like((grep { /fast ended/ } log_lines($inv))[0] // '', qr/writableFinished false/, "fast: writableFinished false at end(), until 'finish'");
is_deeply(\@events, [qw(ended finish close)], "fast: end(), then 'finish' and 'close'");

# gone: the client leaves while the end is queued: 'close' without 'finish'
my $gone_ended;
slow_get('/end?mb=64&tag=gone', 90, sub {
    $gone_ended //= time if grep { /gone ended/ } log_lines($inv);
    return $gone_ended && time - $gone_ended > 1;
}, 1);
ok($gone_ended, 'gone: the function ended the response while the client paused');
ok(wait_for(sub { grep { /gone close/ } log_lines($inv) }, 60), "gone: 'close' came once the client left")
    or diag(join "\n", log_lines($inv));
@events = map { /gone (\w+) / ? $1 : () } lines_of('gone');
is_deeply(\@events, [qw(ended close)], "gone: 'close' without 'finish'");
like((grep { /gone close/ } log_lines($inv))[0] // '', qr/writableFinished false/, 'gone: writableFinished stays false');

# the worker serves the next request
is(http_get($ng->{port}, '/end?mb=1&tag=after', timeout => 60)->{status}, 200, 'the worker goes on');

finish();
