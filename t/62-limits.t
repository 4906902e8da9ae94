#!/usr/bin/perl
# Limits (doc/admin.md, "Limits"): every way a function can run away or reach out is
# answered with an error while a parallel stream of normal requests sees no
# failure at all.  Through nginx and the pre-forking supervisor here; the
# same file runs through Apache and mod_fcgid (single processes on fd 0,
# alarm() as the last resort) from t/69-apache-limits.t, and through Apache
# and mod_proxy_fcgi in front of this same supervisor from
# t/75-apache-proxy-limits.t.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Time::HiRes qw(time);

need_bins('invoke-fcgi', 'nginx');
my $apache = ($ENV{INVOKE_TEST_FRONT} || '') eq 'apache';
# What the web server answers for a worker that died mid-request:
# mod_proxy_fcgi says 503 where nginx says 502.
my $died = ($ENV{INVOKE_TEST_FRONT} || '') eq 'apache-proxy' ? 503 : 502;
my $root = fixture_root();
my $marker = tmpdir() . '/WRITTEN_MARKER_71b3';

sub fn {
    my ($name, $body) = @_;
    mkdir "$root/lim";
    open my $fh, '>', "$root/lim/$name.js" or die $!;
    print $fh "module.exports = function (req, res) {\n$body\n};\n";
    close $fh;
}
fn('loop', 'for (;;) {}');
fn('trycatch', 'while (true) { try { while (true) {} } catch (e) {} }');
# (a+)+$ against 30 a's and a '!' backtracks 2^30 times, all inside
# Duktape's regex engine in C, where the interrupt counter never runs.  With
# a capture group the engine allocates as it backtracks, and allocations
# fail past the deadline (a 504 from the engine); without one it allocates
# nothing and only a kill from outside stops it.
fn('regex', "var s = new Array(31).join('a') + '!';\n"
          . "res.json({ matched: /(a+)+\$/.test(s) });");
fn('regex-nc', "var s = new Array(31).join('a') + '!';\n"
             . "res.json({ matched: /(?:a+)+\$/.test(s) });");
# 4 MB strings, each one new: 16 of them reach --memory-limit 64 well
# within --timeout 1, even on a busy machine
my $mb = "var mb = 'x';\nwhile (mb.length < 4194304) mb += mb;\nvar keep = [];\n";
fn('bomb', $mb . "for (;;) keep.push(mb + keep.length);");
fn('moderate', $mb . "for (var i = 0; i < 4; i++) keep.push(mb + i);\nres.json({ kept: keep.length });");
fn('recurse', "function f(n) { return f(n + 1) + 1; }\nres.json({ n: f(0) });");
fn('exit', "process.exit(0);\nres.send('STILL_HERE');");
fn('write', "var fs = require('fs');\nfs.writeFileSync('$marker', 'x');\nres.send('WROTE');");
fn('passwd-fs', "res.send(String(require('fs').readFileSync('/etc/passwd', 'utf8')));");
fn('passwd-req', "res.send(String(require('../../../../../../../../etc/passwd')));");
fn('passwd-req2', "res.send(JSON.stringify(require('/etc/passwd')));");

my $inv = start_invoke(root => $root, workers => 4,
                       args => ['--timeout', '1', '--memory-limit', '64']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
is(http_get($port, '/hello')->{status}, 200, 'serving');

my $load = start_load($port, '/hello', check => qr/"route":"hello"/);

sub refused {
    my ($path, $what, $want) = @_;
    my $t0 = time;
    my $r = http_get($port, $path, timeout => 30);
    my $took = time - $t0;
    if ($want) {
        is($r->{status}, $want, "$what: $want");
    } else {
        cmp_ok($r->{status}, '>=', 500, "$what: an error status ($r->{status})");
    }
    unlike($r->{body}, qr/root:|STILL_HERE|WROTE|"matched"/, "$what: nothing leaked into the answer");
    cmp_ok($took, '<', 20, "$what: answered, not hung");
    return $r;
}

refused('/lim/loop', 'endless loop', 504);
refused('/lim/trycatch', 'while(true){} inside try/catch', 504);
refused('/lim/regex', 'catastrophic regex with a capture (time in C)', 504);
my $rx = refused('/lim/regex-nc', 'catastrophic regex without allocations (time in C)');
if (!$apache) {
    is($rx->{status}, $died, "catastrophic regex: the killed worker is a $died from the web server");
    ok(wait_for_log($inv, qr/busy [\d.]+s with request \S+ \/lim\/regex-nc.*killing it/, 5),
       'the supervisor logged why it killed the worker');
}
refused('/lim/bomb', 'memory bomb', 500);
for my $n (1, 2) {
    my $m = http_get($port, '/lim/moderate');
    is($m->{status}, 200, "after the bomb, 16 MB within the limit works ($n)")
        or diag($m->{body});
}
refused('/lim/recurse', 'deep recursion', 500);
refused('/lim/exit', 'process.exit', 500);
refused('/lim/write', 'writing a file', 500);
ok(!-e $marker, 'writing a file: no file was written');
refused('/lim/passwd-fs', "reading /etc/passwd through require('fs')", 500);
refused('/lim/passwd-req', "require('../../../etc/passwd')");
refused('/lim/passwd-req2', "require('/etc/passwd')");

my $res = stop_load($load);
is($res->{fail}, 0, "the parallel stream of normal requests: no failure ($res->{ok} succeeded)")
    or diag(join "\n", @{ $res->{failures} });
cmp_ok($res->{ok}, '>', 10, 'the parallel stream really ran');
is(http_get($port, '/hello')->{status}, 200, 'still serving afterwards');

finish();
