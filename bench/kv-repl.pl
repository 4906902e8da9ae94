#!/usr/bin/perl
# bench/kv-repl.pl - kv.incr on a replicated store (issue 22, doc/kv.md
# "Several hosts") beside a single host: three sites on loopback, each its
# own responder (--workers 2) and --data folder, quorum acks.
#   - µs per kv.incr inside one request (bench/kv-root/loop.js, N calls):
#     single host, on the master, and on a replica (every increment
#     forwarded to the master over the repmgr channel);
#   - requests/s and mean latency of one-increment requests
#     (bench/kv-root/incr1.js) from C clients for T seconds, same three.
# Usage: INVOKE_BUILDDIR=. perl bench/kv-repl.pl [N] [T] [C]
# Results go to bench/RESULTS-kv.md by hand.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../t/lib";
use InvokeTest;
use JSON::PP;
use Time::HiRes qw(time sleep);

my $n = shift || 500;
my $secs = shift || 5;
my $conc = shift || 4;
my $root = "$FindBin::Bin/kv-root";
my $tmp = tmpdir();

my $single = start_invoke(root => $root, workers => 2, name => 'single',
                          args => ['--data', "$tmp/single", '--timeout', '300']);
my $g = start_group(root => $root, workers => 2, args => ['--timeout', '300']);
my @site = @{ $g->{site} };
my $m;
for (1 .. 600) {
    last if defined($m = group_master($g));
    sleep 0.1;
}
die "no master\n" unless defined $m;
my $r = ($m + 1) % 3;

sub loop {
    my ($addr) = @_;
    my $q = "op=incr&n=$n&key=loop";
    my $res = fcgi_request($addr, params => { REQUEST_URI => "/loop?$q", QUERY_STRING => $q },
                           timeout => 300);
    my $j = eval { decode_json($res->{body}) };
    die "bad answer: $res->{status} $res->{body}\n" unless $j && defined $j->{ms};
    return $j->{ms} * 1000 / $n;
}
sub rate {
    my ($addr) = @_;
    my @kids;
    for my $c (1 .. $conc) {
        my $pid = fork // die;
        if (!$pid) {
            my ($k, $lat) = (0, 0);
            my $end = time + $secs;
            while (time < $end) {
                my $t0 = time;
                my $x = fcgi_request($addr, params => { REQUEST_URI => '/incr1' }, timeout => 30);
                next unless $x->{status} == 200;
                $lat += time - $t0;
                $k++;
            }
            open my $o, '>', "$tmp/rate.$c" or die; print $o "$k $lat\n"; close $o;
            exit 0;
        }
        push @kids, $pid;
    }
    waitpid($_, 0) for @kids;
    my ($k, $lat) = (0, 0);
    for my $c (1 .. $conc) {
        open my $i, '<', "$tmp/rate.$c" or die;
        my ($a, $b) = split ' ', <$i>;
        $k += $a; $lat += $b;
    }
    return ($k / $secs, $k ? $lat / $k * 1000 : 0);
}

printf "%-22s %14s %12s %16s\n", 'where', 'us/incr (loop)', 'req/s', 'ms/req (mean)';
for my $w (['single host', $single->{addr}], ['replicated: master', $site[$m]{addr}],
           ['replicated: replica', $site[$r]{addr}]) {
    loop($w->[1]);                      # warm
    my $us = loop($w->[1]);
    my ($rps, $ms) = rate($w->[1]);
    printf "%-22s %14.1f %12.0f %16.2f\n", $w->[0], $us, $rps, $ms;
}
stop_all();
