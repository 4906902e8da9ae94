#!/usr/bin/perl
# _settings.json per folder (issue 21) through nginx: limits lowered per
# folder and never raised, methods (405 with Allow), maxBody (413), env
# over the root's .env, deeper files over shallower ones; a broken file or
# an unknown key never serving open (500, the file and line in the log),
# read again once fixed; the file itself never served.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use Time::HiRes qw(time);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/fns';
make_path(map { "$root/$_" } qw(quick quick/deeper small broken broken/sub strict big env env/deep keys));
sub put { write_file("$root/$_[0]", $_[1]) }
# busy for 3 s, then answers: cut where the folder's timeout is 0.5 s
my $busy = "module.exports = (req, res) => { const end = Date.now() + 3000; while (Date.now() < end) {} res.send('done'); };\n";
put('busy.js', $busy);
put('quick/_settings.json', qq({ "timeout": 0.5 }\n));
put('quick/busy.js', $busy);
put('quick/deeper/_settings.json', qq({ "memoryLimit": 8 }\n));
# memory apart from time: a loaded machine must not turn the 500 into a 504
put('small/_settings.json', qq({ "memoryLimit": 8 }\n));
put('quick/deeper/busy.js', $busy);
# 40 MB of live strings: within the responder's 64 MB, not a folder's 8
my $hog = "module.exports = (req, res) => { const a = []; for (let i = 0; i < 40; i++) a.push('x'.repeat(1 << 20) + i); res.send('kept ' + a.length); };\n";
put('hog.js', $hog);
put('small/hog.js', $hog);
put('big/_settings.json', qq({ "memoryLimit": 100000 }\n));
put('big/hog.js', "module.exports = (req, res) => { const a = []; for (let i = 0; i < 90; i++) a.push('x'.repeat(1 << 20) + i); res.send('kept ' + a.length); };\n");
put('broken/_settings.json', qq({\n  "timeout": 5,\n  "methods": ["GET"\n}\n));
put('broken/ok.js', "module.exports = (req, res) => { console.log('BROKEN_RAN'); res.send('BROKEN_SERVED_OPEN'); };\n");
put('broken/sub/ok.js', "module.exports = (req, res) => res.send('BROKEN_SERVED_OPEN');\n");
put('strict/_settings.json', qq({\n  "methods": ["GET", "POST"],\n  "maxBody": 10,\n  "access": "public"\n}\n));
put('strict/echo.js', "module.exports = (req, res) => res.send(req.method + ' ' + (req.rawBody ? req.rawBody.length : 0));\n");
put('.env', "A=root\nB=root\n");
put('env/_settings.json', qq({ "env": { "B": "folder", "C": "folder" } }\n));
put('env/deep/_settings.json', qq({ "env": { "C": "deep" } }\n));
my $envjs = "module.exports = (req, res) => res.json({ A: process.env.A, B: process.env.B, C: process.env.C || null });\n";
put('env.js', $envjs);
put('env/show.js', $envjs);
put('env/deep/show.js', $envjs);
put('keys/_settings.json', qq({ "access": { "keys": true } }\n));
put('keys/secret.js', "module.exports = (req, res) => { console.log('KEYS_RAN'); res.send('KEYS_SERVED_OPEN'); };\n");

my $inv = start_invoke(root => $root, workers => 2, args => ['--timeout', '10', '--memory-limit', '64']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $p = $ng->{port};

# a first request starts the responder (Apache's mod_fcgid spawns it then)
http_get($p, '/env') for 1 .. 2;
my $t0 = time;
my $r = http_get($p, '/quick/busy', timeout => 30);
my $took = time - $t0;
is($r->{status}, 504, 'a loop past the folder\'s timeout: 504');
cmp_ok($took, '<', 2.5, sprintf('cut at the folder\'s 0.5 s, not the responder\'s 10 s (%.2f s)', $took));
is(http_get($p, '/busy', timeout => 30)->{status}, 200, 'the same loop elsewhere runs to its end');
is(http_get($p, '/quick/deeper/busy', timeout => 30)->{status}, 504, 'a deeper folder keeps the shallower timeout');
is(http_get($p, '/hog', timeout => 30)->{status}, 200, '40 MB within the responder\'s 64 MB');
is(http_get($p, '/small/hog', timeout => 30)->{status}, 500, 'the same past a folder\'s memoryLimit 8: 500');
is(http_get($p, '/big/hog', timeout => 30)->{status}, 500, 'a folder cannot raise the responder\'s memory limit');

for my $path ('/broken/ok', '/broken/sub/ok') {
    $r = http_get($p, $path);
    is($r->{status}, 500, "$path: a broken settings file answers 500");
    unlike($r->{body}, qr/BROKEN_SERVED_OPEN/, "$path: never served open");
}
ok(wait_for_log($inv, qr{broken/_settings\.json:4: expected ',' or '\]'}), 'the log names the file and line')
    or diag(join "\n", log_lines($inv));
$r = http_get($p, '/keys/secret');
is($r->{status}, 500, 'an access kind this version lacks: 500, not open');
unlike($r->{body}, qr/KEYS_SERVED_OPEN/, '... never served');
ok(wait_for_log($inv, qr{keys/_settings\.json:1: access}), 'the log names the file and line');
# fixed: read again (a different size, so no mtime granularity matters)
put('broken/_settings.json', qq({ "unknownKey": 1 }\n));
is(http_get($p, '/broken/ok')->{status}, 500, 'an unknown key: 500');
ok(wait_for_log($inv, qr{broken/_settings\.json:1: unknown key "unknownKey"}), 'the log names the key');
put('broken/_settings.json', qq({ "timeout": 5, "methods": ["GET"] }\n));
$r = http_get($p, '/broken/ok');
is($r->{status}, 200, 'fixed: read again and served');
$r = http_request($p, 'POST', '/broken/sub/ok', body => 'x');
is($r->{status}, 405, 'fixed file applies: POST is 405');

$r = http_request($p, 'PUT', '/strict/echo', body => 'abc');
is($r->{status}, 405, 'a method not in methods: 405');
is(hdr($r, 'allow'), 'GET, HEAD, POST', '... with Allow');
is(http_request($p, 'POST', '/strict/echo', body => '0123456789')->{body}, 'POST 10', 'a body of maxBody bytes passes');
is(http_request($p, 'POST', '/strict/echo', body => '01234567890')->{status}, 413, 'one byte more: 413');
is(http_get($p, '/strict/echo')->{body}, 'GET 0', 'GET allowed');
is(http_request($p, 'HEAD', '/strict/echo')->{status}, 200, 'HEAD comes with GET');

is_deeply(json_body(http_get($p, '/env')), { A => 'root', B => 'root', C => undef }, 'the root: .env only');
is_deeply(json_body(http_get($p, '/env/show')), { A => 'root', B => 'folder', C => 'folder' }, 'a folder\'s env over .env');
is_deeply(json_body(http_get($p, '/env/deep/show')), { A => 'root', B => 'folder', C => 'deep' }, 'a deeper folder over a shallower one');

for my $path ('/_settings.json', '/strict/_settings.json', '/strict/_settings') {
    $r = http_get($p, $path);
    is($r->{status}, 404, "$path: never served");
    unlike($r->{body}, qr/maxBody/, "$path: no content");
}

is(scalar(grep { /KEYS_RAN/ } log_lines($inv)), 0, 'the function under an unknown access kind never ran');
is(scalar(grep { /BROKEN_RAN/ } log_lines($inv)), 1, 'the one under a broken file ran only once fixed');
finish();
