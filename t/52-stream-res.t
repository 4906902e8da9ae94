#!/usr/bin/perl
# Node's streams into a function's res (doc/api.md, `stream`): res is no
# EventEmitter, but readable.pipe(res) and pipeline(..., res) write every
# chunk to it and end it, as they do into Node's ServerResponse.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke');
my $root = tmpdir() . '/root';
mkdir $root or die "$root: $!";

sub put {
    my ($name, $text) = @_;
    open my $fh, '>', "$root/$name" or die "$name: $!";
    print $fh $text;
    close $fh;
}

put('pipe.js', <<'JS');
const { Readable } = require('stream');
module.exports = function (req, res) {
  res.type('text/plain');
  Readable.from(['one\n', 'two\n', 'three\n']).pipe(res);
};
JS
put('pipeline.js', <<'JS');
const { Readable, Transform } = require('stream');
const { pipeline } = require('stream/promises');
module.exports = async function (req, res) {
  res.type('text/plain');
  const upper = new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase() + ';'); } });
  await pipeline(Readable.from(['a', 'b', 'c']), upper, res);
};
JS
put('bytes.js', <<'JS');
const { Readable } = require('stream');
module.exports = function (req, res) {
  res.type('application/octet-stream');
  let n = 0;
  new Readable({ read() { n++; this.push(n <= 3 ? Buffer.from([0x40 + n, 0x0a]) : null); } }).pipe(res);
};
JS

for my $case (['/pipe', "one\ntwo\nthree\n"], ['/pipeline', 'A;B;C;'], ['/bytes', "A\nB\nC\n"]) {
    my ($path, $want) = @$case;
    my $c = run_cmd([bin('invoke'), 'run', $root, $path], timeout => 30);
    my $r = parse_http($c->{stdout});
    is($r->{status}, 200, "$path: 200") or diag($c->{stdout} . $c->{stderr});
    is($r->{body}, $want, "$path: every chunk, then the end");
}
done_testing();
