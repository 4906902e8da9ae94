package InvokeTest;

# The end-to-end harness: starts the real servers a test needs (invoke-fcgi,
# nginx from contrib/nginx, spawn-fcgi) on free 127.0.0.1 ports inside a
# temporary folder, talks to them with raw sockets (so nothing normalizes a
# path), and stops everything it started when the test ends, even when it
# dies.  Perl core modules only.
#
#   INVOKE_BUILDDIR=DIR   where invoke-fcgi and invoke are (default: repo root)
#   INVOKE_TEST_KEEP=1    keep the temporary folder and print where it is
#   INVOKE_TEST_VALGRIND=1  run invoke-fcgi under valgrind (its report goes
#                         to the temporary folder: valgrind.PID.log)
#
# Every client call has a timeout; nothing here measures speed.

use strict;
use warnings;
use Exporter 'import';
use Cwd qw(abs_path);
use File::Basename qw(basename dirname);
use File::Copy qw(copy);
use File::Find qw(find);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use IO::Select;
use IO::Socket::INET;
use IO::Socket::UNIX;
use JSON::PP ();
use Fcntl ();
use POSIX qw(WNOHANG);
use Socket qw(SOCK_STREAM);
use Test::More ();
use Time::HiRes qw(time sleep);

our @EXPORT = qw(
    srcdir builddir bin nginx_bin need_bins tmpdir fixture_root
    free_port start_invoke start_spawn_fcgi start_nginx start_apache apache_bin replay_test start_load stop_load stop stop_all
    raw_request http_get http_post http_request stream_request
    start_request finish_request read_until
    fcgi_request run_cmd run_cgi parse_cgi parse_http hdr json_body get_json
    log_lines log_records wait_for wait_for_log child_pids alive running
    spawn_with_fd3 finish write_file rss_kb
    start_group group_site group_status group_master group_write_addrs
);

our $TIMEOUT = 15;      # seconds any single client call may take
my $NGINX = '/usr/sbin/nginx';
my @PROCS;              # everything we started, in start order
my $TMP;
my $RUNS = 0;

my $SRCDIR = abs_path(dirname(__FILE__) . '/../..');
sub srcdir { $SRCDIR }
sub builddir { $ENV{INVOKE_BUILDDIR} ? abs_path($ENV{INVOKE_BUILDDIR}) : $SRCDIR }
sub bin { builddir() . '/' . $_[0] }
sub nginx_bin { $NGINX }

# need_bins('invoke-fcgi', 'nginx', 'spawn-fcgi', 'invoke'): skip_all unless
# every one of them can be run.
sub need_bins {
    for my $b (@_) {
        my $path = $b eq 'nginx' ? $NGINX
                 : $b =~ m{^(invoke-fcgi|invoke)$} ? bin($b)
                 : _which($b);
        next if $path && -x $path && !-d $path;
        Test::More::plan(skip_all => "$b not found" . ($path ? " at $path" : ''));
    }
}

sub _which {
    for my $d (split /:/, ($ENV{PATH} || '') . ':/usr/sbin:/usr/bin:/sbin:/bin') {
        return "$d/$_[0]" if $d ne '' && -x "$d/$_[0]";
    }
    return undef;
}

sub tmpdir {
    return $TMP if $TMP;
    $TMP = tempdir('invoke-test-XXXXXX', TMPDIR => 1,
                   CLEANUP => !$ENV{INVOKE_TEST_KEEP});
    Test::More::diag("INVOKE_TEST_KEEP: files kept in $TMP") if $ENV{INVOKE_TEST_KEEP};
    return $TMP;
}

# A fresh copy of t/fixtures/root in the temporary folder (so a test may edit
# it), plus what cannot be committed: symlinks that leave the root and a
# .git folder.  Returns its real path.
sub fixture_root {
    my (%o) = @_;
    my $name = $o{name} || 'root';
    my $dst = tmpdir() . "/$name";
    _copy_tree("$SRCDIR/t/fixtures/root", $dst);
    my $out = tmpdir() . "/outside-$name";
    make_path($out);
    _write("$out/a.js", "module.exports = function (req, res) { res.send('OUTSIDE_MARKER_3c9d'); };\n");
    _write("$out/index.js", "module.exports = function (req, res) { res.send('OUTSIDE_MARKER_3c9d'); };\n");
    symlink('/etc/passwd', "$dst/escape.js") or die "symlink: $!";
    symlink('/etc/passwd', "$dst/_data/passwd.txt") or die "symlink: $!";
    symlink($out, "$dst/out") or die "symlink: $!";
    make_path("$dst/.git");
    _write("$dst/.git/config", "[core]\n\tSECRET_MARKER_GIT_e4b2 = 1\n");
    _write("$dst/.git/config.js", "module.exports = function (req, res) { res.send('SECRET_MARKER_GIT_e4b2'); };\n");
    return abs_path($dst);
}

sub _copy_tree {
    my ($src, $dst) = @_;
    find({ no_chdir => 1, wanted => sub {
        (my $rel = $File::Find::name) =~ s{^\Q$src\E/?}{};
        my $to = $rel eq '' ? $dst : "$dst/$rel";
        if (-d $_) { make_path($to) }
        else { copy($_, $to) or die "copy $_ -> $to: $!" }
    } }, $src);
}

# Writes $data to $path as bytes (a test's function files, fixtures).
sub write_file { _write(@_) }

sub _write {
    my ($path, $data) = @_;
    open my $fh, '>', $path or die "$path: $!";
    binmode $fh;
    print $fh $data;
    close $fh or die "$path: $!";
}

sub _slurp {
    my ($path) = @_;
    open my $fh, '<', $path or return '';
    binmode $fh;
    local $/;
    my $d = <$fh>;
    return defined $d ? $d : '';
}

sub free_port {
    my $s = IO::Socket::INET->new(Listen => 1, LocalAddr => '127.0.0.1:0',
                                  Proto => 'tcp', ReuseAddr => 0)
        or die "free_port: $!";
    my $p = $s->sockport;
    close $s;
    return $p;
}

# Spawns argv in its own process group (Ctrl-C reaches only the harness,
# which then stops everything in order).  o: env (hash), stdin (file),
# stdout/stderr (files; undef: inherited), name.
sub _spawn {
    my (%o) = @_;
    my @argv = @{ $o{argv} };
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        setpgrp(0, 0);
        $SIG{$_} = 'DEFAULT' for qw(INT TERM HUP PIPE CHLD);
        open STDIN, '<', $o{stdin} || '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>>', $o{stdout} or POSIX::_exit(126) if $o{stdout};
        open STDERR, '>>', $o{stderr} or POSIX::_exit(126) if $o{stderr};
        @ENV{ keys %{ $o{env} } } = values %{ $o{env} } if $o{env};
        { exec { $argv[0] } @argv }
        print STDERR "exec $argv[0]: $!\n";
        POSIX::_exit(127);
    }
    my $p = { pid => $pid, name => $o{name} || $argv[0], argv => \@argv,
              stderr => $o{stderr} };
    push @PROCS, $p;
    return $p;
}

# True while the process runs (reaps it, recording its wait status, once it
# has exited).
sub alive {
    my ($p) = @_;
    return 0 if defined $p->{status};
    my $r = waitpid($p->{pid}, WNOHANG);
    if ($r == $p->{pid} || $r == -1) { $p->{status} = $r == -1 ? -1 : $?; return 0 }
    return 1;
}

sub _connectable {
    my ($addr) = @_;
    my $s;
    if ($addr =~ /^unix:(.*)/) {
        $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $1);
    } else {
        $s = IO::Socket::INET->new(PeerAddr => $addr, Proto => 'tcp', Timeout => 2);
    }
    return 0 unless $s;
    close $s;
    return 1;
}

sub _wait_listening {
    my ($p, $addr, $timeout) = @_;
    my $end = time + ($timeout || 10);
    while (time < $end) {
        return 1 if _connectable($addr);
        return 0 unless alive($p);
        sleep 0.05;
    }
    return 0;
}

# start_invoke(root => DIR, workers => 2, args => [...], listen => 'unix:/x',
#              log => FILE | undef (stderr), name => 'invoke')
# Starts invoke-fcgi as its own pre-forking manager and waits until its
# socket accepts.  Returns { pid, addr, port, log, ... }; dies on failure.
sub start_invoke {
    my (%o) = @_;
    my $tmp = tmpdir();
    my $name = $o{name} || 'invoke';
    my $log = exists $o{log} ? $o{log} : "$tmp/$name.log";
    for my $try (1 .. 3) {
        my $port = $o{listen} ? undef : free_port();
        my $addr = $o{listen} || "127.0.0.1:$port";
        my @argv = (_valgrind(), bin('invoke-fcgi'), '--listen', $addr, '--root', $o{root},
                    '--workers', $o{workers} || 2,
                    ($log ? ('--log', $log) : ()), @{ $o{args} || [] });
        my $p = _spawn(argv => \@argv, name => $name, env => $o{env},
                       stderr => exists $o{log} && !$o{log} && !$o{stderr} ? undef
                                 : "$tmp/$name.stderr");
        @$p{qw(addr port log kind)} = ($addr, $port, $log, 'invoke');
        @$p{qw(root args)} = ($o{root}, $o{args} || []);
        return $p if _wait_listening($p, $addr, 15);
        stop($p);
        my $why = _slurp("$tmp/$name.stderr") . _slurp($log || '/dev/null');
        next if $try < 3 && !$o{listen} && $why =~ /in use/i;
        die "invoke-fcgi did not start listening on $addr: $why";
    }
}

sub _valgrind {
    return () unless $ENV{INVOKE_TEST_VALGRIND};
    my $vg = _which('valgrind') or die "INVOKE_TEST_VALGRIND: valgrind not found\n";
    return ($vg, '--trace-children=yes', '--error-exitcode=99', '--leak-check=no',
            '--log-file=' . tmpdir() . '/valgrind.%p.log');
}

# start_spawn_fcgi(root => DIR, args => [...]): invoke-fcgi under spawn-fcgi
# (-n: spawn-fcgi binds the socket, puts it on fd 0 and execs the responder,
# so the pid is the responder's).
sub start_spawn_fcgi {
    my (%o) = @_;
    my $tmp = tmpdir();
    my $name = $o{name} || 'spawned';
    my $log = "$tmp/$name.log";
    my $sf = _which('spawn-fcgi') or die 'spawn-fcgi not found';
    for my $try (1 .. 3) {
        my $port = free_port();
        my @argv = ($sf, '-a', '127.0.0.1', '-p', $port, '-n', '--',
                    _valgrind(), bin('invoke-fcgi'), '--root', $o{root}, '--log', $log,
                    @{ $o{args} || [] });
        my $p = _spawn(argv => \@argv, name => $name, stderr => "$tmp/$name.stderr");
        @$p{qw(addr port log kind)} = ("127.0.0.1:$port", $port, $log, 'invoke');
        return $p if _wait_listening($p, "127.0.0.1:$port", 15);
        stop($p);
        next if $try < 3 && _slurp("$tmp/$name.stderr") =~ /in use/i;
        die "spawn-fcgi did not start: " . _slurp("$tmp/$name.stderr") . _slurp($log);
    }
}

# The server block of contrib/nginx/invoke-fcgi.conf with only its addresses
# and paths substituted.
sub nginx_server_block {
    my (%o) = @_;
    my $conf = _slurp("$SRCDIR/contrib/nginx/invoke-fcgi.conf");
    die "contrib/nginx/invoke-fcgi.conf is empty or missing\n" unless $conf =~ /server\s*\{/;
    my $n = 0;
    $n += $conf =~ s/^(\s*)listen\s+[^;]+;/${1}listen 127.0.0.1:$o{port};/mg;
    $n += $conf =~ s/^(\s*)fastcgi_pass\s+[^;]+;/${1}fastcgi_pass $o{fastcgi};/mg;
    die "invoke-fcgi.conf: no listen or fastcgi_pass directive\n" unless $n >= 2;
    # Relative includes are relative to nginx's configuration folder.
    $conf =~ s{^(\s*)include\s+(?!/)([^;\s]+);}{${1}include /etc/nginx/$2;}mg;
    if ($o{invoke_root}) {
        $conf =~ s{^(\s*)#\s*fastcgi_param\s+INVOKE_ROOT\s+[^;]+;}
                  {${1}fastcgi_param INVOKE_ROOT $o{invoke_root};}mg
            or die "invoke-fcgi.conf: no INVOKE_ROOT example to enable\n";
    }
    return $conf;
}

# start_nginx(fastcgi => '127.0.0.1:PORT' | 'unix:PATH', invoke_root => DIR,
#             port => PORT, name => 'nginx')
# nginx in the foreground with a master process, its own prefix in the
# temporary folder, and the contrib server block.  Returns { pid, port,
# error_log }.
sub start_nginx {
    my (%o) = @_;
    # INVOKE_TEST_FRONT=apache: the same test through Apache and mod_fcgid
    # (see start_apache and t/65-apache-*.t).
    # INVOKE_TEST_FRONT=apache-proxy: through Apache and mod_proxy_fcgi, in
    # front of the pool the test started (t/72-t/76).
    my $front = $ENV{INVOKE_TEST_FRONT} || '';
    return start_apache(%o, like => $o{fastcgi}, name => 'apache-' . ($o{name} || 'nginx'))
        if $front eq 'apache';
    return start_apache(%o, recipe => 'proxy', pool => $o{fastcgi},
                        name => 'apache-proxy-' . ($o{name} || 'nginx'))
        if $front eq 'apache-proxy';
    my $name = $o{name} || 'nginx';
    my $dir = tmpdir() . "/$name";
    make_path("$dir/logs", map { "$dir/temp/$_" } qw(body fastcgi proxy uwsgi scgi));
    for my $try (1 .. 3) {
        my $port = $o{port} || free_port();
        _write("$dir/server.conf", nginx_server_block(%o, port => $port));
        my $user = $> == 0 ? "user root;\n" : '';
        _write("$dir/nginx.conf", <<"EOF");
daemon off;
master_process on;
worker_processes 1;
${user}pid $dir/nginx.pid;
error_log $dir/logs/error.log info;
events { worker_connections 256; }
http {
    access_log $dir/logs/access.log;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $dir/temp/body;
    fastcgi_temp_path $dir/temp/fastcgi;
    proxy_temp_path $dir/temp/proxy;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/server.conf;
}
EOF
        my $p = _spawn(argv => [$NGINX, '-p', "$dir/", '-c', "$dir/nginx.conf",
                                '-e', "$dir/logs/error.log"],
                       name => $name, stderr => "$dir/logs/stderr.log");
        @$p{qw(port error_log kind)} = ($port, "$dir/logs/error.log", 'nginx');
        return $p if _wait_listening($p, "127.0.0.1:$port", 15);
        stop($p);
        next if $try < 3 && !$o{port} && _slurp("$dir/logs/error.log") =~ /in use/;
        die "nginx did not start: " . _slurp("$dir/logs/error.log") . _slurp("$dir/logs/stderr.log");
    }
}

# A process's resident set in kB (VmRSS), 0 once it is gone: what the
# memory-bound tests compare before and after a large body.
sub rss_kb {
    my ($pid) = @_;
    open my $fh, '<', "/proc/$pid/status" or return 0;
    while (<$fh>) { return $1 if /^VmRSS:\s+(\d+)/ }
    return 0;
}

# Pids whose parent is $pid (from /proc, so no procps is needed); their
# number in scalar context.
sub child_pids {
    my ($pid) = @_;
    my @kids;
    opendir my $d, '/proc' or return ();
    for my $e (readdir $d) {
        next unless $e =~ /^\d+$/;
        my $st = _slurp("/proc/$e/stat");
        next unless $st =~ /\)\s+(\S)\s+(\d+)/;
        push @kids, $e + 0 if $2 == $pid && $1 ne 'Z';
    }
    @kids = sort { $a <=> $b } @kids;
    return wantarray ? @kids : scalar @kids;
}

# True while a process (not necessarily ours) exists and is not a zombie.
sub running {
    my ($pid) = @_;
    my $st = _slurp("/proc/$pid/stat");
    return $st =~ /\)\s+([^Z\s])\s/ ? 1 : 0;
}

sub _descendants {
    my ($pid) = @_;
    my @all;
    for my $k (child_pids($pid)) { push @all, $k, _descendants($k) }
    return @all;
}

# stop($proc, signal => 'TERM', timeout => 10): signals the process, waits
# for it (SIGKILL after the bound), kills any child it left behind, and
# returns its wait status.
sub stop {
    my ($p, %o) = @_;
    return $p->{status} unless alive($p);
    my @kids = _descendants($p->{pid});
    kill $o{signal} || 'TERM', $p->{pid};
    my $end = time + ($o{timeout} || 10);
    sleep 0.02 while alive($p) && time < $end;
    if (alive($p)) {
        Test::More::diag("$p->{name} ($p->{pid}) ignored SIGTERM; killing it");
        kill 'KILL', $p->{pid};
        waitpid($p->{pid}, 0);
        $p->{status} = $?;
        $p->{killed} = 1;
    }
    kill 'KILL', grep { kill 0, $_ } @kids;
    return $p->{status};
}

sub stop_all { stop($_) for reverse @PROCS }

END {
    my $status = $?;
    stop_all();
    $? = $status;
}
$SIG{INT} = $SIG{TERM} = sub { die "interrupted by SIG$_[0]\n" };

# --- Apache 2.4 ------------------------------------------------------------

my $APACHE = '/usr/sbin/apache2';
my $APACHE_MODS = '/usr/lib/apache2/modules';
sub apache_bin { $APACHE }

# Apache's User when the tests run as root (Apache refuses to run its
# children as root): (uid, gid), or () when they run as ourselves.
sub _apache_user {
    return () unless $> == 0;
    my ($uid, $gid) = (getpwnam('www-data'))[2, 3];
    die "start_apache: no www-data user\n" unless defined $uid;
    return ($uid, $gid);
}

# Runs $code in a child with Apache's uid and gid; its return value (true
# or false) is the answer.  Real permission checks, ACLs included.
sub _as_apache_user {
    my ($code) = @_;
    my ($uid, $gid) = _apache_user() or return $code->();
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        $) = "$gid $gid";
        $( = $gid;
        POSIX::setuid($uid) or POSIX::_exit(2);
        POSIX::_exit($code->() ? 0 : 1);
    }
    waitpid($pid, 0);
    return $? == 0;
}

# A path Apache's children can reach: itself when they can already, else a
# copy inside the temporary folder (made readable to them).  The build tree
# may sit where www-data cannot enter: under /root (mode 0700), a home
# folder of mode 0700, or a path with a space, which FcgidWrapper's command
# line would split.
my %APACHE_COPY;
sub _apache_reachable {
    my ($path, $name) = @_;
    return $APACHE_COPY{$path} if $APACHE_COPY{$path};
    my $test = -d $path ? sub { -r $path && -x $path } : sub { -x $path };
    return $path if $path !~ /\s/ && _as_apache_user($test);
    my $dst = tmpdir() . "/for-apache/$name";
    make_path(dirname($dst));
    if (-d $path) { _copy_tree($path, $dst) }
    else { copy($path, $dst) or die "copy $path -> $dst: $!"; chmod 0755, $dst }
    _open_to_apache($dst);
    return $APACHE_COPY{$path} = $dst;
}

# Makes everything from the temporary folder down to $path enterable and
# readable by Apache's User.
sub _open_to_apache {
    my ($path) = @_;
    my $top = tmpdir();
    for (my $d = dirname($path); length $d >= length $top; $d = dirname($d)) {
        chmod 0755, $d;
        last if $d eq $top;
    }
    find({ no_chdir => 1, wanted => sub { chmod((-d $_ || -x $_) ? 0755 : 0644, $_) } }, $path)
        if -d $path;
}

# The responder's command line for mod_fcgid or the CGI wrapper: the root,
# log and extra options of start_apache's `like` process (or its own), with
# the binary and the root as Apache's children can reach them.
sub _apache_invoke_cmd {
    my (%o) = @_;
    my $like = $o{like} ? (grep { ($_->{addr} || '') eq $o{like} } @PROCS)[-1] : undef;
    die "start_apache: no invoke-fcgi listens on $o{like}\n" if $o{like} && !$like;
    my $root = $o{root} || ($like && $like->{root}) or die "start_apache: no root\n";
    my $log = $o{log} || ($like && $like->{log}) || tmpdir() . '/' . ($o{name} || 'apache') . '-invoke.log';
    my @args = @{ $o{args} || ($like && $like->{args}) || [] };
    # the processes run as Apache's User, the log may already be root's
    _write($log, '') unless -e $log;
    chmod 0666, $log;
    my $bin = _apache_reachable(bin('invoke-fcgi'), 'bin/invoke-fcgi');
    $root = _apache_reachable($root, 'root-' . basename($root));
    _apache_can_run($bin, $root, @args);
    return (join(' ', $bin, '--root', $root, '--log', $log, @args), $root, $log);
}

# Before Apache starts: the responder, run as Apache's User with the same
# options (but a log of its own and no store, so the test's files stay as
# they are), must answer a CGI request for a missing function with its 404.
# When it cannot, every request through Apache would fail slowly; the test
# stops at once with the responder's own words instead.
sub _apache_can_run {
    my ($bin, $root, @args) = @_;
    my @opts;
    for (my $i = 0; $i < @args; $i++) {
        if ($args[$i] =~ /^--(?:data|log)$/) { $i++; next }
        push @opts, $args[$i];
    }
    my $out = tmpdir() . '/apache-probe.out';
    _write($out, '');
    chmod 0666, $out;
    my $ok = _as_apache_user(sub {
        local %ENV = (%ENV, GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1',
                      REQUEST_METHOD => 'GET', REQUEST_URI => '/invoke-test-probe',
                      SCRIPT_NAME => '/invoke-test-probe', QUERY_STRING => '',
                      REMOTE_ADDR => '127.0.0.1');
        my $pid = fork;
        die "fork: $!" unless defined $pid;
        if (!$pid) {
            open STDIN, '<', '/dev/null';
            open STDOUT, '>>', $out or POSIX::_exit(126);
            open STDERR, '>&', \*STDOUT;
            { no warnings 'exec'; exec { $bin } $bin, '--root', $root, '--log', '-', @opts }
            print "cannot start: $!\n";
            POSIX::_exit(127);
        }
        waitpid($pid, 0);
        return 1 if _slurp($out) =~ /^Status: 404/m;
        _write($out, _slurp($out) . "exit status " . ($? >> 8));
        return 0;
    });
    return 1 if $ok;
    (my $why = _slurp($out)) =~ s/\s+/ /g;
    my $msg = "Apache's children (" . (_apache_user() ? 'user www-data' : 'this user')
            . ") cannot run the responder $bin with --root $root: $why";
    # inside replay_test, the replaying test reports it once and stops
    Test::More::BAIL_OUT($msg) if $ENV{INVOKE_TEST_FRONT};
    die "$msg\n";
}

# contrib/apache/invoke-fcgi.conf with only its addresses and paths changed.
sub apache_vhost {
    my (%o) = @_;
    my $conf = _slurp("$SRCDIR/contrib/apache/invoke-fcgi.conf");
    my $n = 0;
    $n += $conf =~ s/<VirtualHost\s+[^>]+>/<VirtualHost 127.0.0.1:$o{port}>/g;
    $n += $conf =~ s{^(\s*)DocumentRoot\s+\S+}{${1}DocumentRoot $o{root}}mg;
    $n += $conf =~ s{^(\s*)<Directory\s+[^>]+>}{${1}<Directory $o{root}>}mg;
    $n += $conf =~ s{^(\s*)FcgidWrapper\s+"[^"]*"}{${1}FcgidWrapper "$o{cmd}"}mg;
    die "contrib/apache/invoke-fcgi.conf: missing VirtualHost, DocumentRoot, Directory or FcgidWrapper\n"
        unless $n >= 4;
    if ($o{invoke_root}) {
        $conf =~ s{^(\s*)#\s*SetEnv\s+INVOKE_ROOT\s+\S+}{${1}SetEnv INVOKE_ROOT $o{invoke_root}}mg
            or die "invoke-fcgi.conf: no INVOKE_ROOT example to enable\n";
    }
    return $conf;
}

# contrib/apache/invoke-fcgi-proxy.conf with only its address and the
# pool's socket changed: 'unix:PATH' or 'HOST:PORT' as start_invoke listens.
sub apache_proxy_vhost {
    my (%o) = @_;
    my $conf = _slurp("$SRCDIR/contrib/apache/invoke-fcgi-proxy.conf");
    my $url = $o{pool} =~ /^unix:(.*)$/ ? "unix:$1|fcgi://localhost/" : "fcgi://$o{pool}/";
    my $n = 0;
    $n += $conf =~ s/<VirtualHost\s+[^>]+>/<VirtualHost 127.0.0.1:$o{port}>/g;
    $n += $conf =~ s{^(\s*)ProxyPass\s+"[^"]*"}{${1}ProxyPass "$url"}mg;
    die "contrib/apache/invoke-fcgi-proxy.conf: missing VirtualHost or ProxyPass\n"
        unless $n >= 2;
    if ($o{invoke_root}) {
        $conf =~ s{^(\s*)#\s*SetEnv\s+INVOKE_ROOT\s+\S+}{${1}SetEnv INVOKE_ROOT $o{invoke_root}}mg
            or die "invoke-fcgi-proxy.conf: no INVOKE_ROOT example to enable\n";
    }
    return $conf;
}

# start_apache(like => 'ADDR' | root => DIR, args => [...], log => FILE,
#              recipe => 'vhost' | 'htaccess' | 'proxy', fcgid => 1, folder => 'api',
#              pool => 'ADDR',
#              invoke_root => DIR, port => PORT, name => 'apache')
# Apache 2.4 in the foreground with its own ServerRoot in the temporary
# folder, running the responder through mod_fcgid (or, with fcgid => 0 and
# the htaccess recipe, mod_cgi).  `like` names a started invoke-fcgi whose
# root, log and options the responder gets, so a test written for nginx runs
# unchanged.  recipe 'vhost' is contrib/apache/invoke-fcgi.conf; 'htaccess'
# puts contrib/apache/htaccess and contrib/apache/invoke.fcgi into
# DocumentRoot/FOLDER as a shared-hosting customer would.  As root, Apache
# runs its children as www-data (it refuses root), so the temporary folder is
# made readable.  recipe 'proxy' is contrib/apache/invoke-fcgi-proxy.conf:
# mod_proxy_fcgi in front of the invoke-fcgi pool listening on `pool` (a
# start_invoke address), which the test started and Apache does not.
# Returns { pid, port, error_log, dir, folder }.
sub start_apache {
    my (%o) = @_;
    my $name = $o{name} || 'apache';
    my $dir = tmpdir() . "/$name";
    my $recipe = $o{recipe} || 'vhost';
    my $fcgid = exists $o{fcgid} ? $o{fcgid} : 1;
    my $folder = $o{folder} || 'api';
    make_path("$dir/logs", "$dir/run", "$dir/fcgid", "$dir/htdocs");
    my $user = '';
    if (my ($uid, $gid) = _apache_user()) {
        chmod 0755, tmpdir();
        chown $uid, $gid, "$dir/fcgid", "$dir/run";
        $user = "User www-data\nGroup www-data\n";
    }
    my $proxy = $recipe eq 'proxy';
    $fcgid = 0 if $proxy;
    my ($cmd, $root);
    if ($proxy) {
        die "start_apache: recipe proxy needs the pool's address\n" unless $o{pool};
        # Apache's children (www-data when root) connect to a unix socket
        # (connect needs write permission on the socket file)
        if ($o{pool} =~ /^unix:(.*)$/ && _apache_user()) { _open_to_apache($1); chmod 0666, $1 }
    } else {
        ($cmd, $root) = _apache_invoke_cmd(%o, name => $name);
    }
    my $mpm = $fcgid || $proxy ? 'event' : 'prefork';
    my @mods = (
        "mpm_${mpm}_module mod_mpm_$mpm.so", 'authz_core_module mod_authz_core.so',
        'mime_module mod_mime.so', 'env_module mod_env.so', 'rewrite_module mod_rewrite.so',
        'dir_module mod_dir.so',
        ($proxy ? ('proxy_module mod_proxy.so', 'proxy_fcgi_module mod_proxy_fcgi.so')
         : $fcgid ? 'fcgid_module mod_fcgid.so' : 'cgi_module mod_cgi.so'));
    my $load = join '', map { my ($m, $f) = split / /; "LoadModule $m $APACHE_MODS/$f\n" } @mods;
    my $ipc = $fcgid ? "FcgidIPCDir $dir/fcgid\nFcgidProcessTableFile $dir/fcgid/shm\n" : '';
    for my $try (1 .. 3) {
        my $port = $o{port} || free_port();
        my $site;
        if ($proxy) {
            $site = apache_proxy_vhost(%o, port => $port);
        } elsif ($recipe eq 'vhost') {
            $site = apache_vhost(%o, port => $port, root => $root, cmd => $cmd);
        } else {
            my $pub = "$dir/htdocs/$folder";
            make_path($pub);
            my $ht = _slurp("$SRCDIR/contrib/apache/htaccess");
            $ht =~ s{^(\s*SetEnv\s+INVOKE_BASE\s+)\S+}{$1/$folder}mg
                or die "contrib/apache/htaccess: no SetEnv INVOKE_BASE\n";
            _write("$pub/.htaccess", $ht);
            my $wrap = _slurp("$SRCDIR/contrib/apache/invoke.fcgi");
            $wrap =~ s{^exec\s+.*$}{exec $cmd}m or die "contrib/apache/invoke.fcgi: no exec line\n";
            _write("$pub/invoke.fcgi", $wrap);
            chmod 0755, "$pub/invoke.fcgi";
            # what a shared host's own configuration allows its customers
            $site = "<VirtualHost 127.0.0.1:$port>\n"
                  . "    ServerName localhost\n"
                  . "    DocumentRoot $dir/htdocs\n"
                  . "    <Directory $dir/htdocs>\n"
                  . "        AllowOverride All\n"
                  . "        Options +SymLinksIfOwnerMatch\n"
                  . "        Require all granted\n"
                  . "    </Directory>\n"
                  . "</VirtualHost>\n";
        }
        _write("$dir/site.conf", $site);
        _write("$dir/apache2.conf", join '',
            "ServerRoot $dir\n",
            "DefaultRuntimeDir $dir/run\n",
            "PidFile $dir/run/apache2.pid\n",
            # not file (fcntl) locks, which are per process: mod_fcgid's
            # process table lock then fails between two threads of one
            # event-MPM child (EDEADLK) and mod_fcgid ends the child
            "Mutex pthread default\n",
            "Listen 127.0.0.1:$port\n",
            "ServerName 127.0.0.1\n",
            $user, $load, $ipc,
            "ErrorLog $dir/logs/error.log\n",
            "LogLevel warn\n",
            "TypesConfig /etc/mime.types\n",
            "Timeout 60\n",
            "Include $dir/site.conf\n");
        my $p = _spawn(argv => [$APACHE, '-d', $dir, '-f', "$dir/apache2.conf", '-DFOREGROUND'],
                       name => $name, stderr => "$dir/logs/stderr.log");
        @$p{qw(port error_log kind dir folder)} = ($port, "$dir/logs/error.log", 'apache', $dir, $folder);
        return $p if _wait_listening($p, "127.0.0.1:$port", 15);
        stop($p);
        next if $try < 3 && !$o{port} && _slurp("$dir/logs/error.log") =~ /in use/;
        die "apache did not start: " . _slurp("$dir/logs/error.log") . _slurp("$dir/logs/stderr.log");
    }
}

# replay_test('apache', '20-routing.t', qr/desc/ => 'why', ...): runs another
# test file with INVOKE_TEST_FRONT set (its start_nginx then starts that web
# server instead) and repeats each of its results here.  A failure whose
# description matches a known difference of that server is reported as TODO
# with the reason; every other failure fails here, with the file's comments.
my %FRONT_BROKEN;        # front => why it cannot run the responder
sub replay_test {
    my ($front, $file, @known) = @_;
    require TAP::Parser;
    if ($FRONT_BROKEN{$front}) {
        Test::More->builder->skip("$file: $front cannot run the responder (see above)");
        return;
    }
    local $ENV{INVOKE_TEST_FRONT} = $front;
    # exec, not source: a source path with a space in it would be split
    my $tap = TAP::Parser->new({ exec => [$^X, "-I$SRCDIR/t/lib", "$SRCDIR/t/$file"],
                                 merge => 1 });
    my $tb = Test::More->builder;
    my (@comments, $failed);
    while (my $r = $tap->next) {
        if ($r->is_bailout) {
            # the front could not run the responder: said once, the rest skipped
            $FRONT_BROKEN{$front} = $r->explanation;
            Test::More::ok(0, "$file: $front runs the responder")
                or Test::More::diag($r->explanation);
            return;
        } elsif ($r->is_plan && $r->directive eq 'SKIP') {
            Test::More::plan(skip_all => "$file: " . $r->explanation) unless $tb->current_test;
            $tb->skip("$file: " . $r->explanation);
        } elsif ($r->is_comment) {
            push @comments, $r->as_string;
        } elsif ($r->is_test) {
            (my $desc = $r->description) =~ s/^-\s*//;
            my $why;
            for (my $i = 0; $i < @known; $i += 2) {
                $why = $known[$i + 1], last if $desc =~ $known[$i];
            }
            if (!$r->is_ok && $why) {
                $tb->todo_start("$front: $why");
                Test::More::ok(0, "$file: $desc");
                $tb->todo_end;
            } else {
                Test::More::ok($r->is_ok, "$file: $desc") or $failed = 1;
            }
        }
    }
    Test::More::ok(!$tap->parse_errors, "$file: a complete TAP stream")
        or Test::More::diag(join "\n", $tap->parse_errors);
    Test::More::diag(join "\n", @comments) if $failed;
}

# --- HTTP over raw sockets -------------------------------------------------

sub _connect {
    my ($port) = @_;
    return IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port,
                                 Proto => 'tcp', Timeout => 5);
}

# Reads until EOF or the deadline; calls $on_read->($data) after each read.
sub _read_all {
    my ($s, $timeout, $on_read) = @_;
    my $sel = IO::Select->new($s);
    my $end = time + $timeout;
    my $buf = '';
    while (1) {
        my $left = $end - time;
        return ($buf, 'timeout') if $left <= 0 || !$sel->can_read($left);
        my $n = sysread($s, my $chunk, 65536);
        return ($buf, "read: $!") unless defined $n;
        return ($buf, undef) if $n == 0;
        $buf .= $chunk;
        $on_read->($buf) if $on_read;
    }
}

# Parses an HTTP/1.x response (lines may end in CRLF or, as `invoke run`
# may print them, LF): { status, reason, headers => { lc name => [values] },
# body (de-chunked), raw }.
sub parse_http {
    my ($raw) = @_;
    my $r = { raw => $raw, status => 0, headers => {}, body => '' };
    $raw =~ /\A(.*?)\r?\n\r?\n(.*)\z/s or return { %$r, error => 'no header end' };
    my ($head, $body) = ($1, $2);
    my ($line, @lines) = split /\r?\n/, $head;
    @$r{qw(status reason)} = $line =~ m{^HTTP/\d\.\d (\d{3}) ?(.*)$} or return { %$r, error => "bad status line: $line" };
    for (@lines) {
        my ($n, $v) = /^([^:]+):\s*(.*?)\s*$/ or next;
        push @{ $r->{headers}{ lc $n } }, $v;
    }
    if ((hdr($r, 'transfer-encoding') || '') =~ /chunked/i) {
        my $out = '';
        while ($body =~ s/^([0-9a-fA-F]+)[^\r\n]*\r\n//) {
            my $len = hex $1;
            last if $len == 0;
            $out .= substr($body, 0, $len);
            substr($body, 0, $len + 2) = '';
        }
        $body = $out;
    } elsif (defined(my $cl = hdr($r, 'content-length'))) {
        $body = substr($body, 0, $cl);
    }
    $r->{body} = $body;
    return $r;
}

# raw_request($port, $bytes, timeout => S): sends exactly $bytes, reads the
# whole answer.
sub raw_request {
    my ($port, $bytes, %o) = @_;
    my $s = _connect($port) or return { status => 0, headers => {}, body => '', error => "connect: $!" };
    binmode $s;
    syswrite($s, $bytes) == length $bytes or return { status => 0, headers => {}, body => '', error => "write: $!" };
    my ($raw, $err) = _read_all($s, $o{timeout} || $TIMEOUT);
    close $s;
    my $r = parse_http($raw);
    $r->{error} = $err if $err;
    return $r;
}

# http_request($port, $method, $target, headers => [Name => value, ...],
#              body => BYTES, timeout => S)
sub http_request {
    my ($port, $method, $target, %o) = @_;
    my @h = ref $o{headers} eq 'HASH' ? %{ $o{headers} } : @{ $o{headers} || [] };
    my $req = "$method $target HTTP/1.1\r\n";
    my %seen;
    while (my ($n, $v) = splice @h, 0, 2) { $req .= "$n: $v\r\n"; $seen{ lc $n } = 1 }
    $req .= "Host: 127.0.0.1\r\n" unless $seen{host};
    $req .= "Connection: close\r\n";
    $req .= 'Content-Length: ' . length($o{body}) . "\r\n" if defined $o{body};
    $req .= "\r\n" . (defined $o{body} ? $o{body} : '');
    return raw_request($port, $req, %o);
}

sub http_get { my ($port, $target, %o) = @_; http_request($port, 'GET', $target, %o) }

sub http_post {
    my ($port, $target, $body, %o) = @_;
    http_request($port, 'POST', $target, %o, body => $body);
}

# stream_request($port, $target): like http_get, and also records when each
# piece arrived: { ..., arrivals => [[time, bytes so far], ...], start }.
sub stream_request {
    my ($port, $target, %o) = @_;
    my $s = _connect($port) or return { status => 0, headers => {}, body => '', error => "connect: $!" };
    my $t0 = time;
    syswrite($s, "GET $target HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    my @arrivals;
    my ($raw, $err) = _read_all($s, $o{timeout} || $TIMEOUT, sub { push @arrivals, [time, $_[0]] });
    close $s;
    my $r = parse_http($raw);
    $r->{error} = $err if $err;
    $r->{arrivals} = \@arrivals;
    $r->{start} = $t0;
    return $r;
}

# start_request($port, $target) sends a GET and returns the socket without
# reading; finish_request($sock, timeout => S) reads and parses the answer.
sub start_request {
    my ($port, $target) = @_;
    my $s = _connect($port) or return undef;
    syswrite($s, "GET $target HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return $s;
}

# read_until($sock, qr/.../, timeout => S): reads what arrives until it
# matches; returns what was read.
sub read_until {
    my ($s, $re, %o) = @_;
    my $sel = IO::Select->new($s);
    my $end = time + ($o{timeout} || $TIMEOUT);
    my $buf = '';
    while ($buf !~ $re && time < $end && $sel->can_read($end - time)) {
        sysread($s, $buf, 65536, length $buf) or last;
    }
    return $buf;
}

sub finish_request {
    my ($s, %o) = @_;
    return { status => 0, headers => {}, body => '', error => 'no connection' } unless $s;
    my ($raw, $err) = _read_all($s, $o{timeout} || $TIMEOUT);
    close $s;
    my $r = parse_http($raw);
    $r->{error} = $err if $err;
    return $r;
}

# First value of a header (all values in list context).
sub hdr {
    my ($r, $name) = @_;
    my $v = $r->{headers}{ lc $name } || [];
    return wantarray ? @$v : $v->[0];
}

# The body decoded as JSON, or undef (with a diagnostic) when it is not JSON.
sub json_body {
    my ($r) = @_;
    my $v = eval { JSON::PP->new->utf8->allow_nonref->decode($r->{body}) };
    Test::More::diag("not JSON ($r->{status}): " . substr($r->{body}, 0, 300)) if !defined $v && $@;
    return $v;
}

# get_json($port, '/path'): GET through the web server on $port; the
# decoded body of a 200 (an empty hash when it is not JSON), else
# { status, body } so that a comparison shows what came instead.
sub get_json {
    my ($port, $path) = @_;
    my $r = http_get($port, $path);
    return $r->{status} == 200 ? (json_body($r) || {}) : { status => $r->{status}, body => $r->{body} };
}

# start_load($port, '/hello', check => qr/.../, fcgi => 'ADDR'): a forked
# child that sends one request after another, each on a new connection
# (through the web server on $port, or straight over FastCGI to ADDR),
# until stop_load($load) returns { ok, fail, refused, failures => [first
# 10] }.  A request counts as ok with status 200, a complete answer and,
# when given, a body matching `check`; with refused_ok => 1 a connection
# refused (the server stopped listening) is counted apart as `refused`, and
# one closed before a single byte came back as `dropped` (a stop's race:
# connected in the backlog as the last worker closed the socket).
# More options:
#   clients => N     N such children at once (the counts are their sums);
#   timeout => S     each request's limit;
#   request => sub { my ($k, $client) = @_; ... }
#                    makes the k-th request of a client itself (k counts
#                    from the client's number) and returns fcgi_request's
#                    or http_get's answer, or undef for none this time;
#   answer => sub { my ($r, $client) = @_; ... }
#                    one line recording that answer (undef: none); the
#                    lines of every client come back as `lines`;
#   count => N       each client stops after N requests (stop_load then
#                    waits for them instead of stopping them).
sub start_load {
    my ($port, $target, %o) = @_;
    my $file = tmpdir() . '/load.' . ++$RUNS;
    my @pids;
    for my $c (1 .. ($o{clients} || 1)) {
        my $pid = fork;
        die "fork: $!" unless defined $pid;
        if (!$pid) {
            _load_client($port, $target, "$file.$c", "$file.stop", $c, \%o);
            POSIX::_exit(0);
        }
        push @pids, $pid;
    }
    return { pid => $pids[0], pids => \@pids, file => $file, count => $o{count} };
}

sub _load_client {
    my ($port, $target, $file, $stop, $c, $o) = @_;
    $SIG{$_} = 'DEFAULT' for qw(INT TERM);
    my ($ok, $fail, $refused, $dropped, $sent, @why) = (0, 0, 0, 0, 0);
    my $lines;
    if ($o->{answer}) {
        open $lines, '>', "$file.lines" or die "$file.lines: $!";
        select((select($lines), $| = 1)[0]);
    }
    my $k = $c;
    until (-e $stop || ($o->{count} && $sent >= $o->{count})) {
        my %t = $o->{timeout} ? (timeout => $o->{timeout}) : ();
        my $r = $o->{request} ? $o->{request}->($k++, $c)
              : $o->{fcgi} ? fcgi_request($o->{fcgi}, params => { REQUEST_URI => $target }, %t)
              : http_get($port, $target, %t);
        next unless $r;
        $sent++;
        if ($lines) {
            my $line = $o->{answer}->($r, $c);
            print $lines "$line\n" if defined $line;
        }
        if ($r->{status} == 200 && !$r->{error} && (!$o->{check} || $r->{body} =~ $o->{check})) {
            $ok++;
        } elsif ($o->{refused_ok} && ($r->{error} || '') =~ /^connect:/) {
            $refused++;     # the server has stopped listening
            select(undef, undef, undef, 0.01);
        } elsif ($o->{refused_ok} && $r->{error} && ($r->{raw} || '') eq '' && !$r->{stderr}) {
            $dropped++;     # queued in the backlog as the last worker left
        } else {
            $fail++;
            push @why, "$r->{status} " . ($r->{error} || '') . ' ' . substr($r->{body} // '', 0, 80)
                if @why < 10;
        }
    }
    close $lines if $lines;
    _write($file, JSON::PP->new->encode({ ok => $ok, fail => $fail, refused => $refused,
                                          dropped => $dropped, failures => \@why }));
}

sub stop_load {
    my ($l) = @_;
    # clients that stop after a count are waited for, not stopped
    _write("$l->{file}.stop", '') unless $l->{count};
    waitpid($_, 0) for @{ $l->{pids} };
    my %sum = (ok => 0, fail => 0, refused => 0, dropped => 0, failures => [], lines => []);
    my $reported = 0;
    for my $c (1 .. @{ $l->{pids} }) {
        my $r = eval { JSON::PP->new->decode(_slurp("$l->{file}.$c")) } or next;
        $reported++;
        $sum{$_} += $r->{$_} for qw(ok fail refused dropped);
        push @{ $sum{failures} }, @{ $r->{failures} };
        push @{ $sum{lines} }, split /\n/, _slurp("$l->{file}.$c.lines");
    }
    splice @{ $sum{failures} }, 10 if @{ $sum{failures} } > 10;
    return $reported ? \%sum : { ok => 0, fail => -1, failures => ['the load child reported nothing'] };
}

# --- FastCGI, straight to the responder ------------------------------------

sub _fcgi_len {
    my $l = length $_[0];
    return $l < 128 ? pack('C', $l) : pack('N', $l | 0x80000000);
}

sub _fcgi_record {
    my ($type, $id, $content) = @_;
    my $pad = (8 - length($content) % 8) % 8;
    return pack('CCnnCC', 1, $type, $id, length $content, $pad, 0) . $content . ("\0" x $pad);
}

# fcgi_request($addr, params => {...}, body => BYTES, timeout => S,
#              then => [NAME => value, ...]): one request over the FastCGI
# protocol without a web server in between (no path normalization at
# all); `then` are sent after the params, so a name may come twice.
# Returns the parsed CGI response plus stderr.
sub fcgi_request {
    my ($addr, %o) = @_;
    my $s = $addr =~ /^unix:(.*)/ ? IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $1)
          : IO::Socket::INET->new(PeerAddr => $addr, Proto => 'tcp', Timeout => 5);
    return { status => 0, headers => {}, body => '', error => "connect: $!" } unless $s;
    binmode $s;
    my $body = defined $o{body} ? $o{body} : '';
    my %p = (GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1',
             REQUEST_METHOD => 'GET', QUERY_STRING => '', REMOTE_ADDR => '127.0.0.1',
             REMOTE_PORT => '40000', SERVER_ADDR => '127.0.0.1', SERVER_PORT => '80',
             SERVER_NAME => 'localhost', HTTP_HOST => 'localhost',
             CONTENT_LENGTH => length $body ? length $body : '',
             %{ $o{params} || {} });
    my @then = @{ $o{then} || [] };
    my $params = join '', map { _fcgi_len($_->[0]) . _fcgi_len($_->[1]) . $_->[0] . $_->[1] }
                          (map { [$_, $p{$_}] } sort keys %p),
                          map { [@then[2 * $_, 2 * $_ + 1]] } 0 .. @then / 2 - 1;
    my $msg = _fcgi_record(1, 1, pack('nCx5', 1, 0));
    while (length $params) { $msg .= _fcgi_record(4, 1, substr($params, 0, 32768, '')) }
    $msg .= _fcgi_record(4, 1, '');
    while (length $body) { $msg .= _fcgi_record(5, 1, substr($body, 0, 32768, '')) }
    $msg .= _fcgi_record(5, 1, '');
    syswrite($s, $msg);
    my ($raw, $err) = _read_all($s, $o{timeout} || $TIMEOUT);
    close $s;
    my ($out, $stderr, $ended) = ('', '', 0);
    while (length($raw) >= 8) {
        my ($v, $type, $id, $len, $pad) = unpack('CCnnC', $raw);
        last if length($raw) < 8 + $len + $pad;
        my $content = substr($raw, 8, $len);
        substr($raw, 0, 8 + $len + $pad) = '';
        if ($type == 6) { $out .= $content } elsif ($type == 7) { $stderr .= $content }
        elsif ($type == 3) { $ended = 1 }
    }
    my $r = parse_cgi($out);
    $r->{stderr} = $stderr;
    $r->{error} ||= $err || ($ended ? undef : 'no FCGI_END_REQUEST');
    return $r;
}

# A CGI response (Status: header, other headers, blank line, body) parsed
# like an HTTP one; status 200 when no Status: line is given.
sub parse_cgi {
    my ($out) = @_;
    my $r = { raw => $out, status => 0, headers => {}, body => '' };
    $out =~ /\A(.*?)\r?\n\r?\n(.*)\z/s or return { %$r, error => 'no header end' };
    my ($head, $body) = ($1, $2);
    for (split /\r?\n/, $head) {
        my ($n, $v) = /^([^:]+):\s*(.*?)\s*$/ or next;
        push @{ $r->{headers}{ lc $n } }, $v;
    }
    my $st = hdr($r, 'status');
    @$r{qw(status reason)} = defined $st && $st =~ /^(\d{3})\s*(.*)/ ? ($1, $2) : (200, 'OK');
    $r->{body} = $body;
    return $r;
}

# run_cmd([argv], stdin => BYTES, env => {...}, timeout => S): runs a command
# to completion.  Returns { exit, signal, stdout, stderr, timed_out }.
sub run_cmd {
    my ($argv, %o) = @_;
    my $tmp = tmpdir();
    my $n = ++$RUNS;
    my ($in, $out, $err) = map { "$tmp/run$n.$_" } qw(in out err);
    _write($in, defined $o{stdin} ? $o{stdin} : '');
    my $p = _spawn(argv => $argv, env => $o{env}, stdin => $in, stdout => $out,
                   stderr => $err, name => $argv->[0]);
    my $end = time + ($o{timeout} || $TIMEOUT);
    sleep 0.01 while alive($p) && time < $end;
    my $timed_out = alive($p);
    stop($p, signal => 'KILL') if $timed_out;
    my $st = $p->{status};
    return { exit => $st >> 8, signal => $st & 127, stdout => _slurp($out),
             stderr => _slurp($err), timed_out => $timed_out };
}

# run_cgi(root => DIR, method => 'GET', uri => '/x?y', body => BYTES,
#         env => {...}, args => [...]): invoke-fcgi as a plain CGI program.
sub run_cgi {
    my (%o) = @_;
    my $uri = $o{uri};
    my ($path, $query) = $uri =~ /^([^?]*)\??(.*)$/s;
    my $body = defined $o{body} ? $o{body} : '';
    my %env = (GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1',
               REQUEST_METHOD => $o{method} || 'GET', REQUEST_URI => $uri,
               SCRIPT_NAME => $path, QUERY_STRING => $query,
               REMOTE_ADDR => '127.0.0.1', SERVER_NAME => 'localhost',
               SERVER_PORT => '80', HTTP_HOST => 'localhost',
               (length $body ? (CONTENT_LENGTH => length $body) : ()),
               %{ $o{env} || {} });
    my $r = run_cmd([bin('invoke-fcgi'), '--root', $o{root}, @{ $o{args} || [] }],
                    stdin => $body, env => \%env, timeout => $o{timeout});
    my $resp = parse_cgi($r->{stdout});
    $resp->{$_} = $r->{$_} for qw(exit signal stderr timed_out);
    return $resp;
}

# --- a replicated store: sites on loopback (doc/kv.md, "Several hosts") -----

# start_group(root => DIR, sites => 3, workers => 2, args => [...],
#             data => DIR (default: the temporary folder))
# Starts one responder per site, each with its own --data folder
# (DATA/dataI) and replication port, every site naming all the others as
# --peer, quorum acks.  Returns the group: { site => [procs], rport =>
# [ports], data => [folders], ... }; group_master finds who was elected.
sub start_group {
    my (%o) = @_;
    my $n = $o{sites} || 3;
    my $dir = $o{data} || tmpdir();
    my $g = { %o, n => $n, rport => [map { free_port() } 1 .. $n],
              data => [map { "$dir/data$_" } 0 .. $n - 1], site => [] };
    group_site($g, $_) for 0 .. $n - 1;
    return $g;
}

# (Re)starts site i of the group, with the same folder and ports.
sub group_site {
    my ($g, $i) = @_;
    my @peers = map { ('--peer', "127.0.0.1:$g->{rport}[$_]") } grep { $_ != $i } 0 .. $g->{n} - 1;
    $g->{site}[$i] = start_invoke(root => $g->{root}, workers => $g->{workers} || 2,
                                  name => "site$i",
                                  args => ['--data', $g->{data}[$i], @{ $g->{args} || [] },
                                           '--replicate', "127.0.0.1:$g->{rport}[$i]", @peers]);
    return $g->{site}[$i];
}

# Site i's replication.json (rewritten by its replicator every 0.25 s), or {}.
sub group_status {
    my ($g, $i) = @_;
    open my $f, '<', "$g->{data}[$i]/replication.json" or return {};
    local $/;
    return eval { JSON::PP::decode_json(<$f>) } || {};
}

# The site the given ones (default: all) agree is the master, or undef:
# one calls itself master and every other names it.
sub group_master {
    my ($g, @among) = @_;
    @among = 0 .. $g->{n} - 1 unless @among;
    my @m = grep { (group_status($g, $_)->{role} // '') eq 'master' } @among;
    return undef unless @m == 1;
    my $addr = group_status($g, $m[0])->{site};
    for my $i (@among) {
        next if $i == $m[0];
        return undef unless (group_status($g, $i)->{master} // '') eq $addr;
    }
    return $m[0];
}

# Writes the sites' FastCGI addresses, one a line ('-' for a site that is
# down), to FILE at once (renamed into place): load clients read it anew
# for every request.
sub group_write_addrs {
    my ($g, $file) = @_;
    open my $f, '>', "$file.new" or die "$file.new: $!";
    print $f join("\n", map { $_ && alive($_) ? $_->{addr} : '-' } @{ $g->{site} }), "\n";
    close $f;
    rename "$file.new", $file or die "$file: $!";
}

# --- logs ------------------------------------------------------------------

sub log_lines {
    my ($p) = @_;
    return split /\n/, _slurp(ref $p ? $p->{log} : $p);
}

# Log lines parsed as TIME LEVEL REQID FUNC MESSAGE; lines that do not have
# that shape come back with only {line}.
sub log_records {
    my ($p) = @_;
    return map {
        /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) (\S+) (\S+) ?(.*)$/
            ? { line => $_, time => $1, level => $2, reqid => $3, func => $4, msg => $5 }
            : { line => $_ }
    } log_lines($p);
}

# wait_for(sub { ... }, $timeout): polls until the sub returns true; returns
# its last value.
sub wait_for {
    my ($cond, $timeout) = @_;
    my $end = time + (defined $timeout ? $timeout : 10);
    while (1) {
        my $v = $cond->();
        return $v if $v || time >= $end;
        sleep 0.05;
    }
}

# wait_for_log($proc, qr/.../, $timeout): the first log line that matches.
sub wait_for_log {
    my ($p, $re, $timeout) = @_;
    return wait_for(sub { (grep { $_ =~ $re } log_lines($p))[0] }, $timeout);
}

# --- script/serve ---------------------------------------------------------

# serve(root => DIR, port => PORT): invoke-fcgi (two workers, log on this
# terminal) behind nginx on 127.0.0.1:PORT until SIGINT or SIGTERM, then
# stops both.
sub serve {
    my (%o) = @_;
    my $root = abs_path($o{root});
    die "serve: no folder $o{root}\n" unless $root && -d $root;
    # A store in the run's temporary folder: the examples use kv.
    my $data = tmpdir() . '/data';
    mkdir $data;
    my $inv = start_invoke(root => $root, workers => 2, log => undef, name => 'invoke-fcgi',
                           args => ['--data', $data]);
    my $ng = start_nginx(fastcgi => $inv->{addr}, port => $o{port});
    my @urls;
    find({ no_chdir => 1, wanted => sub {
        (my $rel = $File::Find::name) =~ s{^\Q$root\E/?}{};
        if (-d $_ && $rel =~ m{(^|/)([._]|node_modules$)}) { $File::Find::prune = 1; return }
        return unless $rel =~ s/\.js$// && $rel !~ m{(^|/)[._]};
        $rel =~ s{(^|/)index$}{};
        push @urls, "http://127.0.0.1:$ng->{port}/$rel";
    } }, $root);
    print "invoke-fcgi on $inv->{addr} (root $root), nginx on 127.0.0.1:$ng->{port}\n";
    print "  $_\n" for sort @urls;
    print "Ctrl-C stops both.\n";
    my $stop;
    local $SIG{INT} = local $SIG{TERM} = sub { $stop = 1 };
    sleep 0.2 until $stop || !alive($inv) || !alive($ng);
    print STDERR "serve: $_->{name} exited\n" for grep { !$stop && !alive($_) } $inv, $ng;
    stop_all();
    print "stopped\n";
}

# spawn_with_fd3($sock, $stderr_file, \%env, @argv): forks a child that gets
# $sock as fd 3 and LISTEN_PID set to its own pid, as systemd passes a
# socket (unless %env names another LISTEN_PID), with %env added, stdin
# from /dev/null and stderr appended to $stderr_file, then execs @argv.
# Returns the child's pid; the caller still owns (and should close) $sock.
sub spawn_with_fd3 {
    my ($sock, $stderr, $env, @argv) = @_;
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    return $pid if $pid;
    if (fileno($sock) == 3) {           # dup2 onto itself would keep close-on-exec
        fcntl($sock, Fcntl::F_SETFD(), 0) or POSIX::_exit(126);
    } else {
        POSIX::dup2(fileno($sock), 3) or POSIX::_exit(126);
    }
    open STDIN, '<', '/dev/null';
    open STDERR, '>>', $stderr;
    $ENV{LISTEN_PID} = $$;              # exec keeps the pid
    @ENV{keys %$env} = values %$env;
    { exec @argv }
    POSIX::_exit(127);
}

# --- the end of every test -------------------------------------------------

my $CRASH = qr/SIGSEGV|SIGABRT|SIGBUS|SIGFPE|SIGILL|segmentation fault|core dumped
              |signal\s+(?:4|6|7|8|11)\b|assertion\b.*\bfailed|double\s+free
              |stack\s+smashing|AddressSanitizer|FATAL\s+ERROR|\bpanic\b/xi;

# Stops everything, then checks that nginx logged no alert, emergency or
# critical line and that no responder log shows a crash; then done_testing.
sub finish {
    stop_all();
    for my $p (@PROCS) {
        if (($p->{kind} || '') eq 'nginx') {
            my @bad = grep { /\[(alert|emerg|crit)\]/ } split /\n/, _slurp($p->{error_log});
            Test::More::is(scalar @bad, 0, "$p->{name}: no [alert]/[emerg]/[crit] in error.log")
                or Test::More::diag(join "\n", @bad);
        } elsif (($p->{kind} || '') eq 'apache') {
            my @bad = grep { /\[(?:\w+:)?(?:alert|emerg|crit)\]|Segmentation fault/ || $_ =~ $CRASH }
                      split /\n/, _slurp($p->{error_log});
            Test::More::is(scalar @bad, 0, "$p->{name}: no [alert]/[emerg]/[crit] or crash in error.log")
                or Test::More::diag(join "\n", @bad);
        } elsif (($p->{kind} || '') eq 'invoke') {
            my @bad = grep { $_ =~ $CRASH } log_lines($p->{log} || '/dev/null'),
                                             split /\n/, _slurp($p->{stderr} || '/dev/null');
            Test::More::is(scalar @bad, 0, "$p->{name}: no crash in the responder's log")
                or Test::More::diag(join "\n", @bad);
            Test::More::ok(!$p->{killed}, "$p->{name}: stopped on SIGTERM");
            my $sig = ($p->{status} || 0) & 127;
            Test::More::ok($sig == 0 || $sig == 15, "$p->{name}: no crash on exit")
                or Test::More::diag("wait status $p->{status}");
        }
    }
    if ($ENV{INVOKE_TEST_VALGRIND}) {
        my @bad = grep { _slurp($_) =~ /ERROR SUMMARY: [1-9]/ } glob(tmpdir() . '/valgrind.*.log');
        Test::More::is(scalar @bad, 0, 'valgrind: no errors') or Test::More::diag("see @bad");
    }
    Test::More::done_testing();
}

1;
