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

my $record = grep { $_ eq '--record' } @ARGV;
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

sub normal {
    my ($text) = @_;
    $text =~ s/\b\Q$_\E\b/PORT/g for $up->{port}, $up->{tls_port};
    return $text;
}

# bsd_glob: the checkout's path may hold spaces (CI's does)
my @scripts = map { m{([^/]+)\.js$} } bsd_glob("$dir/*.js");
cmp_ok(scalar(grep { $_ ne 'lib' } @scripts), '>=', 6, 'the scenario scripts are found');
for my $script (@scripts) {
    next if $script eq 'lib';
    my @argv = ($record ? 'node' : bin('invoke'), $record ? () : 'exec',
                "$dir/$script.js", $u, $s, $ca_pem);
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
