#!/usr/bin/perl
# TypeScript lowered from its own tree (src/front/typescript.js, "The tree
# without its types"): for every TypeScript file of t/modules/ts-*.txt, and
# every case of t/syntax/*.txt read as TypeScript, the tree tsToJs strips
# must be the one acorn parses from the JavaScript it wrote, and front.js
# must lower the same text from either (t/syntax/ts-tree.js, run by node on
# the build's acorn and TypeScript plugin; skipped where node or the
# build's front-npm is absent).  t/96-modules.t runs the same files through
# invoke.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Glob qw(bsd_glob);
use InvokeTest;

my $build = builddir();
my $node = (grep { -x "$_/node" } split /:/, $ENV{PATH} // '')[0];
plan(skip_all => 'node not found') unless $node;
plan(skip_all => "no $build/front-npm (the build installs it)")
    unless -d "$build/front-npm/node_modules/\@sveltejs/acorn-typescript";
my @files = (sort(bsd_glob("$FindBin::Bin/modules/ts-*.txt")), sort(bsd_glob("$FindBin::Bin/syntax/*.txt")));
my $c = run_cmd(["$node/node", "$FindBin::Bin/syntax/ts-tree.js", $build, @files], timeout => 600);
is($c->{exit}, 0, 'ts-tree.js runs') or diag($c->{stderr});
my ($stripped, $n) = (0, 0);
for (split /\n/, $c->{stdout}) {
    my ($ok, $what, $name) = split /\t/, $_, 3;
    next unless defined $name;
    $n++;
    $stripped++ if $what eq 'stripped';
    ok($ok eq 'ok', $name) or diag($what);
}
# most of them: a fast path never taken would pass every test above
cmp_ok($stripped, '>=', $n * 0.8, "$stripped of $n lowered from their own tree");
done_testing();
