#!/usr/bin/perl
# fetch's limits an administrator sets (doc/admin.md, "Limits"): --fetch-timeout,
# --fetch-max-size, --fetch-max-concurrent, --ca-file against the wrong CA,
# the network policy (--fetch-allow, --fetch-deny, by name and by the
# address a name resolves to), DNS failure, and the option parser.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use FetchTest;
use JSON::PP ();

need_bins('invoke-fcgi', 'invoke', 'nginx', 'openssl');
my $tmp = tmpdir();
my $root = fetch_root();
my $certs = make_certs();
my $main = start_invoke(root => $root, workers => 3, args => ['--ca-file', "$certs/ca.pem"]);
my $up = start_upstream(fastcgi => $main->{addr});
my $u = "http://127.0.0.1:$up->{port}";
my $lim = start_invoke(root => $root, workers => 1, name => 'limits',
                       args => ['--fetch-timeout', '1', '--fetch-max-size', '100k',
                                '--fetch-max-concurrent', '1', '--ca-file', "$certs/wrong-ca.pem",
                                '--fetch-deny', '*.blocked.test, 10.0.0.0/8']);
my $deny = start_invoke(root => $root, workers => 1, name => 'deny',
                        args => ['--fetch-deny', '127.0.0.0/8']);
my $allow = start_invoke(root => $root, workers => 1, name => 'allow',
                         args => ['--fetch-allow', 'localhost', '--timeout', '2']);

sub fcase {
    my ($inv, $case, %q) = @_;
    my $qs = join '&', "case=$case", map {
        (my $v = $q{$_}) =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge; "$_=$v"
    } sort keys %q;
    my $r = fcgi_request($inv->{addr}, params => { REQUEST_URI => "/case?$qs", QUERY_STRING => $qs },
                         timeout => 30);
    return json_body($r) || { status => $r->{status}, raw => $r->{body} };
}

my $r = fcase($lim, 'get', url => "$u/fn/sleep?ms=3000");
ok($r->{isTypeError}, '--fetch-timeout 1: a 3 s upstream rejects with a TypeError') or diag explain $r;
like($r->{code} || '', qr/TIMEDOUT|TIMEOUT/, "cause.code says timeout ($r->{code})");

$r = fcase($lim, 'get', url => "$u/1mb.bin");
is($r->{code}, 'ERR_FETCH_MAX_SIZE', '--fetch-max-size 100k: a 1 MB body rejects') or diag explain $r;
$r = fcase($lim, 'get', url => "$u/small.txt");
is($r->{status}, 200, 'a small body is under the limit');

$r = fcase($lim, 'queued', u => $u);
is_deeply($r->{all}, [200, 200], '--fetch-max-concurrent 1: both fetches succeed (the second waits)');
cmp_ok($r->{ms}, '>=', 950, "one after the other: two 500 ms upstreams took $r->{ms} ms");

$r = fcase($lim, 'abortQueued', u => $u);
is($r->{name}, 'AbortError', 'a fetch waiting for a slot rejects when aborted') or diag explain $r;
cmp_ok($r->{ms}, '<', 400, "at once ($r->{ms} ms), not when a slot frees");
is($r->{first}, 200, 'the fetch holding the slot is unaffected');

$r = fcase($lim, 'get', url => "https://127.0.0.1:$up->{tls_port}/small.txt");
ok($r->{isTypeError}, 'TLS against the wrong --ca-file: TypeError') or diag explain $r;
like($r->{code} || '', qr/CERT|CA|VERIFY/, "cause.code is a certificate error ($r->{code})");
$r = fcase($main, 'get', url => "https://127.0.0.1:$up->{tls_port}/small.txt");
is($r->{status}, 200, 'the same URL with the right --ca-file: 200');

$r = fcase($lim, 'get', url => 'http://api.blocked.test/');
is($r->{code}, 'ERR_NETWORK_POLICY', '--fetch-deny *.blocked.test refuses api.blocked.test');
like($r->{cause} || '', qr/api\.blocked\.test/, 'the message names the host');
$r = fcase($lim, 'get', url => 'http://10.1.2.3/');
is($r->{code}, 'ERR_NETWORK_POLICY', '--fetch-deny 10.0.0.0/8 refuses 10.1.2.3 (nothing sent)');

$r = fcase($deny, 'get', url => "$u/small.txt");
is($r->{code}, 'ERR_NETWORK_POLICY', '--fetch-deny 127.0.0.0/8 refuses 127.0.0.1');
$r = fcase($deny, 'get', url => "http://localhost:$up->{port}/small.txt");
is($r->{code}, 'ERR_NETWORK_POLICY', '... and localhost, by the address it resolves to') or diag explain $r;
like($r->{cause} || '', qr/localhost \((127\.0\.0\.1|::1)\)/, 'naming the name and the address');
like(join('', log_lines($deny->{log})), qr/warn.*fetch refused/, 'a refusal is logged as a warning');

$r = fcase($allow, 'get', url => "http://localhost:$up->{port}/small.txt");
is($r->{status}, 200, '--fetch-allow localhost: localhost is reached') or diag explain $r;
$r = fcase($allow, 'get', url => "$u/small.txt");
is($r->{code}, 'ERR_NETWORK_POLICY', '--fetch-allow localhost: 127.0.0.1 is not');

# the request's own --timeout while a fetch waits: 504, and nothing of the
# transfer is left for the next request
my $t = fcgi_request($allow->{addr}, params => { REQUEST_URI => "/pipe?url=http://localhost:$up->{port}/fn/sleep%3Fms=5000",
                                                   QUERY_STRING => "url=http://localhost:$up->{port}/fn/sleep%3Fms=5000" },
                     timeout => 30);
is($t->{status}, 504, '--timeout 2 with a 5 s upstream pending: 504') or diag explain $t;
$r = fcase($allow, 'get', url => "http://localhost:$up->{port}/small.txt");
is($r->{status}, 200, 'the worker fetches again after that');

# invoke run takes the policy and --ca-file too
my $c = run_cmd([bin('invoke'), 'run', $root, "/case?case=get&url=$u/small.txt", '--fetch-deny', '127.0.0.0/8'],
                timeout => 30);
like($c->{stdout}, qr/"code":"ERR_NETWORK_POLICY"/, 'invoke run --fetch-deny 127.0.0.0/8 refuses 127.0.0.1');
$c = run_cmd([bin('invoke'), 'run', $root, "/case?case=get&url=https://127.0.0.1:$up->{tls_port}/small.txt",
              '--ca-file', "$certs/ca.pem"], timeout => 30);
like($c->{stdout}, qr/"status":200/, 'invoke run --ca-file: HTTPS with the private CA');
$c = run_cmd([bin('invoke'), 'run', $root, '/case', '--fetch-allow', '1.2.3.4/40'], timeout => 30);
is($c->{exit}, 2, 'invoke run --fetch-allow with a bad entry: a usage error');

# DNS failure, in a network namespace of its own so no query leaves the
# machine (the .invalid name never resolves anyway)
my $script = "$tmp/dns.js";
write_file($script, <<'EOF');
fetch('http://nonexistent.invalid/').then(() => console.log('{"threw":false}'), (e) =>
  console.log(JSON.stringify({ isTypeError: e instanceof TypeError, code: e.cause && e.cause.code })));
EOF
$c = run_cmd(['unshare', '-n', bin('invoke'), 'exec', $script], timeout => 30);
SKIP: {
    skip 'no network namespace here (unshare -n)', 2 if $c->{stderr} =~ /unshare/;
    my $j = eval { JSON::PP::decode_json($c->{stdout}) } || {};
    ok($j->{isTypeError}, 'nonexistent.invalid: TypeError') or diag explain $c;
    like($j->{code} || '', qr/^(ENOTFOUND|EAI_AGAIN)$/, "cause.code is a DNS error ($j->{code})");
}
# invoke exec has no request: a relative URL is invalid, as in Node
write_file($script, <<'EOF');
fetch('/x').catch((e) => console.log(e.name + ': ' + e.message));
EOF
$c = run_cmd([bin('invoke'), 'exec', $script], timeout => 30);
like($c->{stdout}, qr{^TypeError: Failed to parse URL from /x}, 'invoke exec: a relative URL is a TypeError');

# AbortSignal.timeout does not keep a script alive (unref'd, as in Node),
# yet still aborts a fetch that is waiting (t/100-fetch.t)
write_file($script, <<'EOF');
const s = AbortSignal.timeout(20000);
console.log('aborted: ' + s.aborted);
EOF
$c = run_cmd([bin('invoke'), 'exec', $script], timeout => 10);
ok(!$c->{timed_out} && $c->{stdout} eq "aborted: false\n", 'AbortSignal.timeout alone does not hold invoke exec') or diag explain $c;

# the option parser refuses what it cannot use
for my $bad (['--fetch-deny', '10.0.0.0/33'], ['--fetch-allow', 'a*b'], ['--fetch-timeout', '0'],
             ['--fetch-max-concurrent', '0'], ['--ca-file', "$tmp/missing.pem"]) {
    $c = run_cmd([bin('invoke-fcgi'), '--root', $root, @$bad], timeout => 10);
    is($c->{exit}, 2, "@$bad: refused at start") or diag explain $c;
}

finish();
