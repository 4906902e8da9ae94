#!/usr/bin/perl
# Routing (doc/contract.md §1): request paths to function files, through nginx and the
# contrib server block.
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

sub route_is {
    my ($path, $want, $extra) = @_;
    my $r = http_get($ng->{port}, $path);
    is($r->{status}, 200, "GET $path: 200") or diag($r->{error} || $r->{body});
    my $j = json_body($r) || {};
    is($j->{route}, $want, "GET $path -> $want");
    for my $k (sort keys %{ $extra || {} }) {
        is($j->{$k}, $extra->{$k}, "GET $path: $k = $extra->{$k}");
    }
    return $j;
}

route_is('/', 'index');
route_is('/hello', 'hello');
route_is('/hello?x=1&y=2', 'hello');
route_is('/about', 'about/index');
route_is('/users/42', 'users/[id]', { id => '42', path => '/users/42' });
route_is('/users/hello%20world', 'users/[id]', { id => 'hello world' });
my $me = route_is('/users/me', 'users/me');
is_deeply($me->{params}, {}, '/users/me: no params');
route_is('/files/a/b/c.txt', 'files/[...path]', { path => 'a/b/c.txt' });
route_is('/files/one', 'files/[...path]', { path => 'one' });
# ES modules and TypeScript (doc/api.md, "ES modules", "TypeScript")
route_is('/esm', 'esm', { hash => '5ab42519' });
route_is('/typed/Ada?tone=excited', 'typed/[id]', { text => 'Hello, Ada!', tone => 'Excited' });
route_is('/typed/Bo', 'typed/[id]', { text => 'Hello, Bo.', tone => 'Plain' });
for my $path ('/typed/_greeter', '/typed/_greeter.ts', '/esm.mjs') {
    my $r = http_get($ng->{port}, $path);
    is($r->{status}, 404, "GET $path: 404 (a private name, or a file name with its extension)");
}

for my $path ('/nope', '/users/42/extra', '/about/nothing', '/lib/nothing') {
    my $r = http_get($ng->{port}, $path);
    is($r->{status}, 404, "GET $path: 404");
    like(hdr($r, 'content-type') || '', qr{^application/json; charset=utf-8$}i, "GET $path: JSON content type");
    is($r->{body}, '{"error":"Not Found"}', "GET $path: the Not Found body");
}

# A plain module (not a function) is routed, and answers 500 (t/40-errors.t).
is(http_get($ng->{port}, '/lib/helper')->{status}, 500, 'GET /lib/helper: a module that exports no function: 500');

# Methods other than GET reach the same file.
for my $m (qw(POST PUT DELETE PATCH)) {
    my $r = http_request($ng->{port}, $m, '/hello', body => '');
    is($r->{status}, 200, "$m /hello: 200");
}

finish();
