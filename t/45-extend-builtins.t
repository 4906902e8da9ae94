#!/usr/bin/perl
# Isolation of the built-ins a request may add to (doc/contract.md §9,
# src/engine/extend.h): the objects the global names (Reflect, Error, Math,
# JSON, Promise, process, Buffer, console) take new properties, as
# reflect-metadata and bluebird need, and the next request in the same
# worker sees none of them: nor a prototype set, nor preventExtensions.
# What iso/extend.js sees in its own request is what node 20 prints for it
# (t/45-shared-builtins.t covers the other changes a request may make).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
# one worker: every request below meets what the one before it left
my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $before = get_json($ng->{port}, '/iso/extend-check');
is($before->{metadata}, 'undefined', 'a fresh worker has no Reflect.defineMetadata');
is($before->{extensible}, 'true,true,true,true,true,true,true,true', 'the objects the global names are extensible');
like($before->{error}, qr/captureStackTrace/, 'the check lists what Error has');

my $want = { metadata => 'admin', bluebird => JSON::PP::true, symbol => 'symbol', clamp => 3, fromProto => 1,
             reflectExtensible => JSON::PP::false, deletePI => 'TypeError', ownBind => 'own', sharedBind => 'function' };
for my $i (1 .. 3) {
    # twice the same non-configurable Error.__BluebirdErrorTypes__ with
    # another value: the second would throw if the first had stayed
    is_deeply(get_json($ng->{port}, '/iso/extend'), $want, "request $i adds to Reflect, Error, Math... and sees it");
    is_deeply(get_json($ng->{port}, '/iso/extend-check'), $before, "the request after it sees the built-ins as before");
}

my $r = http_get($ng->{port}, '/iso/extend?throw=1');
is($r->{status}, 500, 'a request that adds to them and then throws is a 500');
is_deeply(get_json($ng->{port}, '/iso/extend-check'), $before, 'the request after it sees the built-ins as before');

# the usual isolation checks pass on the same worker afterwards
is(get_json($ng->{port}, '/iso/check')->{stringify}, '{"a":1}', 'JSON.stringify is the shared one');

finish();
