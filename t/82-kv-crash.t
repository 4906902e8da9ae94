#!/usr/bin/perl
# Crash safety (doc/kv.md): 20 workers SIGKILLed while 2,000
# kv.incr requests run.  Every increment a client saw acknowledged is in
# the store afterwards, the store opens again without any manual step, and
# db5.3_verify finds nothing wrong with a copy of it.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Time::HiRes qw(sleep time);
use InvokeTest;

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $verify = -x '/usr/bin/db5.3_verify' ? '/usr/bin/db5.3_verify' : undef;
my $tmp = tmpdir();
my $data = "$tmp/data";
my $root = srcdir() . '/t/fixtures/kv';
my $inv = start_invoke(root => $root, workers => 4, args => ['--data', $data]);
my $ng = start_nginx(fastcgi => $inv->{addr});
wait_for(sub { child_pids($inv->{pid}) >= 4 }, 10);

# Clients send kv.incr requests until the kills are over, at least 2,000
# in all; each writes down every answer.
my $clients = 50;
my $stop = "$tmp/stop";
my @kids;
for my $c (1 .. $clients) {
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        open my $out, '>', "$tmp/client.$c" or exit 1;
        select((select($out), $| = 1)[0]);
        my $n = 0;
        while ($n < 40 || !-e $stop) {
            my $r = http_get($ng->{port}, '/incr?key=crash', timeout => 60);
            my $b = $r->{body} // '';
            print $out "$r->{status} " . ($b =~ /"n":(\d+)/ ? $1 : '-') . "\n";
            $n++;
            select(undef, undef, undef, 0.02) if $n >= 40;
        }
        exit 0;
    }
    push @kids, $pid;
}

# 20 kills, each of a worker that has been serving for over a second (one
# killed sooner looks like a worker failing at start, which the supervisor
# rightly slows down).
my (%born, $kills);
$kills = 0;
my $deadline = time + 45;
while ($kills < 20 && time < $deadline) {
    sleep 0.05;
    my @w = child_pids($inv->{pid});
    $born{$_} //= time for @w;
    my ($old) = grep { time - $born{$_} > 1.1 } @w;
    $kills++ if $old && kill 'KILL', $old;
}
is($kills, 20, '20 workers SIGKILLed during the load');
open my $sf, '>', $stop or die $!;
close $sf;
waitpid($_, 0) for @kids;

my (@acked, $answers);
for my $c (1 .. $clients) {
    open my $in, '<', "$tmp/client.$c" or next;
    while (<$in>) {
        $answers++;
        push @acked, $1 if /^200 (\d+)/;
    }
}
cmp_ok($answers, '>=', 2000, 'at least 2,000 requests were answered');
my $c = run_cmd([bin('invoke'), 'kv', 'get', 'crash', '--data', $data, '--root', $root], timeout => 30);
is($c->{exit}, 0, 'the store opens (invoke kv) with no manual step') or diag($c->{stderr});
my ($final) = $c->{stdout} =~ /^(\d+)$/;
$final //= -1;
my %distinct = map { $_ => 1 } @acked;
my ($max) = sort { $b <=> $a } @acked;
diag(scalar(@acked) . " acknowledged, final count $final");
cmp_ok(scalar(@acked), '>', 0, 'some increments were acknowledged');
is(scalar keys %distinct, scalar @acked, 'no two acknowledgements carry the same count');
cmp_ok($final, '>=', scalar @acked, 'every acknowledged increment is in the store');
cmp_ok($final, '>=', $max // 0, 'including the highest count acknowledged');
cmp_ok($final, '<=', $answers, 'and none was counted twice');

my $r = http_get($ng->{port}, '/incr?key=crash');
is($r->{status}, 200, 'the responder serves the store after the kills');
like($r->{body}, qr/"n":\Q@{[$final + 1]}\E\b/, 'continuing from the count');

stop($ng);
stop($inv);
SKIP: {
    skip 'db5.3_verify not installed (db5.3-util)', 1 unless $verify;
    system('cp', '-a', $data, "$tmp/copy") == 0 or die 'cp';
    my $v = run_cmd([$verify, '-h', "$tmp/copy", 'kv.db', 'expiry.db'], timeout => 60);
    is($v->{exit}, 0, 'db5.3_verify finds nothing wrong in a copy') or diag($v->{stdout} . $v->{stderr});
}
done_testing();
