#!/usr/bin/perl
# Releases (doc/admin.md, "Deploying"): `invoke deploy`, `invoke rollback`
# and `invoke releases` on a root that is a symlink to releases/NAME, with
# the responder started on that symlink (--root) behind nginx.  A counter
# lives on through deploys and hand-made symlink swaps; under wrk for the
# whole run, 20 deploys and 5 rollbacks fail no request and every response
# comes wholly from one release (two modules, one required late, name the
# same release); a release that does not compile is refused and the site
# keeps serving; the bytecode cache is warmed by the deploy and pruned of
# the releases that are gone.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use POSIX qw(WNOHANG);
use Time::HiRes qw(sleep time);
use InvokeTest;

need_bins('invoke', 'invoke-fcgi');
my $tmp = tmpdir();
my $data = "$tmp/data";
my $site = "$tmp/site";
my $root = "$site/current";
my $invoke = bin('invoke');
mkdir $data or die $!;

# A source folder whose two modules both name release $tag: _a required
# when the function loads, _b only after an await, so a request that
# straddles a switch would show two names if it could mix them.
sub source {
    my ($tag, %o) = @_;
    my $dir = "$tmp/src-$tag";
    make_path("$dir/api");
    write_file("$dir/api/_a.js", "module.exports = { marker: '$tag' };\n");
    write_file("$dir/api/_b.mjs", "export const marker = '$tag';\n");
    write_file("$dir/api/mark.js", <<'EOF');
const a = require('./_a');
module.exports = async (req, res) => {
  await new Promise((r) => setTimeout(r, 1));
  const b = await import('./_b.mjs');
  res.json({ a: a.marker, b: b.marker });
};
EOF
    write_file("$dir/api/counter.ts", <<"EOF");
interface Count { n: number; release: string }
export default async function (req: any, res: any) {
  const out: Count = { n: await kv.incr('n'), release: '$tag' };
  res.json(out);
}
EOF
    write_file("$dir/api/broken.js", "module.exports = (req, res) => { res.send( };\n") if $o{broken};
    return $dir;
}
sub deploy {
    my ($src, @more) = @_;
    return run_cmd([$invoke, 'deploy', $src, '--root', $root, '--data', $data, @more], timeout => 60);
}
sub releases {
    my $c = run_cmd([$invoke, 'releases', '--root', $root]);
    return map { [/^([* ]) (\S+)$/] } split /\n/, $c->{stdout};
}
sub active { my ($a) = grep { $_->[0] eq '*' } releases(); $a ? $a->[1] : '' }
sub bytecode { opendir(my $d, "$data/bytecode") or return (); grep { /\.bc$/ } readdir $d }
# the real path a cache file was made from (after the magic line)
sub origin {
    open(my $f, '<', "$data/bytecode/$_[0]") or return '';
    local $/;
    my $s = <$f>;
    return $s =~ /\A[^\n]*\n([^\0]*)\0/ ? $1 : '';
}

# --- the first deploy makes the layout --------------------------------------------
my $c = deploy(source('r0'));
is($c->{exit}, 0, 'invoke deploy into a site that does not exist yet') or diag($c->{stderr});
ok(-l $root, 'the root is a symlink');
like(readlink($root), qr{^releases/\d{8}T\d{6}Z$}, 'to releases/NAME, relative');
like($c->{stdout}, qr/\Q$root\E -> releases\/\S+ \(4 modules compiled, bytecode cached\)/,
     'it says what it did');

my $inv = start_invoke(root => $root, workers => 2, args => ['--data', $data]);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
sub get { get_json($port, $_[0]) }
is_deeply(get('/api/mark'), { a => 'r0', b => 'r0' }, 'served through nginx from the symlinked --root');

# --- warmed: serving the release compiles nothing new -------------------------------
my @bc = bytecode();
get('/api/counter');
is(scalar(bytecode()), scalar(@bc), 'the deploy compiled every module the requests load');
is_deeply([grep { origin($_) =~ m{^\Q$site\E/releases/} } @bc] > 0 ? 'ok' : 'none', 'ok',
          'cache files name the release file they were made from');

# --- a counter through 20 deploys and 20 hand-made symlink swaps ---------------------
my (@seen, @want);
my $n = get('/api/counter')->{n};
for my $i (1 .. 20) {
    $c = deploy(source("d$i"));
    diag($c->{stderr}) if $c->{exit};
    my $j = get('/api/counter');
    push @seen, "$j->{n}\@$j->{release}";
    push @want, ($n + $i) . "\@d$i";
}
is_deeply(\@seen, \@want, 'the counter goes on through 20 invoke deploys, each served by the new release');
my @names = map { $_->[1] } releases();
is(scalar(@names), 5, 'invoke deploy keeps the last 5 releases');
is(active(), $names[-1], 'the newest is active');
(@seen, @want) = ();
$n += 20;
for my $i (1 .. 20) {
    my $to = $names[$i % @names];
    symlink("releases/$to", "$root.hand") or die $!;
    rename("$root.hand", $root) or die $!;
    my $j = get('/api/counter');
    my ($tag) = map { /marker: '([^']+)'/ ? $1 : '?' } InvokeTest::_slurp("$site/releases/$to/api/_a.js");
    push @seen, "$j->{n}\@$j->{release}";
    push @want, ($n + $i) . "\@$tag";
}
is_deeply(\@seen, \@want, 'and through 20 swaps of the symlink by hand');
$n += 20;

# --- the cache is pruned of releases that are gone ----------------------------------
my @gone = grep { my $o = origin($_); $o ne '' && !-e $o } bytecode();
is_deeply(\@gone, [], 'no cache file outlives its release (pruned by each deploy)');
$c = deploy(source('small'), '--bytecode-max', '1k');
is($c->{exit}, 0, 'a deploy with --bytecode-max 1k');
my $size = 0;
$size += -s "$data/bytecode/$_" for bytecode();
cmp_ok($size, '<=', 1024, 'leaves at most 1 KiB of bytecode');

# --- refused: a release that does not compile -----------------------------------------
my $before = active();
$c = deploy(source('bad', broken => 1));
is($c->{exit}, 1, 'a release with a syntax error is refused');
like($c->{stderr}, qr{api/broken\.js: SyntaxError: .*broken\.js:1:\d+}, 'naming the file, line and column');
like($c->{stderr}, qr/still serves \Q$before\E/, 'and what still serves');
is(active(), $before, 'the active release is unchanged');
ok(!grep({ $_->[1] !~ /^\d{8}T\d{6}Z(-\d\d)?$/ } releases()), 'nothing is left of the refused release');
is_deeply(get('/api/mark'), { a => 'small', b => 'small' }, 'the site keeps serving the old release');

# --- under load: 20 deploys and 5 rollbacks, nothing failed, nothing mixed ------------
SKIP: {
    my ($wrk) = grep { -x } map { "$_/wrk" } split /:/, $ENV{PATH};
    skip 'wrk is not installed', 6 unless $wrk;
    my $lua = "$tmp/check.lua";
    write_file($lua, <<'EOF');
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; bad = 0; seen = ""; first = "" end
function response(status, headers, body)
  n = n + 1
  local a, b = body:match('"a":"([^"]*)","b":"([^"]*)"')
  if status ~= 200 or a == nil or a ~= b then
    bad = bad + 1
    if first == "" then first = status .. " " .. body end
  elseif not string.find(seen, "," .. a .. ",", 1, true) then
    seen = seen .. "," .. a .. ","
  end
end
function done(summary, latency, requests)
  local n, bad, seen, first = 0, 0, {}, ""
  for _, t in ipairs(threads) do
    n = n + t:get("n"); bad = bad + t:get("bad")
    for m in string.gmatch(t:get("seen"), "([^,]+)") do seen[m] = true end
    if first == "" then first = t:get("first") end
  end
  local k = 0
  for _ in pairs(seen) do k = k + 1 end
  local e = summary.errors
  io.write(string.format("CHECK responses=%d bad=%d releases=%d connect=%d read=%d write=%d status=%d timeout=%d first=%s\n",
    n, bad, k, e.connect, e.read, e.write, e.status, e.timeout, first))
end
EOF
    my $out = "$tmp/wrk.out";
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open(STDOUT, '>', $out) or die $!;
        open(STDERR, '>&', \*STDOUT) or die $!;
        exec($wrk, '-t2', '-c8', '-d600s', '-s', $lua, "http://127.0.0.1:$port/api/mark") or POSIX::_exit(127);
    }
    sleep 1;
    my ($ok, $t0) = (0, time);
    for my $i (1 .. 25) {
        # rollbacks after deploys 4, 8, 12, 16 and 20
        my $r = $i % 5 == 0 ? run_cmd([$invoke, 'rollback', '--root', $root], timeout => 60)
                            : deploy(source("load$i"));
        $ok++ if $r->{exit} == 0;
        diag("step $i: $r->{stderr}") if $r->{exit};
        sleep 0.2;
    }
    my $took = time - $t0;
    is($ok, 25, '20 deploys and 5 rollbacks under load all succeeded');
    # wrk ends its run (and reports) on SIGINT: the load lasted as long as the deploys
    ok(waitpid($pid, WNOHANG) == 0, sprintf('all while the load ran (%.1f s)', $took));
    kill 'INT', $pid;
    waitpid($pid, 0);
    my $report = InvokeTest::_slurp($out);
    my %w = $report =~ /(\w+)=(\S*)/g;
    diag($report) unless ($w{bad} // 1) == 0;
    note($report);
    cmp_ok($w{responses} // 0, '>', 1000, "wrk's requests were answered ($w{responses})");
    is($w{bad}, 0, 'every response came wholly from one release, with status 200');
    is(join(' ', map { $w{$_} } qw(connect read write status timeout)), '0 0 0 0 0',
       'no connect, read, write, status or timeout error');
    cmp_ok($w{releases} // 0, '>=', 10, "and the run saw the releases change ($w{releases} answered)");
}

# --- rollback and releases ---------------------------------------------------------------
@names = map { $_->[1] } releases();
my $was = active();
$c = run_cmd([$invoke, 'rollback', '--root', $root]);
my ($i) = grep { $names[$_] eq $was } 0 .. $#names;
is($c->{exit}, 0, 'invoke rollback') or diag($c->{stderr});
is(active(), $names[$i - 1], 'goes back one release');
$c = run_cmd([$invoke, 'rollback', '--root', $root]) for 1 .. $i - 1;
$c = run_cmd([$invoke, 'rollback', '--root', $root]);
is($c->{exit}, 1, 'and refuses to go back from the oldest');
like($c->{stderr}, qr/no release before/, 'saying why');

# --- a git tree ----------------------------------------------------------------------------
SKIP: {
    my ($git) = grep { -x } map { "$_/git" } split /:/, $ENV{PATH};
    skip 'git is not installed', 3 unless $git;
    my $repo = source('git');
    my $g = run_cmd(['sh', '-c', "cd '$repo' && git init -q && git add -A && "
                     . "git -c user.name=t -c user.email=t\@t commit -qm r && "
                     . "echo \"module.exports = { marker: 'uncommitted' };\" > api/_a.js"]);
    is($g->{exit}, 0, 'a git repository') or diag($g->{stderr});
    $c = deploy($repo, '--ref', 'HEAD');
    is($c->{exit}, 0, 'invoke deploy --ref HEAD') or diag($c->{stderr});
    is_deeply([get('/api/mark'), -e "$site/releases/" . active() . '/.git' ? 1 : 0],
              [{ a => 'git', b => 'git' }, 0], 'serves the commit, not the work tree, without .git');
}

# --- what deploy refuses to touch -------------------------------------------------------
my $plain = "$tmp/plain";
mkdir $plain or die $!;
$c = run_cmd([$invoke, 'deploy', source('x'), '--root', $plain]);
is($c->{exit}, 1, 'a root that is a folder, not a symlink, is refused');
like($c->{stderr}, qr/is a folder, not a symlink/, 'saying what to do');
$c = run_cmd([$invoke, 'deploy', '--root', $root]);
is($c->{exit}, 2, 'deploy without SRC is a usage error');

# the log names no failed request
my @errs = grep { /"level":"error"/ } log_lines($inv);
is_deeply(\@errs, [], 'the responder logged no error');

finish();
