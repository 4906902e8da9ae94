#!/usr/bin/perl
# The admin panel's per-function counters (doc/admin.md, "Counters"):
# requests, 5xx answers and p50/p99 that every process of a site shares
# through DATA/invoke-stats, with no log file at all (--log left to
# stderr), across a log rotation (SIGUSR1) and over several workers; the
# same under mod_fcgid, whose independent processes all count and all show
# on the status page; and the functions page's compile cache (a view
# compiles only the files that changed).  Every expected count is the
# number of requests this test made.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use JSON::PP;
use File::Path qw(make_path);

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/site";
make_path("$root/api");
write_file("$root/hello.js", "module.exports = (req, res) => res.json({ hello: 'world' });\n");
write_file("$root/api/[id].js", "module.exports = (req, res) => res.json({ id: req.params.id });\n");
write_file("$root/boom.js", "module.exports = () => { throw new Error('boom'); };\n");
write_file("$root/broken.js", "module.exports = function (req, res) { res.send('x') \n  ) };\n");
# holds its worker long enough for the next request to need another one
write_file("$root/slow.js", "module.exports = (req, res) => { setTimeout(() => res.send('slow'), 700); };\n");

sub passwd {
    my ($data) = @_;
    make_path($data);
    my $r = run_cmd([bin('invoke'), 'admin', 'passwd', '--data', $data], stdin => "s3cret pass\n");
    is($r->{exit}, 0, "invoke admin passwd --data $data") or diag($r->{stderr});
}

# Logs in through the web server on $port: (Cookie header, CSRF token).
sub login {
    my ($port) = @_;
    my $r = http_post($port, '/_admin/login', 'password=s3cret+pass',
                      headers => [ 'Content-Type' => 'application/x-www-form-urlencoded',
                                   Origin => 'http://127.0.0.1' ]);
    is($r->{status}, 303, 'logged in') or diag($r->{body});
    my ($sid) = join(' ', hdr($r, 'set-cookie')) =~ /(invoke_admin=[0-9a-f]{64})/;
    return (Cookie => $sid // '');
}

sub functions {
    my ($port, @auth) = @_;
    my $f = json_body(http_get($port, '/_admin/api/functions', headers => \@auth)) || {};
    return ($f, { map { $_->{route} => $_ } @{ $f->{functions} || [] } });
}

# n requests to $path through $port, each answering $want
sub hit {
    my ($port, $path, $n, $want) = @_;
    my $ok = 0;
    for (1 .. $n) { $ok++ if http_get($port, $path)->{status} == $want }
    is($ok, $n, "$n requests to $path answered $want");
}

# n requests to /slow at once; their statuses
sub slow_at_once {
    my ($port, $n) = @_;
    my @s = map { start_request($port, '/slow') } 1 .. $n;
    return map { finish_request($_, timeout => 30)->{status} } @s;
}

# --- a pool of 3 workers, the log on stderr ----------------------------------------
my $data = "$tmp/data";
passwd($data);
my $inv = start_invoke(root => $root, workers => 3, log => '', stderr => 1,
                       args => ['--data', $data, '--admin', '/_admin']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
my @auth = login($port);

my ($f, $fn) = functions($port, @auth);
ok($f->{stats}, 'api/functions: counters without a log file');
like($f->{since_what} // '', qr/pool's start/, '... since the pool started');
cmp_ok(abs(($f->{since} // 0) / 1000 - time), '<', 120, '... a time of today');
is($fn->{'/hello'}{requests}, 0, 'no request yet: 0');
is($f->{compiled}, 5, 'the first view compiles the 5 functions');
($f, $fn) = functions($port, @auth);
is($f->{compiled}, 0, 'the next view compiles none (cached per file)');
like($fn->{'/broken'}{error} // '', qr/SyntaxError/, '... and still shows the compile error');

hit($port, '/hello', 5, 200);
hit($port, '/api/7', 4, 200);
hit($port, '/boom', 3, 500);
hit($port, '/broken', 2, 500);
hit($port, '/nothing', 2, 404);
my @st = slow_at_once($port, 3);
is_deeply(\@st, [200, 200, 200], '3 requests to /slow at once');

($f, $fn) = functions($port, @auth);
my %got = map { $_ => [ $fn->{$_}{requests}, $fn->{$_}{errors} ] } keys %$fn;
is_deeply(\%got, { '/hello' => [5, 0], '/api/[id]' => [4, 0], '/boom' => [3, 3],
                   '/broken' => [2, 2], '/slow' => [3, 0] },
          'api/functions: each function\'s requests and 5xx, exactly') or diag(explain($f));
cmp_ok($fn->{'/slow'}{p50}, '>=', 600, '/slow: p50 of its 700 ms requests');
cmp_ok($fn->{'/slow'}{p99}, '<', 5000, '... p99 too');
cmp_ok($fn->{'/hello'}{p50}, '>', 0, '/hello: a p50');
cmp_ok($fn->{'/hello'}{p99}, '>=', $fn->{'/hello'}{p50}, '... p99 >= p50');
is($f->{dropped}, 0, 'nothing dropped');

my $status = json_body(http_get($port, '/_admin/api/status', headers => \@auth)) || {};
my @busy = grep { $_->{requests} > 0 } @{ $status->{workers}{workers} || [] };
cmp_ok(scalar @busy, '>=', 2, 'the requests were served by several workers') or diag(explain($status));

# a log rotation: the counts go on
ok(kill('USR1', $inv->{pid}), 'SIGUSR1 to the supervisor');
hit($port, '/hello', 2, 200);
hit($port, '/boom', 1, 500);
($f, $fn) = functions($port, @auth);
is_deeply([ map { [ $fn->{$_}{requests}, $fn->{$_}{errors} ] } '/hello', '/boom' ], [ [7, 0], [4, 4] ],
          'after the rotation: 7 and 4, counted on');

# the compile cache sees a change
write_file("$root/broken.js", "module.exports = (req, res) => res.send('fixed');\n");
($f, $fn) = functions($port, @auth);
is($f->{compiled}, 1, 'a changed file: the view compiles that one');
ok(!defined $fn->{'/broken'}{error}, '... now without an error');
hit($port, '/broken', 1, 200);
($f, $fn) = functions($port, @auth);
is_deeply([ $fn->{'/broken'}{requests}, $fn->{'/broken'}{errors} ], [3, 2], '/broken: 3 requests, 2 of them 5xx');

stop($ng);
stop($inv);

# a new pool on the same data: counts from 0 again
my $again = start_invoke(root => $root, workers => 1, log => '', stderr => 1, name => 'again',
                         args => ['--data', $data, '--admin', '/_admin']);
$ng = start_nginx(fastcgi => $again->{addr}, name => 'nginx-again');
@auth = login($ng->{port});
($f, $fn) = functions($ng->{port}, @auth);
is($fn->{'/hello'}{requests}, 0, 'a restarted pool counts from 0');
stop($ng);
stop($again);

# --- CGI: a process per request, one counters file ------------------------------------
{
    my $d3 = "$tmp/data-cgi";
    passwd($d3);
    my @cgi = (root => $root, args => ['--data', $d3, '--admin', '/_admin', '--log', "$tmp/cgi.log"]);
    my %st;
    $st{ run_cgi(@cgi, uri => '/hello')->{status} }++ for 1 .. 3;
    $st{ run_cgi(@cgi, uri => '/boom')->{status} }++ for 1 .. 2;
    is_deeply(\%st, { 200 => 3, 500 => 2 }, 'CGI: 3 requests to /hello, 2 to /boom');
    my $r = run_cgi(@cgi, uri => '/_admin/login', method => 'POST', body => 'password=s3cret+pass',
                    env => { CONTENT_TYPE => 'application/x-www-form-urlencoded' });
    is($r->{status}, 303, 'CGI: logged in');
    my ($sid) = join(' ', hdr($r, 'set-cookie')) =~ /(invoke_admin=[0-9a-f]{64})/;
    $r = run_cgi(@cgi, uri => '/_admin/api/functions', env => { HTTP_COOKIE => $sid // '' });
    my $cf = json_body($r) || {};
    my %c = map { $_->{route} => [ $_->{requests}, $_->{errors} ] } @{ $cf->{functions} || [] };
    is_deeply([ @c{'/hello', '/boom'} ], [ [3, 0], [2, 2] ], 'CGI: each process counted: 3 and 2 (2 of them 5xx)')
        or diag(explain($cf));
    like($cf->{since_what} // '', qr/CGI/, '... since the first CGI request');
    $r = run_cgi(@cgi, uri => '/_admin/api/functions', env => { HTTP_COOKIE => $sid // '' });
    is((json_body($r) || {})->{compiled}, 0, 'CGI: the next view compiles nothing (the cache is in the store)');
}

# --- mod_fcgid: independent processes, one counters file -------------------------------
SKIP: {
    skip 'apache2 or mod_fcgid not installed', 8
        unless -x apache_bin() && -e '/usr/lib/apache2/modules/mod_fcgid.so';
    write_file("$root/broken.js", "module.exports = function (req, res) { res.send('x') \n  ) };\n");
    my $d2 = "$tmp/data-fcgid";
    passwd($d2);
    # Apache's children run as www-data when the test is root
    if ($> == 0) {
        my ($uid, $gid) = (getpwnam('www-data'))[2, 3];
        system('chown', '-R', "$uid:$gid", $d2) == 0 or die "chown $d2";
    }
    my $log = "$tmp/fcgid.log";
    my $ap = start_apache(root => $root, log => $log, args => ['--data', $d2, '--admin', '/_admin']);
    my $ap_port = $ap->{port};
    my $n = 0;
    my %pids;
    for my $round (1 .. 5) {
        my @s = slow_at_once($ap_port, 3);
        $n += 3;
        is_deeply(\@s, [200, 200, 200], "round $round: 3 requests to /slow at once");
        %pids = map { /^\S+ access ([0-9a-f]{4})[0-9a-f]{8} - GET \/slow / ? ($1 => 1) : () }
                split /\n/, do { local (@ARGV, $/) = $log; <> // '' };
        last if keys %pids >= 2;
    }
    cmp_ok(scalar keys %pids, '>=', 2, 'mod_fcgid served /slow from two processes or more')
        or diag(`cat $log`);
    hit($ap_port, '/hello', 3, 200);
    hit($ap_port, '/boom', 2, 500);
    my @a = login($ap_port);
    ($f, $fn) = functions($ap_port, @a);
    like($f->{since_what} // '', qr/first process/, 'mod_fcgid: counted since the first process');
    is_deeply([ map { [ $fn->{$_}{requests}, $fn->{$_}{errors} ] } '/slow', '/hello', '/boom' ],
              [ [$n, 0], [3, 0], [2, 2] ], "every process's requests counted: $n, 3 and 2")
        or diag(explain($f));
    $status = json_body(http_get($ap_port, '/_admin/api/status', headers => \@a)) || {};
    my %shown = map { (sprintf('%04x', $_->{pid} & 0xffff) => 1) } @{ $status->{workers}{workers} || [] };
    ok($status->{workers}{shared}, 'the status page: the processes of the counters file');
    is_deeply([ grep { !$shown{$_} } sort keys %pids ], [], '... every process that served /slow is on it')
        or diag(explain($status));
    stop($ap);
}

stop_all();
done_testing();
