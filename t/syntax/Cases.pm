package Cases;

# The syntax conformance suite (issue 4): each t/syntax/*.txt file holds
# small cases, each a snippet and the output node gives for it:
#
#   === name
#   code...
#   --- (expected stdout lines)        or   --- error REGEX  (exit 1, stderr)
#
# Every case runs through `invoke exec`; a case of several lines is also
# lowered with `invoke compile`, which must keep its line count (stack
# traces name the user's lines).  t/syntax/expect.js regenerates the
# expected output with node.

use strict;
use warnings;
use Exporter 'import';
use FindBin;
use lib "$FindBin::Bin/lib";
use InvokeTest;
use Test::More;

our @EXPORT = qw(parse_cases run_case_files);

sub parse_cases {
    my ($file) = @_;
    open my $fh, '<:raw', $file or die "$file: $!";
    my (@cases, $c, $in);
    while (my $l = <$fh>) {
        if ($l =~ /^=== (.*)$/) {
            push @cases, $c if $c;
            $c = { name => $1, code => '', expect => '', error => undef };
            $in = 'code';
        } elsif ($c && $l =~ /^---(?: error (.*))?\s*$/) {
            $c->{error} = qr/$1/ if defined $1;
            $in = 'expect';
        } elsif ($c) {
            $c->{$in} .= $l;
        }
    }
    push @cases, $c if $c;
    close $fh;
    return @cases;
}

sub run_case_files {
    my (@files) = @_;
    need_bins('invoke');
    my $invoke = bin('invoke');
    my $tmp = tmpdir();
    my $n = 0;
    for my $file (@files) {
        (my $group = $file) =~ s{.*/|\.txt$}{}g;
        for my $c (parse_cases($file)) {
            my $path = "$tmp/case" . (++$n) . '.js';
            open my $fh, '>:raw', $path or die "$path: $!";
            print $fh $c->{code};
            close $fh;
            my $r = run_cmd([$invoke, 'exec', $path], timeout => 20);
            my $name = "$group: $c->{name}";
            if ($c->{error}) {
                ok($r->{exit} == 1 && $r->{stderr} =~ $c->{error}, $name)
                    or diag("exit $r->{exit}\nstderr: $r->{stderr}\nstdout: $r->{stdout}");
                next;
            }
            is($r->{stdout}, $c->{expect}, $name)
                or diag("exit $r->{exit}\nstderr: $r->{stderr}");
            my $lines = () = $c->{code} =~ /\n/g;
            next if $lines < 2;
            my $l = run_cmd([$invoke, 'compile', $path], timeout => 20);
            my $got = () = $l->{stdout} =~ /\n/g;
            is($got, $lines, "$name: lowered text keeps its $lines lines")
                or diag($l->{stdout} . $l->{stderr});
        }
    }
}

1;
