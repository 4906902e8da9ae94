#!/usr/bin/perl
# A root's _schedule run by the responders (server/scheduler.c): once per
# due time across two responders sharing one store, as a POST carrying
# x-scheduled-execution: true, logged with its own request id; lines that
# do not parse reported with file and line and skipped; the file read again
# when it changes and never served; after the supervisor and all its
# children are SIGKILLed, a new responder goes on within a couple of
# seconds without running any due time twice.  Then `invoke schedule list`
# and `run`.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Time::HiRes qw(time sleep);

need_bins('invoke-fcgi', 'invoke');
my $tmp = tmpdir();
my $root = "$tmp/root";
my $data = "$tmp/data";
mkdir $root or die $!;
# every run counts its due time (x-schedule-due): a count of 2 is a double run
write_file("$root/tick.js", <<'EOF');
export default async function (req, res) {
  const due = req.headers['x-schedule-due'] || 'manual';
  const n = await kv.incr('due ' + due);
  await kv.set('seen', { method: req.method, scheduled: req.headers['x-scheduled-execution'] ?? null,
                         id: req.headers['x-request-id'] ?? null });
  res.json({ due, n });
}
EOF
write_file("$root/tock.js", <<'EOF');
export default async function (req, res) { res.json({ n: await kv.incr('tock') }); }
EOF
write_file("$root/_schedule", <<'EOF');
# a comment, then an entry every second
@every 1s /tick   # a comment after it
this is not a timing /x
*/5 * * * * relative/path
EOF

# { due time (epoch seconds) => runs } from the store
sub runs {
    my $r = run_cmd([bin('invoke'), 'kv', 'dump', '--data', $data, '--root', $root]);
    my %n;
    for (split /\n/, $r->{stdout}) {
        next unless /"key":"due (\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z","value":(\d+)/;
        require Time::Local;
        $n{ Time::Local::timegm($6, $5, $4, $3, $2 - 1, $1) } = $7;
    }
    return \%n;
}

sub kv_get {
    my ($key) = @_;
    my $r = run_cmd([bin('invoke'), 'kv', 'get', $key, '--data', $data, '--root', $root]);
    chomp(my $v = $r->{stdout});
    return $v;
}

# --- two responders on one store, ten seconds --------------------------
my $t0 = time;
my @inv = map { start_invoke(root => $root, workers => 1, name => "inv$_",
                             args => ['--data', $data]) } 1, 2;
sleep 5;
# read again when it changes: a second entry appears
open my $f, '>>', "$root/_schedule" or die $!;
print $f "\@every 2s /tock\n";
close $f;
my $priv = fcgi_request($inv[0]{addr}, params => { REQUEST_URI => '/_schedule',
                                                   SCRIPT_NAME => '/_schedule' });
is($priv->{status}, 404, '_schedule is never served');
sleep 5;
stop($_) for @inv;
my $t1 = time;

my $runs = runs();
my @dues = sort { $a <=> $b } keys %$runs;
my @twice = grep { $runs->{$_} != 1 } @dues;
is_deeply(\@twice, [], 'no due time ran twice across the two responders')
    or diag(explain($runs));
my $span = int($t1) - int($t0);
# a scheduler more than a second late (a loaded machine) skips a due
# time rather than catching up: most seconds, not all
cmp_ok(scalar @dues, '>=', int($span * 0.6), scalar(@dues) . " due times of the ~$span seconds ran");
cmp_ok(scalar @dues, '<=', $span + 1, '... and no more than there were seconds');
my @started = grep { /schedule \@every 1s \/tick: request \S+ started/ }
              map { log_lines($_) } @inv;
is(scalar @started, scalar @dues, 'one "started" line per run, over both logs');
my %by = map { my $p = $_; ($p->{name} => scalar grep { /\/tick: request \S+ started/ }
                                                 log_lines($p)) } @inv;
note("runs per responder: " . join ', ', map { "$_ $by{$_}" } sort keys %by);

my $seen = kv_get('seen');
like($seen, qr/"method":"POST"/, 'the function saw a POST');
like($seen, qr/"scheduled":"true"/, 'with x-scheduled-execution: true');
my ($id) = $seen =~ /"id":"([^"]+)"/;
ok(defined $id && $id =~ /^s[0-9a-f]{12}$/, 'and its own request id (' . ($id // '-') . ')');
my @lines = map { log_lines($_) } @inv;
ok((grep { /access \Q$id\E - POST \/tick 200 / } @lines), 'the access line carries that id');
ok((grep { /\/tick: request \Q$id\E finished with status 200 in \d+ ms/ } @lines),
   'and so does the line of its end, with the status');
cmp_ok(kv_get('tock') || 0, '>=', 1, 'the entry added while running ran too');
like(join("\n", log_lines($inv[0])), qr{_schedule:3: minute: expected a number at "this.*skipped},
     'a bad timing is logged with file and line');
like(join("\n", log_lines($inv[0])),
     qr{_schedule:4: the function path must start with '/': "relative/path"},
     'so is a bad path');

# --- SIGKILL the supervisor and everything it started ---------------------
my $inv3 = start_invoke(root => $root, workers => 1, name => 'inv3', args => ['--data', $data]);
sleep 3.3;
my @family = ($inv3->{pid}, child_pids($inv3->{pid}));
kill 'KILL', @family;
my $killed = time;
stop($inv3);
wait_for(sub { !grep { running($_) } @family }, 5);
my $inv4 = start_invoke(root => $root, workers => 1, name => 'inv4', args => ['--data', $data]);
sleep 4;
stop($inv4);
$runs = runs();
@twice = grep { $runs->{$_} != 1 } keys %$runs;
is_deeply(\@twice, [], 'no due time ran twice across the kill and the restart')
    or diag(explain($runs));
my ($first_after) = grep { $_ > $killed } sort { $a <=> $b } keys %$runs;
ok(defined $first_after && $first_after - $killed <= 4,
   'the schedule went on within a couple of seconds of the kill (next due time run '
   . (defined $first_after ? sprintf('%.1f s', $first_after - $killed) : 'never') . ' after it)');
my @ran4 = grep { /\/tick: request \S+ started/ } log_lines($inv4);
cmp_ok(scalar @ran4, '>=', 2, 'the new responder ran the entry');

# --- a store that does not open: nothing runs, rather than everywhere -----
write_file("$tmp/not-a-folder", "x\n");
my $inv5 = start_invoke(root => $root, workers => 1, name => 'inv5',
                        args => ['--data', "$tmp/not-a-folder"]);
ok(wait_for_log($inv5, qr/scheduler: the store \S+ is unusable; no entry runs/, 10),
   'a scheduler without its store says so');
sleep 1.5;
stop($inv5);
is(scalar(grep { /\/tick: request \S+ started/ } log_lines($inv5)), 0, 'and runs nothing');

# --- under the function's limits: a loop is cut at --timeout -------------
my $root2 = "$tmp/root2";
mkdir $root2 or die $!;
write_file("$root2/spin.js", "export default function (req, res) { for (;;) {} }\n");
write_file("$root2/_schedule", "\@every 1s /spin\n");
my $inv6 = start_invoke(root => $root2, workers => 1, name => 'inv6',
                        args => ['--data', $data, '--timeout', '1']);
my $cut = wait_for_log($inv6, qr/\/spin: request \S+ finished with status/, 15);
like($cut // '', qr/ error - - schedule \S+ \S+ \/spin: request s[0-9a-f]{12} finished with status 504 in \d+ ms/,
     'a scheduled loop is stopped by --timeout (504, logged as an error)');
ok(wait_for(sub { (grep { /\/spin: request \S+ started/ } log_lines($inv6)) >= 2 }, 10),
   'and the scheduler goes on with the next due time');
stop($inv6);

# --- a key-protected folder: clients need a key, its schedule does not ---
my $root3 = "$tmp/root3";
mkdir $root3 or die $!;
mkdir "$root3/priv" or die $!;
write_file("$root3/priv/_settings.json", qq({ "access": "keys" }\n));
write_file("$root3/priv/job.js", "export default function (req, res) { res.json({ auth: req.auth === undefined }) }\n");
write_file("$root3/_schedule", "\@every 1s /priv/job\n");
my $inv7 = start_invoke(root => $root3, workers => 1, name => 'inv7', args => ['--data', $data]);
my $ran = wait_for_log($inv7, qr/\/priv\/job: request \S+ finished with status/, 15);
like($ran // '', qr/\/priv\/job: request s[0-9a-f]{12} finished with status 200 /,
     'a scheduled run in a key-protected folder runs (the responder\'s own request needs no key)');
my $cl = fcgi_request($inv7->{addr}, params => { REQUEST_URI => '/priv/job', SCRIPT_NAME => '/priv/job',
                                                 HTTP_X_SCHEDULED_EXECUTION => 'true' });
is($cl->{status}, 401, 'while a client without a key is refused, even with the schedule\'s header');
stop($inv7);

# --- invoke schedule -------------------------------------------------------
my $l = run_cmd([bin('invoke'), 'schedule', 'list', $root, '--data', $data]);
is($l->{exit}, 1, 'schedule list exits 1: lines do not parse');
like($l->{stderr}, qr{_schedule:3: minute: expected a number}, '... and names them');
like($l->{stdout}, qr{^2\t\@every 1s\t/tick\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\t200\t\d+\ts[0-9a-f]{12}$}m,
     'the /tick entry: next due, last run, its status and request');
like($l->{stdout}, qr{^5\t\@every 2s\t/tock\t}m, 'the /tock entry');
my $r = run_cmd([bin('invoke'), 'schedule', 'run', $root, '/tick', '--data', $data]);
is($r->{exit}, 0, 'schedule run exits 0');
like($r->{stdout}, qr/^200 OK\n\{"due":"manual","n":1\}\n\z/, 'and prints status and body');
$r = run_cmd([bin('invoke'), 'schedule', 'run', $root, '/missing', '--data', $data]);
is($r->{exit}, 1, 'a run answered 404 exits 1');
like($r->{stdout}, qr/^404 Not Found\n/, '... saying so');
done_testing();
