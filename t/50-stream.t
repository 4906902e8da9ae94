#!/usr/bin/perl
# Streaming (doc/contract.md §3: each write reaches the web server without waiting for
# the end) and asynchronous handlers: promises and timers.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});

# stream.js writes FIRST-CHUNK, then SECOND-CHUNK 500 ms later.
for my $try (1 .. 2) {
    my $r = stream_request($ng->{port}, '/stream');
    is($r->{status}, 200, "stream $try: 200") or diag($r->{error} || $r->{raw});
    is($r->{body}, 'FIRST-CHUNKSECOND-CHUNK', "stream $try: the whole body");
    my ($first) = grep { $_->[1] =~ /FIRST-CHUNK/ } @{ $r->{arrivals} };
    my ($second) = grep { $_->[1] =~ /SECOND-CHUNK/ } @{ $r->{arrivals} };
    ok($first && $second, "stream $try: both chunks arrived");
    next unless $first && $second;
    my $gap = $second->[0] - $first->[0];
    cmp_ok($gap, '>=', 0.3, "stream $try: the first chunk arrived before the second was written (gap ${\ sprintf '%.3f', $gap} s)");
    unlike($first->[1], qr/SECOND-CHUNK/, "stream $try: the first read holds only the first chunk");
}

# A client that hangs up in the middle of a stream: the worker lets the
# function finish and goes on serving.
for my $i (1 .. 2) {
    my $s = start_request($ng->{port}, '/stream');
    my $got = read_until($s, qr/FIRST-CHUNK/, timeout => 10);
    like($got, qr/FIRST-CHUNK/, "hang-up $i: the first chunk came");
    close $s;
}
sleep 0.7;    # both functions write their second chunk into closed connections
is_deeply([map { http_get($ng->{port}, '/hello')->{status} } 1 .. 4], [200, 200, 200, 200],
          'still serving after clients hung up mid-stream');

# The seed's pattern: a JSON array written piece by piece.
my $r = http_get($ng->{port}, '/stream-json');
is($r->{status}, 200, 'stream-json: 200');
like(hdr($r, 'content-type') || '', qr{^application/json}, 'stream-json: the type set before writing');
is_deeply(json_body($r), [{ id => 1 }, { id => 2 }, { id => 3 }], 'stream-json: a valid JSON array');

# Promises and timers.
for my $i (1 .. 3) {
    $r = http_get($ng->{port}, '/promise');
    is($r->{status}, 200, "a handler returning a Promise ($i)");
    is_deeply(json_body($r), { ok => JSON::PP::true() }, "the promise's response ($i)");
}
$r = http_get($ng->{port}, '/promise-chain');
is($r->{status}, 200, 'Promise.resolve().then() chains and Promise.all');
is_deeply(json_body($r), { steps => [1, 2, 3, 4] }, 'the chain ran in order');
$r = http_get($ng->{port}, '/timer');
is($r->{status}, 200, 'setTimeout');
is_deeply(json_body($r), { order => ['sync', 'timeout'] }, 'the timer ran after the handler returned');

finish();
