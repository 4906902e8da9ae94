#!/usr/bin/perl
# node:http, node:https and node:dns as clients (doc/api.md), end to end:
# each scenario of t/http/*.js runs under `invoke exec` against a local
# nginx (plain and TLS, the fetch tests' upstream, with invoke-fcgi behind
# /fn/ for echo and sleep) and its output must be the one node 20 printed
# for the same script against the same servers, recorded in t/http/*.out
# by `perl t/102-http-client.t --record` (ports written as PORT).  Then the
# network policy: http.get and dns.lookup of a refused address fail as
# fetch does, with ERR_NETWORK_POLICY; no server, no socket of one's own.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use InvokeTest;
use FetchTest;
use File::Glob qw(bsd_glob);
use IO::Socket::INET;
use POSIX ();
use Socket qw(SOL_SOCKET SO_LINGER);

# --record: node's output for every scenario; --record NAME: for NAME.js
my $record = grep { $_ eq '--record' } @ARGV;
my ($only) = grep { $_ ne '--record' } @ARGV;
need_bins('invoke', 'invoke-fcgi', 'nginx', 'openssl');
my $dir = "$FindBin::Bin/http";
my $root = fetch_root();
my $ca = make_certs() . '/ca.pem';
# the CA's PEM itself: a script under invoke exec reads only its own folder
my $ca_pem = do { local $/; open my $fh, '<', $ca or die $!; <$fh> };
my $inv = start_invoke(root => $root, workers => 4, args => ['--ca-file', $ca]);
my $up = start_upstream(fastcgi => $inv->{addr});
my $u = "http://127.0.0.1:$up->{port}";
my $s = "https://127.0.0.1:$up->{tls_port}";

# A server that resets uploads (t/http/upload-errors.js): reads the head
# and 100 KB of the body, then closes with SO_LINGER 0, a reset.
my $reset_sock = IO::Socket::INET->new(Listen => 16, LocalAddr => '127.0.0.1', LocalPort => 0, ReuseAddr => 1)
    or die "listen: $!";
my $reset = 'http://127.0.0.1:' . $reset_sock->sockport;
my $reset_pid = fork() // die "fork: $!";
if (!$reset_pid) {
    # killed at the end: no END block of the harness's may run here
    $SIG{TERM} = 'DEFAULT';
    while (my $c = $reset_sock->accept) {
        my ($got, $buf) = (0, '');
        while ($got < 100 * 1024) {
            my $n = sysread($c, $buf, 65536);
            last unless $n;
            $got += $n;
        }
        setsockopt($c, SOL_SOCKET, SO_LINGER, pack('ii', 1, 0));
        close $c;
    }
    POSIX::_exit(0);
}
close $reset_sock;
END { kill 'TERM', $reset_pid if $reset_pid; }

sub normal {
    my ($text) = @_;
    $text =~ s/\b\Q$_\E\b/PORT/g for $up->{port}, $up->{tls_port}, ($reset =~ /(\d+)$/);
    return $text;
}

# bsd_glob: the checkout's path may hold spaces (CI's does)
my @scripts = map { m{([^/]+)\.js$} } bsd_glob("$dir/*.js");
cmp_ok(scalar(grep { $_ ne 'lib' } @scripts), '>=', 7, 'the scenario scripts are found');
for my $script (@scripts) {
    next if $script eq 'lib' || (defined $only && $script ne $only);
    my @argv = ($record ? 'node' : bin('invoke'), $record ? () : 'exec',
                "$dir/$script.js", $u, $s, $ca_pem, $reset);
    my $r = run_cmd(\@argv, timeout => 60);
    my $out = normal($r->{stdout});
    diag "$script timed out" if $r->{timed_out};
    if ($record) {
        open my $fh, '>:raw', "$dir/$script.out" or die $!;
        print $fh $out;
        close $fh;
        ok(1, "recorded $script.out from node");
        next;
    }
    open my $fh, '<:raw', "$dir/$script.out" or die "$dir/$script.out: $! (record it)";
    my $want = do { local $/; <$fh> };
    is($r->{exit}, 0, "$script: exit 0") or diag $r->{stderr};
    my @got = split /\n/, $out;
    my @exp = split /\n/, $want;
    is(scalar @got, scalar @exp, "$script: as many lines as node printed") or diag $out . $r->{stderr};
    is($got[$_], $exp[$_], "$script: line " . ($_ + 1)) for 0 .. $#exp;
}

unless ($record) {
    # the policy: the same refusal as fetch's, logged as fetch's is
    write_file("$root/policy.js", <<'EOF2');
const http = require('http');
const dns = require('dns');
module.exports = async (req, res) => {
  const out = {};
  try { await fetch(req.query.u + '/small.txt'); } catch (e) { out.fetch = [e.cause.code, e.cause.message]; }
  out.http = await new Promise((resolve) => {
    http.get(req.query.u + '/small.txt', (r) => resolve(['answered', r.statusCode]))
      .on('error', (e) => resolve([e.code, e.message]));
  });
  out.dns = await new Promise((resolve) => dns.lookup('127.0.0.1', (e, a) => resolve(e ? [e.code, e.message] : a)));
  out.dnsLocal = await new Promise((resolve) => dns.lookup('localhost', { family: 4 }, (e, a) => resolve(e ? [e.code, e.message] : a)));
  res.json(out);
};
EOF2
    my $c = run_cmd([bin('invoke'), 'run', "$root", "/policy?u=$u", '--fetch-deny', '127.0.0.0/8'], timeout => 60);
    my $r = parse_http($c->{stdout});
    my $j = eval { JSON::PP->new->decode($r->{body}) } || {};
    is($j->{fetch}[0], 'ERR_NETWORK_POLICY', 'fetch of a denied address: ERR_NETWORK_POLICY') or diag $c->{stdout} . $c->{stderr};
    is_deeply($j->{http}, $j->{fetch}, 'http.get of it: the same code and message as fetch');
    is($j->{dns}[0], 'ERR_NETWORK_POLICY', 'dns.lookup of a denied address: refused');
    is_deeply($j->{dnsLocal}, ['ERR_NETWORK_POLICY', 'the network policy refuses localhost'],
              'dns.lookup of a name whose addresses are all denied: refused, no address told');
    like($c->{stderr}, qr/refuse/, 'the refusal is logged');

    $c = run_cmd([bin('invoke'), 'run', "$root", "/policy?u=$u", '--fetch-allow', 'example.com'], timeout => 60);
    $r = parse_http($c->{stdout});
    $j = eval { JSON::PP->new->decode($r->{body}) } || {};
    is($j->{http}[0], 'ERR_NETWORK_POLICY', 'an allow list without the address: http refused');
    is($j->{dns}[0], 'ERR_NETWORK_POLICY', 'and dns.lookup refused');

    $c = run_cmd([bin('invoke'), 'run', "$root", "/policy?u=$u", '--fetch-allow', '127.0.0.1'], timeout => 60);
    $r = parse_http($c->{stdout});
    $j = eval { JSON::PP->new->decode($r->{body}) } || {};
    is_deeply($j->{http}, ['answered', 200], 'an allowed address: http answered');
    is($j->{dns}, '127.0.0.1', 'and dns.lookup tells it');

    # the same failed uploads from a function under invoke-fcgi: the
    # errors come, the function answers, and its worker serves the next
    # request (no worker hangs on a transfer that failed)
    write_file("$root/uperr.js", <<'EOF2');
const http = require('http');
function upload(url, paced) {
  return new Promise((resolve) => {
    let written = 0;
    const errors = [];
    const req = http.request(url, { method: 'POST' });
    req.on('response', (r) => { errors.push('response ' + r.statusCode); r.resume(); });
    req.on('error', (e) => errors.push(e.code));
    req.on('close', () => resolve({ errors, stoppedEarly: written < 64 }));
    (async () => {
      while (written < 64 && !req.destroyed) {
        const ok = req.write(Buffer.alloc(65536, 120));
        written++;
        if (paced) await new Promise((r) => setTimeout(r, 50));
        else if (!ok) await new Promise((r) => { const f = () => { req.off('drain', f); req.off('close', f); r(); }; req.on('drain', f); req.on('close', f); });
      }
      if (!req.destroyed) req.end();
    })();
  });
}
module.exports = async (req, res) => {
  res.json({ refused: await upload('http://127.0.0.1:1/up', false), reset: await upload(req.query.reset + '/up', false),
             pacedReset: await upload(req.query.reset + '/up', true) });
};
EOF2
    my @before = child_pids($inv->{pid});
    my $t0 = time;
    my $ur = http_get($up->{port}, "/fn/uperr?reset=$reset", timeout => 60);
    is($ur->{status}, 200, 'a function whose streamed uploads fail answers') or diag $ur->{body};
    my $uj = eval { JSON::PP->new->decode($ur->{body}) } || {};
    is_deeply($uj->{refused}, { errors => ['ECONNREFUSED'], stoppedEarly => JSON::PP::true }, 'refused: one ECONNREFUSED error');
    is_deeply($uj->{reset}, { errors => ['ECONNRESET'], stoppedEarly => JSON::PP::true }, 'reset mid-upload: one ECONNRESET error, writing stopped');
    is_deeply($uj->{pacedReset}, { errors => ['ECONNRESET'], stoppedEarly => JSON::PP::true }, 'reset of a paced upload: the same');
    cmp_ok(time - $t0, '<', 30, 'in a few seconds, not a timeout');
    is(http_get($up->{port}, "/fn/echo", timeout => 30)->{status}, 200, 'the workers serve the next request') for 1 .. 4;
    is_deeply([sort { $a <=> $b } child_pids($inv->{pid})], [sort { $a <=> $b } @before], 'with the same workers (none hung or restarted)');

    # no server in a function
    write_file("$root/server.js", <<'EOF2');
module.exports = async (req, res) => {
  const out = {};
  try { require('http').createServer(() => {}); out.made = true; }
  catch (e) { Object.assign(out, { code: e.code, message: e.message }); }
  try { require('net').createServer(); } catch (e) { out.net = e.code; }
  out.connect = await new Promise((resolve) => require('net').connect(80, '127.0.0.1')
    .on('error', (e) => resolve(e.code)).on('connect', () => resolve('connected')));
  res.json(out);
};
EOF2
    $c = run_cmd([bin('invoke'), 'run', "$root", '/server'], timeout => 60);
    $j = eval { JSON::PP->new->decode(parse_http($c->{stdout})->{body}) } || {};
    is($j->{code}, 'ERR_NOT_SUPPORTED', 'http.createServer throws ERR_NOT_SUPPORTED');
    like($j->{message} || '', qr/cannot listen/, 'saying why');
    is($j->{net}, 'ERR_NOT_SUPPORTED', 'net.createServer too');
    is($j->{connect}, 'ERR_NOT_SUPPORTED', 'net.connect: an error event, no socket past the policy');
}
done_testing();
