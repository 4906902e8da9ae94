#!/usr/bin/perl
# Administrators' rate limits without code (ratelimit.h): a root's
# _rate-limits file limits requests per client address per path prefix,
# before any JavaScript runs, with 429 JSON and Retry-After; the counts are
# kept in the store, out of the functions' sight.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use File::Glob qw(bsd_glob);

need_bins('invoke-fcgi', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/root";
mkdir $root or die $!;
# bsd_glob: glob() would split a source path with a space in it
system('cp', '-a', bsd_glob(srcdir() . '/t/fixtures/kv/*'), $root) == 0 or die 'cp';
open my $f, '>', "$root/_rate-limits" or die $!;
print $f "# prefix limit window-seconds\n/incr 3 60\n/rate 0 60\nbad line\n";
close $f;

my $inv = start_invoke(root => $root, workers => 2, args => ['--data', "$tmp/data"]);
my $ng = start_nginx(fastcgi => $inv->{addr});

my @r = map { http_get($ng->{port}, '/incr?key=a') } 1 .. 5;
is_deeply([map { $_->{status} } @r], [200, 200, 200, 429, 429], '/incr limited to 3 per minute');
like($r[3]{body}, qr/^\{"error":"Too Many Requests"\}$/, 'the refusal is JSON');
my $ra = hdr($r[3], 'retry-after') // '';
ok($ra =~ /^\d+$/ && $ra >= 1 && $ra <= 60, "with Retry-After ($ra)");
like($r[2]{body}, qr/"n":3\b/, 'the allowed ones ran the function');
is(http_get($ng->{port}, '/incr?key=a')->{status}, 429, 'still refused');
is(http_get($ng->{port}, '/op')->{status} != 429, 1, 'a path no rule matches is not limited');

# the function never ran for the refused ones: its own counter says 3
my $c = run_cmd([bin('invoke'), 'kv', 'get', 'a', '--data', "$tmp/data", '--root', $root]);
is($c->{stdout}, "3\n", 'refused requests never reached JavaScript');
$c = run_cmd([bin('invoke'), 'kv', 'list', '--data', "$tmp/data", '--root', $root]);
is($c->{stdout}, "a\n", "the limits' counts are not among the functions' keys");

is(http_get($ng->{port}, '/rate')->{status}, 429, 'a limit of 0 refuses everything');

# editing the file takes effect at once
open $f, '>', "$root/_rate-limits" or die $!;
print $f "/nothing 1 60\n";
close $f;
is(http_get($ng->{port}, '/incr?key=a')->{status}, 200, 'an edited file applies to the next request');
stop($ng);
stop($inv);
like(join("\n", log_lines($inv->{log})), qr/_rate-limits:4: expected PREFIX LIMIT WINDOW/,
     'a bad line is logged with its number');
done_testing();
