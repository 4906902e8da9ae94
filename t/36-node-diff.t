#!/usr/bin/perl
# The differential suite: every expression of t/runtime/_diff/exprs.txt
# evaluated by invoke (t/runtime/diff.js through `invoke run`) and compared
# with node 20's answer recorded in t/runtime/_diff/node.json (made by
# t/runtime/_diff/record, so the suite runs where node is absent).  The
# expressions listed in t/runtime/_diff/known.txt are known differences,
# reported as TODO tests with the reason written there.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use InvokeTest;

need_bins('invoke');
my $dir = "$FindBin::Bin/runtime/_diff";
my $tmp = tmpdir();

sub lines {
    my ($file) = @_;
    open my $fh, '<:raw', $file or return ();
    my @l = grep { /\S/ && !/^#/ } map { s/\r?\n\z//r } <$fh>;
    return @l;
}

my @exprs = lines("$dir/exprs.txt");
my %known;
for (lines("$dir/known.txt")) {
    my ($why, $expr) = split /\t/, $_, 2;
    $known{$expr} = $why if defined $expr;
}
my $node = decode_json(do { local $/; open my $fh, '<:raw', "$dir/node.json" or die $!; <$fh> });
is(scalar @{ $node->{results} }, scalar @exprs, 'node.json answers every expression (rerun t/runtime/_diff/record)')
    or BAIL_OUT('node.json is stale');
cmp_ok(scalar @exprs, '>=', 300, scalar(@exprs) . ' expressions');

open my $fh, '>:raw', "$tmp/body.json" or die $!;
print $fh JSON::PP->new->utf8(0)->encode(\@exprs);
close $fh;
my $c = run_cmd([bin('invoke'), 'run', "$FindBin::Bin/runtime", '/diff', '-X', 'POST',
                 '-H', 'Content-Type: application/json', '-d', "\@$tmp/body.json"], timeout => 120);
my $r = parse_http($c->{stdout});
is($r->{status}, 200, 'invoke evaluates them') or diag($c->{stdout} . $c->{stderr});
my $got = eval { JSON::PP->new->utf8(1)->decode($r->{body}) } || [];
my $want = JSON::PP->new->utf8(0)->decode(JSON::PP->new->utf8(1)->encode($node->{results}));
for my $i (0 .. $#exprs) {
    local $TODO = $known{ $exprs[$i] };
    is($got->[$i], $node->{results}[$i], $exprs[$i]);
}
done_testing();
