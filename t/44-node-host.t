#!/usr/bin/perl
# The Node built-ins about the machine, the process and async context, in
# a function behind nginx (doc/api.md, "Modules"): os answers with the
# machine's figures, what a function may not do (start processes, open a
# terminal, change its priority) is refused with node's errors, and
# nothing a request leaves in process's listeners, an AsyncLocalStorage, a
# vm context or a module object reaches the next request.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use POSIX qw(uname);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $h = get_json($ng->{port}, '/node/host');
my ($sysname, $nodename, $release, undef, $machine) = uname();
is($h->{hostname}, $nodename, 'os.hostname() is uname\'s');
is($h->{type}, $sysname, 'os.type()');
is($h->{release}, $release, 'os.release()');
is($h->{arch}, $h->{processArch}, 'os.arch() is process.arch');
is($h->{arch}, { x86_64 => 'x64', aarch64 => 'arm64' }->{$machine} // $machine, 'process.arch in node\'s words');
my $ncpu = () = do { open my $fh, '<', '/proc/stat' or die $!; grep { /^cpu\d/ } <$fh> };
is($h->{cpus}, $ncpu, 'os.cpus() has a CPU per cpuN line of /proc/stat');
ok(length $h->{model}, "a CPU model ($h->{model})");
ok($h->{parallelism} >= 1 && $h->{parallelism} <= $ncpu, 'os.availableParallelism()');
ok($h->{totalmem} > $h->{freemem} && $h->{freemem} > 0, 'os.totalmem() > os.freemem() > 0');
ok($h->{uptime} > 0, 'os.uptime()');
is(scalar @{ $h->{loadavg} }, 3, 'os.loadavg()');
is($h->{user}{uid}, $>, 'os.userInfo() is the worker\'s user');
is($h->{user}{username}, scalar getpwuid($>), 'os.userInfo().username');
ok(length $h->{homedir} && length $h->{tmpdir}, 'os.homedir() and os.tmpdir()');
ok(ref $h->{interfaces} eq 'ARRAY', 'os.networkInterfaces()');
is_deeply($h->{isatty}, [JSON::PP::false, JSON::PP::false, JSON::PP::false], 'a function has no terminal');
is($h->{ttyStream}, 'SystemError | ERR_TTY_INIT_FAILED | TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)',
   'a tty stream fails as node\'s does on a descriptor that is no terminal');
like($h->{setPriority}, qr/^SystemError \| ERR_SYSTEM_ERROR \| .*EACCES/, 'os.setPriority is refused');
for my $f (qw(spawn exec execSync execFileSync fork spawnSync execFile)) {
    is($h->{$f}, "Error | ERR_ACCESS_DENIED | Access to this API has been restricted: functions may not start processes (child_process.$f)",
       "child_process.$f throws ERR_ACCESS_DENIED");
}
like($h->{childSpawn}, qr/ERR_ACCESS_DENIED/, 'so does ChildProcess#spawn');
ok($h->{processModule}, "require('process') is process");

# One worker: every request runs in the heap the one before it used.
for my $n (1 .. 4) {
    is_deeply(get_json($ng->{port}, "/node/context?n=$n"),
              { before => { warningListeners => 0, events => [] }, store => "$n", warnings => ["from $n"],
                doubled => 2 * $n, storeAfter => 'left behind' },
              "request $n starts clean and keeps its own store, listeners and vm context");
}

finish();
