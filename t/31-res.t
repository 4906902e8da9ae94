#!/usr/bin/perl
# The response object (doc/contract.md §3, Express semantics): one feature per request
# to fixtures/root/res.js?c=NAME, through nginx.
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});

sub res { my ($c, %o) = @_; http_get($ng->{port}, "/res?c=$c", %o) }

my $r = res('status');
is($r->{status}, 201, 'status(201).json()');
like(hdr($r, 'content-type'), qr{^application/json(; charset=utf-8)?$}i, 'json(): application/json');
is_deeply(json_body($r), { created => JSON::PP::true() }, 'json(): the body');

$r = res('chain');
is($r->{status}, 202, 'status() is chainable');
is(hdr($r, 'x-chained'), 'yes', 'status() returns res');

$r = res('json');
is_deeply(json_body($r), { a => 1, s => 'café', list => [1, 'two', undef], nested => { t => JSON::PP::true() } },
          'json(): nested values and UTF-8');
is(hdr($r, 'content-length'), length($r->{body}), 'json(): Content-Length counts bytes') if defined hdr($r, 'content-length');

$r = res('json-null');
is($r->{body}, 'null', 'json(null)');

$r = res('html');
is($r->{status}, 200, 'send(string): 200');
is(hdr($r, 'content-type'), 'text/html; charset=utf-8', 'send(string): text/html; charset=utf-8');
is($r->{body}, '<p>hello</p>', 'send(string): the body');

$r = res('send-typed');
like(hdr($r, 'content-type'), qr{^text/plain}, 'type(text) then send(string) keeps the type');
is($r->{body}, 'plain words', 'send() after type()');

$r = res('send-buffer');
is(hdr($r, 'content-type'), 'application/octet-stream', 'send(Buffer): application/octet-stream');
is(unpack('H*', $r->{body}), '000102ff0a0d', 'send(Buffer): the bytes');

$r = res('send-object');
like(hdr($r, 'content-type'), qr{^application/json}, 'send(object): JSON');
is_deeply(json_body($r), { obj => 1 }, 'send(object): the body');

$r = res('send-array');
like(hdr($r, 'content-type'), qr{^application/json}, 'send(array): JSON');
is_deeply(json_body($r), [1, 2, 3], 'send(array): the body');

$r = res('end');
is($r->{status}, 200, 'end(data): 200');
is($r->{body}, 'ended-body', 'end(data): the body');

$r = res('end-empty');
is($r->{status}, 204, 'status(204).end()');
is($r->{body}, '', 'end(): no body');

$r = res('send-status');
is($r->{status}, 201, 'sendStatus(201)');
is($r->{body}, 'Created', 'sendStatus(201): the reason phrase');
$r = res('send-status-404');
is($r->{status}, 404, 'sendStatus(404)');
is($r->{body}, 'Not Found', 'sendStatus(404): the reason phrase');

for my $t (['json', qr{^application/json}], ['html', qr{^text/html}], ['text', qr{^text/plain}],
           ['.png', qr{^image/png$}], ['application/xml', qr{^application/xml}]) {
    $r = http_get($ng->{port}, "/res?c=type&t=$t->[0]");
    like(hdr($r, 'content-type') || '', $t->[1], "type('$t->[0]')");
}

$r = res('set');
is(hdr($r, 'x-one'), '1', 'set(name, value)');
is(hdr($r, 'x-two'), '2', 'set(object): first');
is(hdr($r, 'x-three'), '3', 'set(object): second');
is(hdr($r, 'x-four'), '4', 'setHeader()');
is_deeply(json_body($r), { one => '1', two => '2', four => '4' }, 'get(name) is case-insensitive');

$r = res('append');
is_deeply([hdr($r, 'x-multi')], ['a', 'b'], 'append(): two X-Multi lines')
    or diag(explain $r->{headers});
my @cookies = hdr($r, 'set-cookie');
is(scalar @cookies, 2, 'append(): two Set-Cookie lines');
like($cookies[0] || '', qr/^first=1/, 'the first cookie');
like($cookies[1] || '', qr/^second=2/, 'the second cookie');

$r = res('remove');
ok(!defined hdr($r, 'x-gone'), 'removeHeader()');
is(hdr($r, 'x-stays'), 'here', 'other headers stay');

$r = res('cookie');
my $c = hdr($r, 'set-cookie') || '';
like($c, qr/^sid=a%20b(;|$)/, 'cookie(): the value URI-encoded');
like($c, qr/; Max-Age=60(;|$)/i, 'cookie(): maxAge in milliseconds becomes Max-Age in seconds');
like($c, qr/; Expires=\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT(;|$)/i, 'cookie(): maxAge also sets Expires');
like($c, qr/; Domain=example\.test(;|$)/i, 'cookie(): Domain');
like($c, qr/; Path=\/(;|$)/i, "cookie(): Path defaults to '/'");
like($c, qr/; HttpOnly(;|$)/i, 'cookie(): HttpOnly');
like($c, qr/; Secure(;|$)/i, 'cookie(): Secure');
like($c, qr/; SameSite=Strict(;|$)/i, 'cookie(): SameSite');

$c = hdr(res('cookie-expires'), 'set-cookie') || '';
like($c, qr/^e=1(;|$)/, 'cookie() with expires');
like($c, qr/; Expires=Tue, 01 Jan 2030 00:00:00 GMT(;|$)/, 'cookie(): expires as an HTTP date');
like($c, qr/; Path=\/x(;|$)/, 'cookie(): path');

$c = hdr(res('cookie-plain'), 'set-cookie') || '';
like($c, qr/^plain=v; Path=\/$/, 'cookie() without options: only Path=/');

$c = hdr(res('clear-cookie'), 'set-cookie') || '';
like($c, qr/^sid=;/, 'clearCookie(): empty value');
like($c, qr/; Expires=Thu, 01 Jan 1970 00:00:00 GMT(;|$)/, 'clearCookie(): expired');
like($c, qr/; Path=\/(;|$)/, 'clearCookie(): Path=/');

$r = res('redirect');
is($r->{status}, 302, 'redirect(url): 302');
is(hdr($r, 'location'), '/hello', 'redirect(url): Location');
$r = res('redirect-301');
is($r->{status}, 301, 'redirect(301, url)');
is(hdr($r, 'location'), '/moved', 'redirect(301, url): Location');

$r = http_get($ng->{port}, '/res?c=send-file&f=_data/x.txt');
is($r->{status}, 200, 'sendFile() of a private name under the root');
is($r->{body}, "file contents 42\n", 'sendFile(): the contents');
like(hdr($r, 'content-type') || '', qr{^text/plain}, 'sendFile(): type from the extension');
for my $f ('../../../../etc/passwd', '/etc/passwd', '_data/passwd.txt', 'out/a.js') {
    $r = http_get($ng->{port}, "/res?c=send-file&f=$f");
    is($r->{status}, 403, "sendFile('$f'): outside the root: 403");
    like(hdr($r, 'content-type') || '', qr{^application/json}, "sendFile('$f'): JSON error");
    unlike($r->{body}, qr/root:x:0:0|OUTSIDE_MARKER/, "sendFile('$f'): nothing of the file");
}
$r = http_get($ng->{port}, '/res?c=send-file&f=_data/missing.txt');
is($r->{status}, 404, 'sendFile() of a missing file: 404');
like(hdr($r, 'content-type') || '', qr{^application/json}, 'sendFile() missing: JSON error');

$r = res('download');
is($r->{status}, 200, 'download()');
is(hdr($r, 'content-disposition'), 'attachment; filename="report.txt"', 'download(): Content-Disposition');
is($r->{body}, "file contents 42\n", 'download(): the contents');

$r = res('headers-sent');
is(hdr($r, 'x-before'), 'false', 'headersSent is false before anything was sent');
is($r->{body}, 'sent:true', 'headersSent is true after write()');

is_deeply(json_body(res('locals')), { fresh => JSON::PP::true(), user => 'x' }, 'locals: a fresh {} per request');
is_deeply(json_body(res('locals')), { fresh => JSON::PP::true(), user => 'x' }, 'locals: still fresh on the next request');

# HEAD: the headers of a GET, no body (asked over FastCGI: nginx would
# drop a body itself).
my $head = fcgi_request($inv->{addr}, params => { REQUEST_METHOD => 'HEAD', REQUEST_URI => '/res?c=html',
                                                   QUERY_STRING => 'c=html' });
is($head->{status}, 200, 'HEAD: 200');
is(hdr($head, 'content-type'), 'text/html; charset=utf-8', 'HEAD: the headers of the GET');
is($head->{body}, '', 'HEAD: no body');

# Sending twice: the first body only, a log line, the worker goes on.
$r = res('twice');
is($r->{status}, 200, 'json() twice: the first status');
is($r->{body}, '{"first":1}', 'json() twice: only the first body');
ok(wait_for_log($inv, qr/res\.js.*(twice|already|after .*sent|headers.sent)/i, 5),
   'json() twice: a log line about it') or diag(join "\n", log_lines($inv));
$r = res('twice-send');
is($r->{status}, 200, 'send() twice: the first status');
is($r->{body}, 'first-body', 'send() twice: only the first body');
for my $i (1 .. 4) {
    is(http_get($ng->{port}, '/hello')->{status}, 200, "the workers still serve after sending twice ($i)");
}

finish();
