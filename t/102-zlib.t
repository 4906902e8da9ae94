#!/usr/bin/perl
# zlib (issue 18).  t/runtime/zlib.txt: the sync, callback, promise and
# stream forms, options, errors and crc32, each case compared with what
# node 20 prints (t/syntax/expect.js).  Then against the command-line
# tools both ways: what our gzip and brotli make, `gzip -d` and `brotli -d`
# read back; what the tools make (levels, several gzip members, several
# MB), we read back, sync and as a stream.  Corrupt input: the same script
# under node and under `invoke exec` prints the same error, and nothing
# crashes.  Last, 50 MB through createGzip() -> createGunzip() in a
# worker with a memory limit far below that, and the worker's peak RSS.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use InvokeTest;
use Cases;
use Digest::MD5 qw(md5_hex);
use MIME::Base64 qw(decode_base64);

my $corpus = "$FindBin::Bin/runtime/zlib.txt";
my $prints = () = do { local $/; open my $fh, '<', $corpus or die $!; <$fh> } =~ /\bprint\(/g;
cmp_ok($prints, '>=', 110, "$prints printed expressions in zlib.txt");
run_case_files($corpus);

need_bins('invoke', 'gzip', 'brotli', 'node');
my $tmp = tmpdir();
my $dir = "$tmp/z";
mkdir $dir or die $!;
sub put { my ($f, $s) = @_; open my $fh, '>:raw', "$dir/$f" or die $!; print $fh $s; close $fh }
sub slurp { my ($f) = @_; open my $fh, '<:raw', $f or die "$f: $!"; local $/; my $s = <$fh>; $s }
# a command's stdout; a failure is a failed test, not the end of the file
sub sh {
    my ($cmd) = @_;
    my $out = `$cmd`;
    ok(!$?, "ran: $cmd") or diag("exit status $?") if $?;
    return $? ? '' : $out;
}

# Text-like data of several MB: words from a fixed generator, lines of
# varying length, so that it compresses as text does (about 3:1).
my @words = qw(alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi
               rho sigma tau upsilon phi chi psi omega request response header body status);
my ($seed, $text) = (42, '');
while (length $text < 3_000_000) {
    $seed = ($seed * 1103515245 + 12345) % 2147483648;
    $text .= $words[$seed % @words] . (($seed >> 8) % 11 == 0 ? "\n" : ' ');
}
put('data.txt', $text);
put('small.txt', "small file\n");
# Brotli's best quality (its default) takes about a second a MB: 1 MB for it
my $mb1 = substr($text, 0, 1 << 20);
put('data1.txt', $mb1);
my $md5 = md5_hex($text);

sub invoke_exec {
    my ($script, @args) = @_;
    put('script.js', $script);
    # minutes, not seconds: on a machine shared with other builds the
    # compressions here take ten times their idle time
    my $r = run_cmd([bin('invoke'), 'exec', "$dir/script.js", @args], timeout => 600);
    diag("invoke exec timed out") if $r->{timed_out};
    return $r;
}

# --- ours -> the tools --------------------------------------------------
# stdout carries base64: what the tools then read is the bytes we made.
my $r = invoke_exec(<<'JS');
const zlib = require('zlib'), fs = require('fs');
const data = fs.readFileSync(__dirname + '/data.txt');
const small = fs.readFileSync(__dirname + '/small.txt');
const out = {
  gzip: zlib.gzipSync(data),
  gzip1: zlib.gzipSync(data, { level: 1 }),
  gzip9: zlib.gzipSync(data, { level: 9, memLevel: 9 }),
  members: Buffer.concat([zlib.gzipSync(data), zlib.gzipSync(small)]),
  brotli: zlib.brotliCompressSync(fs.readFileSync(__dirname + '/data1.txt')),
  brotli4: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
};
// the stream forms, fed in uneven chunks
function streamed(make, done) {
  const s = make(), parts = [];
  s.on('data', (c) => parts.push(c));
  s.on('end', () => done(Buffer.concat(parts)));
  for (let i = 0, n = 1; i < data.length; i += n, n = (n * 7) % 100003 + 1) s.write(data.subarray(i, i + n));
  s.end();
}
streamed(() => zlib.createGzip(), (gz) => {
  out.gzipStream = gz;
  streamed(() => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }), (br) => {
    out.brotliStream = br;
    for (const k of Object.keys(out)) console.log(k + ' ' + out[k].toString('base64'));
  });
});
JS
is($r->{exit}, 0, 'invoke exec compressed the data') or diag($r->{stderr});
my %made = map { /^(\w+) (\S*)$/ ? ($1 => decode_base64($2)) : () } split /\n/, $r->{stdout};
for my $k (qw(gzip gzip1 gzip9 gzipStream)) {
    put("$k.gz", $made{$k} // '');
    is(md5_hex(sh("gzip -dc $dir/$k.gz")), $md5, "gzip -d reads our $k");
}
put('members.gz', $made{members} // '');
is(md5_hex(sh("gzip -dc $dir/members.gz")), md5_hex($text . "small file\n"), 'gzip -d reads our two members as one');
for my $k (qw(brotli brotli4 brotliStream)) {
    put("$k.br", $made{$k} // '');
    is(md5_hex(sh("brotli -dc $dir/$k.br")), $k eq 'brotli' ? md5_hex($mb1) : $md5, "brotli -d reads our $k");
}
cmp_ok(length($made{gzip} // ''), '<', length($text) / 2, 'gzip compresses the text');
cmp_ok(length($made{gzip9} // 'x'), '<=', length($made{gzip1} // ''), 'level 9 is no larger than level 1');

# --- the tools -> ours --------------------------------------------------
sh("gzip -c $dir/data.txt > $dir/t.gz");
sh("gzip -1 -c $dir/data.txt > $dir/t1.gz");
sh("gzip -9 -n -c $dir/data.txt > $dir/t9.gz");
sh("gzip -c $dir/small.txt > $dir/s.gz");
sh("cat $dir/t.gz $dir/s.gz $dir/t1.gz > $dir/tm.gz");
sh("brotli -c $dir/data1.txt > $dir/t.br");
sh("brotli -q 1 -c $dir/data.txt > $dir/t1.br");
sh("brotli -q 5 -w 16 -c $dir/data.txt > $dir/t5.br");
$r = invoke_exec(<<'JS');
const zlib = require('zlib'), fs = require('fs'), crypto = require('crypto');
const md5 = (b) => crypto.createHash('md5').update(b).digest('hex');
const read = (f) => fs.readFileSync(__dirname + '/' + f);
for (const f of ['t.gz', 't1.gz', 't9.gz', 'tm.gz']) {
  console.log(f, 'gunzip', md5(zlib.gunzipSync(read(f))));
  console.log(f, 'unzip', md5(zlib.unzipSync(read(f))));
}
for (const f of ['t.br', 't1.br', 't5.br']) console.log(f, 'brotli', md5(zlib.brotliDecompressSync(read(f))));
// as streams, fed 1000 bytes at a time; a 64 KB crc32 chain on the way
function streamed(f, make, done) {
  const s = make(), hash = crypto.createHash('md5'), input = read(f);
  let crc = 0, n = 0;
  s.on('data', (c) => { crc = zlib.crc32(c, crc); n += c.length; hash.update(c); });
  s.on('end', () => { console.log(f, 'stream', hash.digest('hex'), n, crc); done(); });
  for (let i = 0; i < input.length; i += 1000) s.write(input.subarray(i, i + 1000));
  s.end();
}
streamed('tm.gz', () => zlib.createGunzip(), () => streamed('t.br', () => zlib.createBrotliDecompress(), () => {}));
JS
is($r->{exit}, 0, 'invoke exec decompressed what the tools made') or diag($r->{stderr});
my %got = map { /^(\S+ \w+) (.*)$/ ? ($1 => $2) : () } split /\n/, $r->{stdout};
my $md5m = md5_hex($text . "small file\n" . $text);
for my $f (qw(t.gz t1.gz t9.gz)) {
    is($got{"$f gunzip"}, $md5, "gunzipSync reads gzip's $f");
    is($got{"$f unzip"}, $md5, "unzipSync reads gzip's $f");
}
is($got{'tm.gz gunzip'}, $md5m, 'gunzipSync reads three members');
is($got{'tm.gz unzip'}, $md5m, 'unzipSync reads three members');
is($got{"$_ brotli"}, $_ eq 't.br' ? md5_hex($mb1) : $md5, "brotliDecompressSync reads brotli's $_") for qw(t.br t1.br t5.br);
my $crc = sh(q{node -e 'const z=require("zlib"),fs=require("fs");const d=fs.readFileSync(process.argv[1]);console.log(z.crc32(Buffer.concat([d,Buffer.from("small file\n"),d])), z.crc32(d.subarray(0, 1 << 20)))' } . "$dir/data.txt");
my ($crc_m, $crc_1) = split ' ', $crc;
is($got{'tm.gz stream'}, "$md5m " . (2 * length($text) + 11) . " $crc_m", 'createGunzip reads three members in 1000-byte writes (md5, length, crc32 as node)');
is($got{'t.br stream'}, md5_hex($mb1) . ' ' . length($mb1) . " $crc_1", 'createBrotliDecompress reads brotli in 1000-byte writes');

# --- corrupt input: node's error, under node and under us ----------------
my $t = slurp("$dir/t.gz");
my %bad = (
    'truncated.gz' => substr($t, 0, int(length($t) / 2)),
    'header.gz' => "\x1f\x8c" . substr($t, 2),
    'method.gz' => "\x1f\x8b\x09" . substr($t, 3),
    'crc.gz' => substr($t, 0, -8) . "\0\0\0\0" . substr($t, -4),
    'length.gz' => substr($t, 0, -4) . "\1\0\0\0",
    'body.gz' => substr($t, 0, 5000) . ("\xff" x 64) . substr($t, 5064),
    'garbage.gz' => $t . 'trailing garbage',
    'empty.gz' => '',
    'truncated.br' => substr(slurp("$dir/t.br"), 0, 5000),
    'body.br' => substr(slurp("$dir/t.br"), 0, 3000) . ("\x00" x 64) . substr(slurp("$dir/t.br"), 3064),
    'text.br' => 'this is not brotli data, only text',
);
put($_, $bad{$_}) for keys %bad;
my $corrupt = <<'JS';
const zlib = require('zlib'), fs = require('fs');
const names = process.argv.slice(2);
function show(e) { return e ? [e.name, e.code, e.errno, e.message].join(' | ') : 'no error'; }
let i = 0;
function next() {
  if (i === names.length) return;
  const f = names[i++], input = fs.readFileSync(__dirname + '/' + f), br = f.endsWith('.br');
  let sync;
  try { (br ? zlib.brotliDecompressSync : zlib.gunzipSync)(input); sync = 'no error'; } catch (e) { sync = show(e); }
  console.log(f, 'sync:', sync);
  const s = br ? zlib.createBrotliDecompress() : zlib.createGunzip();
  let done = false;
  const finish = (what) => { if (done) return; done = true; console.log(f, 'stream:', what); next(); };
  s.on('error', (e) => finish(show(e)));
  s.on('end', () => finish('no error'));
  s.resume();
  for (let k = 0; k < input.length; k += 4096) s.write(input.subarray(k, k + 4096));
  s.end();
}
next();
JS
my @names = sort keys %bad;
put('corrupt.js', $corrupt);
my $node = run_cmd(['node', "$dir/corrupt.js", @names], timeout => 300);
$r = invoke_exec($corrupt, @names);
is($r->{exit}, 0, 'corrupt input: invoke exec ends normally') or diag($r->{stderr});
my @ours = split /\n/, $r->{stdout};
my @theirs = split /\n/, $node->{stdout};
is(scalar @ours, 2 * @names, 'an answer for each corrupt file, sync and stream');
is_deeply(\@ours, \@theirs, "corrupt input: node's errors, sync and stream");
like($r->{stdout}, qr/incorrect header check/, 'a bad header: incorrect header check');
like($r->{stdout}, qr/unexpected end of file/, 'truncated: unexpected end of file');

# --- 50 MB through a worker, memory bounded -----------------------------
need_bins('invoke-fcgi', 'nginx');
my $root = "$tmp/fns";
mkdir $root or die $!;
{ open my $fh, '>:raw', "$root/data.txt" or die $!; print $fh substr($text, 0, 1 << 20); close $fh }
{ open my $fh, '>', "$root/stream.js" or die $!; print $fh <<'JS'; close $fh }
const zlib = require('zlib');
const fs = require('fs');
const { pipeline, Readable, Writable } = require('stream');
const base = fs.readFileSync(__dirname + '/data.txt');
module.exports = (req, res) => {
  const total = Number(req.query.mb) * 16;      // 64 KB chunks
  let i = 0, inCrc = 0, outCrc = 0, bytes = 0, gzBytes = 0;
  const src = new Readable({
    read() {
      if (i === total) { this.push(null); return; }
      const off = (i * 40503) % (base.length - 65536);
      const c = Buffer.from(base.subarray(off, off + 65536));
      c.write(String(i++).padStart(10, '0'), 0);
      inCrc = zlib.crc32(c, inCrc);
      this.push(c);
    },
  });
  const gz = zlib.createGzip();
  gz.on('data', (c) => { gzBytes += c.length; });
  // a space now and then keeps nginx's read timer (60 s) from firing on a
  // loaded machine; JSON allows the leading white space
  res.type('application/json');
  let sent = 0;
  pipeline(src, gz, zlib.createGunzip(), new Writable({
    write(c, e, cb) {
      bytes += c.length;
      outCrc = zlib.crc32(c, outCrc);
      if (bytes - sent >= 1 << 22) { sent = bytes; res.write(' '); }
      cb();
    },
  }), (err) => {
    res.end(JSON.stringify({ err: err ? err.message : null, bytes, gzBytes, same: inCrc === outCrc && i === total }));
  });
};
JS
# ~3 s of CPU; the time limits allow for a machine shared many times over
my $inv = start_invoke(root => $root, workers => 1, args => ['--memory-limit', '48', '--timeout', '900']);
my $ng = start_nginx(fastcgi => $inv->{addr});
$r = http_get($ng->{port}, '/stream?mb=1', timeout => 300);
is($r->{status}, 200, 'a 1 MB stream') or diag($r->{body});
my ($worker) = child_pids($inv->{pid});
my $hwm = sub { my $s = slurp("/proc/$worker/status"); $s =~ /^VmHWM:\s+(\d+)/m ? $1 : 0 };
my $before = $hwm->();
$r = http_get($ng->{port}, '/stream?mb=50', timeout => 900);
is($r->{status}, 200, '50 MB through createGzip -> createGunzip under a 48 MB memory limit') or diag($r->{body});
my $j = json_body($r) || {};
is($j->{err}, undef, 'no error');
is($j->{bytes}, 50 << 20, 'every byte came out');
ok($j->{same}, 'the crc32 of what came out is that of what went in');
cmp_ok($j->{gzBytes} // 0, '>', 0, 'compressed on the way');
my $after = $hwm->();
diag("worker peak RSS: ${before} kB after 1 MB, ${after} kB after 50 MB");
cmp_ok($after, '<', $before + 40 * 1024, 'the worker\'s peak RSS grew by less than 40 MB for 50 MB');
done_testing();
