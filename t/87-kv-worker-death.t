#!/usr/bin/perl
# A worker's death costs only its own request (issue 28, doc/kv.md
# "Recovery"): 4 workers sharing one --data store behind nginx under a
# steady kv.incr load, 20 of them SIGKILLed one at a time at random
# moments.  After each death that did not need recovery the other workers
# are the same processes; requests fail only where the killed workers had
# them in flight (and, for a death inside the library that needed recovery,
# where the peers it stopped had theirs); every acknowledged increment is in
# the store; the recoveries are logged and counted.  Then a worker the
# supervisor kills for a native call stuck past --timeout: its peers keep
# serving.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Time::HiRes qw(sleep time);
use InvokeTest;

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $tmp = tmpdir();
my $data = "$tmp/data";
my $root = "$tmp/root";
mkdir $root or die $!;
write_file("$root/incr.js", <<'JS');
module.exports = function (req, res) {
  return kv.incr(req.query.key || 'hits').then(function (n) { res.json({ n: n }); });
};
JS
# (?:a+)+$ against 30 a's and a '!' backtracks 2^30 times inside Duktape's
# regex engine in C, allocating nothing: only the supervisor's SIGKILL past
# --timeout + grace stops it (t/62-limits.t).
write_file("$root/stuck.js", <<'JS');
module.exports = function (req, res) {
  var s = new Array(31).join('a') + '!';
  res.json({ matched: /(?:a+)+$/.test(s) });
};
JS

my $inv = start_invoke(root => $root, workers => 4, args => ['--data', $data, '--timeout', '1']);
my $ng = start_nginx(fastcgi => $inv->{addr});
wait_for(sub { child_pids($inv->{pid}) >= 4 }, 10);

# clients: kv.incr until told to stop (InvokeTest's load), each answer
# on a line: status and count
sub clients {
    my ($n, $tag) = @_;
    return start_load($ng->{port}, "/incr?key=$tag", clients => $n, timeout => 60,
                      answer => sub { my ($r) = @_;
                                      ($r->{status} || 0) . ' ' . (($r->{body} // '') =~ /"n":(\d+)/ ? $1 : '-') });
}

sub finish_clients {
    my ($load) = @_;
    my (@acked, $answers, $failed);
    for (@{ stop_load($load)->{lines} }) {
        $answers++;
        if (/^200 (\d+)/) { push @acked, $1 } else { $failed++ }
    }
    return (\@acked, $answers // 0, $failed // 0);
}

sub stored {
    my ($key) = @_;
    my $c = run_cmd([bin('invoke'), 'kv', 'get', $key, '--data', $data, '--root', $root], timeout => 30);
    is($c->{exit}, 0, "the store opens (invoke kv get $key)") or diag($c->{stderr});
    return ($c->{stdout} // '') =~ /^(\d+)$/ ? $1 : -1;
}

# --- 20 deaths at random moments -------------------------------------------

my $clients = 30;
my $kids = clients($clients, 'death');
my (%born, @kills);
my $deadline = time + 150;
sleep 1;
while (@kills < 20 && time < $deadline) {
    sleep 0.2 + rand(0.8);
    my @w = child_pids($inv->{pid});
    $born{$_} //= time for @w;
    # one that has served for over a second (a younger death looks like a
    # worker failing at start, which the supervisor rightly slows down)
    my @old = grep { time - $born{$_} > 1.1 } @w;
    next unless @old == 4;
    my $victim = $old[int rand @old];
    kill 'KILL', $victim or next;
    # long enough for a replacement to open the store, and for a recovery
    # (two waits of 0.5 s for the processes inside) if one was needed
    sleep 1.6;
    my %now = map { $_ => 1 } child_pids($inv->{pid});
    push @kills, { pid => $victim, lost => [grep { $_ != $victim && !$now{$_} } @old] };
}
is(scalar @kills, 20, '20 workers SIGKILLed under the load');
my ($acked, $answers, $failed) = finish_clients($kids);

my @log = log_lines($inv);
my %recovered = map { /process (\d+) died inside the store: recovered/ ? ($1 => 1) : () } @log;
my %checked = map { /process (\d+) left without closing the store; failchk/ ? ($1 => 1) : () } @log;
my @needless = grep { !$recovered{$_->{pid}} } @kills;
my @needed = grep { $recovered{$_->{pid}} } @kills;
my $recoveries = keys %recovered;
diag(sprintf '%d deaths: %d needed recovery, %d did not; %d requests answered, %d failed',
             scalar @kills, $recoveries, scalar @needless, $answers, $failed);
is(scalar(grep { $checked{$_->{pid}} } @needless), scalar @needless,
   'each death without recovery was found and released by failchk (logged)');
is_deeply([map { @{ $_->{lost} } } @needless], [],
          'after each death that needed no recovery the other workers are the same processes');
cmp_ok(scalar @needless, '>=', 10, 'most deaths need no recovery (a worker is rarely inside the library)');
cmp_ok($failed, '<=', @kills + 3 * @needed,
       'failed requests: at most the killed workers\' own (and the peers a recovery stopped)');
cmp_ok($answers, '>=', 1000, 'the load went on');
my $final = stored('death');
my %distinct = map { $_ => 1 } @$acked;
my ($max) = sort { $b <=> $a } @$acked;
is(scalar keys %distinct, scalar @$acked, 'no two acknowledgements carry the same count');
cmp_ok($final, '>=', scalar @$acked, 'every acknowledged increment is in the store');
cmp_ok($final, '>=', $max // 0, 'including the highest count acknowledged');
cmp_ok($final, '<=', $answers, 'and none was counted twice');

# --- a worker killed by the supervisor for a stuck native call ------------

sleep 1.5;
my @before = child_pids($inv->{pid});
is(scalar @before, 4, '4 workers before the stuck request');
$kids = clients(10, 'stuck');
sleep 0.5;
my $t0 = time;
my $r = http_get($ng->{port}, '/stuck', timeout => 30);
ok($r->{status} == 502 || $r->{status} == 504, "the stuck request fails ($r->{status})");
ok(wait_for(sub { grep { /busy [\d.]+s with request \S+ \/stuck.*killing it/ } log_lines($inv) }, 10),
   'the supervisor killed the stuck worker');
sleep 1.5;
my ($sacked, $sanswers, $sfailed) = finish_clients($kids);
my %after = map { $_ => 1 } child_pids($inv->{pid});
my @gone = grep { !$after{$_} } @before;
is(scalar @gone, 1, 'only the stuck worker is gone') or diag("gone: @gone");
is($sfailed, 0, "its peers kept serving: no other request failed ($sanswers answered)");
my $stuck = $gone[0] // 0;
ok((grep { /process $stuck left without closing the store; failchk/ } log_lines($inv)),
   'its death needed no recovery');
my $sfinal = stored('stuck');
cmp_ok($sfinal, '>=', scalar @$sacked, 'every acknowledged increment is in the store');

my $recs = grep { /died inside the store: recovered/ } log_lines($inv);
diag("recoveries needed: $recs of " . (@kills + 1) . ' deaths');
stop($ng);
stop($inv);
done_testing();
