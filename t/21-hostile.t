#!/usr/bin/perl
# Hostile paths (doc/contract.md §1): nothing outside the functions root, no private
# name, no dotfile is ever served.  Each path is sent raw, once through
# nginx and once straight to the responder over FastCGI (so that no web
# server normalizes it first).
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

my @hostile = (
    '/../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/hello%00.js',
    '/hello%00',
    '/%00',
    '//etc/passwd',
    '/hello//x',
    '/.env',
    '/%2eenv',
    '/.env.js',
    '/_private',
    '/_private.js',
    '/%5fprivate',
    '/lib/_helpers',
    '/lib/_helpers.js',
    '/node_modules/x',
    '/node_modules/x/index',
    '/node_modules%2fx',
    '/escape',
    '/escape.js',
    '/out/a',
    '/out',
    '/a\\..\\..\\etc\\passwd',
    '/hello\\..\\_private',
    '/%5c..%5c..%5cetc%5cpasswd',
    '/.git/config',
    '/.git/config.js',
    '/users/..%2f_private',
    '/users/%2e%2e',
    '/users/%2e%2e%2f_private',
    '/hello/..',
    '/hello/../_private',
    '/./hello',
    '/%2e/hello',
    '/%c0%ae%c0%ae/',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/hello%2f..%2f_private',
    '/index.js/../.env',
    '/files/..%2f..%2f.env',
    '/files/%2e%2e/%2e%2e/etc/passwd',
    '/files/a/../../.env',
    '/_data/x.txt',
    '/_data/passwd.txt',
    '/%2fetc%2fpasswd',
);
cmp_ok(scalar @hostile, '>=', 25, 'at least 25 hostile paths');

my $secrets = qr/SECRET_MARKER|OUTSIDE_MARKER|root:x:0:0|file contents 42/;
my $n = 0;
for my $path (@hostile) {
    my $r = raw_request($ng->{port}, "GET $path HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    ok($r->{status} == 404 || $r->{status} == 400, "nginx $path: 404 or nginx's 400")
        or diag("got $r->{status} " . ($r->{error} || '') . ": " . substr($r->{body}, 0, 200));
    is($r->{body}, '{"error":"Not Found"}', "nginx $path: the Not Found body") if $r->{status} == 404;
    unlike($r->{raw} || '', $secrets, "nginx $path: no secret in the answer");

    my $f = fcgi_request($inv->{addr}, params => {
        REQUEST_URI => $path, DOCUMENT_URI => $path, SCRIPT_NAME => $path });
    is($f->{status}, 404, "fastcgi $path: 404")
        or diag("got $f->{status} " . ($f->{error} || '') . ": " . substr($f->{body}, 0, 200));
    is($f->{body}, '{"error":"Not Found"}', "fastcgi $path: the Not Found body");
    unlike($f->{raw} || '', $secrets, "fastcgi $path: no secret in the answer");

    if (++$n % 10 == 0) {
        is(http_get($ng->{port}, '/hello')->{status}, 200, "still serving after $n hostile paths");
    }
}

# The same private files, asked for with a query string or another method.
for my $t (['POST', '/.env'], ['PUT', '/_private'], ['GET', '/.env?x=1'], ['GET', '/_private?a=b']) {
    my $r = http_request($ng->{port}, $t->[0], $t->[1], body => '{}',
                         headers => ['Content-Type' => 'application/json']);
    is($r->{status}, 404, "$t->[0] $t->[1]: 404");
    unlike($r->{raw}, $secrets, "$t->[0] $t->[1]: no secret");
}

my $ok = http_get($ng->{port}, '/hello');
is($ok->{status}, 200, 'the responder still serves through nginx after every hostile path');
is(fcgi_request($inv->{addr}, params => { REQUEST_URI => '/hello' })->{status}, 200,
   'the responder still serves over FastCGI');

finish();
