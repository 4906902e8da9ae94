#!/usr/bin/perl
# The admin panel in a real browser: headless Chromium driven over
# WebDriver (chromedriver, spoken with HTTP::Tiny and JSON::PP) through
# nginx.  Logs in, runs a request in the test console and sees its log
# lines, edits a kv value and reads it back with `invoke kv get`, filters
# the logs by a request id; a page without a session goes to the login
# page, a forged POST from another origin's page is refused, wrong
# passwords end in 429.  Saves a screenshot of each page in
# BUILDDIR/t/screenshots (doc/admin.md names them).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use HTTP::Tiny;
use JSON::PP;
use MIME::Base64 qw(decode_base64);
use File::Path qw(make_path);
use Time::HiRes qw(sleep time);

need_bins('invoke-fcgi', 'invoke', 'nginx', 'chromedriver', 'chromium');
my $tmp = tmpdir();
my $root = "$tmp/site";
my $data = "$tmp/data";
my $evil = "$tmp/evil";
my $shots = builddir() . '/t/screenshots';
make_path($data, $root, $evil, $shots);
write_file("$root/hello.js", <<'EOF');
// the console's probe: a log line and an answer
module.exports = function (req, res) {
  console.log('HELLO_LOG ' + req.method + ' ' + (req.get('x-probe') || '-'));
  res.json({ hello: req.query.name || 'world' });
};
EOF
write_file("$root/counter.js", <<'EOF');
/* a counter in the store */
module.exports = async function (req, res) {
  const n = (await kv.get('count')) || 0;
  await kv.set('count', n + 1);
  res.json({ count: n + 1, note: "it's \"quoted\"", re: /a+b/g.test('aab') });
};
EOF
write_file("$root/broken.js", "module.exports = function (req, res) { res.send('x') \n  ) };\n");

# `invoke ARGS...` with stdin; (exit status, stdout)
sub run_invoke {
    my ($stdin, @args) = @_;
    my $r = run_cmd([bin('invoke'), @args], stdin => $stdin);
    return ($r->{exit}, $r->{stdout});
}
my ($rc) = run_invoke("browser pass\n", 'admin', 'passwd', '--data', $data);
is($rc, 0, 'invoke admin passwd');
run_invoke(undef, 'kv', 'set', 'profile', '{"name":"Ada","langs":["js"]}', '--data', $data, '--root', $root);

my $inv = start_invoke(root => $root, workers => 2, args => ['--data', $data, '--admin', '/_admin']);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $base = "http://127.0.0.1:$ng->{port}";

# another origin (another port: same site, so the SameSite cookie does go
# along, and only the origin and CSRF checks stand) with a page that posts
# a forged store write to the panel as soon as it loads
my $forged = '{"key":"profile","value":"\"owned\"","x":"';
write_file("$evil/evil.js", <<"EOF");
module.exports = function (req, res) {
  res.type('html').send('<form id="f" method="post" enctype="text/plain" action="$base/_admin/api/kv/set">' +
    '<input type="hidden" name=\\'$forged\\' value=\\'"}\\'></form>' +
    '<script>document.getElementById("f").submit()</script>');
};
EOF
my $einv = start_invoke(root => $evil, workers => 1, name => 'evil');
my $eng = start_nginx(fastcgi => $einv->{addr}, name => 'nginx-evil');

# --- WebDriver ----------------------------------------------------------------------
my $cdport = free_port();
my $cd = InvokeTest::_spawn(argv => ['chromedriver', "--port=$cdport"], name => 'chromedriver',
                            stdout => "$tmp/chromedriver.log",
                            stderr => "$tmp/chromedriver.log");
my $ua = HTTP::Tiny->new(timeout => 60);
my $wd = "http://127.0.0.1:$cdport";
ok(wait_for(sub { ($ua->get("$wd/status")->{content} // '') =~ /"ready":\s*true/ }, 20), 'chromedriver is up')
    or BAIL_OUT('no chromedriver');
sub wd {
    my ($method, $path, $body) = @_;
    my $r = $ua->request($method, "$wd$path", { headers => { 'Content-Type' => 'application/json' },
                                                 defined $body ? (content => encode_json($body)) : () });
    my $j = eval { decode_json($r->{content}) } || {};
    return $j->{value};
}
my $s = wd(POST => '/session', { capabilities => { alwaysMatch => { browserName => 'chrome',
    'goog:chromeOptions' => { binary => '/usr/bin/chromium',
        args => ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900',
                 '--no-proxy-server', '--disable-background-networking'] } } } });
my $sid = ref $s eq 'HASH' ? $s->{sessionId} : undef;
ok($sid, 'a Chromium session') or BAIL_OUT('no browser session: ' . explain($s));
my $S = "/session/$sid";
my $EL = 'element-6066-11e4-a52e-4f735466cecf';     # WebDriver's web element key

sub go { wd(POST => "$S/url", { url => shift }) }
sub url { wd(GET => "$S/url") // '' }
sub find {
    my ($css) = @_;
    my $e = wd(POST => "$S/element", { using => 'css selector', value => $css });
    return ref $e eq 'HASH' ? $e->{$EL} : undef;
}
sub text { my $e = find(shift); defined $e ? wd(GET => "$S/element/$e/text") // '' : '' }
sub click { my $e = find(shift); wd(POST => "$S/element/$e/click", {}) if defined $e; defined $e }
sub type {
    my ($css, $text) = @_;
    my $e = find($css) or return;
    wd(POST => "$S/element/$e/clear", {});
    wd(POST => "$S/element/$e/value", { text => $text });
}
sub js { wd(POST => "$S/execute/sync", { script => shift, args => [@_] }) }
sub wait_text { my ($css, $re, $t) = @_; wait_for(sub { text($css) =~ $re }, $t || 10) }
sub shot {
    my ($name) = @_;
    my $png = wd(GET => "$S/screenshot");
    open my $fh, '>:raw', "$shots/$name.png" or die "$shots/$name.png: $!";
    print $fh decode_base64($png // '');
    close $fh;
    ok(-s "$shots/$name.png" > 1000, "screenshot $name.png");
}

# --- no session: the login page ---------------------------------------------------------
go("$base/_admin/#store");
ok(wait_for(sub { url() =~ m{/_admin/login(#.*)?$} }, 10), 'the panel without a session goes to the login page')
    or diag(url());
shot('login');
type('#password', 'wrong one');
click('#submit');
ok(wait_text('#msg', qr/Wrong password/), 'a wrong password is refused on the page');
type('#password', 'browser pass');
click('#submit');
ok(wait_for(sub { url() =~ m{/_admin/(#.*)?$} }, 10), 'logged in: the panel') or diag(url());

# --- functions ----------------------------------------------------------------------------
ok(wait_text('#functions', qr{/hello}), 'functions: the routes are listed');
like(text('#functions'), qr{/broken\s+broken\.js\s+SyntaxError}, 'functions: broken.js with its compile error');
http_get($ng->{port}, '/counter') for 1 .. 2;
js('location.reload()');
ok(wait_for(sub { text('#functions') =~ m{/counter\s+counter\.js\s+ok\s+2\s+0\s+\d} }, 10),
   'functions: requests counted, with their latency') or diag(text('#functions'));
shot('functions');
wd(POST => "$S/window/rect", { width => 390, height => 844 });
go("$base/_admin/#functions");
wait_text('#functions', qr{/hello});
shot('functions-phone');
my $sw = js('return document.documentElement.scrollWidth <= window.innerWidth + 1');
ok($sw, 'on a phone-sized window the page does not scroll sideways');
wd(POST => "$S/window/rect", { width => 1280, height => 900 });

# --- a function's source -------------------------------------------------------------------
go("$base/_admin/#source/counter.js");
ok(wait_text('#source', qr/kv\.get/), 'source: the file');
my $kw = js('return Array.from(document.querySelectorAll("#source .kw")).map(e => e.textContent).join(" ")');
like($kw, qr/\basync\b.*\bfunction\b.*\bawait\b/, 'source: keywords highlighted');
my $st = js('return Array.from(document.querySelectorAll("#source .st")).map(e => e.textContent)');
ok((grep { $_ eq q{"it's \\"quoted\\""} } @{ $st || [] }), 'source: a string with quotes is one string') or diag(explain($st));
my $re = js('return Array.from(document.querySelectorAll("#source .re")).map(e => e.textContent)');
is_deeply($re, ['/a+b/g'], 'source: the regular expression literal');
is(js('return document.querySelectorAll("#source .cm").length'), 1, 'source: the comment');
like(text('#resolved'), qr/access: open/, 'source: the settings that apply');
shot('source');

# --- the test console ---------------------------------------------------------------------
go("$base/_admin/#console");
ok(find('#c-path'), 'console: the form');
type('#c-path', '/hello?name=browser');
type('#c-headers', "X-Probe: b1");
click('#c-run');
ok(wait_text('#c-status', qr/Status 200/), 'console: the status');
like(text('#c-body-out'), qr/"hello":"browser"/, 'console: the body');
like(text('#c-headers-out'), qr{Content-Type: application/json}i, 'console: the headers');
ok(wait_text('#c-log', qr/HELLO_LOG GET b1/), 'console: the log lines of that request');
my ($reqid) = text('#c-log') =~ /(\S+-console)/;
ok($reqid, "console: its request id ($reqid)");
shot('console');

# --- the store ----------------------------------------------------------------------------
go("$base/_admin/#store");
ok(wait_text('#s-keys', qr/profile/), 'store: the keys');
js('Array.from(document.querySelectorAll("#s-keys a")).find(a => a.textContent === "profile").click()');
ok(wait_for(sub { (js('return document.getElementById("e-value") && document.getElementById("e-value").value') // '') =~ /Ada/ }, 10),
   'store: the value shown as JSON');
type('#e-value', '{"name":"Grace","langs":["cobol"]}');
click('#e-save');
ok(wait_text('#e-msg', qr/Saved/), 'store: saved');
my (undef, $out) = run_invoke(undef, 'kv', 'get', 'profile', '--data', $data, '--root', $root);
is($out, qq({"name":"Grace","langs":["cobol"]}\n), 'invoke kv get reads the value edited in the browser');
click('#s-new');
type('#e-key', 'session-note');
type('#e-value', '"expires soon"');
type('#e-ttl', '3600');
click('#e-save');
ok(wait_text('#s-keys', qr/session-note/), 'store: a new key with a TTL is listed');
shot('store');

# --- logs, filtered by the console's request id ----------------------------------------------
go("$base/_admin/#logs");
ok(wait_text('#l-lines', qr/access/), 'logs: the tail');
type('#l-id', $reqid);
click('#l-filter');
ok(wait_for(sub {
    my $ids = js('return Array.from(document.querySelectorAll("#l-lines tbody tr td:nth-child(3)")).map(t => t.textContent)');
    ref $ids && @$ids >= 2 && !grep { $_ ne $reqid } @$ids;
}, 10), 'logs: filtered by the request id, only its lines');
like(text('#l-lines'), qr/HELLO_LOG GET b1/, 'logs: its console line is there');
shot('logs');

# --- status -----------------------------------------------------------------------------------
go("$base/_admin/#status");
ok(wait_text('#st-workers', qr{^\d+ / \d+$}), 'status: the workers');
like(text('#st-store'), qr/MB$/, 'status: the store size');
ok(wait_text('#st-rate', qr/^\d/, 8), 'status: requests per second after a refresh');
shot('status');

# --- a forged cross-site POST -------------------------------------------------------------------
go("http://127.0.0.1:$eng->{port}/evil");
ok(wait_for(sub { url() =~ m{/_admin/api/kv/set$} }, 10), 'the other origin posted its form to the panel');
like(js('return document.body.innerText'), qr/Forbidden/, 'the forged POST is refused (403)');
(undef, $out) = run_invoke(undef, 'kv', 'get', 'profile', '--data', $data, '--root', $root);
is($out, qq({"name":"Grace","langs":["cobol"]}\n), '... and the value is untouched');
shot('forged-post');

# --- logging out, and wrong passwords ----------------------------------------------------------------
go("$base/_admin/#functions");
wait_text('#functions', qr{/hello});
click('#logout');
ok(wait_for(sub { url() =~ m{/_admin/login(#.*)?$} }, 10), 'logged out: the login page');
go("$base/_admin/#logs");
ok(wait_for(sub { url() =~ m{/_admin/login(#.*)?$} }, 10), 'after logout the panel goes to the login page again');
my $last = '';
for (1 .. 6) {
    type('#password', "guess $_");
    click('#submit');
    wait_for(sub { ($last = text('#msg')) =~ /Wrong|Too many/ }, 10);
}
like($last, qr/Too many failed attempts/, 'wrong passwords: rate limited after five');
shot('rate-limited');

wd(DELETE => $S);
stop_all();
done_testing();
