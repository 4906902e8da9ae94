#!/usr/bin/perl
# `invoke run ROOT PATH` (doc/contract.md §12): the same router and engine as the
# responder, the response printed as curl -i prints it.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke');
my $root = fixture_root();
my $tmp = tmpdir();
my $invoke = bin('invoke');

sub run {
    my (@args) = @_;
    my $c = run_cmd([$invoke, 'run', $root, @args], timeout => 30);
    my $r = parse_http($c->{stdout});
    $r->{$_} = $c->{$_} for qw(exit stderr stdout);
    return $r;
}

my $r = run('/echo?a=1&b=x+y', '-X', 'POST', '-H', 'Content-Type: application/json',
            '-H', 'X-Custom-Header: from-cli', '-d', '{"a":1}');
is($r->{exit}, 0, 'invoke run: exit status 0') or diag($r->{stderr});
like($r->{stdout}, qr{\AHTTP/1\.1 200 OK\r?\n}, 'the first line: HTTP/1.1 200 OK');
like(hdr($r, 'content-type') || '', qr{^application/json}, 'the headers, then a blank line');
my $j = json_body($r) || {};
is($j->{method}, 'POST', '-X POST');
is_deeply($j->{body}, { a => 1 }, '-d BODY with -H Content-Type: application/json');
is_deeply($j->{query}, { a => '1', b => 'x y' }, 'the query string');
is($j->{path}, '/echo', 'req.path');
is($j->{headers}{'x-custom-header'}, 'from-cli', '-H adds a request header');

open my $fh, '>', "$tmp/body.json" or die $!;
print $fh qq({"from":"file","n":[1,2]});
close $fh;
$r = run('/echo', '-X', 'POST', '-H', 'Content-Type: application/json', '-d', "\@$tmp/body.json");
is($r->{exit}, 0, '-d @file: exit 0');
is_deeply((json_body($r) || {})->{body}, { from => 'file', n => [1, 2] }, '-d @file reads the file');

$r = run('/users/42');
is($r->{status}, 200, 'GET by default');
is_deeply(json_body($r), { route => 'users/[id]', id => '42', path => '/users/42' }, 'routing with params');

$r = run('/nope');
is($r->{exit}, 0, 'a 404 is still a response: exit 0');
like($r->{stdout}, qr{\AHTTP/1\.1 404 Not Found\r?\n}, 'HTTP/1.1 404 Not Found');
is($r->{body}, '{"error":"Not Found"}', 'the 404 body');

$r = run('/.env');
is($r->{status}, 404, 'a dotfile is not run');
unlike($r->{stdout}, qr/SECRET_MARKER/, 'nor shown');

$r = run('/err/throw');
is($r->{exit}, 0, 'an uncaught error: exit 0');
like($r->{stdout}, qr{\AHTTP/1\.1 500 Internal Server Error\r?\n}, 'HTTP/1.1 500 Internal Server Error');
is($r->{body}, '{"error":"Internal Server Error"}', 'the 500 body');

$r = run('/res?c=append');
is_deeply([hdr($r, 'x-multi')], ['a', 'b'], 'repeated headers are printed one per line');
$r = run('/stream');
is($r->{body}, 'FIRST-CHUNKSECOND-CHUNK', 'a streamed body, whole');
$r = run('/promise');
is_deeply(json_body($r), { ok => JSON::PP::true() }, 'a promise-returning handler');

finish();
