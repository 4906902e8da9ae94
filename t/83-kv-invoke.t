#!/usr/bin/perl
# invoke kv get|set|delete|list|dump|restore (doc/invoke.1): exit statuses,
# JSON checking, TTLs, scopes by --root, and a dump/restore round trip
# into a fresh folder that keeps values and expiries; --help, and the
# replication options refused with the reason on a store that is not
# replicated.
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
my $root = srcdir() . '/t/fixtures/kv';
my $inv = bin('invoke');

sub kv {
    my ($d, @args) = @_;
    my $stdin = ref $args[-1] eq 'SCALAR' ? ${ pop @args } : undef;
    return run_cmd([$inv, 'kv', @args, '--data', $d, '--root', $root],
                   (defined $stdin ? (stdin => $stdin) : ()), timeout => 30);
}

my $c = kv($data, 'set', 'greeting', '{"hi": ["\u00e9", 1]}');
is($c->{exit}, 0, 'set: exit 0') or diag($c->{stderr});
is(kv($data, 'get', 'greeting')->{stdout}, qq({"hi":["\xc3\xa9",1]}\n), 'get prints the JSON value');
is(kv($data, 'set', 'bad', 'not json')->{exit}, 2, 'a value that is not JSON: exit 2');
is(kv($data, 'get', 'nope')->{exit}, 1, 'a missing key: exit 1');
is(kv($data, 'get')->{exit}, 2, 'get without a key: exit 2');
is(kv($data, 'frobnicate', 'x')->{exit}, 2, 'an unknown verb: exit 2');
# the replication options name the site the folder's replicator runs
# (doc/kv.md, "Several hosts"; t/103-kv-repl-invoke.t for a replicated
# store): on a folder that is not replicated, exit 2 with the reason
for my $opt (['--peer', '127.0.0.1:7001'], ['--replicate=127.0.0.1:7000'], ['--acks', 'all'],
             ['--priority', '0']) {
    my $r = kv($data, 'get', 'greeting', @$opt);
    ok($r->{exit} == 2 && $r->{stderr} =~ /not a replicated store: no replicator has run on it \(no replication\.json\)/,
       "$opt->[0] on a store that is not replicated: exit 2, with the reason") or diag($r->{stderr});
}
is(kv($data, 'get', 'greeting', '--acks', 'most')->{exit}, 2, 'an unknown --acks: exit 2');
is(kv($data, 'get', 'greeting', '--priority', '-1')->{exit}, 2, 'a negative --priority: exit 2');
my $help = run_cmd([$inv, 'kv', '--help'], timeout => 30);
ok($help->{exit} == 0 && $help->{stdout} =~ /^usage: invoke kv/ &&
   $help->{stdout} =~ /\[--replicate HOST:PORT\] \[--peer HOST:PORT\]\.\.\. \[--priority N\]/ &&
   $help->{stdout} =~ /checked against\s+DIR\/replication\.json/,
   'invoke kv --help prints the usage, the replication options and how they are checked');
kv($data, 'set', 'n', '41');
kv($data, 'set', 'temp', '"soon"', '--ttl', '3600');
kv($data, 'set', 'gone', '"gone"', '--ttl', '0.2');
kv($data, 'set', $_, 'true') for qw(a:1 a:2 b:1);
select(undef, undef, undef, 0.5);
is(kv($data, 'list')->{stdout}, "a:1\na:2\nb:1\ngreeting\nn\ntemp\n", 'list: every live key in order');
is(kv($data, 'list', '--prefix', 'a:')->{stdout}, "a:1\na:2\n", 'list --prefix');
is(kv($data, 'list', '--limit', '2')->{stdout}, "a:1\na:2\n", 'list --limit');
is(kv($data, 'delete', 'b:1')->{exit}, 0, 'delete: exit 0');
is(kv($data, 'delete', 'b:1')->{exit}, 1, 'delete again: exit 1');

my $other = run_cmd([$inv, 'kv', 'list', '--data', $data, '--root', $tmp]);
is($other->{stdout}, '', 'another root sees none of these keys');

$c = kv($data, 'dump');
is($c->{exit}, 0, 'dump: exit 0');
my @lines = map { decode_json($_) } split /\n/, $c->{stdout};
is(scalar @lines, 5, 'one JSON line per live record');
my ($temp) = grep { $_->{key} eq 'temp' } @lines;
ok($temp && $temp->{expires} > time * 1000 && $temp->{expires} < (time + 3700) * 1000,
   'a TTL is dumped as its expiry in ms');
my ($n) = grep { $_->{key} eq 'n' } @lines;
ok($n && !defined $n->{expires} && $n->{value} == 41, 'no TTL: expires null');

my $copy = "$tmp/copy";
my $dump = $c->{stdout} . qq({"key":"old","value":1,"expires":1000}\n);
$c = kv($copy, 'restore', \$dump);
is($c->{exit}, 0, 'restore from standard input: exit 0') or diag($c->{stderr});
like($c->{stderr}, qr/restored 5 records/, 'an expired line is skipped');
is(kv($copy, 'dump')->{stdout}, kv($data, 'dump')->{stdout}, 'dump of the restored store is the same, expiries included');
$c = kv($copy, 'restore', \"{\"key\": 5}\n");
is($c->{exit}, 1, 'a malformed line: exit 1');
like($c->{stderr}, qr/-:1/, 'naming the line');
# characters beyond U+FFFF, whether a script built them from surrogates
# (the engine keeps those as CESU-8) or they came as UTF-8: the tool prints
# UTF-8, and a dump restores to the same text
my $emoji = "\x{1F600} x";
my $run = sub {
    my ($d, $body) = @_;
    my $r = run_cmd([$inv, 'run', $root, '/op', '-H', 'Content-Type: application/json',
                     '-d', $body, '--data', $d], timeout => 30);
    return decode_json(parse_http($r->{stdout})->{body});
};
my $want = JSON::PP->new->utf8->allow_nonref->encode($emoji) . "\n";
$run->($data, '{"op":"set","args":["esc","\\ud83d\\ude00 x"]}');
is(kv($data, 'get', 'esc')->{stdout}, $want, 'a value built from surrogates prints as UTF-8');
$run->($data, encode_json({ op => 'set', args => ['raw', $emoji] }));
is(kv($data, 'get', 'raw')->{stdout}, $want, 'a value that came as UTF-8 too');
my $third = "$tmp/third";
$dump = kv($data, 'dump')->{stdout};
kv($third, 'restore', \$dump);
is($run->($third, '{"op":"get","args":["esc"]}')->{result}, $emoji, 'a function reads it back after dump and restore');
is(kv($third, 'dump')->{stdout}, $dump, 'the dump of the restored store is the same');
done_testing();
