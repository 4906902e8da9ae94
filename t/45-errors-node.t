#!/usr/bin/perl
# Errors that read like Node's (issue 26).  t/runtime/errors.txt: small
# snippets that fail, each printing the error's class, message and the
# line:column of the first stack frame naming its own file (one section
# also the frame's name and how many frames there are), recorded from node
# 20 (t/syntax/expect.js; TypeScript through tsc with source maps) and run
# through `invoke exec`.  Then the seed's
# pattern through nginx: the message a function sends its client, and the
# V8-shaped stack in the log (user frames, file:line:col, no engine or
# runtime frames).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use InvokeTest;
use Cases;

my $corpus = "$FindBin::Bin/runtime/errors.txt";
my $snippets = grep { /^t\(\(\) => / } do { open my $fh, '<', $corpus or die $!; <$fh> };
cmp_ok($snippets, '>=', 150, "$snippets erroring snippets");
run_case_files($corpus);

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/fns';
mkdir $root or die $!;
sub put { my ($f, $s) = @_; open my $fh, '>', "$root/$f" or die $!; print $fh $s; close $fh }
# the seed's best-practices handler with a typo'd helper name
put('typo.js', <<'JS');
async function performOperation(body) { return body; }
module.exports = async function (req, res) {
  try {
    const result = await performOperaton(req.body);
    res.json({ success: true, result });
  } catch (error) {
    res.status(500).json({ error: 'Operation failed', message: error.message });
  }
};
JS
put('slice.js', <<'JS');
function firstBytes(u) {
  return u.slice2(0, 2);
}
module.exports = (req, res) => {
  res.json(firstBytes(new Uint8Array(4)));
};
JS
put('parse.js', <<'JS');
module.exports = (req, res) => {
  try { JSON.parse('{"a":'); } catch (error) {
    res.status(500).json({ error: 'Operation failed', message: error.message, name: error.name });
  }
};
JS

# a class's method, and a cycle the function reports to its client
put('cls.js', <<'JS');
class Orders {
  constructor(db) { this.db = db; }
  total(id) {
    return this.db.find(id).amount;
  }
}
module.exports = (req, res) => {
  res.json({ total: new Orders({ find: () => undefined }).total(1) });
};
JS
put('cycle.js', <<'JS');
module.exports = (req, res) => {
  const order = { id: 1 };
  order.self = order;
  try { res.send(JSON.stringify(order)); } catch (error) {
    res.status(500).json({ error: 'Operation failed', message: error.message });
  }
};
JS

# Error.stackTraceLimit: an error takes the limit in force when it is
# made, and each request starts with 10 (one worker serves both)
put('limit.js', <<'JS');
function rec(n) { if (n === 0) throw new Error('bottom'); return rec(n - 1); }
function count(e) { return e.stack.split('\n').filter((l) => /^\s+at rec /.test(l)).length; }
module.exports = (req, res) => {
  let early; try { rec(40); } catch (e) { early = e; }
  const before = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  let late; try { rec(40); } catch (e) { late = e; }
  const earlyAt50 = count(early);
  Error.stackTraceLimit = 5;
  let small; try { rec(40); } catch (e) { small = e; }
  res.json({ before, earlyAt50, late: count(late), small: count(small) });
};
JS

my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $r = http_get($ng->{port}, '/typo');
is($r->{status}, 500, 'the seed pattern: 500');
is_deeply(json_body($r), { error => 'Operation failed', message => 'performOperaton is not defined' },
          "the client reads node's message");
$r = http_get($ng->{port}, '/parse');
is_deeply(json_body($r), { error => 'Operation failed', message => 'Unexpected end of JSON input', name => 'SyntaxError' },
          "JSON.parse's message is node's");

$r = http_get($ng->{port}, '/slice');
is($r->{status}, 500, 'an uncaught error: 500');
ok(wait_for(sub { grep { /Uncaught TypeError/ } log_lines($inv) }, 5), 'the error is logged');
# a log record is one line: the stack's newlines are written as \n
my ($stack) = map { /Uncaught (TypeError: .*)$/ ? $1 : () } log_lines($inv);
$stack = ($stack // '') =~ s/\\n/\n/gr;
like($stack, qr/\ATypeError: u\.slice2 is not a function\n/, "the log's stack begins with node's message") or diag(join "\n", log_lines($inv));
like($stack, qr{\n    at firstBytes \(\Q$root\E/slice\.js:2:12\)\n}, 'the first frame: the function, its file, line and column');
like($stack, qr{\n    at \Q$root\E/slice\.js:5:12\z}, 'the caller: file, line and column of the call, and nothing after it');
unlike($stack, qr/duk_|invoke:|internal/, 'no engine or runtime frames');

# node 20 gives these (recorded from it)
$r = http_get($ng->{port}, '/cycle');
is_deeply(json_body($r), { error => 'Operation failed', message => "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle" },
          "a cycle: the client reads node's message, where the circle is");
$r = http_get($ng->{port}, '/cls');
is($r->{status}, 500, "a class method's error: 500");
ok(wait_for(sub { grep { /Uncaught TypeError: Cannot read properties of undefined \(reading 'amount'\)/ } log_lines($inv) }, 5), 'logged');
($stack) = map { /Uncaught (TypeError: Cannot read properties of undefined .*)$/ ? $1 : () } log_lines($inv);
$stack = ($stack // '') =~ s/\\n/\n/gr;
like($stack, qr{\n    at Orders\.total \(\Q$root\E/cls\.js:4:28\)\n}, "the method's frame: Class.method, its line and column inside the class");
# node 20 runs limit.js's body so (recorded): the same on the second
# request, which starts with the limit the first one left at 5 reset
for my $n (1, 2) {
    $r = http_get($ng->{port}, '/limit');
    is_deeply(json_body($r), { before => 10, earlyAt50 => 10, late => 41, small => 5 },
              "stackTraceLimit, request $n: 10 at its start, taken when each error is made");
}
done_testing();
