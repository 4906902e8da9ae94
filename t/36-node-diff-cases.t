#!/usr/bin/perl
# The differential corpus of issue 18: t/runtime/diff-*.txt, expressions
# over typed arrays, ArrayBuffer and DataView, util, events and
# CustomEvent, timers/promises, stream, os, punycode, perf_hooks, crypto
# keys and crypto.subtle, each printed by a t(() => ...) (or, awaited, a
# ta(async () => ...)) line; the expected output is recorded from node 20
# (node t/syntax/expect.js FILE), never written by hand, and every case runs
# through `invoke exec`.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use InvokeTest;
use Cases;
use File::Glob qw(bsd_glob);

# bsd_glob (sorted): the checkout's path may hold spaces (CI's does)
my @files = bsd_glob("$FindBin::Bin/runtime/diff-*.txt");
my $exprs = 0;
for my $f (@files) {
    open my $fh, '<', $f or die "$f: $!";
    $exprs += grep { /^(?:await )?ta?\((?:async )?\(\) => / } <$fh>;
}
cmp_ok(scalar(@files), '>=', 7, 'the case files are found');
cmp_ok($exprs, '>=', 400, "$exprs expressions in " . scalar(@files) . ' files');
run_case_files(@files);
done_testing();
