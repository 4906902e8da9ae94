#!/usr/bin/perl
# bench/kv-failover.pl - how long a replicated store (issue 22, doc/kv.md
# "Several hosts") is without a master, and how long a stopped master
# that resumes goes on believing it is one: three sites on loopback, each
# its own responder (--workers 2) and --data folder, quorum acks, with C
# clients sending one kv.incr per request to the three sites in turn
# (bench/kv-root/incr1.js) all along.  R rounds of each:
#   - kill: the master's whole responder SIGKILLed; seconds until the two
#     others agree on a new master ("elected"); restarted 2 s after its
#     death, seconds until the three agree again ("rejoined");
#   - stop: the master's replicator SIGSTOPped (a partition: its sockets
#     stay open, it is silent); seconds until the two others agree on a
#     new master ("elected"); resumed after S s, seconds until it no
#     longer calls itself master ("stepped down") and until the three
#     agree ("agreed").
# The roles are read from each site's replication.json (rewritten every
# 0.25 s), every 50 ms.  Also the share of requests answered 503.
# Usage: INVOKE_BUILDDIR=. perl bench/kv-failover.pl [R] [S] [C]
# Results go to bench/RESULTS-kv.md by hand.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../t/lib";
use InvokeTest;
use JSON::PP;
use Time::HiRes qw(time sleep);

my $rounds = shift || 3;
my $stopped_for = shift || 5;
my $conc = shift || 4;
my $root = "$FindBin::Bin/kv-root";
my $tmp = tmpdir();

# three sites (InvokeTest's group); their FastCGI addresses in $tmp/addrs,
# which the clients read anew for every request
my $g = start_group(root => $root, workers => 2, args => ['--timeout', '5']);
my @site = @{ $g->{site} };
sub write_addrs { @site = @{ $g->{site} }; group_write_addrs($g, "$tmp/addrs") }
sub start_site { group_site($g, $_[0]); write_addrs() }
sub status { group_status($g, $_[0]) }
sub master_of { group_master($g, @_) }
# seconds until $cond holds (polled every 50 ms), or undef after $limit
sub until_true {
    my ($cond, $limit) = @_;
    my $t0 = time;
    while (time - $t0 < $limit) {
        return time - $t0 if $cond->();
        sleep 0.05;
    }
    return undef;
}

write_addrs();
defined until_true(sub { defined master_of(0 .. 2) }, 60) or die "no master\n";
my $load = start_load(undef, undef, clients => $conc, request => sub {
    my ($k) = @_;
    open my $af, '<', "$tmp/addrs" or return undef;
    my @a = map { chomp; $_ } <$af>;
    my $addr = $a[$k % 3];
    if ($addr eq '-') { sleep 0.02; return undef }
    return fcgi_request($addr, params => { REQUEST_URI => '/incr1' }, timeout => 20);
}, answer => sub { $_[0]{status} || 0 });

my (%t, @rows);
sub fmt { defined $_[0] ? sprintf('%.2f', $_[0]) : '>limit' }
for my $round (1 .. $rounds) {
    my $m = master_of(0 .. 2) // do { until_true(sub { defined master_of(0 .. 2) }, 60); master_of(0 .. 2) };
    last unless defined $m;
    sleep 1;
    kill 'KILL', -$site[$m]{pid};
    waitpid($site[$m]{pid}, 0);
    $site[$m] = $g->{site}[$m] = undef;
    write_addrs();
    my @rest = grep { $_ != $m } 0 .. 2;
    my $elected = until_true(sub { defined master_of(@rest) }, 60);
    sleep 2 - ($elected // 0) if ($elected // 2) < 2;
    start_site($m);
    my $rejoined = until_true(sub { defined master_of(0 .. 2) }, 60);
    push @rows, sprintf('kill %d: elected %s s, restarted site rejoined %s s', $round, fmt($elected),
                        fmt($rejoined));
    print "$rows[-1]\n";
}
for my $round (1 .. $rounds) {
    my $m = master_of(0 .. 2) // do { until_true(sub { defined master_of(0 .. 2) }, 60); master_of(0 .. 2) };
    last unless defined $m;
    sleep 1;
    my ($repl) = map { /replicator (\d+) runs/ ? $1 : () } reverse log_lines($site[$m]);
    kill 'STOP', $repl or die "no replicator to stop\n";
    my @rest = grep { $_ != $m } 0 .. 2;
    my $elected = until_true(sub { defined master_of(@rest) }, 60);
    sleep $stopped_for - ($elected // 0) if ($elected // $stopped_for) < $stopped_for;
    my $t0 = time;
    kill 'CONT', $repl;
    # its status file is rewritten within 0.25 s of its resuming
    sleep 0.3;
    my $down = until_true(sub { (status($m)->{role} // '') ne 'master' }, 120);
    $down += 0.3 if defined $down;
    my $agreed = until_true(sub { defined master_of(0 .. 2) }, 120);
    $agreed = defined $agreed ? time - $t0 : undef;
    push @rows, sprintf('stop %d: elected %s s; resumed after %d s: stepped down %s s, three agree %s s',
                        $round, fmt($elected), $stopped_for, fmt($down), fmt($agreed));
    print "$rows[-1]\n";
}
my $res = stop_load($load);
my %st;
$st{$_}++ for @{ $res->{lines} };
printf "requests: %d, %s\n", scalar @{ $res->{lines} },
       join(', ', map { "$_: $st{$_}" } sort keys %st);
stop_all();
