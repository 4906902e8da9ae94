package FetchTest;

# What the t/100-fetch*.t files share: an upstream nginx on free loopback
# ports (plain HTTP and HTTPS with a CA and a server certificate made here
# by openssl), static files, redirects, gzip, a rate-limited body, and /fn/
# passed to an invoke-fcgi so functions can be slow or echo what they got;
# plus the functions root the tests call.  Loopback only.

use strict;
use warnings;
use Exporter 'import';
use File::Path qw(make_path);
use InvokeTest;

our @EXPORT = qw(fetch_root make_certs start_upstream call_case write_file);

# write_file is InvokeTest's own (imported above), passed on to the tests.

sub _openssl {
    my (@args) = @_;
    my $r = run_cmd(['openssl', @args], timeout => 30);
    die "openssl @args: $r->{stderr}" if $r->{exit};
}

# A CA (ca.pem), a second one nobody signed with (wrong-ca.pem), and a
# server certificate for 127.0.0.1 and localhost signed by the first, in
# TMP/certs.  Returns the folder.
sub make_certs {
    my $dir = tmpdir() . '/certs';
    return $dir if -e "$dir/server.pem";
    make_path($dir);
    for my $ca ('ca', 'wrong-ca') {
        _openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
                 '-subj', "/CN=invoke-test $ca", '-keyout', "$dir/$ca.key", '-out', "$dir/$ca.pem");
    }
    _openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost',
             '-keyout', "$dir/server.key", '-out', "$dir/server.csr");
    write_file("$dir/ext.cnf", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    _openssl('x509', '-req', '-in', "$dir/server.csr", '-CA', "$dir/ca.pem", '-CAkey', "$dir/ca.key",
             '-CAcreateserial', '-days', '2', '-extfile', "$dir/ext.cnf", '-out', "$dir/server.pem");
    return $dir;
}

# The function files every fetch test calls (see the comments in each).
sub fetch_root {
    my $root = tmpdir() . '/fns';
    make_path($root);
    write_file("$root/echo.js", <<'EOF');
// What arrived: method, headers, the raw body and the query.
module.exports = (req, res) => res.json({
  method: req.method, headers: req.headers, query: req.query,
  body: req.rawBody ? req.rawBody.toString() : '' });
EOF
    write_file("$root/sleep.js", <<'EOF');
// A slow upstream: waits ?ms= before its headers.
module.exports = async (req, res) => {
  const ms = Number(req.query.ms || 1000);
  await sleep(ms);
  res.json({ slept: ms });
};
EOF
    write_file("$root/degrade.js", <<'EOF');
// The seed's "graceful degradation" sample, with the upstream in ?url=.
module.exports = async function(req, res) {
  try {
    const data = await fetch(req.query.url);
    res.json(await data.json());
  } catch (error) {
    // Fallback to cached data
    const cached = await kv.get('cached:data');
    if (cached) {
      return res.json({ ...cached, fromCache: true });
    }
    // Last resort
    res.status(503).json({
      error: 'Service temporarily unavailable'
    });
  }
};
EOF
    write_file("$root/seed.js", <<'EOF');
module.exports = async (req, res) => {
  await kv.set('cached:data', { answer: 42 });
  res.json({ ok: true });
};
EOF
    write_file("$root/pipe.js", <<'EOF');
// A proxy: the upstream's response, streamed.
module.exports = async (req, res) => {
  await res.pipeFrom(await fetch(req.query.url));
};
EOF
    write_file("$root/forget.js", <<'EOF');
// Starts a slow fetch, never awaits it, answers 300 ms later.
module.exports = async (req, res) => {
  fetch(req.query.url).then(() => console.log('forgotten fetch answered'));
  await sleep(300);
  res.json({ ok: true });
};
EOF
    write_file("$root/many.js", <<'EOF');
// ?n= fetches one after another; the worker's resident size after them.
module.exports = async (req, res) => {
  const n = Number(req.query.n || 100);
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += (await (await fetch(req.query.url)).text()).length;
  res.json({ bytes, rss: process.memoryUsage().rss });
};
EOF
    write_file("$root/case.js", <<'EOF');
// One fetch scenario per ?case=, against the upstream ?u= (HTTPS: ?s=).
const failure = (e) => ({ threw: true, name: e.name, message: e.message,
  isTypeError: e instanceof TypeError, code: e.cause && e.cause.code,
  cause: e.cause && e.cause.message });
const cases = {
  async get(u, s, q) {
    try {
      const r = await fetch(q.url);
      return { status: r.status, length: (await r.arrayBuffer()).byteLength };
    } catch (e) { return failure(e); }
  },
  async json(u) {
    const r = await fetch(u + '/fn/echo?x=1', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Test': 'abc' },
      body: JSON.stringify({ a: 1, s: 'h\u00e9' }) });
    const j = await r.json();
    return { status: r.status, ok: r.ok, method: j.method, body: JSON.parse(j.body),
             xtest: j.headers['x-test'], ctype: j.headers['content-type'] };
  },
  async text(u) {
    const r = await fetch(u + '/small.txt');
    return { status: r.status, statusText: r.statusText, text: await r.text(),
             ctype: r.headers.get('content-type'), xup: r.headers.get('x-up'), url: r.url };
  },
  async sizes(u) {
    const a = await (await fetch(u + '/1mb.bin')).arrayBuffer();
    const b = await (await fetch(u + '/1mb.bin')).buffer();
    let n = 0, chunks = 0;
    for await (const c of (await fetch(u + '/1mb.bin')).body) { n += c.length; chunks++; }
    return { ab: a.byteLength, buf: b.length, isBuffer: Buffer.isBuffer(b), iter: n, chunks };
  },
  async gzip(u) {
    const r = await fetch(u + '/data.json');
    return { enc: r.headers.get('content-encoding'), data: await r.json() };
  },
  async follow(u) {
    const r = await fetch(u + '/r301');
    return { status: r.status, redirected: r.redirected, url: r.url, text: await r.text() };
  },
  async manual(u) {
    const r = await fetch(u + '/r302', { redirect: 'manual' });
    return { status: r.status, location: r.headers.get('location'), redirected: r.redirected };
  },
  async error(u) {
    try { await fetch(u + '/r301', { redirect: 'error' }); return { threw: false }; }
    catch (e) { return failure(e); }
  },
  async see(u) {
    const r = await fetch(u + '/r303', { method: 'POST', body: 'x=1' });
    const j = await r.json();
    return { method: j.method, body: j.body, redirected: r.redirected };
  },
  async emptyPost(u) {
    const j = await (await fetch(u + '/fn/echo', { method: 'POST' })).json();
    return { method: j.method, length: j.headers['content-length'], type: j.headers['content-type'] || null };
  },
  async keep(u) {
    const r = await fetch(u + '/r307', { method: 'POST', body: 'x=1' });
    const j = await r.json();
    return { method: j.method, body: j.body };
  },
  async parallel(u) {
    const t0 = Date.now();
    const all = await Promise.all([1, 2].map(() => fetch(u + '/fn/sleep?ms=1000').then((r) => r.json())));
    return { ms: Date.now() - t0, all };
  },
  async one(u) {
    const t0 = Date.now();
    await (await fetch(u + '/fn/sleep?ms=1000')).json();
    return { ms: Date.now() - t0 };
  },
  async ticks(u) {
    let ticks = 0;
    const iv = setInterval(() => ticks++, 100);
    await (await fetch(u + '/fn/sleep?ms=1000')).json();
    clearInterval(iv);
    return { ticks };
  },
  async abortBody(u) {
    const ac = new AbortController();
    const r = await fetch(u + '/slow.bin', { signal: ac.signal });
    const reader = r.body.getReader();
    const first = await reader.read();
    ac.abort();
    try {
      for (;;) { const x = await reader.read(); if (x.done) return { first: first.value.length, ended: true }; }
    } catch (e) { return { first: first.value.length, name: e.name }; }
  },
  async abortHead(u) {
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 100);
    try { await fetch(u + '/fn/sleep?ms=1000', { signal: ac.signal }); return { threw: false }; }
    catch (e) { return { name: e.name, ms: Date.now() - t0 }; }
  },
  async timeout(u) {
    const t0 = Date.now();
    try { await fetch(u + '/fn/sleep?ms=2000', { signal: AbortSignal.timeout(200) }); return { threw: false }; }
    catch (e) { return { name: e.name, ms: Date.now() - t0 }; }
  },
  async tls(u, s) {
    const r = await fetch(s + '/small.txt');
    return { status: r.status, text: await r.text() };
  },
  async relative() {
    try {
      const r = await fetch('/echo?rel=1');
      return (await r.json()).query;
    } catch (e) { return failure(e); }
  },
  async abortQueued(u) {
    const ac = new AbortController();
    const t0 = Date.now();
    const first = fetch(u + '/fn/sleep?ms=500').then((r) => r.status);
    const second = fetch(u + '/fn/sleep?ms=500', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    let name = null, ms = 0;
    try { await second; } catch (e) { name = e.name; ms = Date.now() - t0; }
    return { name, ms, first: await first };
  },
  async queued(u) {
    const t0 = Date.now();
    const all = await Promise.all([1, 2].map(() => fetch(u + '/fn/sleep?ms=500').then((r) => r.status)));
    return { ms: Date.now() - t0, all };
  },
};
module.exports = async (req, res) => {
  res.json(await cases[req.query.case](req.query.u, req.query.s, req.query));
};
EOF
    return $root;
}

# start_upstream(fastcgi => 'ADDR'): nginx with the static files, the
# redirects and /fn/ passed to the invoke-fcgi at ADDR.  Returns
# { port, tls_port, certs, www, big_sha256, big_size }.
sub start_upstream {
    my (%o) = @_;
    my $dir = tmpdir() . '/upstream';
    my $www = "$dir/www";
    make_path("$dir/logs", $www, map { "$dir/temp/$_" } qw(body fastcgi proxy uwsgi scgi));
    my $certs = make_certs();
    write_file("$www/small.txt", "hello from upstream\n");
    write_file("$www/1mb.bin", join('', map { chr($_ % 251) } 0 .. 1024 * 1024 - 1));
    write_file("$www/slow.bin", 'z' x (512 * 1024));
    write_file("$www/data.json", '{"items":[' . join(',', map { qq({"id":$_,"name":"item $_"}) } 1 .. 200) . ']}');
    if ($o{big}) {
        # 200 MB, sparse, with marks at a few places so order matters to the hash
        open my $fh, '>', "$www/big.bin" or die $!;
        truncate $fh, 200 * 1024 * 1024 or die $!;
        for my $at (0, 1_000_003, 100 * 1024 * 1024 + 7, 200 * 1024 * 1024 - 16) {
            seek $fh, $at, 0;
            print $fh "MARK-$at";
        }
        close $fh;
    }
    my $user = $> == 0 ? "user root;\n" : '';
    my %p = (port => free_port(), tls_port => free_port(), certs => $certs, www => $www);
    write_file("$dir/nginx.conf", <<"EOF");
daemon off;
${user}pid $dir/nginx.pid;
error_log $dir/logs/error.log info;
events { }
http {
    # everything in the test's folder: Debian's built-in paths are /var/...
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/temp/body;
    fastcgi_temp_path $dir/temp/fastcgi;
    proxy_temp_path $dir/temp/proxy;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include /etc/nginx/mime.types;
    server {
        listen 127.0.0.1:$p{port};
        listen 127.0.0.1:$p{tls_port} ssl;
        ssl_certificate $certs/server.pem;
        ssl_certificate_key $certs/server.key;
        root $www;
        add_header X-Up yes;
        gzip on;
        gzip_types application/json;
        gzip_min_length 1;
        location = /r301 { return 301 /small.txt; }
        location = /r302 { return 302 /small.txt; }
        location = /r303 { return 303 /fn/echo; }
        location = /r307 { return 307 /fn/echo; }
        location = /slow.bin { limit_rate 64k; }
        location /fn/ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param REQUEST_URI \$request_uri;
            fastcgi_param INVOKE_BASE /fn;
            fastcgi_pass $o{fastcgi};
        }
    }
}
EOF
    my $ng = InvokeTest::_spawn(argv => [nginx_bin(), '-p', "$dir/", '-c', "$dir/nginx.conf",
                                         '-e', "$dir/logs/error.log"],
                                name => 'upstream', stderr => "$dir/logs/stderr.log");
    InvokeTest::_wait_listening($ng, "127.0.0.1:$p{port}", 15)
        or die "upstream nginx did not start: " . `cat $dir/logs/error.log`;
    return { %p, proc => $ng };
}

# call_case($port, 'case', u => BASE, ...): GET /case?case=...; the JSON.
sub call_case {
    my ($port, $case, %q) = @_;
    my $qs = join '&', "case=$case", map { "$_=" . _enc($q{$_}) } sort keys %q;
    my $r = http_get($port, "/case?$qs", timeout => 30);
    return json_body($r) || { status => $r->{status}, raw => $r->{raw} };
}

sub _enc {
    my ($s) = @_;
    $s =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge;
    return $s;
}

1;
