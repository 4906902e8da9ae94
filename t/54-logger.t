#!/usr/bin/perl
# The global logger (doc/api.md, "logger"): Pino's API, one JSON line per
# call in the responder's log, carrying the request id of the line's
# prefix; levels filter, a level set in one request is not the next's,
# child() merges bindings, errors are serialized as Pino does.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use JSON::PP;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/root';
mkdir $root or die "$root: $!";
sub put { my ($f, $s) = @_; open my $fh, '>', "$root/$f" or die $!; print $fh $s; close $fh }

put('log.js', <<'JS');
module.exports = (req, res) => {
  const tag = req.query.tag;
  logger.info('plain %s %d%%', tag, 42, 'not appended');
  logger.info({ tag, user: { id: 7 } }, 'with fields');
  logger.debug({ tag }, 'debug-before');
  logger.trace({ tag }, 'trace-before');
  if (req.query.debug) logger.level = 'debug';
  logger.debug({ tag }, 'debug-after');
  const billing = logger.child({ module: 'billing', tag });
  const inner = billing.child({ step: 2 }, { level: 'warn' });
  inner.info('inner-info');
  inner.warn('inner-warn');
  const err = new RangeError('too far');
  err.code = 'E_FAR';
  billing.error(err);
  billing.fatal({ err }, 'fatal %s', 'now');
  let bad = null;
  try { logger.level = 'loud'; } catch (e) { bad = e.message; }
  res.json({ level: logger.level, levelVal: logger.levelVal, child: billing.level, inner: inner.level,
             enabled: [logger.isLevelEnabled('info'), logger.isLevelEnabled('trace'), inner.isLevelEnabled('error')],
             bindings: inner.bindings(), bad });
};
JS

my $inv = start_invoke(root => $root, workers => 1);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $r = http_get($ng->{port}, '/log?tag=one&debug=1');
is($r->{status}, 200, 'first request: 200');
is_deeply(json_body($r), { level => 'debug', levelVal => 20, child => 'debug', inner => 'warn',
                           enabled => [JSON::PP::true, JSON::PP::false, JSON::PP::true],
                           bindings => { module => 'billing', tag => 'one', step => 2 }, bad => 'unknown level loud' },
          'level, levelVal, child levels, isLevelEnabled, bindings(), an unknown level');
$r = http_get($ng->{port}, '/log?tag=two');
is(json_body($r)->{level}, 'info', "the second request (same worker) starts at 'info' again");
ok(wait_for_log($inv, qr/ access .*tag=two/, 5) || wait_for_log($inv, qr/ access /, 5), 'access lines written');
sleep 1;

my @recs = grep { ($_->{func} // '') eq 'log.js' } log_records($inv);
my @lines;
for my $rec (@recs) {
    my $j = eval { decode_json($rec->{msg}) };
    ok($j, 'a JSON line: ' . $rec->{msg}) or next;
    $j->{_level} = $rec->{level};
    $j->{_reqid} = $rec->{reqid};
    push @lines, $j;
}
sub pick { my ($tag, $msg) = @_; grep { ($_->{tag} // '') eq $tag && ($_->{msg} // '') eq $msg } @lines }
my ($plain) = grep { ($_->{msg} // '') =~ /^plain one / } @lines;
ok($plain, 'logger.info(format, ...args)') or diag(explain \@lines);
$plain ||= {};
is($plain->{msg}, 'plain one 42%', '%s, %d and %% as Pino formats them, extra arguments not appended');
is($plain->{level}, 30, 'level 30 (info)');
is($plain->{_level}, 'info', "the log line's level column");
like($plain->{time} // '', qr/^\d{13}$/, 'time: milliseconds since 1970');
ok(abs(($plain->{time} // 0) / 1000 - time) < 60, 'time: now');
is($plain->{reqId}, $plain->{_reqid}, "reqId is the request id of the line's prefix");
my ($fields) = pick('one', 'with fields');
is_deeply($fields && $fields->{user}, { id => 7 }, "logger.info({...}, 'msg'): the object's fields on the line");
is(scalar(pick('one', 'debug-before')), 0, 'debug is off at first');
is(scalar(pick('one', 'trace-before')), 0, 'trace is off at first');
my ($dbg) = pick('one', 'debug-after');
ok($dbg, "after logger.level = 'debug', debug lines are written");
is($dbg && $dbg->{_level}, 'debug', '... at level debug');
is(scalar(pick('two', 'debug-after')), 0, "not in the next request, which did not ask");
my ($iw) = grep { ($_->{msg} // '') eq 'inner-warn' && ($_->{tag} // '') eq 'one' } @lines;
ok($iw, "a child's child writes at its own level");
is_deeply($iw && [@$iw{qw(module tag step level)}], ['billing', 'one', 2, 40], "child bindings merged into the line");
is(scalar(grep { ($_->{msg} // '') eq 'inner-info' } @lines), 0, "the child's level 'warn' filters info");
my ($e) = grep { ($_->{msg} // '') eq 'too far' && ($_->{tag} // '') eq 'one' } @lines;
ok($e, 'logger.error(err): msg is the message');
is_deeply($e && [@{ $e->{err} }{qw(type message code)}], ['RangeError', 'too far', 'E_FAR'], 'err: type, message, own properties');
like($e && $e->{err}{stack} // '', qr/^RangeError: too far\n    at /, 'err: the stack');
my ($f) = grep { ($_->{msg} // '') eq 'fatal now' && ($_->{tag} // '') eq 'one' } @lines;
is($f && $f->{level}, 60, "fatal({ err }, 'fatal %s', 'now'): level 60");
is($f && $f->{_level}, 'fatal', '... in the level column');
is($f && $f->{err}{message}, 'too far', '... err serialized');
finish();
