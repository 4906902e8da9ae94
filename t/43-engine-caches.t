#!/usr/bin/perl
# The engine's caches (doc/internals.md, "Modules and their caches"): the
# front end runs in a heap of its own, whose bytecode is kept in
# DATA/bytecode/front-<hash>.bc; a module is a factory called with each
# request's global, so globals behave as in a plain global scope.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Glob ();
use InvokeTest;

need_bins('invoke');
my $tmp = tmpdir();
my $invoke = bin('invoke');
my $root = "$tmp/root";
my $data = "$tmp/data";
mkdir $_ or die "$_: $!" for $root, $data;

sub put { write_file("$root/$_[0]", $_[1]) }

sub run {
    my ($path) = @_;
    my $c = run_cmd([$invoke, 'run', $root, $path, '--data', $data], timeout => 60);
    my $r = parse_http($c->{stdout});
    $r->{$_} = $c->{$_} for qw(exit stderr stdout);
    return $r;
}

sub front_files { return File::Glob::bsd_glob("$data/bytecode/front-*.bc") }    # the path may hold spaces

# A modern module, compiled through the front end's heap.
put('modern.js', "const f = (a, b = 2) => a ** b;\nmodule.exports = (req, res) => res.json({ v: f(3) });\n");
my $r = run('/modern');
is($r->{status}, 200, 'a modern module compiles through the front end') or diag($r->{stderr});
is((json_body($r) || {})->{v}, 9, '... and runs');
my @front = front_files();
is(scalar @front, 1, 'the front end\'s bytecode is kept in DATA/bytecode');

# Another module, compiled by a front end loaded from that bytecode.
put('other.js', "const { a, ...rest } = { a: 1, b: 2, c: 3 };\nmodule.exports = (req, res) => res.json({ a, rest });\n");
$r = run('/other');
is_deeply(json_body($r), { a => 1, rest => { b => 2, c => 3 } }, 'a front end loaded from bytecode lowers a new module')
    or diag($r->{stderr});

# A damaged file is not loaded: the front end is compiled and the file written anew.
open my $fh, '>', $front[0] or die $!;
print $fh "invoke-rt1\n\xff\xff\xff\x7f";
close $fh;
put('third.js', "let n = 0;\nfor (const x of [1, 2, 3]) n += x;\nmodule.exports = (req, res) => res.json({ n });\n");
$r = run('/third');
is((json_body($r) || {})->{n}, 6, 'a damaged front-end file is passed over') or diag($r->{stderr});
ok(-s $front[0] > 1000, '... and written again');

# A syntax error still names the file, line and column.
put('bad.js', "const ok = 1;\nconst x = (a) => a +;\nmodule.exports = (req, res) => res.send('x');\n");
$r = run('/bad');
is($r->{status}, 500, 'a syntax error is a 500');
like($r->{stderr}, qr{SyntaxError: .*bad\.js:2:\d+}, 'its message names file:line:col');

# Globals through the module's factory: an implicit global, then updated,
# is one property of the request's global, seen the same both ways.
put('globals.js', <<'JS');
leaked = 1; leaked++;
globalThis.g = 5; g = g + 1;
var t = typeof notDeclaredAnywhere;
module.exports = function (req, res) {
  res.json({ leaked: leaked, viaGlobal: globalThis.leaked, g: g, gg: globalThis.g, t: t });
};
JS
$r = run('/globals');
is_deeply(json_body($r), { leaked => 2, viaGlobal => 2, g => 6, gg => 6, t => 'undefined' },
          'implicit and explicit globals are the request global\'s own') or diag($r->{stderr});

finish();
