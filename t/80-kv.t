#!/usr/bin/perl
# The `kv` global (doc/contract.md §5, doc/api.md) through `invoke run --data`: values
# round trip, refused values and keys, TTL, incr, rateLimit, list ordering
# and paging, scope isolation between roots, and no store without --data.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use InvokeTest;

need_bins('invoke');
my $tmp = tmpdir();
my $data = "$tmp/data";
my $invoke = bin('invoke');
my $root = srcdir() . '/t/fixtures/kv';
my $json = JSON::PP->new->canonical->allow_nonref;

# A second root sharing the data folder: a copy of the same functions.
my $other = "$tmp/other-root";
mkdir $other or die $!;
system('cp', "$root/op.js", "$other/op.js") == 0 or die 'cp';

sub op {
    my ($r, $body, @more) = @_;
    my $c = run_cmd([$invoke, 'run', $r, '/op', '-H', 'Content-Type: application/json',
                     '-d', $json->encode($body), @more], timeout => 30);
    my $res = parse_http($c->{stdout});
    my $j = eval { decode_json($res->{body}) };
    diag("no JSON: $c->{stdout} $c->{stderr}") unless $j;
    return $j || {};
}
sub kv { my ($name, @args) = @_; op($root, { op => $name, args => \@args }, '--data', $data) }

my $r = op($root, { op => 'get', args => ['x'] });
ok(!$r->{ok} && $r->{name} eq 'Error', 'without --data a kv call rejects with an Error');
like($r->{message}, qr/started without --data/, 'saying the responder was started without --data');

# round trips
my $nested = { a => [1, 2, { b => undef, c => JSON::PP::true }], s => "h\x{e9}llo \x{263a} \x{1F600}", n => -1.5 };
is(kv('set', 'n', $nested)->{result}, '(undefined)', 'set resolves to undefined');
is_deeply(kv('get', 'n')->{result}, $nested, 'nested object with unicode and an emoji round trips');
for my $v (0, 'text', JSON::PP::false, [], {}, 12345678901) {
    kv('set', 'v', $v);
    is_deeply(kv('get', 'v')->{result}, $v, 'round trip of ' . $json->encode($v));
}
kv('set', 'nul', undef);
ok(kv('has', 'nul')->{result}, 'null is a value: has() is true');
is(kv('get', 'missing')->{result}, undef, 'a missing key reads as null');
ok(!kv('has', 'missing')->{result}, 'has() of a missing key is false');
$r = op($root, { special => 'bigecho' }, '--data', $data);
ok($r->{ok} && $r->{result} && $r->{len} == 1048576, 'a 1 MB string of non-ASCII characters round trips');

# refusals
for my $case (qw(cycle function undefined)) {
    $r = op($root, { op => 'set', special => $case }, '--data', $data);
    ok(!$r->{ok} && $r->{name} eq 'TypeError', "a value with a $case is refused with a TypeError")
        or diag(explain $r);
}
$r = op($root, { op => 'get', special => 'bigkey' }, '--data', $data);
ok(!$r->{ok} && $r->{name} eq 'TypeError', 'a key over 1 KB is refused');
for my $bad ('', 5) {
    $r = kv('get', $bad);
    ok(!$r->{ok} && $r->{name} eq 'TypeError', 'a key ' . $json->encode($bad) . ' is refused');
}
$r = kv('set', 'k', 1, -5);
ok(!$r->{ok} && $r->{name} eq 'TypeError', 'a negative TTL is refused');

# delete
ok(kv('delete', 'v')->{result}, 'delete of an existing key: true');
ok(!kv('delete', 'v')->{result}, 'delete again: false');

# TTL
kv('set', 'short', 'soon gone', 1.5);
is(kv('get', 'short')->{result}, 'soon gone', 'readable before its TTL');
select(undef, undef, undef, 1.7);
is(kv('get', 'short')->{result}, undef, 'absent at once when the TTL has passed');

# incr
is(kv('incr', 'c')->{result}, 1, 'incr of a new key: 1');
is(kv('incr', 'c', 10)->{result}, 11, 'incr by 10');
is(kv('incr', 'c', -2.5)->{result}, 8.5, 'incr by a negative fraction');
kv('set', 'str', 'abc');
$r = kv('incr', 'str');
ok(!$r->{ok} && $r->{message} =~ /not a number/, 'incr of a string rejects');
$r = kv('incr', 'c', 'x');
ok(!$r->{ok} && $r->{name} eq 'TypeError', 'incr by a non-number is refused');

# rateLimit
my @allowed;
for (1 .. 4) { push @allowed, kv('rateLimit', 'rl', { limit => 2, window => 60 })->{result} }
is_deeply([map { $_->{allowed} ? 1 : 0 } @allowed], [1, 1, 0, 0], 'limit 2: two allowed, then refused');
is_deeply([map { $_->{remaining} } @allowed], [1, 0, 0, 0], 'remaining counts down');
ok($allowed[2]{retryAfter} >= 1 && $allowed[2]{retryAfter} <= 60, 'a refusal says when to retry');
is($allowed[0]{retryAfter}, 0, 'an allowed call: retryAfter 0');
ok(abs($allowed[0]{resetAt} / 1000 - time - 60) < 5, 'resetAt: when the window ends, in ms');

# list: order and paging
kv('clear');
kv('set', $_, 1) for qw(user:b user:a user:c user:d other z);
is_deeply(kv('list', { prefix => 'user:' })->{result}, [qw(user:a user:b user:c user:d)],
          'list by prefix, in order');
$r = kv('list', { prefix => 'user:', limit => 3 });
is_deeply($r->{result}, [qw(user:a user:b user:c)], 'a page of 3');
is($r->{cursor}, 'user:c', 'with a cursor');
$r = kv('list', { prefix => 'user:', limit => 3, cursor => $r->{cursor} });
is_deeply($r->{result}, ['user:d'], 'the next page');
ok(!defined $r->{cursor}, 'the last page has no cursor');
is_deeply(kv('list')->{result}, [qw(other user:a user:b user:c user:d z)], 'no prefix: the whole scope');

# scopes
kv('set', 'same', 'from root 1');
$r = op($other, { op => 'get', args => ['same'] }, '--data', $data);
ok($r->{ok} && !defined $r->{result}, 'another root sharing the folder does not see the key');
op($other, { op => 'set', args => ['same', 'from root 2'] }, '--data', $data);
op($other, { op => 'clear', args => [] }, '--data', $data);
is(kv('get', 'same')->{result}, 'from root 1', "nor change or clear it");
kv('clear');
is_deeply(kv('list')->{result}, [], 'clear empties the scope');

done_testing();
