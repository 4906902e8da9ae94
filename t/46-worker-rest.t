#!/usr/bin/perl
# A worker that has served nothing for a while gives its free memory back
# (eng_rest, from the worker's rest timer), and its timer's signal disturbs
# nothing: the same worker answers before and after.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/root";
mkdir $root or die "$root: $!";
# ~40,000 small objects in cycles, the kind of garbage requests leave; the
# array keeps them alive to the end of the request
open my $fh, '>', "$root/garbage.js" or die $!;
print $fh <<'JS';
module.exports = function (req, res) {
  var keep = [];
  for (var i = 0; i < 40000; i++) {
    var a = { i: i, s: 'x' + i }, b = { a: a };
    a.b = b;
    keep.push(a);
  }
  res.json({ n: keep.length });
};
JS
close $fh;
my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});


wait_for(sub { child_pids($inv->{pid}) >= 1 }, 10);
my ($pid) = child_pids($inv->{pid});
ok($pid, "the worker's pid");
for (1 .. 3) {
    my $r = http_get($ng->{port}, '/garbage');
    is($r->{status}, 200, 'a request that leaves ~40,000 objects of garbage');
}
my $busy = rss_kb($pid);
sleep 3;    # the rest timer ticks every second; an idle worker rests at the second tick
my $rested = rss_kb($pid);
cmp_ok($rested, '<', $busy - 1024, "resident size falls by more than 1 MB once idle ($busy -> $rested KB)");
my $r = http_get($ng->{port}, '/garbage');
is($r->{status}, 200, 'the worker still answers after resting');
is_deeply([child_pids($inv->{pid})], [$pid], 'and it is the same worker: the timer signal killed nothing');
unlike(_slurp_log($inv->{log}), qr/no rest timer/, 'the rest timer was set up');

sub _slurp_log {
    my ($f) = @_;
    open my $l, '<', $f or return '';
    local $/;
    return <$l>;
}

finish();
