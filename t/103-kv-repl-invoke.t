#!/usr/bin/perl
# invoke kv on a replicated store (issue 22, doc/kv.md "Several hosts",
# doc/invoke.1): three sites on loopback (InvokeTest's group).
#
#  1. invoke kv set/delete/restore on a replica write through the group:
#     the replica reads its own write at once, every host (invoke kv get on
#     each folder, and a function on the master) reads it once replicated;
#  2. --replicate/--peer/--priority/--acks are checked against the site's
#     DIR/replication.json: the ones it runs with pass, any other is exit 2
#     with the reason, and so is a folder that is not replicated;
#  3. with no master (the two other sites killed), a write is exit 75 with
#     the reason within the write's time (no hang), and reads go on.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Time::HiRes qw(time sleep);
use JSON::PP qw(decode_json);
use InvokeTest;

need_bins('invoke-fcgi', 'invoke');
my $tmp = tmpdir();
my $root = "$tmp/root";
mkdir $root or die $!;
write_file("$root/get.js", <<'JS');
module.exports = async function (req, res) {
  var v = await kv.get(req.query.key);
  res.json({ v: v === undefined ? null : v });
};
JS

my $g = start_group(root => $root, workers => 2, args => ['--timeout', '5']);
my $m = wait_for(sub { group_master($g) }, 30);
ok(defined $m, 'the three sites elected a master') or BAIL_OUT('no master');
my $r = ($m + 1) % 3;           # the replica the tool writes on
my $third = ($m + 2) % 3;
is(group_status($g, $r)->{role}, 'replica', "site $r is a replica");

# the site's own replication options, as its responder was started
sub opts {
    my ($i) = @_;
    return ('--replicate', "127.0.0.1:$g->{rport}[$i]",
            map { ('--peer', "127.0.0.1:$g->{rport}[$_]") } grep { $_ != $i } 0 .. 2);
}
sub kv {
    my ($i, @args) = @_;
    my $stdin = ref $args[-1] eq 'SCALAR' ? ${ pop @args } : undef;
    my $t0 = time;
    my $c = run_cmd([bin('invoke'), 'kv', @args, '--data', $g->{data}[$i], '--root', $root],
                    (defined $stdin ? (stdin => $stdin) : ()), timeout => 60);
    $c->{secs} = time - $t0;
    return $c;
}
sub fn_get {
    my ($i, $key) = @_;
    my $x = fcgi_request($g->{site}[$i]{addr}, timeout => 20,
                         params => { SCRIPT_NAME => '/get', REQUEST_URI => "/get?key=$key",
                                     QUERY_STRING => "key=$key" });
    return $x->{status} == 200 ? $x->{body} : "status $x->{status}";
}

# --- 1. writes through the group ---------------------------------------------

# the first writes of a new group can wait past their time while the
# master creates its databases (doc/kv.md, "Known limits"): exit 75 says
# "try again later", and a script does
my $c;
my $until = time + 30;
do {
    $c = kv($r, 'set', 'tool', '{"from": "a replica"}', opts($r), '--priority', '100', '--acks', 'quorum');
} while ($c->{exit} == 75 && time < $until && sleep 0.5);
is($c->{exit}, 0, 'invoke kv set on a replica, with the site\'s options: exit 0') or diag($c->{stderr});
is(kv($r, 'get', 'tool')->{stdout}, qq({"from":"a replica"}\n),
   'the replica reads its own write at once');
for my $i (0 .. 2) {
    ok(wait_for(sub { (kv($i, 'get', 'tool')->{stdout} // '') eq qq({"from":"a replica"}\n) }, 15),
       "invoke kv get on site $i reads it");
}
is(fn_get($m, 'tool'), '{"v":{"from":"a replica"}}', 'and so does a function on the master (the same scope)');

$c = kv($r, 'delete', 'tool', opts($r));
is($c->{exit}, 0, 'invoke kv delete on a replica: exit 0') or diag($c->{stderr});
is(kv($r, 'get', 'tool')->{exit}, 1, 'the replica no longer has the key at once');
ok(wait_for(sub { kv($m, 'get', 'tool')->{exit} == 1 && kv($third, 'get', 'tool')->{exit} == 1 }, 15),
   'nor, once replicated, the two others');

my $dump = qq({"key":"r1","value":1,"expires":null}\n{"key":"r2","value":[2],"expires":null}\n);
$c = kv($r, 'restore', opts($r), \$dump);
ok($c->{exit} == 0 && $c->{stderr} =~ /restored 2 records/, 'invoke kv restore on a replica')
    or diag($c->{stderr});
ok(wait_for(sub { fn_get($m, 'r2') eq '{"v":[2]}' && kv($third, 'get', 'r1')->{stdout} eq "1\n" }, 15),
   'the restored records are on the master and the third site');

# --- 2. the options against the site's replication.json ---------------------

$c = kv($r, 'status', opts($r));
like($c->{stdout} // '', qr/"role":"replica"/, 'invoke kv status with the site\'s options prints its status');
my @bad = (
    [['--acks', 'all'], qr/--acks all: the site \S+ runs with --acks quorum/],
    [['--priority', '0'], qr/--priority 0: the site \S+ runs with priority 100/],
    [['--replicate', "127.0.0.1:$g->{rport}[$m]"], qr/the site of this folder is 127\.0\.0\.1:$g->{rport}[$r]/],
    [['--peer', "127.0.0.1:$g->{rport}[$m]"], qr/has also the peer 127\.0\.0\.1:$g->{rport}[$third]/],
    [['--peer', '127.0.0.1:1'], qr/--peer 127\.0\.0\.1:1: not a peer of the site/],
);
for my $b (@bad) {
    $c = kv($r, 'set', 'never', '1', @{ $b->[0] });
    ok($c->{exit} == 2 && $c->{stderr} =~ /do not match the site that runs on it.*$b->[1]/,
       "@{ $b->[0] }: exit 2, with the reason") or diag($c->{stderr});
}
is(kv($m, 'get', 'never')->{exit}, 1, 'and nothing was written');
my $plain = run_cmd([bin('invoke'), 'kv', 'set', 'x', '1', '--data', "$tmp/plain", '--acks', 'quorum'],
                    timeout => 30);
ok($plain->{exit} == 2 && $plain->{stderr} =~ /not a replicated store/,
   'a folder that is not replicated, with replication options: exit 2, with the reason')
    or diag($plain->{stderr});
$c = kv($r, 'set', 'x', '1', '--peer', 'nocolon');
is($c->{exit}, 2, 'a --peer that is not HOST:PORT: exit 2');

# --- 3. no master ------------------------------------------------------------

# the master and the third site killed at once: the replica left cannot
# elect itself (an election needs two of the three)
for my $i ($m, $third) {
    kill 'KILL', -$g->{site}[$i]{pid};
    waitpid($g->{site}[$i]{pid}, 0);
}
ok(wait_for(sub { (group_status($g, $r)->{role} // '') eq 'no master' }, 20),
   'the replica left knows no master');
$c = kv($r, 'set', 'lost', '1', opts($r));
is($c->{exit}, 75, 'invoke kv set with no master: exit 75 (try again later)') or diag($c->{stderr});
like($c->{stderr}, qr/invoke: set: there is no master/, 'with the reason');
cmp_ok($c->{secs}, '<', 15, sprintf('within the write\'s time, no hang (%.1f s)', $c->{secs}));
is(kv($r, 'get', 'r1')->{stdout}, "1\n", 'reads go on from this copy');
like(kv($r, 'status')->{stdout}, qr/"role":"no master"/, 'invoke kv status says there is no master');
# a folder whose responder is gone: no replicator to take the write
$c = kv($m, 'set', 'lost', '1');
ok($c->{exit} == 75 && $c->{stderr} =~ /no replicator runs/,
   'a write where no replicator runs: exit 75, with the reason') or diag($c->{stderr});

stop_all();
done_testing();
