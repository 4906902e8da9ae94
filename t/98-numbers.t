#!/usr/bin/perl
# Numbers to text and back (issue 20: src/duk-fixes.sed's "numbers" block
# hands Duktape's Dragon4 over to the C library for the shortest form and
# JSON.parse): t/runtime/numbers.js prints String(x), JSON.stringify(x)
# and template literals of 8,000 doubles (random bits, short decimals at
# every scale, prices), JSON.parse of 4,000 decimal texts of every length
# and toFixed of 5,000 doubles (its printf path and the exact ties);
# the output of `invoke exec` must be node's, line by line.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke', 'node');
my $script = "$FindBin::Bin/runtime/numbers.js";
my $node = run_cmd(['node', $script], timeout => 120);
is($node->{exit}, 0, 'node runs the script') or diag($node->{stderr});
my $ours = run_cmd([bin('invoke'), 'exec', $script], timeout => 300);
is($ours->{exit}, 0, 'invoke exec runs the script') or diag($ours->{stderr});
my @want = split /\n/, $node->{stdout};
my @got = split /\n/, $ours->{stdout};
cmp_ok(scalar @want, '>', 12000, scalar(@want) . ' lines from node');
is(scalar @got, scalar @want, 'as many lines from invoke');
my @bad = grep { !defined $got[$_] || $got[$_] ne $want[$_] } 0 .. $#want;
is(scalar @bad, 0, 'every line as node prints it')
    or diag(join "\n", map { "node:   $want[$_]\ninvoke: " . ($got[$_] // '(none)') } @bad[0 .. ($#bad < 9 ? $#bad : 9)]);
# the fixed cases one by one, so that a failure names the number
for my $i (0 .. 36) {
    is($got[$i], $want[$i], "fixed case $i: $want[$i]");
}
done_testing();
