package Cases;

# The syntax conformance suite: each t/syntax/*.txt file holds
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

# Runs argv with stdout/stderr to files; returns the pid.
sub _start {
    my ($argv, $out, $err) = @_;
    my $pid = fork() // die "fork: $!";
    if (!$pid) {
        open STDIN, '<', '/dev/null';
        open STDOUT, '>', $out or exit 127;
        open STDERR, '>', $err or exit 127;
        exec @$argv or exit 127;
    }
    return $pid;
}

sub _slurp { my ($f) = @_; open my $fh, '<:raw', $f or return ''; local $/; my $s = <$fh>; $s // '' }

# Runs every job (argv lists) JOBS at a time; returns { exit, stdout, stderr } each.
sub _run_all {
    my ($tmp, @jobs) = @_;
    my (@res, %running);
    my $next = 0;
    while ($next < @jobs || %running) {
        while ($next < @jobs && keys %running < 4) {
            my $i = $next++;
            my $pid = _start($jobs[$i], "$tmp/job$i.out", "$tmp/job$i.err");
            $running{$pid} = $i;
        }
        my $pid = waitpid(-1, 0);
        last if $pid <= 0;
        my $i = delete $running{$pid};
        next unless defined $i;
        $res[$i] = { exit => $? >> 8, stdout => _slurp("$tmp/job$i.out"), stderr => _slurp("$tmp/job$i.err") };
    }
    return @res;
}

sub run_case_files {
    my (@files) = @_;
    need_bins('invoke');
    my $invoke = bin('invoke');
    my $tmp = tmpdir();
    my ($n, @cases, @jobs) = (0);
    for my $file (@files) {
        (my $group = $file) =~ s{.*/|\.txt$}{}g;
        for my $c (parse_cases($file)) {
            my $path = "$tmp/case" . (++$n) . '.js';
            open my $fh, '>:raw', $path or die "$path: $!";
            print $fh $c->{code};
            close $fh;
            $c->{label} = "$group: $c->{name}";
            $c->{lines} = () = $c->{code} =~ /\n/g;
            $c->{exec} = scalar @jobs;
            push @jobs, [$invoke, 'exec', $path];
            if ($c->{lines} >= 2 && !$c->{error}) {
                $c->{compile} = scalar @jobs;
                push @jobs, [$invoke, 'compile', $path];
            }
            push @cases, $c;
        }
    }
    my @res = _run_all($tmp, @jobs);
    for my $c (@cases) {
        my $r = $res[$c->{exec}];
        if ($c->{error}) {
            ok($r->{exit} == 1 && $r->{stderr} =~ $c->{error}, $c->{label})
                or diag("exit $r->{exit}\nstderr: $r->{stderr}\nstdout: $r->{stdout}");
            next;
        }
        is($r->{stdout}, $c->{expect}, $c->{label})
            or diag("exit $r->{exit}\nstderr: $r->{stderr}");
        next unless defined $c->{compile};
        my $l = $res[$c->{compile}];
        my $got = () = $l->{stdout} =~ /\n/g;
        is($got, $c->{lines}, "$c->{label}: lowered text keeps its $c->{lines} lines")
            or diag($l->{stdout} . $l->{stderr});
    }
}

1;
