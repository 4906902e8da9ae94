#!/usr/bin/perl
# contrib/systemd as written: systemd-analyze accepts the unit pair, and the
# service's ExecStart line (only paths changed) serves a unix socket passed
# the way systemd passes it (fd 3, LISTEN_FDS=1, LISTEN_PID), reloads on its
# ExecReload signal without losing a request, and stops on SIGTERM.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use IO::Socket::UNIX;
use POSIX ();
use Socket qw(SOCK_STREAM);
use Time::HiRes qw(sleep);

need_bins('invoke-fcgi');
my $dir = srcdir() . '/contrib/systemd';
my $svc = do { local (@ARGV, $/) = "$dir/invoke-fcgi.service"; <> };
my $sock_unit = do { local (@ARGV, $/) = "$dir/invoke-fcgi.socket"; <> };
my $tmp = tmpdir();

SKIP: {
    my $sa = -x '/usr/bin/systemd-analyze' ? '/usr/bin/systemd-analyze' : undef;
    skip 'systemd-analyze not installed', 2 unless $sa;
    mkdir "$tmp/units";
    my $bin = bin('invoke-fcgi');
    # systemd splits ExecStart at spaces unless the word is quoted
    (my $s = $svc) =~ s{^ExecStart=\S+}{ExecStart="$bin"}m;
    for (['invoke-fcgi.service', $s], ['invoke-fcgi.socket', $sock_unit]) {
        open my $fh, '>', "$tmp/units/$_->[0]" or die $!;
        print $fh $_->[1];
        close $fh;
    }
    my $r = run_cmd([$sa, 'verify', '--man=no', "$tmp/units/invoke-fcgi.socket",
                     "$tmp/units/invoke-fcgi.service"], timeout => 30);
    is($r->{exit}, 0, 'systemd-analyze verify: the unit pair loads') or diag($r->{stderr});
    is($r->{stderr}, '', 'systemd-analyze verify: no warning (unknown keys, bad values)');
}

my ($listen) = $sock_unit =~ /^ListenStream=(\S+)/m;
like($listen, qr{^/}, "the socket unit listens on a unix path ($listen)");
my ($exec) = $svc =~ /^ExecStart=(.+)$/m;
ok($exec, 'the service has an ExecStart line');
my @argv = split ' ', $exec;
my $root = fixture_root();
my $log = "$tmp/systemd.log";
$argv[0] = bin('invoke-fcgi');
for my $i (1 .. $#argv - 1) {
    $argv[$i + 1] = $root if $argv[$i] eq '--root';
    $argv[$i + 1] = $log if $argv[$i] eq '--log';
}
my ($workers) = $exec =~ /--workers\s+(\d+)/;

my $path = "$tmp/invoke-fcgi.sock";
my $sock = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 128) or die "listen: $!";
my $pid = spawn_with_fd3($sock, "$log.stderr",
                         { LISTEN_FDS => 1, LISTEN_FDNAMES => 'invoke-fcgi.socket' }, @argv);
close $sock;
my $addr = "unix:$path";
my $first = wait_for(sub { my $x = fcgi_request($addr, params => { REQUEST_URI => '/hello' }, timeout => 5);
                           $x->{status} == 200 ? $x : undef }, 10);
ok($first, 'ExecStart on the passed socket: serving') or diag(`cat $log.stderr $log`);
ok(wait_for(sub { child_pids($pid) == ($workers || 2) }, 10), "--workers from the unit: $workers workers");

my $load = start_load(undef, '/hello', fcgi => $addr, check => qr/"route":"hello"/);
sleep 0.3;
kill 'HUP', $pid;                       # ExecReload
sleep 0.8;
my $res = stop_load($load);
is($res->{fail}, 0, "ExecReload (SIGHUP) under load: no request lost ($res->{ok} served)")
    or diag(join "\n", @{ $res->{failures} });
kill 'TERM', $pid;                      # KillMode=mixed: the supervisor only
my $done = wait_for(sub { waitpid($pid, POSIX::WNOHANG()) == $pid }, 15);
ok($done, 'SIGTERM: stopped');
is($? & 127, 0, 'SIGTERM: no crash');
ok(-S $path, "the socket is systemd's: the responder leaves it in place");
unlike(join('', `cat $log $log.stderr`), qr/SIGSEGV|AddressSanitizer|signal 11/, 'no crash in the log');
finish();
