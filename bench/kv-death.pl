#!/usr/bin/perl
# bench/kv-death.pl - what one worker's death costs the others (issue 28):
# 4 workers sharing one --data store behind nginx, CLIENTS clients sending
# kv.incr on one key, KILLS workers SIGKILLed one at a time at random
# moments (each one that has served for over a second: a younger one looks
# to the supervisor like a worker failing at start).  Per death: requests
# that failed, peers that died with it, and the service gap (the longest
# time without a single answered request in the 3 s after the kill).
# Usage: INVOKE_BUILDDIR=. perl bench/kv-death.pl [KILLS] [CLIENTS]
# Results go to bench/RESULTS-kv.md by hand.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../t/lib";
use InvokeTest;
use Time::HiRes qw(sleep time);

my $kills = shift || 20;
my $clients = shift || 20;
my $tmp = tmpdir();
my $root = srcdir() . '/t/fixtures/kv';
my $inv = start_invoke(root => $root, workers => 4, args => ['--data', "$tmp/data"]);
my $ng = start_nginx(fastcgi => $inv->{addr});
wait_for(sub { child_pids($inv->{pid}) >= 4 }, 10) or die 'no 4 workers';
sleep 1.5;

my $stop = "$tmp/stop";
my @kids;
for my $c (1 .. $clients) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open my $out, '>', "$tmp/client.$c" or exit 1;
        select((select($out), $| = 1)[0]);
        until (-e $stop) {
            my $t0 = time;
            my $r = http_get($ng->{port}, '/incr?key=death', timeout => 60);
            my $b = $r->{body} // '';
            printf $out "%.4f %.4f %s %s\n", $t0, time, $r->{status} || 0,
                $b =~ /"n":(\d+)/ ? $1 : '-';
        }
        exit 0;
    }
    push @kids, $pid;
}

my (%born, @deaths);
sleep 1;
while (@deaths < $kills) {
    sleep 0.3 + rand(0.7);
    my @w = child_pids($inv->{pid});
    $born{$_} //= time for @w;
    my @old = grep { time - $born{$_} > 1.1 } @w;
    next unless @old == 4;
    my $victim = $old[int rand @old];
    my $t = time;
    kill 'KILL', $victim or next;
    sleep 1.5;
    my %now = map { $_ => 1 } child_pids($inv->{pid});
    push @deaths, { t => $t, pid => $victim, peers_lost => scalar(grep { !$now{$_} } grep { $_ != $victim } @old) };
    sleep 0.5;
}
open my $sf, '>', $stop or die $!;
close $sf;
waitpid($_, 0) for @kids;

my (@answers, @acked);
for my $c (1 .. $clients) {
    open my $in, '<', "$tmp/client.$c" or next;
    while (<$in>) {
        my ($t0, $t1, $st, $n) = split;
        push @answers, [$t0, $t1, $st];
        push @acked, $n if $st == 200 && $n ne '-';
    }
}
@answers = sort { $a->[1] <=> $b->[1] } @answers;
my ($failed_total, $gap_total, $lost_total) = (0, 0, 0);
for my $d (@deaths) {
    # failed: requests in flight at the kill or sent in the 3 s after it
    my @near = grep { $_->[1] >= $d->{t} && $_->[0] <= $d->{t} + 3 } @answers;
    $d->{failed} = grep { $_->[2] != 200 } @near;
    my ($last, $gap) = ($d->{t}, 0);
    for my $a (grep { $_->[2] == 200 && $_->[1] >= $d->{t} && $_->[1] <= $d->{t} + 3 } @answers) {
        $gap = $a->[1] - $last if $a->[1] - $last > $gap;
        $last = $a->[1];
    }
    $d->{gap} = $gap;
    $failed_total += $d->{failed};
    $gap_total += $gap;
    $lost_total += $d->{peers_lost};
}
my $c = run_cmd([bin('invoke'), 'kv', 'get', 'death', '--data', "$tmp/data", '--root', $root],
                timeout => 30);
my ($final) = ($c->{stdout} // '') =~ /^(\d+)$/;
my @log = log_lines($inv);
system("cp", $inv->{log}, $ENV{KEEP_LOG}) if $ENV{KEEP_LOG};
print "invoke kv: $c->{stderr}\n" unless defined $final;
my $recoveries = grep { /kv store/ && /recovered by|panics it/ } @log;
my $failchks = grep { /kv store/ && /no recovery needed|released what a dead/ } @log;
my $killed_by_store = grep { /killed by signal 9/ } @log;
my $ok = grep { $_->[2] == 200 } @answers;
my ($max) = sort { $b <=> $a } @acked;

printf "%d deaths, %d clients, %d requests answered (%d ok)\n", scalar @deaths, $clients,
    scalar @answers, $ok;
printf "failed requests: %d in all, %.2f per death\n", $failed_total, $failed_total / @deaths;
printf "peers that died with the killed worker: %d in all, %.2f per death\n", $lost_total,
    $lost_total / @deaths;
printf "service gap after a death: mean %.0f ms, max %.0f ms\n", 1000 * $gap_total / @deaths,
    1000 * (sort { $b <=> $a } map { $_->{gap} } @deaths)[0];
printf "log: %d recovery lines, %d failchk lines, %d workers killed by signal 9\n", $recoveries,
    $failchks, $killed_by_store;
printf "acknowledged %d (highest %d), stored %s\n", scalar @acked, $max // 0, $final // 'NONE';
print "  $_\n" for (grep { /kv store/ } @log)[0 .. 5];
stop_all();
