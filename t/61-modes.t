#!/usr/bin/perl
# Ways of running (doc/contract.md §11): under spawn-fcgi, on a unix socket, as plain
# CGI, one responder for several roots (INVOKE_ROOT), and the options every
# mode shares.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx', 'spawn-fcgi');
my $root = fixture_root();
my $tmp = tmpdir();

# --- spawn-fcgi: the listening socket on fd 0 ---------------------------------
my $sp = start_spawn_fcgi(root => $root);
my $sng = start_nginx(fastcgi => $sp->{addr}, name => 'nginx-spawn');
my $r = http_get($sng->{port}, '/users/42');
is($r->{status}, 200, 'spawn-fcgi: 200 through nginx');
is((json_body($r) || {})->{id}, '42', 'spawn-fcgi: routed with params');
is_deeply([map { http_get($sng->{port}, '/hello')->{status} } 1 .. 5], [(200) x 5], 'spawn-fcgi: one request after another');
is(http_get($sng->{port}, '/nope')->{status}, 404, 'spawn-fcgi: 404');

# --- --listen unix:PATH ---------------------------------------------------------
my $path = "$tmp/invoke.sock";
my $uinv = start_invoke(root => $root, workers => 2, listen => "unix:$path", name => 'invoke-unix');
ok(-S $path, '--listen unix: creates the socket');
my $ung = start_nginx(fastcgi => "unix:$path", name => 'nginx-unix');
$r = http_get($ung->{port}, '/hello');
is($r->{status}, 200, 'unix socket: 200 through nginx');
is_deeply(json_body($r), { route => 'hello' }, 'unix socket: the body');
$r = http_post($ung->{port}, '/echo?x=1', '{"a":1}', headers => ['Content-Type' => 'application/json']);
is_deeply((json_body($r) || {})->{body}, { a => 1 }, 'unix socket: a POST body');

# --- INVOKE_ROOT: one responder, several roots ---------------------------------------
my $site2 = "$tmp/site2";
mkdir $site2;
open my $fh, '>', "$site2/hello.js" or die $!;
print $fh "module.exports = function (req, res) { res.json({ route: 'site2' }); };\n";
close $fh;
my $inv = start_invoke(root => $root, workers => 2);
my $ng1 = start_nginx(fastcgi => $inv->{addr}, name => 'nginx-root1');
my $ng2 = start_nginx(fastcgi => $inv->{addr}, name => 'nginx-root2', invoke_root => $site2);
for (1 .. 3) {
    is_deeply(json_body(http_get($ng2->{port}, '/hello')), { route => 'site2' }, "INVOKE_ROOT selects the root ($_)");
    is_deeply(json_body(http_get($ng1->{port}, '/hello')), { route => 'hello' }, "without it, --root ($_)");
}
is(http_get($ng2->{port}, '/users/42')->{status}, 404, 'INVOKE_ROOT: the other root is not reachable');

# --- plain CGI: one request, then exit -----------------------------------------------
$r = run_cgi(root => $root, method => 'POST', uri => '/echo?a=1&b=x+y', body => '{"n":1}',
             env => { CONTENT_TYPE => 'application/json', HTTP_X_CUSTOM_HEADER => 'cgi' });
is($r->{exit}, 0, 'CGI: exit status 0') or diag($r->{stderr});
is($r->{signal}, 0, 'CGI: no signal');
like($r->{raw}, qr/(^|\n)Status: 200 OK\r?\n/, 'CGI: prints Status: 200 OK');
like(hdr($r, 'content-type') || '', qr{^application/json}, 'CGI: a Content-Type header');
my $j = json_body($r) || {};
is($j->{method}, 'POST', 'CGI: the method');
is_deeply($j->{query}, { a => '1', b => 'x y' }, 'CGI: the query string');
is_deeply($j->{body}, { n => 1 }, 'CGI: the body from stdin');
is($j->{headers}{'x-custom-header'}, 'cgi', 'CGI: HTTP_* variables are headers');
$r = run_cgi(root => $root, uri => '/nope');
is($r->{exit}, 0, 'CGI 404: exit status 0');
like($r->{raw}, qr/(^|\n)Status: 404 Not Found\r?\n/, 'CGI: Status: 404 Not Found');
is($r->{body}, '{"error":"Not Found"}', 'CGI 404: the body');
$r = run_cgi(root => $root, uri => '/%2e%2e/%2e%2e/etc/passwd');
like($r->{raw}, qr/(^|\n)Status: 404 /, 'CGI: a hostile path is 404');
unlike($r->{raw}, qr/root:x:0:0/, 'CGI: nothing of /etc/passwd');
$r = run_cgi(root => $root, uri => '/err/throw');
like($r->{raw}, qr/(^|\n)Status: 500 /, 'CGI: an uncaught error is 500');
is($r->{body}, '{"error":"Internal Server Error"}', 'CGI 500: the body');

# --- options shared by every mode ------------------------------------------------------
my $h = run_cmd([bin('invoke-fcgi'), '--help']);
is($h->{exit}, 0, '--help: exit 0');
like($h->{stdout}, qr/--root/, '--help lists --root');
like($h->{stdout}, qr/--listen/, '--help lists --listen');
my $v = run_cmd([bin('invoke-fcgi'), '--version']);
is($v->{exit}, 0, '--version: exit 0');
like($v->{stdout}, qr/invoke-fcgi.*\d+\.\d+\.\d+/, '--version prints the name and version');
my $bad = run_cmd([bin('invoke-fcgi'), '--no-such-option']);
isnt($bad->{exit}, 0, 'an unknown option: a non-zero exit');
like($bad->{stderr}, qr/--no-such-option/, 'an unknown option: the message names it');

finish();
