#!/usr/bin/perl
# fetch (doc/contract.md §6) against a real nginx on loopback: JSON round trip,
# bodies, headers, redirects, gzip, TLS with a private CA, concurrency,
# aborts, the seed's fallback to kv when the upstream is down, relative URLs.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use FetchTest;

need_bins('invoke-fcgi', 'nginx', 'openssl');
my $tmp = tmpdir();
my $root = fetch_root();
mkdir "$tmp/data";
my $ca = make_certs() . '/ca.pem';
my $inv = start_invoke(root => $root, workers => 4,
                       args => ['--data', "$tmp/data", '--ca-file', $ca]);
my $up = start_upstream(fastcgi => $inv->{addr});
my $ng = start_nginx(fastcgi => $inv->{addr});
my $u = "http://127.0.0.1:$up->{port}";
my $s = "https://127.0.0.1:$up->{tls_port}";
my $p = $ng->{port};

my $r = call_case($p, 'json', u => $u);
is($r->{status}, 200, 'JSON round trip: 200') or diag explain $r;
ok($r->{ok}, 'response.ok');
is($r->{method}, 'POST', 'the method went out');
is_deeply($r->{body}, { a => 1, s => "h\x{e9}" }, 'the JSON body arrived whole (UTF-8)');
is($r->{xtest}, 'abc', 'a request header went out');
is($r->{ctype}, 'application/json', 'Content-Type as the caller set it');

$r = call_case($p, 'text', u => $u);
is($r->{text}, "hello from upstream\n", 'text()');
is($r->{statusText}, 'OK', 'statusText');
like($r->{ctype} || '', qr{^text/plain}, 'a response header');
is($r->{xup}, 'yes', "the upstream's own header");
is($r->{url}, "$u/small.txt", 'response.url');

$r = call_case($p, 'sizes', u => $u);
is($r->{ab}, 1024 * 1024, 'arrayBuffer(): 1 MB');
is($r->{buf}, 1024 * 1024, 'buffer(): 1 MB');
ok($r->{isBuffer}, 'buffer() is a Buffer');
is($r->{iter}, 1024 * 1024, 'for await over body: every byte');
cmp_ok($r->{chunks} || 0, '>', 1, "body came in chunks ($r->{chunks})");

$r = call_case($p, 'gzip', u => $u);
is($r->{enc}, 'gzip', 'the upstream sent gzip (the header is kept, as undici does)');
is(scalar @{ $r->{data}{items} || [] }, 200, 'the gzip body decoded and parsed');

$r = call_case($p, 'follow', u => $u);
is($r->{status}, 200, '301 followed');
ok($r->{redirected}, 'response.redirected');
is($r->{url}, "$u/small.txt", 'response.url is the last hop');
is($r->{text}, "hello from upstream\n", 'the body of the last hop');

$r = call_case($p, 'manual', u => $u);
is($r->{status}, 302, "redirect: 'manual' gives the 3xx itself");
like($r->{location} || '', qr{/small\.txt$}, 'with its Location');

$r = call_case($p, 'error', u => $u);
ok($r->{threw} && $r->{isTypeError}, "redirect: 'error' rejects with a TypeError") or diag explain $r;

$r = call_case($p, 'see', u => $u);
is($r->{method}, 'GET', '303 after POST: GET');
is($r->{body}, '', '303: without the body');
$r = call_case($p, 'emptyPost', u => $u);
is_deeply($r, { method => 'POST', length => '0', type => undef },
          'a POST without a body: Content-Length 0 and no Content-Type, as undici');
$r = call_case($p, 'keep', u => $u);
is($r->{method}, 'POST', '307 keeps the method');
is($r->{body}, 'x=1', '307 keeps the body');

$r = call_case($p, 'tls', u => $u, s => $s);
is($r->{status}, 200, 'HTTPS with --ca-file: 200') or diag explain $r;
is($r->{text}, "hello from upstream\n", 'HTTPS body');

# concurrency: two 1-second upstreams at once take about one second
my $one = call_case($p, 'one', u => $u);
my $par = call_case($p, 'parallel', u => $u);
is_deeply($par->{all}, [{ slept => 1000 }, { slept => 1000 }], 'both slow fetches answered');
cmp_ok($par->{ms}, '<', 1.8 * $one->{ms}, "Promise.all of two slow fetches: $par->{ms} ms, one alone $one->{ms} ms");
$r = call_case($p, 'ticks', u => $u);
cmp_ok($r->{ticks}, '>=', 5, "a 100 ms interval kept ticking during a 1 s fetch ($r->{ticks})");

$r = call_case($p, 'abortBody', u => $u);
is($r->{name}, 'AbortError', 'abort mid-body: the next read rejects with AbortError') or diag explain $r;
cmp_ok($r->{first} || 0, '>', 0, 'a first chunk had come');
$r = call_case($p, 'abortHead', u => $u);
is($r->{name}, 'AbortError', 'abort before the headers: AbortError');
cmp_ok($r->{ms}, '<', 900, "without waiting for the upstream ($r->{ms} ms)");
$r = call_case($p, 'timeout', u => $u);
is($r->{name}, 'TimeoutError', 'AbortSignal.timeout: TimeoutError');

# connection refused: the seed's sample falls back to the cached value
my $closed = free_port();
$r = http_get($p, "/degrade?url=http://127.0.0.1:$closed/");
is($r->{status}, 503, 'upstream down, nothing cached: 503');
http_get($p, '/seed');
$r = http_get($p, "/degrade?url=http://127.0.0.1:$closed/");
is_deeply(json_body($r), { answer => 42, fromCache => JSON::PP::true() }, 'upstream down: the cached value');
$r = call_case($p, 'get', url => "http://127.0.0.1:$closed/");
ok($r->{isTypeError}, 'connection refused: TypeError');
is($r->{message}, 'fetch failed', "message 'fetch failed'");
is($r->{code}, 'ECONNREFUSED', 'cause.code ECONNREFUSED');
$r = call_case($p, 'get', url => "$u/nothing-here");
is($r->{status}, 404, 'a 404 resolves (it is not a network error)');

# a fetch left running when the response is sent and the handler is done:
# stopped with the request (the upstream sees its client go: 499)
$r = http_get($p, "/forget?url=$u/fn/sleep%3Fms=3000");
is_deeply(json_body($r), { ok => JSON::PP::true() }, 'a function that leaves a fetch behind answers');
my $gone = wait_for(sub { grep { m{GET /fn/sleep\?ms=3000 HTTP/1\.1" 499 } } log_lines("$tmp/upstream/logs/access.log") }, 10);
ok($gone, 'the forgotten fetch was cancelled when the request ended (upstream logged 499)');
ok(!grep({ /forgotten fetch answered/ } log_lines($inv->{log})), 'its callback never ran');

# a relative URL: against the request's own origin
# (Debian's nginx passes Host without its port: the server's port is added)
$r = json_body(http_get($p, '/case?case=relative'));
is_deeply($r, { rel => "1" }, "fetch('/echo?rel=1') reached this server's /echo");

# TLS by name: the certificate's subjectAltName has localhost
$r = call_case($p, 'get', url => "https://localhost:$up->{tls_port}/small.txt");
is($r->{status}, 200, 'HTTPS by name (localhost is in the certificate)') or diag explain $r;

# unsupported scheme and a bad URL: TypeError before any I/O
$r = call_case($p, 'get', url => 'ftp://127.0.0.1/');
ok($r->{isTypeError}, 'ftp: TypeError');
$r = call_case($p, 'get', url => 'http://');
ok($r->{isTypeError}, 'an invalid URL: TypeError');

finish();
