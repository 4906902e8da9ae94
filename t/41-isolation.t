#!/usr/bin/perl
# Isolation (doc/contract.md §4, §8, §9): nothing one request does is seen by the next;
# CommonJS modules, JSON, node_modules and .env work.
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

# Module-level state and implicit globals start afresh on every request,
# on every worker.
my @counts = map { get_json($ng->{port}, '/iso/count')->{count} } 1 .. 20;
is_deeply(\@counts, [(1) x 20], 'a module-level counter is 1 on 20 requests in a row')
    or diag("@{[ map { defined $_ ? $_ : 'undef' } @counts ]}");
my @leaks = map { get_json($ng->{port}, '/iso/leak')->{leaked} } 1 .. 10;
is_deeply(\@leaks, [(1) x 10], 'an implicit global is 1 every time');

# Changes to the builtins and the global object never reach the next request.
my $p = http_get($ng->{port}, '/iso/pollute');
ok($p->{status} == 200 || $p->{status} == 500, "the polluting request ends ($p->{status})");
my $want = { arrayEvil => 'undefined', objectPolluted => 'undefined', globalX => 'undefined',
             stringify => '{"a":1}', random => 'ok', envLeaky => 'undefined',
             objectToString => '[object Object] 1,2 Error', ownToString => 'own', stackTraceLimit => 10, prepareStackTrace => 'undefined',
             modulesLeaked => '', pathJoin => 'a/b', fetchName => 'fetch', mathFloor => 'function' };
for my $i (1 .. 6) {
    is_deeply(get_json($ng->{port}, '/iso/check'), $want, "request $i after the polluter sees clean builtins");
    http_get($ng->{port}, '/iso/pollute') if $i % 2;
}

# A request may give a name of the shared global its own value (a
# polyfill's globalThis.fetch = f, sloppy code's Math = x): it is the
# request's global's own property, gone with it.  undefined stays
# read-only.
for my $i (1 .. 2) {
    is_deeply(get_json($ng->{port}, '/iso/shadow'),
              { fetch => 'mine', math => 42, undef => 'TypeError', typeofUndefined => 'undefined' },
              "request $i sees its own fetch and Math; undefined stays read-only");
    is_deeply(get_json($ng->{port}, '/iso/check'), $want, "the request after it sees the shared fetch and Math");
}

# What util.deprecate has warned of is the request's: Node warns once per
# process, so each request warns once, however often it calls.
my @ids = map { my $r = http_get($ng->{port}, '/iso/deprecate', headers => ['X-Request-Id' => "dep$_"]);
                $r->{status} == 200 ? "dep$_" : "failed:$r->{status}" } 1 .. 4;
wait_for(sub { 4 == grep { /DeprecationWarning/ } log_lines($inv) }, 5);
my %warned;
$warned{ $_->{reqid} }++ for grep { ($_->{msg} || '') =~ /\[DEP_TEST\] DeprecationWarning: old thing/ } log_records($inv);
is_deeply([map { $warned{$_} || 0 } @ids], [1, 1, 1, 1],
          'util.deprecate warns once in each of 4 requests (two workers)');

# CommonJS.
my $m = get_json($ng->{port}, '/modules');
is($m->{helperName}, 'helper', "require('./lib/helper')");
is($m->{twice}, 42, 'a module that requires a private module (lib/_helpers.js)');
is($m->{configName}, 'fixture-config', "require('./config.json')");
is($m->{configN}, 42, 'JSON values');
is($m->{greet}, 'hi you', "require('greet') from node_modules");
ok($m->{sameModule}, 'require() returns the same module object twice in a request');
is($m->{filename}, "$root/modules.js", '__filename is the real path inside the root');
is($m->{dirname}, $root, '__dirname is the root');
ok($m->{moduleIsObject}, 'module is an object');
ok($m->{exportsIsModuleExports}, 'exports is an object');
is(get_json($ng->{port}, '/iso/exports')->{tag}, 'via-exports', 'exports = module.exports = fn; exports.tag');
# A module that cannot name its require gets none made (js_module.c,
# js_module_reaches_require); every other way of reaching it still finds one.
is(get_json($ng->{port}, "/iso/req/$_")->{name}, 'helper', "require reached through $_") for qw(args escaped direct-eval);
is_deeply(get_json($ng->{port}, '/iso/req/none'), { answer => 42, filename => "$root/iso/req/none.js", hasModule => JSON::PP::true },
          'a module that never names require still has module, exports and __filename');

# .env: read into process.env.
my $e = get_json($ng->{port}, '/iso/env');
is($e->{fixtureVar}, 'from-dotenv', 'process.env holds the .env variables');
ok($e->{hasToken}, 'process.env holds the secret too (for the functions)');

finish();
