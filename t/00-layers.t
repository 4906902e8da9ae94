#!/usr/bin/perl
# The house keeps its shape (doc/internals.md, "Layers"): every #include of
# the project's own sources follows an allowed edge between layers, no
# include cycle exists between units (a .c and its .h are one unit), every
# include names a file that exists, and every function a .c file defines,
# static or not, carries that file's prefix.  Reads src/ only; builds
# nothing.
use strict;
use warnings;
use FindBin;
use File::Find qw(find);
use Test::More;

my $src = "$FindBin::Bin/../src";

# layer => the layers it may include (besides itself)
my %ALLOWED = (
    common   => [],
    store    => [qw(common)],
    router   => [qw(common)],
    net      => [qw(common)],
    runtime  => [],
    bindings => [qw(common store router net runtime)],
    engine   => [qw(common store router net runtime bindings)],
    server   => [qw(common net engine)],
    tools    => [qw(common net store engine)],
);
# headers that are not the project's own sources: the build's and Duktape's
my %EXTERNAL = map { $_ => 1 } qw(config.h duktape.h);
# file => the prefix of every function it defines (main.c's main aside)
my %PREFIX = (
    'common/log.c' => 'log_', 'common/http.c' => 'http_', 'common/cgi.c' => 'cgi_',
    'common/now.c' => 'now_', 'common/file.c' => 'file_', 'common/utf8.c' => 'utf8_',
    'store/kv.c' => 'kv_', 'store/bytecode.c' => 'bc_',
    'router/router.c' => 'route_', 'net/net.c' => 'net_', 'runtime/bundle.c' => 'bundle_',
    'bindings/js_host.c' => 'js_host_', 'bindings/js_sys.c' => 'js_sys_',
    'bindings/js_json.c' => 'js_json_', 'bindings/js_files.c' => 'js_files_',
    'bindings/js_module.c' => 'js_module_', 'bindings/js_kv.c' => 'js_kv_',
    'bindings/js_crypto.c' => 'js_crypto_', 'bindings/js_fetch.c' => 'js_fetch_',
    'bindings/js_icu.c' => 'js_icu_', 'bindings/js_os.c' => 'js_os_',
    'bindings/js_bigint.c' => 'js_bigint_',
    'bindings/js_zlib.c' => 'js_zlib_', 'bindings/js_dh.c' => 'js_dh_', 'bindings/js_ossl.c' => 'js_ossl_', 'bindings/js_x509.c' => 'js_x509_',
    'engine/engine.c' => 'eng_', 'engine/heap.c' => 'heap_', 'engine/boot.c' => 'boot_',
    'engine/front.c' => 'front_', 'engine/ratelimit.c' => 'rl_', 'engine/settings.c' => 'set_', 'engine/access.c' => 'acc_', 'engine/extend.c' => 'extend_',
    'server/main.c' => 'main_', 'server/cfg.c' => 'cfg_', 'server/supervisor.c' => 'sup_',
    'server/scoreboard.c' => 'sb_', 'server/request.c' => 'rq_', 'server/worker.c' => 'wrk_',
    'tools/invoke.c' => 'inv_', 'tools/deploy.c' => 'dep_',
    'engine/cron.c' => 'cron_', 'engine/schedule.c' => 'sched_', 'server/scheduler.c' => 'schd_',
    'tools/sched.c' => 'sch_', 'engine/admin.c' => 'adm_',
);

my @files;
find({ no_chdir => 1, wanted => sub {
    push @files, substr($File::Find::name, length($src) + 1) if /\.[ch]$/;
} }, $src);
# made by the build (an in-tree build leaves it beside the sources)
@files = grep { $_ ne 'runtime/bundle_files.c' && $_ ne 'engine/admin_files.c' } @files;
@files = sort @files;
ok(scalar @files, 'src/ has sources (' . scalar(@files) . ' files)');

sub slurp { open my $fh, '<', "$src/$_[0]" or die "$_[0]: $!"; local $/; <$fh> }
sub unit { (my $u = $_[0]) =~ s/\.[ch]$//; $u }
sub layer { $_[0] =~ m{^([^/]+)/} ? $1 : '' }

my (%edges, @bad_edge, @missing, @unlayered);
for my $f (@files) {
    my $layer = layer($f);
    push @unlayered, $f unless exists $ALLOWED{$layer};
    for my $inc (slurp($f) =~ /^\s*#\s*include\s+"([^"]+)"/mg) {
        next if $EXTERNAL{$inc};
        if (!-e "$src/$inc") { push @missing, "$f: \"$inc\""; next }
        my $to = layer($inc);
        push @bad_edge, "$f ($layer) includes $inc ($to)"
            unless $to eq $layer || grep { $_ eq $to } @{ $ALLOWED{$layer} || [] };
        $edges{ unit($f) }{ unit($inc) } = 1 unless unit($inc) eq unit($f);
    }
}
is_deeply(\@unlayered, [], 'every source file lies in a layer folder') or diag(join "\n", @unlayered);
is_deeply(\@missing, [], 'every #include "..." names a file that exists') or diag(join "\n", @missing);
is_deeply(\@bad_edge, [], 'every #include follows an allowed edge between layers')
    or diag(join "\n", @bad_edge);

# include cycles between units, by depth-first search
my (%state, @cycles);
sub visit {
    my ($u, @path) = @_;
    $state{$u} = 1;
    for my $v (sort keys %{ $edges{$u} || {} }) {
        if (($state{$v} || 0) == 1) {
            my @loop = (@path, $u);
            push @cycles, join ' -> ', @loop[(grep { $loop[$_] eq $v } 0 .. $#loop)[0] .. $#loop], $v;
        } elsif (!$state{$v}) {
            visit($v, @path, $u);
        }
    }
    $state{$u} = 2;
}
visit($_) for grep { !$state{$_} } sort keys %edges;
is_deeply(\@cycles, [], 'no include cycle between units') or diag(join "\n", @cycles);

# one prefix per file: a definition starts at column 0 with its return type
# and name, and its body's brace opens the next line
my @unprefixed;
for my $f (grep { /\.c$/ } @files) {
    my $p = $PREFIX{$f};
    if (!defined $p) { push @unprefixed, "$f: no prefix in t/00-layers.t's table"; next }
    my $text = slurp($f);
    while ($text =~ /^(?!typedef|struct|enum|static\s+const|#)[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;{]*?\)\s*\n\{/mg) {
        my $name = $1;
        next if $name eq 'main' && $f eq 'server/main.c' or $name eq 'main' && $f eq 'tools/invoke.c';
        push @unprefixed, "$f: $name" unless index($name, $p) == 0;
    }
}
is_deeply(\@unprefixed, [], "every function carries its file's prefix") or diag(join "\n", @unprefixed);

done_testing();
