#!/usr/bin/perl
# A request of the usual shape (an async arrow handler that awaits, a
# required module, req and res) leaves nothing behind that only a garbage
# collection would free: the heap a worker holds at the start of each
# request stays the same.  Each such leftover used to cost ~13-24 objects
# per request, and the collections that freed them were the longest pauses
# under load (doc/internals.md, "Nothing left for the collector").
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use JSON::PP;

need_bins('invoke-fcgi', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/root";
mkdir $root or die "$root: $!";
mkdir "$root/lib" or die "$root/lib: $!";

sub put { write_file("$root/$_[0]", $_[1]) }

put('lib/twice.js', <<'JS');
module.exports = { twice: (x) => x * 2 };
JS
put('heap.js', <<'JS');
const { twice } = require('./lib/twice');
module.exports = async (req, res) => {
  const v = await Promise.resolve(twice(21));
  res.locals.v = v;
  res.json({ v, heap: process.memoryUsage().heapUsed });
};
JS
# the same, with a cycle of its own left on purpose: the check below can
# tell growth from noise
put('leak.js', <<'JS');
module.exports = async (req, res) => {
  for (let i = 0; i < 10; i++) {
    const a = {}, b = { a };
    a.b = b;
  }
  res.json({ heap: process.memoryUsage().heapUsed });
};
JS

# a function that rearranges its module: a cycle in module.children, a
# read-only module.exports; the walk at the request's end must cope
put('odd.js', <<'JS');
const { twice } = require('./lib/twice');
module.children.push(module, null, 5);
Object.defineProperty(module, 'exports', {
  value: (req, res) => res.json({ v: twice(4) }),
  writable: false
});
JS

my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});

# heapUsed as each of n requests reads it
sub heaps {
    my ($path, $n) = @_;
    my @h;
    for (1 .. $n) {
        my $r = http_get($ng->{port}, $path);
        return () unless $r->{status} == 200;
        my $j = eval { decode_json($r->{body}) } or return ();
        push @h, $j->{heap};
    }
    return @h;
}

my @h = heaps('/heap', 60);
is(scalar @h, 60, '60 requests of the usual shape answered');
is(JSON::PP->new->decode(http_get($ng->{port}, '/heap')->{body})->{v}, 42, 'with the right answer');
# the first requests warm caches (bytecode, resolutions); from then on
my $grew = $h[-1] - $h[9];
cmp_ok($grew, '<', 8 * 1024, "the heap at request 60 is within 8 KB of request 10's ($h[9] -> $h[-1])");

for (1 .. 2) {
    my $r = http_get($ng->{port}, '/odd');
    is($r->{status} . ' ' . $r->{body}, '200 {"v":8}', 'a module that rearranged module.children and exports answers');
}
unlike(InvokeTest::_slurp($inv->{log}), qr/"level":"error"|\berror\b/, 'and nothing was logged as an error');

my @l = heaps('/leak', 60);
is(scalar @l, 60, '60 requests that each leave a cycle answered');
cmp_ok($l[-1] - $l[9], '>', 8 * 1024, "and there the heap does grow ($l[9] -> $l[-1]): the check can fail");

finish();
