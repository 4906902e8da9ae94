#!/usr/bin/perl
# CORS from _settings.json (issue 21): preflights answered before any
# JavaScript, the headers on every answer of the folder (the function's,
# and the responder's own 405, 413, 500, 504), a refused origin getting
# none, "*" with credentials failing closed.  Then as a browser does it:
# headless Chromium on a page from one loopback port fetching functions
# on another, with and without credentials, allowed and refused.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/fns';
make_path(map { "$root/$_" } qw(open cred closed wild));
sub put { write_file("$root/$_[0]", $_[1]) }
my $echo = "module.exports = (req, res) => { console.log('RAN ' + req.method + ' ' + req.path); res.set('X-Id', '7'); res.set('Access-Control-Allow-Origin', 'http://function.widened'); res.send(req.method + ' ok'); };\n";
put("$_/echo.js", $echo) for qw(open cred closed wild);
put('open/throw.js', "module.exports = () => { throw new Error('nope'); };\n");
put('open/loop.js', "module.exports = () => { for (;;) {} };\n");
put('wild/_settings.json', qq({ "cors": { "origins": ["*"], "credentials": true } }\n));
# the page: from another port of the same responder
put('page.js', <<'JS');
module.exports = (req, res) => res.type('html').send(`<!doctype html><title>cors</title><pre id=out>running</pre><script>
const api = ${JSON.stringify(req.query.api)};
const cases = [
  ['allowed GET', api + '/open/echo', {}],
  ['allowed GET reads an exposed header', api + '/open/echo', {}, 'X-Id'],
  ['refused origin', api + '/closed/echo', {}],
  ['credentials where allowed', api + '/cred/echo', { credentials: 'include' }],
  ['credentials where not allowed', api + '/open/echo', { credentials: 'include' }],
  ['preflighted PUT with a header', api + '/open/echo', { method: 'PUT', headers: { 'X-Token': 't' } }],
  ['preflighted DELETE not allowed', api + '/open/echo', { method: 'DELETE' }],
  ['preflighted header not allowed', api + '/open/echo', { method: 'PUT', headers: { 'X-Other': 'o' } }],
  ['an error answer is readable', api + '/open/throw', {}],
];
(async () => {
  const out = [];
  for (const [name, url, opts, hdr] of cases) {
    try {
      const r = await fetch(url, opts);
      const body = await r.text();
      out.push(name + ': ' + r.status + (hdr ? ' ' + hdr + '=' + r.headers.get(hdr) : r.ok ? ' ' + body : ''));
    } catch (e) {
      out.push(name + ': refused');
    }
  }
  document.getElementById('out').textContent = out.join('\\n');
  await fetch('/report', { method: 'POST', body: out.join('\\n') });
})();
</script>`);
JS
put('report.js', "module.exports = (req, res) => { console.log('REPORT\\n' + req.body); res.send('thanks'); };\n");

my $inv = start_invoke(root => $root, workers => 3, args => ['--timeout', '1']);
my $api = start_nginx(fastcgi => $inv->{addr}, name => 'api');
my $page = start_nginx(fastcgi => $inv->{addr}, name => 'page');
my $origin = "http://127.0.0.1:$page->{port}";
my $p = $api->{port};
put('open/_settings.json', qq({\n  "cors": { "origins": ["$origin"], "methods": ["GET", "PUT"], "headers": ["X-Token"],\n            "exposeHeaders": ["X-Id"], "maxAge": 600 },\n  "methods": ["GET", "PUT", "POST"],\n  "maxBody": 4\n}\n));
put('cred/_settings.json', qq({ "cors": { "origins": ["http://elsewhere.test", "$origin"], "credentials": true } }\n));
put('closed/_settings.json', qq({ "cors": { "origins": ["http://elsewhere.test"] } }\n));

my %from = (headers => { Origin => $origin });
my $r = http_get($p, '/open/echo', %from);
is($r->{status}, 200, 'allowed origin: 200');
is(hdr($r, 'access-control-allow-origin'), $origin, '... Access-Control-Allow-Origin names it');
is(hdr($r, 'access-control-expose-headers'), 'X-Id', '... exposes X-Id');
like(hdr($r, 'vary') || '', qr/Origin/, '... Vary: Origin');
unlike($r->{raw} || join(' ', %{ $r->{headers} }), qr/function\.widened/, "the function's own Access-Control-Allow-Origin gives way");
ok(!defined hdr($r, 'access-control-allow-credentials'), 'no credentials where not allowed');

$r = http_get($p, '/closed/echo', %from);
is($r->{status}, 200, 'refused origin: the function answers ...');
ok(!defined hdr($r, 'access-control-allow-origin'), '... without Access-Control-Allow-Origin (the browser hides it)');

my $before = () = grep { /RAN OPTIONS/ } log_lines($inv);
$r = http_request($p, 'OPTIONS', '/open/echo', headers => { Origin => $origin, 'Access-Control-Request-Method' => 'PUT',
    'Access-Control-Request-Headers' => 'x-token' });
is($r->{status}, 204, 'preflight: 204');
is(hdr($r, 'access-control-allow-methods'), 'GET, PUT', '... methods');
is(hdr($r, 'access-control-allow-headers'), 'X-Token', '... headers');
is(hdr($r, 'access-control-max-age'), '600', '... max age');
$r = http_request($p, 'OPTIONS', '/open/echo', headers => { Origin => $origin, 'Access-Control-Request-Method' => 'DELETE' });
is($r->{status}, 403, 'preflight for a method not allowed: 403');
ok(!defined hdr($r, 'access-control-allow-origin'), '... without Access-Control-Allow-Origin');
$r = http_request($p, 'OPTIONS', '/closed/echo', headers => { Origin => $origin, 'Access-Control-Request-Method' => 'GET' });
is($r->{status}, 403, 'preflight from a refused origin: 403');
my $after = () = grep { /RAN OPTIONS/ } log_lines($inv);
is($after, $before, 'no preflight reached JavaScript');

$r = http_get($p, '/cred/echo', %from);
is(hdr($r, 'access-control-allow-credentials'), 'true', 'credentials allowed');
is(hdr($r, 'access-control-allow-origin'), $origin, '... with the origin named');

for ([DELETE => '/open/echo', 405, ''], [POST => '/open/echo', 413, 'too long'], [GET => '/open/throw', 500, ''],
     [GET => '/open/loop', 504, '']) {
    my ($m, $path, $want, $body) = @$_;
    $r = http_request($p, $m, $path, %from, body => $body);
    is($r->{status}, $want, "$m $path: $want");
    is(hdr($r, 'access-control-allow-origin'), $origin, "$m $path: CORS headers on the error too");
}

$r = http_get($p, '/wild/echo', %from);
is($r->{status}, 500, '"*" with credentials fails closed');
ok(wait_for_log($inv, qr{wild/_settings\.json:1: cors: "credentials": true needs origins named}), '... and says why');

SKIP: {
    my ($chromium) = grep { -x } qw(/usr/bin/chromium /usr/bin/chromium-browser);
    skip 'chromium not installed (script/setup installs it)', 10 unless $chromium;
    my $url = "$origin/page?api=" . "http://127.0.0.1:$p";
    my $prof = tmpdir() . '/chromium';
    make_path($prof);
    # chromium's own complaints (no D-Bus in a test) go to a file, not the TAP stream
    open(my $saved, '>&', \*STDERR) or die "dup: $!";
    open(STDERR, '>', tmpdir() . '/chromium.stderr') or die "chromium.stderr: $!";
    my $pid = open(my $fh, '-|', 'timeout', '60', $chromium, '--headless', '--no-sandbox', '--disable-gpu',
                   '--no-first-run', "--user-data-dir=$prof", '--virtual-time-budget=20000', '--dump-dom', $url);
    open(STDERR, '>&', $saved) or die "dup: $!";
    die "chromium: $!" unless $pid;
    my $dom = do { local $/; <$fh> };
    close $fh;
    # the log writes the report's newlines as \n
    my $line = wait_for_log($inv, qr/REPORT/, 30);
    (my $report = $line || $dom || '') =~ s/\\n/\n/g;
    my %want = (
        'allowed GET' => '200 GET ok',
        'allowed GET reads an exposed header' => '200 X-Id=7',
        'refused origin' => 'refused',
        'credentials where allowed' => '200 GET ok',
        'credentials where not allowed' => 'refused',
        'preflighted PUT with a header' => '200 PUT ok',
        'preflighted DELETE not allowed' => 'refused',
        'preflighted header not allowed' => 'refused',
        'an error answer is readable' => '500',
    );
    for my $k (sort keys %want) {
        my ($got) = $report =~ /^.*?\Q$k\E: ([^\n]*?)\s*$/m;
        is($got, $want{$k}, "chromium: $k") or diag($report);
    }
    is(scalar(grep { /RAN DELETE/ } log_lines($inv)), 0, 'chromium: the refused preflight never reached the function');
}

finish();
