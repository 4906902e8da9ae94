package Cases;

# The syntax conformance suite: each t/syntax/*.txt file holds
# small cases, each a snippet and the output node gives for it:
#
#   === name
#   code...
#   --- (expected stdout lines)        or   --- error REGEX  (exit 1, stderr)
#
# A case of several files (t/modules) names each, the first being the one
# run:
#
#   === name
#   --- file main.mjs
#   code...
#   --- file lib/b.ts
#   code...
#   ---
#   expected stdout lines
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
            $c = { name => $1, code => '', expect => '', error => undef, files => [] };
            $in = 'code';
        } elsif ($c && $l =~ /^--- file (\S+)\s*$/) {
            push @{ $c->{files} }, { path => $1, code => '' };
            $in = 'file';
        } elsif ($c && $in eq 'file' && $l !~ /^---(?: error .*)?\s*$/) {
            $c->{files}[-1]{code} .= $l;
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
            my @files = @{ $c->{files} };
            my $dir = "$tmp/case" . (++$n);
            # a single snippet is caseN.js: cases read their line numbers
            # from stacks that name it
            @files = ({ path => "case$n.js", code => $c->{code} }) unless @files;
            for my $f (@files) {
                my $path = @{ $c->{files} } ? "$dir/$f->{path}" : "$tmp/$f->{path}";
                (my $sub = $path) =~ s{/[^/]*$}{};
                system('mkdir', '-p', $sub) == 0 or die "mkdir $sub";
                open my $fh, '>:raw', $path or die "$path: $!";
                print $fh $f->{code};
                close $fh;
                $f->{full} = $path;
                $f->{lines} = () = $f->{code} =~ /\n/g;
            }
            $c->{label} = "$group: $c->{name}";
            $c->{exec} = scalar @jobs;
            push @jobs, [$invoke, 'exec', $files[0]{full}];
            $c->{compiles} = [];
            for my $f (@files) {
                next unless $f->{lines} >= 2 && !$c->{error} && $f->{path} =~ /\.[cm]?[jt]s$/;
                push @{ $c->{compiles} }, [scalar @jobs, $f];
                push @jobs, [$invoke, 'compile', $f->{full}];
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
        for my $cf (@{ $c->{compiles} }) {
            my ($job, $f) = @$cf;
            my $l = $res[$job];
            my $got = () = $l->{stdout} =~ /\n/g;
            my $what = @{ $c->{files} } ? "$f->{path}: " : '';
            is($got, $f->{lines}, "$c->{label}: ${what}lowered text keeps its $f->{lines} lines")
                or diag($l->{stdout} . $l->{stderr});
        }
    }
}

1;
