#!/usr/bin/perl
# bench/kv.pl - kv.get / kv.set / kv.incr operations per second inside a
# request, from one worker and from two at once, through a real responder
# on loopback.  Usage: INVOKE_BUILDDIR=. perl bench/kv.pl [N]
# Results go to bench/RESULTS-kv.md by hand.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../t/lib";
use InvokeTest;
use JSON::PP;

my $n = shift || 20000;
my $root = "$FindBin::Bin/kv-root";
my $inv = start_invoke(root => $root, workers => 2, args => ['--data', tmpdir() . '/data']);

sub one {
    my ($op, $key) = @_;
    my $r = fcgi_request($inv->{addr}, params => {
        REQUEST_METHOD => 'GET', REQUEST_URI => "/loop?op=$op&n=$n&key=$key",
        QUERY_STRING => "op=$op&n=$n&key=$key" }, timeout => 120);
    my $j = eval { decode_json($r->{body}) } or die "bad answer: $r->{body}";
    return $j->{ms};
}

printf "%-6s %12s %12s %14s\n", 'op', 'us/op (1)', 'ops/s (1)', 'ops/s (2 wk)';
for my $op (qw(get set incr)) {
    one($op, 'warm');
    my $ms = one($op, 'solo');
    # two workers at once: two clients in parallel, each its own key for
    # get/set, the same key for incr (the contended case)
    my @kids;
    for my $c (1, 2) {
        my $pid = fork;
        if (!$pid) {
            my $m = one($op, $op eq 'incr' ? 'shared' : "k$c");
            open my $o, '>', tmpdir() . "/r$c" or die; print $o $m; close $o;
            exit 0;
        }
        push @kids, $pid;
    }
    waitpid($_, 0) for @kids;
    my $sum = 0;
    for my $c (1, 2) { open my $i, '<', tmpdir() . "/r$c" or die; my $m = <$i>; $sum += $n / ($m / 1000) }
    printf "%-6s %12.2f %12.0f %14.0f\n", $op, $ms * 1000 / $n, $n / ($ms / 1000), $sum;
}
stop_all();
