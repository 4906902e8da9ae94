#!/usr/bin/perl
# What an administrator relies on (doc/admin.md): the status page, the slow-request
# log, SIGQUIT drain, SIGHUP and SIGTERM under load, FCGI_WEB_SERVER_ADDRS,
# and a socket passed by systemd (LISTEN_FDS).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use IO::Socket::INET;
use Time::HiRes qw(time sleep);

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2,
                       args => ['--status-path', '/invoke-status', '--slow-log', '0.3']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
wait_for(sub { child_pids($inv->{pid}) >= 2 }, 10);

# --- the status page --------------------------------------------------------
is(http_get($port, '/hello')->{status}, 200, 'serving') for 1 .. 3;
my $t = http_get($port, '/invoke-status');
is($t->{status}, 200, 'status page: 200');
like(hdr($t, 'content-type') || '', qr{^text/plain}, 'status page: text');
like($t->{body}, qr/^pid: $inv->{pid}$/m, "status page: the master's pid");
like($t->{body}, qr/^idle workers: \d+$/m, 'status page: idle workers');
my $j = json_body(http_get($port, '/invoke-status?json')) || {};
is($j->{pid}, $inv->{pid}, '?json: the master pid');
my @w = @{ $j->{workers} || [] };
is(scalar @w, 2, '?json: one entry per worker');
is_deeply([sort { $a <=> $b } map { $_->{pid} } @w], [child_pids($inv->{pid})],
          '?json: the pids are the workers');
cmp_ok($j->{requests}, '>=', 3, '?json: requests counted') or diag(explain($j));

my $slow = start_request($port, '/slow');
ok(wait_for_log($inv, qr/SLOW_START/, 5), 'a slow request is in flight');
$j = json_body(http_get($port, '/invoke-status?json')) || {};
my ($busy) = grep { $_->{path} eq '/slow' && $_->{state} eq 'busy' } @{ $j->{workers} || [] };
ok($busy, '?json: the worker busy with /slow shows it') or diag(explain($j));
is(finish_request($slow)->{status}, 200, 'the slow request finishes');

my $plain = start_invoke(root => $root, workers => 1, name => 'plain');
is(fcgi_request($plain->{addr}, params => { REQUEST_URI => '/invoke-status' })->{status}, 404,
   'no --status-path: /invoke-status is an ordinary (missing) route');

# --- the slow-request log ---------------------------------------------------
ok(wait_for_log($inv, qr/warn \S+ \S+ slow request \S+ GET \/slow: \d+ ms/, 5),
   '--slow-log 0.3: the 1 s request is logged as slow')
    or diag(join "\n", grep { /slow/ } log_lines($inv));
ok(!grep({ /slow request \S+ GET \/hello/ } log_lines($inv)), '--slow-log: fast requests are not');

# --- SIGHUP under load ------------------------------------------------------
my @before = child_pids($inv->{pid});
my $load = start_load($port, '/hello', check => qr/"route":"hello"/);
sleep 0.3;
for (1 .. 3) { kill 'HUP', $inv->{pid}; sleep 0.4 }
my $res = stop_load($load);
is($res->{fail}, 0, "3 reloads under load: no request lost ($res->{ok} served)")
    or diag(join "\n", @{ $res->{failures} });
ok(wait_for(sub { my @now = child_pids($inv->{pid}); @now == 2 && !grep { my $p = $_; grep { $_ == $p } @before } @now }, 10),
   'reloaded: two fresh workers');

# --- SIGQUIT drains ----------------------------------------------------------
my $dinv = start_invoke(root => $root, workers => 2, name => 'drain');
my $dng = start_nginx(fastcgi => $dinv->{addr}, name => 'nginx-drain');
wait_for(sub { child_pids($dinv->{pid}) >= 2 }, 10);
my @inflight = map { start_request($dng->{port}, '/slow') } 1 .. 2;
ok(wait_for(sub { 2 == grep { /SLOW_START/ } log_lines($dinv) }, 5), 'two slow requests in flight');
kill 'QUIT', $dinv->{pid};
is_deeply([map { finish_request($_)->{status} } @inflight], [200, 200],
          'SIGQUIT: the requests in flight finish');
ok(wait_for(sub { !alive($dinv) }, 10), 'SIGQUIT: then the responder exits');
is($dinv->{status}, 0, 'SIGQUIT: exit status 0');
ok(wait_for_log($dinv, qr/SIGQUIT: draining/, 1), 'SIGQUIT: logged as a drain');

# --- SIGTERM under load ------------------------------------------------------
my $tinv = start_invoke(root => $root, workers => 2, name => 'term');
wait_for(sub { child_pids($tinv->{pid}) >= 2 }, 10);
my $tload = start_load(undef, '/hello', fcgi => $tinv->{addr}, refused_ok => 1,
                       check => qr/"route":"hello"/);
my $tslow = start_request($ng->{port}, '/slow');   # keeps the other responder honest
sleep 0.5;
kill 'TERM', $tinv->{pid};
ok(wait_for(sub { !alive($tinv) }, 10), 'SIGTERM under load: the responder exits');
sleep 0.2;
$res = stop_load($tload);
# A worker finishes the request it has accepted before it exits, so no
# answer is ever cut short or wrong; it also serves what the kernel queued
# and closes its socket before its slower clean-up, so a connection after
# the stop is refused (nginx tries elsewhere), never queued and then reset.
is($res->{fail}, 0, "SIGTERM under load: every request accepted was answered completely "
                  . "($res->{ok} served, $res->{refused} refused and $res->{dropped} reset after the stop)")
    or diag(join "\n", @{ $res->{failures} });
is($res->{dropped}, 0, 'SIGTERM under load: no queued connection is reset');
cmp_ok($res->{ok}, '>', 0, 'SIGTERM under load: the load ran');
is(finish_request($tslow)->{status}, 200, 'the other responder was not disturbed');

# --- FCGI_WEB_SERVER_ADDRS ---------------------------------------------------
my $deny = start_invoke(root => $root, workers => 1, name => 'deny',
                        env => { FCGI_WEB_SERVER_ADDRS => '10.9.8.7' });
my $r = fcgi_request($deny->{addr}, params => { REQUEST_URI => '/hello' }, timeout => 5);
is($r->{status}, 0, 'FCGI_WEB_SERVER_ADDRS=10.9.8.7: a connection from 127.0.0.1 gets no answer');
ok($r->{error}, 'FCGI_WEB_SERVER_ADDRS: the connection was closed') or diag(explain($r));
my $allow = start_invoke(root => $root, workers => 1, name => 'allow',
                         env => { FCGI_WEB_SERVER_ADDRS => '10.9.8.7,127.0.0.1' });
is(fcgi_request($allow->{addr}, params => { REQUEST_URI => '/hello' })->{status}, 200,
   'FCGI_WEB_SERVER_ADDRS listing 127.0.0.1: served');

# --- a socket from systemd (LISTEN_FDS / LISTEN_PID, fd 3) ------------------
sub start_activated {
    my (%o) = @_;
    my $sock = IO::Socket::INET->new(Listen => 16, LocalAddr => '127.0.0.1:0', Proto => 'tcp',
                                     ReuseAddr => 1) or die "listen: $!";
    my $log = tmpdir() . "/$o{name}.log";
    my $pid = spawn_with_fd3($sock, "$log.stderr",
                             { LISTEN_FDS => 1, ($o{pid_off} ? (LISTEN_PID => 1) : ()) },
                             bin('invoke-fcgi'), '--root', $root, '--log', $log);
    my $addr = '127.0.0.1:' . $sock->sockport;
    close $sock;
    return { pid => $pid, addr => $addr, log => $log };
}
my $sd = start_activated(name => 'systemd');
my $got = wait_for(sub { my $x = fcgi_request($sd->{addr}, params => { REQUEST_URI => '/hello' }, timeout => 5);
                         $x->{status} == 200 ? $x : undef }, 10);
ok($got, 'LISTEN_FDS=1 with our pid: the socket on fd 3 is served');
ok(wait_for_log($sd, qr/started on the systemd socket \(fd 3\), 2 workers/, 5), 'logged, 2 workers by default');
is(scalar(child_pids($sd->{pid})), 2, 'two workers under the supervisor');
kill 'TERM', $sd->{pid};
waitpid($sd->{pid}, 0);
is($? & 127, 0, 'stops on SIGTERM');
my $other = start_activated(name => 'systemd-other', pid_off => 1);
waitpid($other->{pid}, 0);
is($? >> 8, 2, "LISTEN_PID of another process: ignored (no socket, no CGI request: exit 2)");

finish();
