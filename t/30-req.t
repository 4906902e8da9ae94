#!/usr/bin/perl
# The request object (doc/contract.md §2, Express semantics), seen from a function that
# echoes it back (fixtures/root/_echo.js), through nginx.
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
my $port = $ng->{port};

sub echo {
    my ($method, $target, %o) = @_;
    my $r = http_request($port, $method, $target, %o);
    is($r->{status}, 200, "$method $target: 200") or diag($r->{error} || $r->{body});
    return json_body($r) || {};
}

# --- a GET with everything in its URL and headers ---------------------------
my $target = '/echo?a=1&b=x+y&c=%26amp&r=1&r=2&arr[]=1&arr[]=2&e=caf%C3%A9';
my $j = echo(GET => $target, headers => [
    'Host' => 'Example.Test:8080',
    'X-Custom-Header' => 'Val',
    'Referer' => 'http://ref.example/page',
    'Cookie' => 'a=1; b=hello%20world',
    'Accept' => 'application/json',
    'X-Requested-With' => 'XMLHttpRequest',
]);
is($j->{method}, 'GET', 'method');
is($j->{path}, '/echo', 'path has no query string');
is($j->{url}, $target, 'url keeps the query string');
is($j->{originalUrl}, $target, 'originalUrl keeps the query string');
is_deeply($j->{query}, { a => '1', b => 'x y', c => '&amp', r => ['1', '2'],
                         arr => ['1', '2'], e => 'café' },
          'query: parsed, + is a space, repeated keys and a[] are arrays, UTF-8 decoded');
is_deeply($j->{params}, {}, 'params: none for /echo');
is($j->{headers}{'x-custom-header'}, 'Val', 'headers: lower-case names');
is(scalar(grep { $_ ne lc $_ } keys %{ $j->{headers} || {} }), 0, 'headers: every name is lower-case');
is_deeply($j->{cookies}, { a => '1', b => 'hello world' }, 'cookies: parsed, values URI-decoded');
is($j->{bodyType}, 'object', 'no body: req.body is an object');
is_deeply($j->{body}, {}, 'no body: req.body is {}');
ok($j->{rawBodyIsBuffer}, 'no body: rawBody is a Buffer');
is($j->{rawBodyLength}, 0, 'no body: rawBody is empty');
is($j->{ip}, '127.0.0.1', 'ip: the client address');
is_deeply($j->{ips}, [], 'ips: empty without --trust-proxy');
is($j->{protocol}, 'http', 'protocol');
ok(defined $j->{secure} && !$j->{secure}, 'secure is false');
is($j->{hostname}, 'example.test', 'hostname: the Host without its port');
ok($j->{xhr}, 'xhr: X-Requested-With: XMLHttpRequest');
is($j->{get}{custom}, 'Val', "get('X-Custom-Header') is case-insensitive");
is($j->{header}, 'Val', "header('x-custom-header')");
is($j->{get}{referrer}, 'http://ref.example/page', "get('referrer') reads Referer");
is($j->{get}{referer}, 'http://ref.example/page', "get('Referer')");
is($j->{get}{missing}, 'undefined', 'get() of a header not sent is undefined');
is($j->{accepts}, 'json', "accepts('json','html') with Accept: application/json");
is($j->{param}, 'the-default', 'param(name, default): the default');

$j = echo(GET => '/echo', headers => ['Accept' => 'text/html,application/xhtml+xml;q=0.9']);
ok(defined $j->{xhr} && !$j->{xhr}, 'xhr is false without X-Requested-With');
is($j->{accepts}, 'html', 'accepts: html for Accept: text/html');
$j = echo(GET => '/echo', headers => ['Accept' => 'image/png']);
ok(defined $j->{accepts} && !$j->{accepts}, 'accepts: false when nothing matches');

# --- bodies by Content-Type ------------------------------------------------
my $json = qq({"x": [1, 2], "s": "\xc3\xa9", "n": null}\n);
$j = echo(POST => '/echo', body => $json, headers => ['Content-Type' => 'application/json']);
is($j->{method}, 'POST', 'method POST');
is($j->{bodyType}, 'object', 'application/json: an object');
is_deeply($j->{body}, { x => [1, 2], s => 'é', n => undef }, 'application/json: the parsed value');
is($j->{rawBodyHex}, unpack('H*', $json), 'rawBody: exactly the bytes sent');
is($j->{rawBodyLength}, length $json, 'rawBody.length');
is($j->{isJson}, 'json', "is('json')");
is($j->{isAppAny}, 'application/json', "is('application/*')");
ok(defined $j->{isText} && !$j->{isText}, "is('text/*') is false for JSON");
is($j->{get}{contentType}, 'application/json', "get('content-type')");
is($j->{get}{CONTENTTYPE}, 'application/json', "get('CONTENT-TYPE')");

$j = echo(POST => '/echo', body => '[1,"two"]', headers => ['Content-Type' => 'application/json; charset=utf-8']);
is($j->{bodyType}, 'array', 'a JSON array (with a charset parameter)');
is_deeply($j->{body}, [1, 'two'], 'the parsed array');

my $pad = 'z' x 50;
my $big = '{"items":[' . join(',', map { qq({"i":$_,"pad":"$pad"}) } 1 .. 1500) . ']}';
$j = echo(POST => '/echo', body => $big, headers => ['Content-Type' => 'application/json']);
is(scalar @{ $j->{body}{items} || [] }, 1500, 'a JSON body of ' . length($big) . ' bytes');
is($j->{rawBodyLength}, length $big, 'its rawBody.length');

$j = echo(POST => '/echo', body => 'a=1&b=two+words&c=%C3%A9&r=1&r=2',
          headers => ['Content-Type' => 'application/x-www-form-urlencoded']);
is($j->{bodyType}, 'object', 'urlencoded: an object');
is_deeply($j->{body}, { a => '1', b => 'two words', c => 'é', r => ['1', '2'] }, 'urlencoded: parsed');

$j = echo(POST => '/echo', body => 'hello text', headers => ['Content-Type' => 'text/plain']);
is($j->{bodyType}, 'string', 'text/plain: a string');
is($j->{body}, 'hello text', 'text/plain: the text');
is($j->{isText}, 'text/plain', "is('text/*')");
ok(defined $j->{isJson} && !$j->{isJson}, "is('json') is false for text/plain");

$j = echo(POST => '/echo', body => "<a>\xc3\xa9</a>", headers => ['Content-Type' => 'text/xml; charset=utf-8']);
is($j->{body}, '<a>é</a>', 'text/xml: a UTF-8 string');

my $bin = "\x00\x01\x02\xff\xfe\r\n\x00\x80";
$j = echo(POST => '/echo', body => $bin, headers => ['Content-Type' => 'application/octet-stream']);
is($j->{bodyType}, 'buffer', 'application/octet-stream: a Buffer');
is($j->{body}, unpack('H*', $bin), 'the Buffer holds the bytes sent');
is($j->{rawBodyLength}, length $bin, 'rawBody.length of a binary body');
is($j->{rawBodyHex}, unpack('H*', $bin), 'rawBody: the binary bytes');

$j = echo(POST => '/echo', body => 'no type', headers => []);
is($j->{bodyType}, 'buffer', 'a body without Content-Type: a Buffer');

for my $m (qw(PUT PATCH DELETE)) {
    $j = echo($m => '/echo', body => '{"m":1}', headers => ['Content-Type' => 'application/json']);
    is($j->{method}, $m, "method $m");
    is_deeply($j->{body}, { m => 1 }, "$m: the body");
}

# --- param(): params, then body, then query ------------------------------
$j = echo(GET => '/echo?name=from-query');
is($j->{param}, 'from-query', 'param(): the query');
$j = echo(POST => '/echo?name=from-query', body => '{"name":"from-body"}',
          headers => ['Content-Type' => 'application/json']);
is($j->{param}, 'from-body', 'param(): the body before the query');
$j = echo(GET => '/p/7?id=from-query');
is_deeply($j->{params}, { id => '7' }, 'params of p/[id].js');
is($j->{paramId}, '7', 'param(): route params before the query');
is($j->{path}, '/p/7', 'path of a routed parameter');

# --- X-Forwarded-For only when trusted --------------------------------------
my @xff = ('X-Forwarded-For' => '203.0.113.7, 10.0.0.1');
$j = echo(GET => '/echo', headers => \@xff);
is($j->{ip}, '127.0.0.1', 'X-Forwarded-For ignored without --trust-proxy');
is_deeply($j->{ips}, [], 'ips empty without --trust-proxy');

my $tinv = start_invoke(root => $root, workers => 1, args => ['--trust-proxy'], name => 'invoke-trust');
my $tng = start_nginx(fastcgi => $tinv->{addr}, name => 'nginx-trust');
my $r = http_get($tng->{port}, '/echo', headers => \@xff);
is($r->{status}, 200, '--trust-proxy: 200');
$j = json_body($r) || {};
is($j->{ip}, '203.0.113.7', '--trust-proxy: ip is the first X-Forwarded-For address');
is_deeply($j->{ips}, ['203.0.113.7', '10.0.0.1'], '--trust-proxy: ips lists X-Forwarded-For');
$j = json_body(http_get($tng->{port}, '/echo')) || {};
is($j->{ip}, '127.0.0.1', '--trust-proxy without X-Forwarded-For: the peer address');

finish();
