#!/usr/bin/perl
# kv under real concurrency (doc/kv.md): nginx in front of 4 workers sharing
# one store; 2,000 concurrent kv.incr requests end at exactly 2,000, and
# kv.rateLimit with limit 100 lets exactly 100 of 500 concurrent requests
# through.  Clients are forked Perl processes on loopback.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $tmp = tmpdir();
my $data = "$tmp/data";
my $root = srcdir() . '/t/fixtures/kv';
my $inv = start_invoke(root => $root, workers => 4, args => ['--data', $data]);
my $ng = start_nginx(fastcgi => $inv->{addr});
wait_for(sub { child_pids($inv->{pid}) >= 4 }, 10);

# $clients processes, each sending $each requests to $path one after the
# other; returns the list of "status body" lines of every answer.
sub load {
    my ($path, $clients, $each) = @_;
    my @kids;
    for my $c (1 .. $clients) {
        my $pid = fork;
        die "fork: $!" unless defined $pid;
        if ($pid == 0) {
            open my $out, '>', "$tmp/client.$c" or exit 1;
            for (1 .. $each) {
                my $r = http_get($ng->{port}, $path, timeout => 60);
                my $b = $r->{body} // '';
                $b =~ s/\s+//g;
                print $out "$r->{status} $b\n";
            }
            close $out;
            exit 0;
        }
        push @kids, $pid;
    }
    waitpid($_, 0) for @kids;
    my @lines;
    for my $c (1 .. $clients) {
        open my $in, '<', "$tmp/client.$c" or next;
        push @lines, <$in>;
        close $in;
        unlink "$tmp/client.$c";
    }
    chomp @lines;
    return @lines;
}

my @got = load('/incr?key=hits', 100, 20);
is(scalar @got, 2000, '2,000 kv.incr requests answered');
is(scalar(grep { /^200 / } @got), 2000, 'all with 200') or diag(join "\n", grep { !/^200 / } @got[0 .. 9]);
my %seen = map { /"n":(\d+)/ ? ($1 => 1) : () } @got;
is(scalar keys %seen, 2000, 'every request saw a different count');
my $c = run_cmd([bin('invoke'), 'kv', 'get', 'hits', '--data', $data, '--root', $root]);
is($c->{stdout}, "2000\n", 'the counter ends at exactly 2,000 (read by invoke kv while serving)');

my @rl = load('/rate?key=window', 100, 5);
is(scalar @rl, 500, '500 rateLimit requests answered');
is(scalar(grep { /^200 / } @rl), 100, 'limit 100: exactly 100 allowed');
is(scalar(grep { /^429 / } @rl), 400, 'the other 400 refused with 429');

stop($ng);
stop($inv);
unlike(join('', map { "$_\n" } log_lines($inv->{log})), qr/\b(crit|kv store)\b/, 'no store errors logged');
done_testing();
