#!/usr/bin/perl
# The shared-hosting recipe: contrib/apache/htaccess and contrib/apache/
# invoke.fcgi installed in DocumentRoot/api as a customer would, run once
# with mod_fcgid and once with only mod_cgi (the fallback).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_fcgid not installed') unless -e '/usr/lib/apache2/modules/mod_fcgid.so';

my $root = fixture_root();

for my $fcgid (1, 0) {
    my $how = $fcgid ? 'mod_fcgid' : 'mod_cgi';
    my $log = tmpdir() . "/htaccess-$how.log";
    my $ap = start_apache(recipe => 'htaccess', fcgid => $fcgid, root => $root, log => $log,
                          name => "apache-$how");
    my $port = $ap->{port};

    my $route = sub {
        my ($path, $want) = @_;
        my $r = http_get($port, $path);
        is($r->{status}, 200, "$how: GET $path: 200") or diag($r->{error} || $r->{body});
        my $j = json_body($r) || {};
        is($j->{route}, $want, "$how: GET $path runs $want");
        return $j;
    };
    $route->('/api/', 'index');
    my $slash = http_get($port, '/api');
    is($slash->{status}, 301, "$how: GET /api: mod_dir's redirect to the folder");
    like(hdr($slash, 'location') || '', qr{/api/$}, "$how: GET /api: to /api/");
    $route->('/api/hello?x=1', 'hello');
    $route->('/api/about', 'about/index');
    my $j = $route->('/api/users/42', 'users/[id]');
    is($j->{id}, '42', "$how: the [id] parameter");
    is($route->('/api/files/a/b%20c.txt', 'files/[...path]')->{path}, 'a/b c.txt',
       "$how: rest parameter decoded once");

    # an ES module with a top-level await, and a TypeScript one
    is($route->('/api/esm', 'esm')->{hash}, '5ab42519', "$how: the ES module's default export ran after its await");
    my $t = $route->('/api/typed/Ada?tone=excited', 'typed/[id]');
    is($t->{text}, 'Hello, Ada!', "$how: TypeScript: the imported class with parameter properties");
    is($t->{tone}, 'Excited', "$how: TypeScript: the enum's reverse mapping");

    my $e = json_body(http_get($port, '/api/echo?a=1&b=two')) || {};
    is_deeply($e->{query}, { a => '1', b => 'two' }, "$how: the query string arrives");
    my $p = http_post($port, '/api/echo', '{"n":5}', headers => ['Content-Type' => 'application/json']);
    is($p->{status}, 200, "$how: POST with a JSON body");
    is_deeply((json_body($p) || {})->{body}, { n => 5 }, "$how: the body arrives");

    # Apache resolves this one to /etc/passwd itself, outside the folder
    my $up = http_get($port, '/api/%2e%2e/%2e%2e/etc/passwd');
    like($up->{status}, qr/^40[04]$/, "$how: GET /api/%2e%2e/%2e%2e/etc/passwd: refused by Apache");
    unlike($up->{body}, qr/root:/, "$how: no passwd in it");
    for my $path ('/api/nope', '/api/.htaccess', '/api/invoke.fcgi', '/api/_private',
                  '/api/escape', '/api/out/a') {
        my $r = http_get($port, $path);
        is($r->{status}, 404, "$how: GET $path: 404");
        is($r->{body}, '{"error":"Not Found"}', "$how: GET $path: the responder's JSON, nothing else")
            or diag(substr($r->{body}, 0, 200));
    }
    unlike(http_get($port, '/api/invoke.fcgi')->{body}, qr{#!/bin/sh},
           "$how: the wrapper's source is never shown");
    ok(wait_for(sub { grep { m{ GET /api/users/42 200 } || m{/api/users/42} } log_lines($log) }, 5),
       "$how: the responder logged the requests");
    stop($ap);
}

finish();
