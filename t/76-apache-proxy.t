#!/usr/bin/perl
# contrib/apache/invoke-fcgi-proxy.conf as shipped: Apache 2.4 and
# mod_proxy_fcgi in front of an invoke-fcgi pool on a unix socket.  What
# the replayed suites (t/72-t/75, over TCP) do not show: the Authorization
# header reaching functions (CGIPassAuth), bodies far over mod_fcgid's
# 128 KiB default, a stream arriving chunk by chunk over the unix socket,
# the responder's own 504 rather than Apache's, and Apache's 503 while the
# pool is down.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Time::HiRes qw(time);

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_proxy_fcgi not installed') unless -e '/usr/lib/apache2/modules/mod_proxy_fcgi.so';

my $root = fixture_root();
write_file("$root/spin.js", "module.exports = function (req, res) { for (;;) {} };\n");
# the length and a checksum of the body (echo.js would spend its second on hex)
write_file("$root/size.js", <<'JS');
module.exports = function (req, res) {
  var b = req.rawBody, sum = 0;
  for (var i = 0; i < b.length; i++) sum = (sum + b[i]) % 65521;
  res.json({ length: b.length, sum: sum });
};
JS
my $sock = tmpdir() . '/pool.sock';
my @pool = (root => $root, workers => 2, listen => "unix:$sock",
            args => ['--timeout', 1, '--max-body', 2 * 1024 * 1024]);
my $inv = start_invoke(@pool);
my $ap = start_apache(recipe => 'proxy', pool => "unix:$sock", name => 'apache-proxy');
my $port = $ap->{port};

my $r = http_get($port, '/users/42?x=%2F');
is($r->{status}, 200, 'GET /users/42 over the unix socket: 200') or diag($r->{error} || $r->{body});
is((json_body($r) || {})->{id}, '42', 'the [id] parameter: the whole path was routed (INVOKE_BASE /)');

# Apache keeps Authorization from FastCGI applications unless CGIPassAuth
my $e = json_body(http_get($port, '/echo', headers => [Authorization => 'Bearer t0k3n-5e1f'])) || {};
is($e->{headers}{authorization}, 'Bearer t0k3n-5e1f', 'the Authorization header reaches the function');

# Bodies: mod_fcgid refuses more than 128 KiB unless told; through the pool
# the responder's --max-body (2 MiB here) decides, with its own JSON 413.
my $big = join '', map { chr(48 + $_ % 10) } 1 .. 1536 * 1024;
sub sum { my $s = 0; $s = ($s + $_) % 65521 for unpack 'C*', $_[0]; $s }
$r = http_post($port, '/size', $big, headers => ['Content-Type' => 'application/octet-stream']);
is($r->{status}, 200, 'a 1.5 MiB body: 200') or diag($r->{error} || substr($r->{body}, 0, 300));
is_deeply(json_body($r), { length => length $big, sum => sum($big) }, 'a 1.5 MiB body arrives whole');
$r = http_post($port, '/size', $big x 2, headers => ['Content-Type' => 'application/octet-stream']);
is($r->{status}, 413, 'a 3 MiB body: 413 from the responder');
like($r->{body}, qr/^\{"error":/, "a 3 MiB body: the responder's JSON, not Apache's page");
# a chunked request body: mod_proxy_fcgi reads it and passes it on
my $chunked = "POST /size HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            . "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            . join('', map { sprintf("%x\r\n%s\r\n", 65536, substr($big, $_ * 65536, 65536)) } 0 .. 3)
            . "0\r\n\r\n";
$r = raw_request($port, $chunked);
is($r->{status}, 200, 'a chunked 256 KiB body: 200') or diag($r->{error} || substr($r->{body}, 0, 300));
is_deeply(json_body($r), { length => 4 * 65536, sum => sum(substr($big, 0, 4 * 65536)) },
          'a chunked 256 KiB body arrives whole');

# flushpackets=on: the first write reaches the client before the second
# is written (stream.js writes them 500 ms apart)
$r = stream_request($port, '/stream');
is($r->{body}, 'FIRST-CHUNKSECOND-CHUNK', 'stream: the whole body');
my ($first) = grep { $_->[1] =~ /FIRST-CHUNK/ } @{ $r->{arrivals} };
my ($second) = grep { $_->[1] =~ /SECOND-CHUNK/ } @{ $r->{arrivals} };
ok($first && $second && $first->[1] !~ /SECOND-CHUNK/, 'stream: the chunks arrived apart');
cmp_ok($second->[0] - $first->[0], '>=', 0.3, 'stream: the first chunk came before the second was written')
    if $first && $second;

# the responder's time limit (--timeout 1) answers, well before Apache's
my $t0 = time;
$r = http_get($port, '/spin');
is($r->{status}, 504, 'an endless loop: 504');
like($r->{body}, qr/^\{"error":/, "an endless loop: the responder's JSON 504, not Apache's");
cmp_ok(time - $t0, '<', 10, 'an endless loop: answered after the responder\'s limit');

# The pool stopped (restarted by hand, without systemd's socket unit):
# Apache's 503.  Started again on the same socket, it is used at once.
stop($inv);
$r = http_get($port, '/hello');
is($r->{status}, 503, 'the pool stopped: 503 from Apache');
$inv = start_invoke(@pool, name => 'invoke-again');
$r = http_get($port, '/hello');
is($r->{status}, 200, 'the pool started again: the next request is served at once')
    or diag($r->{error} || $r->{body});
is((json_body($r) || {})->{route}, 'hello', 'the pool started again: hello answers');

finish();
