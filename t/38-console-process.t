#!/usr/bin/perl
# console.* as Node 20 prints it (the expected lines are node's own output
# for the same calls, newlines escaped as the log writes them), and
# process.* (t/runtime/console-process.js through `invoke run`).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke');
my $c = run_cmd([bin('invoke'), 'run', "$FindBin::Bin/runtime", '/console-process'], timeout => 30);
my $r = parse_http($c->{stdout});
is($r->{status}, 200, 'console-process runs') or diag($c->{stdout} . $c->{stderr});
my @lines = map { s/^\S+ (\w+) \S+ console-process\.js //r } grep { /console-process\.js / } split /\n/, $c->{stderr};
my @want = (
    q{plain string 42 { k: 'v' }},
    q{<ref *1> {\n  a: 1,\n  nested: { list: [ 1, 2, 3 ], deep: { deeper: [Object] } },\n  self: [Circular *1]\n}},
    q{cart has 3 items costing 9.5},
    q{[\n  1, 2, 3, 4,  5,\n  6, 7, 8, 9, 10\n]},
    qr{^TypeError: bad thing\\n    at },
    q{default: 1}, q{x: 1}, q{default: 2}, q{x: 1},
    q{┌─────────┬───┬─────┬──────┐\n│ (index) │ a │ b   │ c    │\n├─────────┼───┼─────┼──────┤\n} .
    q{│ 0       │ 1 │ 'y' │      │\n│ 1       │ 2 │     │ true │\n└─────────┴───┴─────┴──────┘},
    q{{ a: [Object] }},
    qr{^t: \d+\.\d{3}ms$},
    q{Warning: No such label 'never' for console.timeEnd()},
    q{Assertion failed: math is broken},
    q{G}, q{  inside}, q{outside},
);
is(scalar @lines, scalar @want, 'one log line per console call') or diag(join "\n", @lines);
for my $i (0 .. $#want) {
    my $got = $lines[$i] // '';
    utf8::decode($got);
    my $w = $want[$i];
    utf8::decode($w) unless ref $w;
    if (ref $w) { like($got, $w, "line $i") } else { is($got, $w, "line $i") }
}
my $j = json_body($r) || {};
is($j->{platform}, 'linux', 'process.platform');
like($j->{version}, qr/^v20\./, 'process.version is a Node 20 one');
ok($j->{cwd}, 'process.cwd() is the functions root');
is($j->{uptime}, 'number', 'process.uptime()');
ok($j->{hrtime}, 'process.hrtime() and hrtime(prev)');
is_deeply($j->{memory}, [qw(rss heapTotal heapUsed external arrayBuffers)], 'process.memoryUsage() keys');
is_deeply($j->{memoryFigures}, { rss => JSON::PP::true, heap => JSON::PP::true, grows => JSON::PP::true,
                                 rssFn => JSON::PP::true, kept => 20000 },
          'process.memoryUsage(): real resident and heap sizes; the heap grows as a function allocates');
is_deeply($j->{errs}, { exit => 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', kill => 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' },
          'process.exit and process.kill throw');
is($j->{secret}, 's3cr3t-for-the-webhook-test', 'process.env from the root\'s .env');
done_testing();
