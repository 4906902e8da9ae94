#!/usr/bin/perl
# Inputs the fuzz harnesses (fuzz/, `make fuzz`) found, kept as regression
# tests, through nginx as a client would send them.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};

# request_fuzz: raw bytes that are not UTF-8 in the query string or a
# header made Duktape's string functions throw "internal error" (a 500).
# They now reach the function as U+FFFD.
my $r = http_get($port, "/echo?a=\xff\xfe&b=ok");
is($r->{status}, 200, 'raw non-UTF-8 bytes in the query string: 200') or diag($r->{body});
my $j = json_body($r) || {};
is($j->{query}{b}, 'ok', 'the rest of the query is parsed');
is($j->{query}{a}, "\x{fffd}\x{fffd}", 'each invalid byte became U+FFFD');
$r = http_get($port, '/echo', headers => ['Cookie' => "a=\xff; b=2"]);
is($r->{status}, 200, 'raw non-UTF-8 bytes in the Cookie header: 200') or diag($r->{body});
is((json_body($r) || {})->{cookies}{b}, '2', 'the other cookie is parsed');
$r = http_get($port, '/echo', headers => ['X-Bin' => "\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80"]);
is($r->{status}, 200, 'overlong, surrogate and out-of-range sequences in a header: 200');
is((json_body($r) || {})->{headers}{'x-bin'}, "\x{fffd}" x 9, 'each of their bytes became U+FFFD');
$r = http_get($port, "/echo?e=\xc3\xa9");
is((json_body($r) || {})->{query}{e}, "\x{e9}", 'valid UTF-8 is left alone');
$r = http_get($port, '/echo?x=' . ("\xff" x 3000));
is($r->{status}, 200, '3000 invalid bytes in a row: 200');
is(length((json_body($r) || {})->{query}{x} // ''), 3000, '3000 replacement characters');

# request_fuzz: an urlencoded body starting with the byte 0xFF became a
# hidden Duktape Symbol instead of a string ("split" not callable, a 500).
$r = http_post($port, '/echo', "\xff\x95=1&b=2",
               headers => ['Content-Type' => 'application/x-www-form-urlencoded']);
is($r->{status}, 200, 'urlencoded body with a leading 0xFF byte: 200') or diag($r->{body});
is((json_body($r) || {})->{body}{b}, '2', 'its other fields are parsed');
$r = http_post($port, '/echo', "\xff{}", headers => ['Content-Type' => 'application/json']);
is($r->{status}, 400, 'JSON body with a leading 0xFF byte: 400, not 500');
$r = http_post($port, '/echo', "{\"a\":\"\xff\"}", headers => ['Content-Type' => 'application/json']);
is($r->{status}, 200, 'JSON body with a raw 0xFF in a string: 200');
is((json_body($r) || {})->{body}{a}, "\x{fffd}", 'it became U+FFFD');
# request_fuzz: an Accept media range without a subtype made req.accepts()
# throw in mimeMatch (a 500 for any function that negotiates).
for my $accept ('text', '*', 'text/html, *', 'application') {
    my $a = http_get($port, '/echo', headers => ['Accept' => $accept]);
    is($a->{status}, 200, "Accept: $accept: 200") or diag($a->{body});
}
is(http_get($port, '/hello')->{status}, 200, 'still serving');
finish();
