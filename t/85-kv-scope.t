#!/usr/bin/perl
# The store's scope of a functions root (doc/kv.md, "Scopes"): the root's
# path as the administrator names it, so a release swapped under a stable
# symlink (/srv/app/current -> releases/N) keeps its counters, sessions and
# rate-limit windows; a scope by name (--kv-scope, INVOKE_KV_SCOPE); the
# records of version 0.1, kept under the root's real path, taken over; and
# `invoke kv move`.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke', 'invoke-fcgi');
my $tmp = tmpdir();
my $data = "$tmp/data";
my $invoke = bin('invoke');
my $app = "$tmp/app";
mkdir $app or die $!;
mkdir "$app/releases" or die $!;

# release N: a counter that says which release answered, and a rate limit
sub release {
    my ($n) = @_;
    my $dir = "$app/releases/$n";
    mkdir $dir or die "$dir: $!";
    write_file("$dir/counter.js",
               "module.exports = async (req, res) => res.json({ n: await kv.incr('n'), release: $n });\n");
    write_file("$dir/_rate-limits", "/limited 3 600\n");
    write_file("$dir/limited.js", "module.exports = (req, res) => res.json({ release: $n });\n");
    return $dir;
}
sub deploy {
    my ($n) = @_;
    release($n) unless -d "$app/releases/$n";
    symlink("releases/$n", "$app/current.new") or die "symlink: $!";
    rename("$app/current.new", "$app/current") or die "rename: $!";
}
sub run_json {
    my ($root, $path, @more) = @_;
    my $c = run_cmd([$invoke, 'run', $root, $path, '--data', $data, @more], timeout => 30);
    my $r = parse_http($c->{stdout});
    return (eval { JSON::PP::decode_json($r->{body}) } || { status => $r->{status}, out => $c->{stdout} . $c->{stderr} });
}

# --- invoke run: 20 symlink swaps, one counter --------------------------------
deploy(1);
my @seen = map { my $j = run_json("$app/current", '/counter'); deploy($_ + 1); "$j->{n}\@$j->{release}" } 1 .. 21;
is_deeply(\@seen, [map { "$_\@$_" } 1 .. 21],
          'the counter goes on through 20 deploys, each request served by the release current then');

# --- the responder: INVOKE_ROOT per site, realpath'd per request -------------
my $inv = start_invoke(root => "$app/current", workers => 2, args => ['--data', $data]);
my $site = { INVOKE_ROOT => "$app/current", REQUEST_URI => '/counter' };
my @fc;
for my $n (22 .. 41) {
    my $r = fcgi_request($inv->{addr}, params => $site);
    my $j = json_body($r) || {};
    push @fc, "$j->{n}\@$j->{release}";
    deploy($n + 1);
}
is_deeply(\@fc, [map { "$_\@$_" } 22 .. 41], 'and so it does through the responder, 20 more deploys');

# rate-limit windows survive a deploy too
my @lim = map { my $r = fcgi_request($inv->{addr}, params => { %$site, REQUEST_URI => '/limited' });
                deploy(43 + $_); $r->{status} } 1 .. 5;
is_deeply(\@lim, [200, 200, 200, 429, 429], 'a rate-limit window counts on across deploys');

# --- two sites on one data folder ---------------------------------------------
my $other = "$tmp/other";
mkdir $other or die $!;
write_file("$other/counter.js", "module.exports = async (req, res) => res.json({ n: await kv.incr('n') });\n");
is(run_json($other, '/counter')->{n}, 1, 'another root on the same --data starts from its own 1');
is(run_json("$app/current", '/counter')->{n}, 42, 'and the first keeps its count');

# --- a scope by name -----------------------------------------------------------
is(run_json($other, '/counter', '--kv-scope', 'shop')->{n}, 1, '--kv-scope shop: a scope of its own');
is(run_json("$app/current", '/counter', '--kv-scope', 'shop')->{n}, 2,
   'shared by every root that names it');
my $r = fcgi_request($inv->{addr}, params => { %$site, INVOKE_KV_SCOPE => 'shop' });
is((json_body($r) || {})->{n}, 3, 'INVOKE_KV_SCOPE names it per request');
my $bad = run_cmd([$invoke, 'run', $other, '/counter', '--data', $data, '--kv-scope', ''], timeout => 30);
is($bad->{exit}, 2, 'an empty --kv-scope is a usage error');
my $fbad = run_cmd([bin('invoke-fcgi'), '--root', $other, '--kv-scope', 'x' x 129], timeout => 10);
like($fbad->{stderr}, qr/--kv-scope: .*128 bytes/, 'invoke-fcgi refuses a name over 128 bytes');

# --- the records version 0.1 left under a root's real path --------------------
# 0.1 scoped a root by its real path: what it stored for /app/live (a
# symlink to releases/old) is what `invoke kv` stores for releases/old itself.
my $old = release('old');
write_file("$old/get.js", "module.exports = async (req, res) => res.json({ v: await kv.get('k') });\n");
my $c = run_cmd([$invoke, 'kv', 'set', 'k', '"kept by 0.1"', '--data', $data, '--root', $old]);
is($c->{exit}, 0, 'a record under the real path, as 0.1 kept it');
symlink('releases/old', "$app/live") or die $!;
is(run_json("$app/live", '/get')->{v}, 'kept by 0.1', 'the symlinked root finds it after the upgrade');
$c = run_cmd([$invoke, 'kv', 'list', '--data', $data, '--root', $old]);
is($c->{stdout}, '', 'moved, not copied: the old scope is empty');
$c = run_cmd([$invoke, 'kv', 'get', 'k', '--data', $data, '--root', "$app/live"]);
is($c->{stdout}, qq("kept by 0.1"\n), 'invoke kv sees it under the symlinked root');

# --- invoke kv move -------------------------------------------------------------
$c = run_cmd([$invoke, 'kv', 'move', '--to-kv-scope', 'archive', '--data', $data, '--root', $other]);
is($c->{exit}, 0, 'invoke kv move --to-kv-scope') or diag($c->{stderr});
like($c->{stderr}, qr/moved 1 records/, 'says how many moved');
$c = run_cmd([$invoke, 'kv', 'get', 'n', '--data', $data, '--kv-scope', 'archive']);
is($c->{stdout}, "1\n", 'the record is under the named scope now');
$c = run_cmd([$invoke, 'kv', 'list', '--data', $data, '--root', $other]);
is($c->{stdout}, '', 'and gone from the root');
run_cmd([$invoke, 'kv', 'set', 'n', '7', '--data', $data, '--root', $other]);
$c = run_cmd([$invoke, 'kv', 'move', '--to-root', $other, '--data', $data, '--kv-scope', 'archive']);
like($c->{stderr}, qr/moved 0 records; 1 keys the target already had were left here/,
     'a key the target has is left where it was, and counted');
$c = run_cmd([$invoke, 'kv', 'get', 'n', '--data', $data, '--root', $other]);
is($c->{stdout}, "7\n", 'the target keeps its own value');
$c = run_cmd([$invoke, 'kv', 'move', '--data', $data, '--root', $other]);
is($c->{exit}, 2, 'move without a target is a usage error');

finish();
