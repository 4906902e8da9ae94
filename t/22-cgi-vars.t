#!/usr/bin/perl
# A request's CGI variables are read once, by one rule (common/cgi.h): of a
# name the web server sends twice, the last counts, as in PHP-FPM.  So the
# router, the administrator's rate limits, the access log and `req` all see
# the same REQUEST_URI and REMOTE_ADDR, whichever of them reads it.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
my $root = fixture_root();
write_file("$root/_rate-limits", "/limited 1 60\n");
write_file("$root/limited.js",
           "module.exports = (req, res) => res.json({ ip: req.ip, url: req.url });\n");
my $inv = start_invoke(root => $root, workers => 1, args => ['--data', tmpdir() . '/data']);

my $r = fcgi_request($inv->{addr}, params => { REQUEST_URI => '/hello' },
                     then => [REQUEST_URI => '/echo?twice=1']);
is($r->{status}, 200, 'REQUEST_URI twice: answered') or diag($r->{error} || $r->{body});
my $j = json_body($r) || {};
is($j->{path}, '/echo', 'the router took the last REQUEST_URI');
is($j->{url}, '/echo?twice=1', 'req.url is the same one');
ok(wait_for_log($inv, qr{\bGET /echo 200\b}), 'so is the access line');

$r = fcgi_request($inv->{addr}, params => { REQUEST_URI => '/echo', REMOTE_ADDR => '10.0.0.1' },
                  then => [REMOTE_ADDR => '10.0.0.2']);
is((json_body($r) || {})->{ip}, '10.0.0.2', 'REMOTE_ADDR twice: req.ip is the last');

# /limited: one request per address and minute, counted by the address the
# limiter reads
my @seen = map {
    my ($first, $last) = @$_;
    my $x = fcgi_request($inv->{addr}, params => { REQUEST_URI => '/limited', REMOTE_ADDR => $first },
                         then => [REMOTE_ADDR => $last]);
    [$x->{status}, (json_body($x) || {})->{ip}];
} ['10.9.9.9', '10.0.0.5'], ['10.0.0.6', '10.0.0.5'], ['10.0.0.5', '10.0.0.7'];
is_deeply([map { $_->[0] } @seen], [200, 429, 200],
          'the rate limiter counts the last REMOTE_ADDR too: 10.0.0.5, 10.0.0.5 again (refused), 10.0.0.7');
is($seen[0][1], '10.0.0.5', 'and the function saw that same address');
is($seen[2][1], '10.0.0.7', 'and for the third request too');

finish();
