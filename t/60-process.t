#!/usr/bin/perl
# The pre-forking manager (doc/contract.md §11): dead workers are replaced, workers are
# recycled, SIGHUP reloads, SIGTERM stops gracefully, edited functions are
# picked up without a restart.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});

sub statuses { my ($port, $path, $n) = @_; [map { http_get($port, $path)->{status} } 1 .. $n] }

# --- a worker killed with SIGKILL is replaced ---------------------------------
# The socket accepts before every worker is forked: wait for them.
wait_for(sub { child_pids($inv->{pid}) >= 2 }, 10);
my @workers = child_pids($inv->{pid});
cmp_ok(scalar @workers, '>=', 2, '--workers 2: two children') or diag("children: @workers");
my $victim = $workers[0];
ok(kill('KILL', $victim), "SIGKILL worker $victim") if $victim;
is_deeply(statuses($ng->{port}, '/hello', 10), [(200) x 10], 'the next 10 requests succeed');
my $replaced = wait_for(sub {
    my @now = child_pids($inv->{pid});
    @now >= @workers && !grep { $victim && $_ == $victim } @now;
}, 10);
ok($replaced, 'a new worker replaces the dead one') or diag('children now: ' . join ' ', child_pids($inv->{pid}));
is_deeply(statuses($ng->{port}, '/hello', 4), [(200) x 4], 'serving with the new worker');

# --- more clients at once than workers -------------------------------------------
my @socks = map { start_request($ng->{port}, $_ % 2 ? '/promise' : '/hello') } 1 .. 20;
my @answers = map { finish_request($_, timeout => 30)->{status} } @socks;
is_deeply(\@answers, [(200) x 20], '20 concurrent requests on 2 workers: all 200');

# --- an edited function is picked up without a restart -------------------------
sub write_fn {
    my ($name, $version, $mtime) = @_;
    open my $fh, '>', "$root/$name" or die "$root/$name: $!";
    print $fh "module.exports = function (req, res) { res.json({ version: $version }); };\n";
    close $fh;
    utime $mtime, $mtime, "$root/$name" if $mtime;
}
sub versions { [map { (json_body(http_get($ng->{port}, "/$_[0]")) || {})->{version} } 1 .. 6] }
write_fn('edit.js', 1);
is_deeply(versions('edit'), [(1) x 6], 'a new function file is served');
write_fn('edit.js', 2, time + 5);
is_deeply(versions('edit'), [(2) x 6], 'the rewritten file (newer mtime) is served on every worker');
write_fn('edit.js', 3, time + 10);
is_deeply(versions('edit'), [(3) x 6], 'and again');
unlink "$root/edit.js";
is_deeply(statuses($ng->{port}, '/edit', 4), [(404) x 4], 'a removed file: 404');

# --- SIGHUP: workers replaced, still serving -------------------------------------
my @before = child_pids($inv->{pid});
ok(kill('HUP', $inv->{pid}), 'SIGHUP the supervisor');
my $reloaded = wait_for(sub {
    my %old = map { $_ => 1 } @before;
    my @now = child_pids($inv->{pid});
    @now >= 2 && !grep { $old{$_} } @now;
}, 15);
ok($reloaded, 'SIGHUP: every worker replaced') or diag("before @before, now " . join ' ', child_pids($inv->{pid}));
ok(alive($inv), 'SIGHUP: the supervisor goes on');
is_deeply(statuses($ng->{port}, '/hello', 4), [(200) x 4], 'serving after SIGHUP');

# --- --max-requests recycles workers ----------------------------------------------
my $rinv = start_invoke(root => $root, workers => 2, args => ['--max-requests', 5], name => 'invoke-recycle');
my $rng = start_nginx(fastcgi => $rinv->{addr}, name => 'nginx-recycle');
wait_for(sub { child_pids($rinv->{pid}) >= 2 }, 10);
my %seen = map { $_ => 1 } child_pids($rinv->{pid});
my @st;
for (1 .. 30) {
    push @st, http_get($rng->{port}, '/hello')->{status};
    $seen{$_} = 1 for child_pids($rinv->{pid});
}
is_deeply(\@st, [(200) x 30], '--max-requests 5: 30 requests succeed');
cmp_ok(scalar keys %seen, '>=', 4, '--max-requests 5: new worker pids appear (' . scalar(keys %seen) . ' seen)');

# --- SIGTERM while a request is in flight -----------------------------------------
my $ginv = start_invoke(root => $root, workers => 2, name => 'invoke-graceful');
my $gng = start_nginx(fastcgi => $ginv->{addr}, name => 'nginx-graceful');
my $sock = start_request($gng->{port}, '/slow');
ok(wait_for_log($ginv, qr/SLOW_START/, 10), 'the slow request is running');
my @gworkers = child_pids($ginv->{pid});
ok(kill('TERM', $ginv->{pid}), 'SIGTERM the supervisor');
my $r = finish_request($sock, timeout => 15);
is($r->{status}, 200, 'the request in flight completes with 200') or diag($r->{error} || $r->{raw});
is_deeply(json_body($r), { slow => 'done' }, 'with its whole body');
ok(wait_for(sub { !alive($ginv) }, 15), 'then the supervisor exits');
is($ginv->{status}, 0, 'with status 0');
ok(wait_for(sub { !grep { running($_) } @gworkers }, 10), 'no worker is left behind')
    or diag("still running: " . join ' ', grep { running($_) } @gworkers);

finish();
