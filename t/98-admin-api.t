#!/usr/bin/perl
# The admin panel (--admin, doc/admin.md "The admin panel") at the HTTP
# level, through nginx: off unless asked for; the password set with
# `invoke admin passwd`; every page and API endpoint refused without a
# session (redirect or 401); every change refused without the session's
# CSRF token or from another origin; wrong passwords rate limited (429);
# and each endpoint's answers and errors.  t/99-admin-browser.t drives the
# same panel in Chromium.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use JSON::PP;
use File::Path qw(make_path);

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/site";
my $data = "$tmp/data";
make_path($data, "$root/api");
write_file("$root/hello.js", <<'EOF');
// the console's probe: a log line and an answer
module.exports = function (req, res) {
  console.log('HELLO_LOG ' + req.method + ' ' + (req.get('x-probe') || '-'));
  res.set('X-Answer', '42');
  res.json({ hello: req.query.name || 'world', body: req.body || null });
};
EOF
write_file("$root/broken.js", "module.exports = function (req, res) { res.send('x') \n  ) };\n");
write_file("$root/api/_settings.json", qq({ "timeout": 5 }\n));
write_file("$root/api/[id].js", "module.exports = (req, res) => res.json({ id: req.params.id });\n");
write_file("$root/_private.js", "module.exports = () => {};\n");
symlink('/etc/passwd', "$root/escape.js") or die "symlink: $!";

# --- the password: invoke admin passwd ---------------------------------------
# `invoke ARGS...` with stdin; (exit status, stdout)
sub run_invoke {
    my ($stdin, @args) = @_;
    my $r = run_cmd([bin('invoke'), @args], stdin => $stdin);
    return ($r->{exit}, $r->{stdout});
}
my ($rc, $text) = run_invoke("", 'admin', 'passwd', '--data', $data);
is($rc, 2, 'invoke admin passwd: no password on stdin is a usage error');
($rc, $text) = run_invoke("s3cret pass\n", 'admin', 'passwd', '--data', $data);
is($rc, 0, 'invoke admin passwd --data: set') or diag($text);
my $hash = do { local (@ARGV, $/) = "$data/admin.passwd"; <> } // '';
like($hash, qr/^\$y\$\S+\n\z/, 'stored as a yescrypt hash, not the password');
is((stat "$data/admin.passwd")[2] & 07777, 0600, 'the password file is 0600');

# --- off unless asked for ------------------------------------------------------
my $off = start_invoke(root => $root, workers => 1, name => 'off', args => ['--data', $data]);
my $offng = start_nginx(fastcgi => $off->{addr}, name => 'nginx-off');
is(http_get($offng->{port}, '/_admin/login')->{status}, 404, 'no --admin: the login page is a 404');
is(http_get($offng->{port}, '/_admin/api/session')->{status}, 404, 'no --admin: the API is a 404');
is(http_get($offng->{port}, '/hello')->{status}, 200, 'no --admin: functions serve');

my $inv = start_invoke(root => $root, workers => 2,
                       args => ['--data', $data, '--admin', '/_admin']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
my $origin = "http://127.0.0.1";     # http_request sends Host: 127.0.0.1

# --- without a session ---------------------------------------------------------
my $r = http_get($port, '/_admin/');
is($r->{status}, 303, 'the panel without a session: 303');
like(hdr($r, 'location') || '', qr{^/_admin/login$}, '... to the login page');
$r = http_get($port, '/_admin/login');
is($r->{status}, 200, 'the login page: 200');
like($r->{body}, qr/<form method="post" action="login"/, '... a form');
like(hdr($r, 'content-security-policy') || '', qr/default-src 'self'/, '... under a CSP');
is(hdr($r, 'x-frame-options'), 'DENY', '... never in a frame');
like(http_get($port, '/_admin/panel.js')->{body}, qr/function highlight/, 'panel.js needs no session');
for my $get (qw(session functions source?file=hello.js kv kv/get?key=a kv/export logs status)) {
    is(http_get($port, "/_admin/api/$get")->{status}, 401, "GET api/$get without a session: 401");
}
for my $post (qw(run kv/set kv/delete kv/import)) {
    is(http_post($port, "/_admin/api/$post", '{}', headers => [ 'Content-Type' => 'application/json' ])->{status},
       401, "POST api/$post without a session: 401");
}
is(http_post($port, '/_admin/logout', '')->{status}, 401, 'POST logout without a session: 401');
$r = http_get($port, '/_admin/api/session', headers => [ Cookie => 'invoke_admin=' . ('a' x 64) ]);
is($r->{status}, 401, 'a made-up session id: 401');

# --- logging in ---------------------------------------------------------------------
my $form = [ 'Content-Type' => 'application/x-www-form-urlencoded' ];
$r = http_post($port, '/_admin/login', 'password=wrong', headers => $form);
is($r->{status}, 401, 'a wrong password: 401');
like($r->{body}, qr/Wrong password/, '... said on the page');
$r = http_post($port, '/_admin/login', 'password=s3cret+pass',
               headers => [ @$form, Origin => 'http://evil.example' ]);
is($r->{status}, 403, 'a login posted from another origin: 403');
$r = http_post($port, '/_admin/login', 'password=s3cret+pass', headers => [ @$form, Origin => $origin ]);
is($r->{status}, 303, 'the right password: 303');
is(hdr($r, 'location'), '/_admin/', '... to the panel');
my ($cookie) = grep { /^invoke_admin=/ } hdr($r, 'set-cookie');
like($cookie // '', qr/^invoke_admin=[0-9a-f]{64}; Path=\/_admin\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
     'the session cookie: HttpOnly, SameSite=Strict, not Secure over http');
my ($sid) = ($cookie // '') =~ /^(invoke_admin=[0-9a-f]{64})/;
my @auth = (Cookie => $sid);
my $session = json_body(http_get($port, '/_admin/api/session', headers => \@auth)) || {};
like($session->{csrf} // '', qr/^[0-9a-f]{64}$/, 'api/session: the CSRF token');
my @post = (@auth, 'Content-Type' => 'application/json', 'X-CSRF-Token' => $session->{csrf} // '');

# Secure over HTTPS: nginx's fastcgi_params pass HTTPS=on for https; here
# the same through the FastCGI param straight to the responder.
my $fr = fcgi_request($inv->{addr}, body => 'password=s3cret+pass',
                      params => { REQUEST_URI => '/_admin/login', HTTPS => 'on', REQUEST_METHOD => 'POST',
                                  CONTENT_TYPE => 'application/x-www-form-urlencoded' });
like(join(' ', @{ $fr->{headers}{'set-cookie'} || [] }), qr/HttpOnly; SameSite=Strict; Secure/,
     'over HTTPS the cookie is Secure too');

# --- the panel and every read endpoint ----------------------------------------------
$r = http_get($port, '/_admin/', headers => \@auth);
is($r->{status}, 200, 'the panel with a session: 200');
like($r->{body}, qr/<meta name="viewport"/, '... made for phones too');
unlike($r->{body}, qr/https?:\/\//, '... and fetches nothing from elsewhere');

my $f = json_body(http_get($port, '/_admin/api/functions', headers => \@auth)) || {};
my %fn = map { $_->{route} => $_ } @{ $f->{functions} || [] };
is_deeply([sort keys %fn], ['/api/[id]', '/broken', '/hello'], 'api/functions: every route, no private file, no symlink out of the root')
    or diag(explain($f));
ok(!defined $fn{'/hello'}{error}, 'hello.js compiles');
like($fn{'/broken'}{error} // '', qr/SyntaxError/, 'broken.js: its compile error');

is(http_get($port, '/hello?name=x')->{status}, 200, 'a request') for 1 .. 3;
$f = json_body(http_get($port, '/_admin/api/functions', headers => \@auth)) || {};
my ($h) = grep { $_->{route} eq '/hello' } @{ $f->{functions} || [] };
is($h->{requests}, 3, 'api/functions: the 3 requests counted (t/98-admin-counters.t: more)')
    or diag(explain($f));
ok(defined $h->{p50} && defined $h->{p99} && $h->{p99} >= $h->{p50}, '... with p50 <= p99');

my $s = json_body(http_get($port, '/_admin/api/source?file=api/%5Bid%5D.js', headers => \@auth)) || {};
like($s->{source} // '', qr/req\.params\.id/, 'api/source: the file');
is_deeply([map { $_->{file} } @{ $s->{settings} || [] }], ['api/_settings.json'], '... the settings files that apply');
is($s->{resolved}{timeout}, 5, '... and what they resolve to');
is(http_get($port, '/_admin/api/source?file=_private.js', headers => \@auth)->{status}, 404,
   'api/source: a private file is a 404');
is(http_get($port, '/_admin/api/source?file=../data/admin.passwd', headers => \@auth)->{status}, 404,
   'api/source: nothing outside the root');
is(http_get($port, '/_admin/api/source?file=escape.js', headers => \@auth)->{status}, 404,
   'api/source: nor through a symlink');

my $st = json_body(http_get($port, '/_admin/api/status', headers => \@auth)) || {};
is(scalar @{ $st->{workers}{workers} || [] }, 2, 'api/status: the two workers');
cmp_ok($st->{memory_kb}, '>', 0, '... their memory');
cmp_ok($st->{store_bytes}, '>', 0, '... the store size');

# --- CSRF: every change needs the token and the panel's own origin ------------------------
my $set = encode_json({ key => 'greeting', value => '{"text":"hi"}', ttl => 0 });
is(http_post($port, '/_admin/api/kv/set', $set, headers => [ @auth, 'Content-Type' => 'application/json' ])->{status},
   403, 'kv/set without the CSRF token: 403');
is(http_post($port, '/_admin/api/kv/set', $set,
             headers => [ @auth, 'Content-Type' => 'application/json', 'X-CSRF-Token' => 'f' x 64 ])->{status},
   403, 'kv/set with a wrong CSRF token: 403');
is(http_post($port, '/_admin/api/kv/set', $set, headers => [ @post, Origin => 'http://evil.example' ])->{status},
   403, 'kv/set with the token but from another origin: 403');
is(http_post($port, '/_admin/api/kv/set', $set, headers => [ @post, 'Sec-Fetch-Site' => 'cross-site' ])->{status},
   403, 'kv/set marked cross-site by the browser: 403');
is(http_post($port, '/_admin/api/run', '{"method":"GET","path":"/hello"}', headers => \@auth)->{status},
   403, 'run without the CSRF token: 403');
is(http_get($port, '/_admin/api/kv/set', headers => \@auth)->{status}, 405, 'kv/set by GET: 405');

# --- the store -----------------------------------------------------------------------
$r = http_post($port, '/_admin/api/kv/set', $set, headers => [ @post, Origin => $origin ]);
is($r->{status}, 200, 'kv/set with token and origin: 200') or diag($r->{body});
my ($krc, $kout) = run_invoke(undef, 'kv', 'get', 'greeting', '--data', $data, '--root', $root);
is($kout, qq({"text":"hi"}\n), 'invoke kv get reads what the panel wrote');
is(http_post($port, '/_admin/api/kv/set', encode_json({ key => 'bad', value => '{nope' }), headers => \@post)->{status},
   400, 'kv/set: a value that is not JSON is a 400');
is(http_post($port, '/_admin/api/kv/set', encode_json({ key => 'x', value => '1', ttl => 'soon' }), headers => \@post)->{status},
   400, 'kv/set: a bad ttl is a 400');
is(http_post($port, '/_admin/api/kv/set', 'not json', headers => \@post)->{status}, 400, 'kv/set: a body that is not JSON is a 400');
http_post($port, '/_admin/api/kv/set', encode_json({ key => "item:$_", value => "$_", ttl => 600 }), headers => \@post)
    for 1 .. 5;
my $l = json_body(http_get($port, '/_admin/api/kv?prefix=item:&limit=2', headers => \@auth)) || {};
is_deeply([map { $_->{key} } @{ $l->{keys} || [] }], ['item:1', 'item:2'], 'kv: keys by prefix, a page');
ok($l->{more}, '... more follow');
ok($l->{keys}[0]{expires} > time * 1000, '... with their expiry');
$l = json_body(http_get($port, '/_admin/api/kv?prefix=item:&limit=2&after=item:2', headers => \@auth)) || {};
is_deeply([map { $_->{key} } @{ $l->{keys} || [] }], ['item:3', 'item:4'], 'kv: the next page');
my $g = json_body(http_get($port, '/_admin/api/kv/get?key=greeting', headers => \@auth)) || {};
is($g->{value}, '{"text":"hi"}', 'kv/get: the value as JSON text');
is(http_get($port, '/_admin/api/kv/get?key=nothing', headers => \@auth)->{status}, 404, 'kv/get: a missing key is a 404');
is(http_get($port, '/_admin/api/kv/get', headers => \@auth)->{status}, 400, 'kv/get: no key is a 400');
$r = http_get($port, '/_admin/api/kv/export', headers => \@auth);
is($r->{status}, 200, 'kv/export: 200');
my @dump = split /\n/, $r->{body};
is(scalar @dump, 6, '... one line a record');
is_deeply(decode_json($dump[0]), { key => 'greeting', value => { text => 'hi' }, expires => undef },
          '... as invoke kv dump writes them');
is(http_post($port, '/_admin/api/kv/delete', encode_json({ key => 'greeting' }), headers => \@post)->{status},
   200, 'kv/delete: 200');
is(http_post($port, '/_admin/api/kv/delete', encode_json({ key => 'greeting' }), headers => \@post)->{status},
   404, 'kv/delete again: 404');
$r = http_post($port, '/_admin/api/kv/import', join("\n", @dump) . "\n", headers => \@post);
is_deeply(json_body($r), { imported => 6 }, 'kv/import: the dump back');
($krc, $kout) = run_invoke(undef, 'kv', 'get', 'greeting', '--data', $data, '--root', $root);
is($kout, qq({"text":"hi"}\n), '... greeting is there again');
$r = http_post($port, '/_admin/api/kv/import', qq({"key":"z","value":1}\n{"key":1}\n), headers => \@post);
is($r->{status}, 400, 'kv/import: a bad line is a 400');
like($r->{body}, qr/line 2/, '... naming the line');
($krc) = run_invoke(undef, 'kv', 'get', 'z', '--data', $data, '--root', $root);
is($krc, 1, '... and nothing of that dump was stored');

# --- the test console ----------------------------------------------------------------
$r = http_post($port, '/_admin/api/run',
               encode_json({ method => 'POST', path => '/hello?name=panel', headers => { 'Content-Type' => 'application/json', 'X-Probe' => 'p1' },
                             body => '{"a":1}' }), headers => \@post);
my $run = json_body($r) || {};
is($run->{status}, 200, 'run: the function answered 200') or diag($r->{body});
like($run->{headers} // '', qr/X-Answer: 42/i, '... its headers');
is_deeply(eval { decode_json($run->{body}) }, { hello => 'panel', body => { a => 1 } }, '... its body');
my @lines = @{ $run->{log} || [] };
ok((grep { $_->{msg} =~ /HELLO_LOG POST p1/ && $_->{id} eq $run->{id} } @lines),
   "... and the log lines of that request ($run->{id})") or diag(explain(\@lines));
$run = json_body(http_post($port, '/_admin/api/run', encode_json({ method => 'GET', path => '/broken' }), headers => \@post)) || {};
is($run->{status}, 500, 'run: a broken function is its 500');
is(http_post($port, '/_admin/api/run', encode_json({ method => 'GET', path => 'nope' }), headers => \@post)->{status},
   400, 'run: a path without / is a 400');

# --- logs -------------------------------------------------------------------------------
my $lg = json_body(http_get($port, '/_admin/api/logs?id=' . $run->{id}, headers => \@auth)) || {};
ok(@{ $lg->{lines} || [] } && !grep({ $_->{id} ne $run->{id} } @{ $lg->{lines} }),
   'logs: filtered by request id') or diag(explain($lg));
$lg = json_body(http_get($port, '/_admin/api/logs?level=access&q=name%3Dx', headers => \@auth)) || {};
$lg = json_body(http_get($port, '/_admin/api/logs?level=access', headers => \@auth)) || {};
ok(@{ $lg->{lines} || [] } && !grep({ $_->{level} ne 'access' } @{ $lg->{lines} }), 'logs: filtered by level');
$lg = json_body(http_get($port, '/_admin/api/logs?q=HELLO_LOG', headers => \@auth)) || {};
ok(@{ $lg->{lines} || [] } && !grep({ $_->{msg} !~ /HELLO_LOG/ } @{ $lg->{lines} }), 'logs: filtered by text');
my $next = $lg->{next};
http_get($port, '/hello');
ok(wait_for(sub {
    $lg = json_body(http_get($port, "/_admin/api/logs?q=HELLO_LOG&from=$next", headers => \@auth)) || {};
    @{ $lg->{lines} || [] } == 1;
}, 5), 'logs: following from the last offset gives only the new line') or diag(explain($lg));

# --- logout, rate limits, allowed addresses ------------------------------------------------
is(http_post($port, '/_admin/logout', '', headers => [ @auth, 'X-CSRF-Token' => $session->{csrf} ])->{status},
   303, 'logout: 303');
is(http_get($port, '/_admin/api/session', headers => \@auth)->{status}, 401, 'the session is gone after logout');

my @codes = map { http_post($port, '/_admin/login', 'password=nope', headers => $form)->{status} } 1 .. 6;
is_deeply(\@codes, [401, 401, 401, 401, 401, 429], 'wrong passwords: 401 five times, then 429');
$r = http_post($port, '/_admin/login', 'password=s3cret+pass', headers => $form);
is($r->{status}, 429, 'rate limited: even the right password waits');
like(hdr($r, 'retry-after') // '', qr/^\d+$/, '... with Retry-After');
ok(wait_for_log($inv, qr/warn \S+ admin login failed: wrong password/, 2), 'failed logins are logged');

my $far = start_invoke(root => $root, workers => 1, name => 'far',
                       args => ['--data', $data, '--admin', '/_admin', '--admin-allow', '10.0.0.0/8']);
is(fcgi_request($far->{addr}, params => { REQUEST_URI => '/_admin/login', REMOTE_ADDR => '127.0.0.1' })->{status},
   404, '--admin-allow: another address gets a 404');
is(fcgi_request($far->{addr}, params => { REQUEST_URI => '/_admin/login', REMOTE_ADDR => '10.1.2.3' })->{status},
   200, '--admin-allow: an allowed address gets the page');
is(fcgi_request($off->{addr}, params => { REQUEST_URI => '/_admin/login', INVOKE_ADMIN => '/_admin' })->{status},
   200, 'INVOKE_ADMIN: the FastCGI param turns the panel on for a site');

my $nodata = start_invoke(root => $root, workers => 1, name => 'nodata', args => ['--admin', '/_admin']);
$r = fcgi_request($nodata->{addr}, body => 'password=x',
                  params => { REQUEST_URI => '/_admin/login', REQUEST_METHOD => 'POST', CONTENT_TYPE => 'application/x-www-form-urlencoded' });
is($r->{status}, 500, 'without --data: 500');
like($r->{body}, qr/needs the store/, '... saying why');
like(`"${\bin('invoke-fcgi')}" --admin nope 2>&1`, qr/--admin: expected a path/, '--admin: a bad path stops the start');

stop_all();
done_testing();
