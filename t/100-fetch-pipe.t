#!/usr/bin/perl
# res.pipeFrom(await fetch(url)) streams an upstream body to the client:
# 200 MB arrive whole and in order while the worker's resident
# size stays flat; a client that hangs up stops the transfer; 1,000 fetches
# in a row leave nothing behind.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use FetchTest;
use Digest::SHA;
use IO::Select;
use IO::Socket::INET;
use Time::HiRes qw(time);

need_bins('invoke-fcgi', 'nginx', 'openssl');
my $root = fetch_root();
my $inv = start_invoke(root => $root, workers => 1, args => ['--fetch-max-size', '0']);
my $up = start_upstream(fastcgi => $inv->{addr}, big => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $u = "http://127.0.0.1:$up->{port}";
my ($worker) = child_pids($inv->{pid});


my $want = Digest::SHA->new(256);
$want->addfile("$up->{www}/big.bin");
my $want_hex = $want->hexdigest;

# warm the worker up (runtime, libcurl, TLS store) before the baseline
is(http_get($ng->{port}, "/pipe?url=$u/small.txt")->{body}, "hello from upstream\n",
   'pipeFrom: a small body');
my $before = rss_kb($worker);

# the 200 MB body, hashed as it arrives; the worker's RSS sampled meanwhile
my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
binmode $s;
print $s "GET /pipe?url=$u/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
my ($head, $buf, $len, $peak, $in_body) = ('', '', 0, $before, 0);
my $sha = Digest::SHA->new(256);
my $sel = IO::Select->new($s);
my $end = time + 120;
while (time < $end) {
    last unless $sel->can_read(10);
    my $n = sysread($s, $buf, 1 << 20);
    last unless $n;
    if (!$in_body) {
        $head .= $buf;
        next unless $head =~ /\r\n\r\n/;
        ($head, $buf) = split /\r\n\r\n/, $head, 2;
        $in_body = 1;
    }
    $len += length $buf;
    $sha->add($buf);
    my $now = rss_kb($worker);
    $peak = $now if $now > $peak;
}
close $s;
like($head, qr{^HTTP/1\.1 200}, 'pipeFrom 200 MB: 200');
like($head, qr{^Content-Length: 209715200\r?$}mi, "the upstream's Content-Length went through");
is($len, 200 * 1024 * 1024, 'every byte arrived');
is($sha->hexdigest, $want_hex, 'in order (sha256 of what arrived)');
my $grew = ($peak - $before) / 1024;
cmp_ok($grew, '<', 20, sprintf('the worker grew by %.1f MB at most while piping (RSS %d -> %d kB)',
                                $grew, $before, $peak));

diag('rss after 200MB: ' . rss_kb($worker)) if $ENV{FETCH_DEBUG};
# gzip upstream: decoded, so content-encoding and content-length are dropped
my $r = http_get($ng->{port}, "/pipe?url=$u/data.json");
is($r->{status}, 200, 'pipeFrom a gzip body: 200');
ok(!hdr($r, 'content-encoding'), 'no content-encoding (libcurl decoded the body)');
like($r->{body}, qr/^\{"items":\[/, 'the decoded JSON');

# a client that hangs up: the transfer stops, the worker serves on
$s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ng->{port}", Timeout => 5) or die $!;
print $s "GET /pipe?url=$u/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
sysread($s, $buf, 65536) for 1 .. 4;
close $s;
diag('rss after hangup: ' . rss_kb($worker)) if $ENV{FETCH_DEBUG};
my $t0 = time;
$r = http_get($ng->{port}, "/pipe?url=$u/small.txt", timeout => 60);
is($r->{body}, "hello from upstream\n", 'after a client hung up mid-pipe, the worker serves the next request');
cmp_ok(time - $t0, '<', 30, 'without first pulling the rest of the 200 MB through the fetch timeout');

# 1,000 fetches in a row: the worker's size levels off (the heap's garbage
# is collected in cycles, so the peaks of the second half are compared with
# those of the first)
my @rss;
for my $i (1 .. 10) {
    my $j = json_body(http_get($ng->{port}, "/many?n=100&url=$u/small.txt", timeout => 60)) || {};
    is($j->{bytes}, 100 * 20, "100 fetches, round $i") or last;
    push @rss, $j->{rss} || 0;
}
my ($first, $second) = (0, 0);
for my $i (0 .. $#rss) {
    my $kb = $rss[$i] / 1024;
    if ($i < 5) { $first = $kb if $kb > $first } else { $second = $kb if $kb > $second }
}
my $leak = ($second - $first) / 1024;
cmp_ok($leak, '<', 4, sprintf('the second 500 fetches grew the peak by %.2f MB (%s kB)', $leak,
                              join(' ', map { int($_ / 1024) } @rss)));

finish();
