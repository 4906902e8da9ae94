#!/usr/bin/perl
# The handler's awaits in spec order.  An async handler goes on at once past
# an await of something already settled (kv's promises, `await null`) when
# nothing of the function's could run before the event loop would run it
# (front-rt.js, async and asyncResume): these functions tell every order
# that shortcut could get wrong.  Each expected list is what Node 20 prints
# for the same file, called as dispatch calls it (a fresh module, then the
# handler).  Through a real worker, twice each, so that what one request
# leaves cannot change the next.
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
my $data = "$tmp/data";
mkdir $_ or die "$_: $!" for $root, $data;

sub put { write_file("$root/$_[0]", $_[1]) }

# [name, source, expected body]
my @cases = (
    ['queued-first', <<'JS', '["before","then","micro","after:number"]'],
module.exports = async (req, res) => {
  const log = [];
  Promise.resolve().then(() => log.push('then'));
  queueMicrotask(() => log.push('micro'));
  log.push('before');
  const n = await kv.incr('order');
  log.push('after:' + typeof n);
  res.json(log);
};
JS
    ['plain-calls-async', <<'JS', '["helper start","handler end","helper end"]'],
const log = [];
async function helper() {
  log.push('helper start');
  await null;
  log.push('helper end');
}
module.exports = (req, res) => {
  helper();
  log.push('handler end');
  setTimeout(() => res.json(log), 0);
};
JS
    ['chain', <<'JS', '["a","then","b","c","d","then2","e","f"]'],
module.exports = async (req, res) => {
  const log = [];
  await null;
  log.push('a');
  Promise.resolve().then(() => log.push('then'));
  await null;
  log.push('b');
  await Promise.resolve();
  log.push('c');
  await new Promise((resolve) => setTimeout(resolve, 1));
  log.push('d');
  Promise.resolve().then(() => log.push('then2'));
  await 0;
  log.push('e');
  await kv.get('nothing');
  log.push('f');
  res.json(log);
};
JS
    ['tail-call', <<'JS', '["main","set","got 1"]'],
const log = [];
async function main(req, res) {
  log.push('main');
  await kv.set('k', 1);
  log.push('set');
  const v = await kv.get('k');
  log.push('got ' + v);
  res.json(log);
}
module.exports = (req, res) => main(req, res);
JS
    ['module-level-async', <<'JS', '["module","handler","init","after"]'],
const log = [];
async function init() {
  await null;
  log.push('init');
}
init();
log.push('module');
module.exports = async (req, res) => {
  log.push('handler');
  await null;
  log.push('after');
  res.json(log);
};
JS
    ['rejected', <<'JS', '{"caught":"no"}'],
module.exports = async (req, res) => {
  try {
    await Promise.reject(new Error('no'));
  } catch (e) {
    res.json({ caught: e.message });
  }
};
JS
    ['bound-method', <<'JS', '["x","y"]'],
class Handler {
  constructor() { this.log = []; }
  async handle(req, res) {
    this.log.push('x');
    await null;
    this.log.push('y');
    res.json(this.log);
  }
}
const h = new Handler();
module.exports = h.handle.bind(h);
JS
    ['thenable-and-late-catch', <<'JS', '["then called","thenable 5","caught late"]'],
module.exports = async (req, res) => {
  const log = [];
  const late = Promise.reject(new Error('late'));
  const v = await { then(resolve) { log.push('then called'); resolve(5); } };
  log.push('thenable ' + v);
  late.catch(() => log.push('caught late'));
  await null;
  res.json(log);
};
JS
    ['interleaved', <<'JS', '["a start","b start","handler","a end","b end","after a","after b"]'],
const log = [];
async function step(name) {
  log.push(name + ' start');
  await null;
  log.push(name + ' end');
}
module.exports = async (req, res) => {
  const a = step('a');
  const b = step('b');
  log.push('handler');
  await a;
  log.push('after a');
  await b;
  log.push('after b');
  res.json(log);
};
JS
);
put("$_->[0].js", $_->[1]) for @cases;
put('throws-after.js', <<'JS');
module.exports = async (req, res) => {
  await kv.incr('thrown');
  throw new Error('boom after an await');
};
JS

my $inv = start_invoke(root => $root, workers => 1, args => ['--data', $data]);
my $ng = start_nginx(fastcgi => $inv->{addr});

for my $round (1, 2) {
    for my $c (@cases) {
        my $r = http_get($ng->{port}, "/$c->[0]");
        is("$r->{status} $r->{body}", "200 $c->[2]", "$c->[0] (request $round): the order Node gives");
    }
    my $r = http_get($ng->{port}, '/throws-after');
    is($r->{status}, 500, "a throw after a settled await is a 500 (request $round)");
    is($r->{body}, '{"error":"Internal Server Error"}', 'with the JSON error body');
}
my $log = InvokeTest::_slurp($inv->{log});
like($log, qr/Uncaught Error: boom after an await/, 'the throw is logged');
unlike($log, qr/Unhandled promise rejection/, 'a rejection caught after an await is not reported as unhandled');

finish();
