#!/usr/bin/perl
# The write barrier over the shared built-ins (issue 19; src/engine/extend.h,
# src/duk-fixes.sed): a request may change the built-ins as the
# specification lets any program, and sees its changes as node does; the
# next request in the same worker sees the built-ins as the runtime left
# them.  iso/barrier.js pollutes Object.prototype, replaces
# Array.prototype.push, deletes String.prototype.trim and Math.max, makes
# JSON.stringify non-configurable, changes attributes, adds properties
# (an index on Array.prototype, a symbol, an accessor, through a Proxy and
# Reflect, on the shared global), prevents extensions, seals, freezes, sets
# prototypes and changes an array the runtime shares; iso/barrier-check.js
# digests everything shared (every object reachable from the shared global,
# req's and res's prototypes, the built-in modules: properties in order,
# attributes, values, prototypes, extensibility).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
# one worker: every request below meets what the one before it left
my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $before = get_json($ng->{port}, '/iso/barrier-check');
ok($before->{objects} > 1000, "the check walks what the requests share ($before->{objects} objects)");
is($before->{stringify}, '{"a":1}', 'JSON.stringify is the runtime\'s');
isnt($before->{fin}, 'function', 'no Duktape.fin: a finalizer would run between requests, outside any limit');
is_deeply(get_json($ng->{port}, '/iso/barrier-check'), $before, 'two checks in a row see the same');

# what node 20 prints for iso/barrier.js (run with a req and a res of its own)
my $node = decode_json('{"polluted":"yes evil 1","push":"hijacked","trim":"undefined","max":"undefined",'
    . '"stringify":"hijacked","deleteNonConfigurable":"TypeError","stillThere":false,"objectKeysEnumerable":true,'
    . '"added":"1 hole","preventExtensions":"refused","reflectExtensible":false,"promiseSealed":true,'
    . '"errorFrozen":true,"mathProto":3,"numberProto":null,"proxied":"2undefined","injected":"number",'
    . '"argv":true,"argvLength":0}');
for my $i (1 .. 3) {
    # the same changes again: a non-configurable JSON.stringify left
    # behind would make the second request's defineProperty throw
    is_deeply(get_json($ng->{port}, '/iso/barrier'), $node, "request $i changes the built-ins and sees what node sees");
    is_deeply(get_json($ng->{port}, '/iso/barrier-check'), $before, 'the request after it sees them as before');
}

# a request that changes them and then fails
my $r = http_get($ng->{port}, '/iso/barrier?throw=1');
is($r->{status}, 500, 'a request that changes them and then throws is a 500');
is_deeply(get_json($ng->{port}, '/iso/barrier-check'), $before, 'the request after it sees them as before');

# the usual isolation check on the same worker afterwards
is(get_json($ng->{port}, '/iso/check')->{stringify}, '{"a":1}', 'JSON.stringify is the shared one');

finish();
