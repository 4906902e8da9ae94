#!/usr/bin/perl
# Errors (doc/contract.md §2, §9, §10): JSON error bodies, what reaches the client and
# what only the log sees, limits, and a responder that goes on serving.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2,
                       args => ['--max-body', 1024, '--timeout', 1, '--memory-limit', 64]);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $dinv = start_invoke(root => $root, workers => 1, args => ['--dev'], name => 'invoke-dev');
my $dng = start_nginx(fastcgi => $dinv->{addr}, name => 'nginx-dev');
my $port = $ng->{port};
my $JSON_TYPE = 'application/json; charset=utf-8';
my $ISE = '{"error":"Internal Server Error"}';

sub json_error {
    my ($r, $status, $what) = @_;
    is($r->{status}, $status, "$what: $status") or diag($r->{error} || substr($r->{body}, 0, 300));
    is(hdr($r, 'content-type'), $JSON_TYPE, "$what: $JSON_TYPE");
    return json_body($r) || {};
}

sub still_serving {
    my ($what) = @_;
    my @st = map { http_get($port, '/hello')->{status} } 1 .. 4;
    is_deeply(\@st, [200, 200, 200, 200], "still serving after $what");
}

sub ran_count { scalar grep { /RAN_MARKER_6f0a/ } log_lines($inv) }

# --- 404 ---------------------------------------------------------------------
my $r = http_get($port, '/no/such/function');
json_error($r, 404, 'no matching file');
is($r->{body}, '{"error":"Not Found"}', '404 body');

# --- 400: invalid JSON, the function does not run ------------------------------
$r = http_post($port, '/err/ran', '{"a": 1,', headers => ['Content-Type' => 'application/json']);
json_error($r, 400, 'invalid JSON');
is($r->{body}, '{"error":"Bad Request","message":"Invalid JSON in request body"}', '400 body');
$r = http_post($port, '/err/ran', '{"a": 1}', headers => ['Content-Type' => 'application/json']);
is($r->{status}, 200, 'valid JSON: the function runs');
ok(wait_for(sub { ran_count() >= 1 }, 5), 'the function logs when it runs');
is(ran_count(), 1, 'the function did not run for the invalid JSON body');

# --- 413: over --max-body -----------------------------------------------------
my $exact = '{"p":"' . ('x' x 1016) . '"}';
is(length $exact, 1024, 'a body of exactly --max-body bytes');
$r = http_post($port, '/err/ran', $exact, headers => ['Content-Type' => 'application/json']);
is($r->{status}, 200, 'a body of exactly --max-body bytes is accepted');
$r = http_post($port, '/err/ran', '{"p":"' . ('x' x 2000) . '"}', headers => ['Content-Type' => 'application/json']);
my $j = json_error($r, 413, 'a body over --max-body');
is($j->{error}, 'Payload Too Large', '413: error');
ok(defined $j->{message} && length $j->{message}, '413: a message');
ok(wait_for(sub { ran_count() >= 2 }, 5), 'the accepted body ran the function');
is(ran_count(), 2, 'the function did not run for the body over the limit');
# The default limit (1 MiB) holds behind nginx's larger client_max_body_size.
$r = http_post($dng->{port}, '/err/ran', 'x' x (2 * 1024 * 1024), headers => ['Content-Type' => 'text/plain']);
$j = json_error($r, 413, '2 MiB with the default --max-body');
is($j->{error}, 'Payload Too Large', '413 with the default limit: error');
$r = http_post($dng->{port}, '/err/ran', 'x' x (512 * 1024), headers => ['Content-Type' => 'text/plain']);
is($r->{status}, 200, '512 KiB with the default --max-body: 200');
still_serving('413s');

# --- 500: uncaught errors -------------------------------------------------------
for my $t (['/err/throw', 'BOOM_THROW_MARKER', 'a synchronous throw', qr/throw\.js:2\b/],
           ['/err/reject', 'BOOM_REJECT_MARKER', 'a rejected promise', qr/reject\.js:2\b/],
           ['/err/reject-later', 'BOOM_LATER_MARKER', 'a promise rejected after a timer', qr/reject-later\.js:3\b/],
           ['/err/throw-timer', 'BOOM_TIMER_MARKER', 'a throw inside setTimeout', qr/throw-timer\.js:3\b/]) {
    my ($path, $marker, $what, $where) = @$t;
    $r = http_get($port, $path);
    json_error($r, 500, $what);
    is($r->{body}, $ISE, "$what: the body has no message and no stack");
    ok(wait_for_log($inv, qr/\Q$marker\E/, 5), "$what: the message is in the log");
    ok(wait_for_log($inv, $where, 5), "$what: the log has the stack with file and line")
        or diag(join "\n", grep { /\Q$marker\E/ } log_lines($inv));

    $r = http_get($dng->{port}, $path);
    $j = json_error($r, 500, "--dev: $what");
    is($j->{error}, 'Internal Server Error', "--dev: $what: error");
    like($j->{message} || '', qr/\Q$marker\E/, "--dev: $what: message");
    like($j->{stack} || '', qr/\.js/, "--dev: $what: stack");
}

$r = http_get($port, '/err/secret');
json_error($r, 500, 'an error carrying a secret');
is($r->{body}, $ISE, 'the secret stays out of the response');
unlike($r->{raw}, qr/SECRET_MARKER/, 'no secret anywhere in the answer');

# --- a handler that never responds --------------------------------------------
$r = http_get($port, '/err/noresponse');
$j = json_error($r, 500, 'a handler that never responds');
is($j->{error}, 'Internal Server Error', 'never responds: error');
ok(wait_for_log($inv, qr/without sending a response/, 5), 'never responds: logged');

# --- a file that does not export a function ---------------------------------------
$r = http_get($port, '/err/notfn');
$j = json_error($r, 500, 'a file that exports no function');
like($j->{message} || '', qr/notfn\.js/, 'no function: the message names the file');
like($j->{message} || '', qr/does not export a function/i, 'no function: the message says why');
ok(wait_for_log($inv, qr/notfn\.js.*does not export a function|does not export a function.*notfn\.js/i, 5),
   'no function: logged');

# --- a syntax error -------------------------------------------------------------
$r = http_get($port, '/err/syntax');
$j = json_error($r, 500, 'a syntax error');
ok(defined $j->{error}, 'syntax error: a JSON error');
ok(wait_for_log($inv, qr/syntax\.js/, 5), 'syntax error: the log names the file');
still_serving('500s');

# --- limits: time and memory (contract §9) ---------------------------------------------
$r = http_get($port, '/err/loop', timeout => 30);
ok($r->{status} >= 500 && $r->{status} <= 599, 'an endless loop is stopped with a 5xx (--timeout 1)')
    or diag("got $r->{status} " . ($r->{error} || ''));
is(hdr($r, 'content-type'), $JSON_TYPE, 'endless loop: a JSON error');
ok(defined((json_body($r) || {})->{error}), 'endless loop: an error member');
still_serving('an endless loop');

$r = http_get($port, '/err/hog', timeout => 60);
ok($r->{status} >= 500 && $r->{status} <= 599, 'unbounded allocation is stopped with a 5xx (--memory-limit 64)')
    or diag("got $r->{status} " . ($r->{error} || ''));
is(hdr($r, 'content-type'), $JSON_TYPE, 'unbounded allocation: a JSON error');
still_serving('unbounded allocation');

finish();
