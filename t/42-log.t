#!/usr/bin/perl
# Logging (doc/contract.md §7): console lines and access lines in the --log file, never
# in a response.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use POSIX qw(strftime);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $root = fixture_root();
my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $r = http_get($ng->{port}, '/console');
is($r->{status}, 200, 'GET /console: 200');
is($r->{body}, 'ok', 'console output never appears in the response');
unlike($r->{raw}, qr/MARKER/, 'no console marker anywhere in the answer');

ok(wait_for_log($inv, qr/ access .* \/console 200 /, 5), 'the access line is written')
    or diag(join "\n", log_lines($inv));
my @recs = log_records($inv);
sub find_msg { my ($re) = @_; (grep { defined $_->{msg} && $_->{msg} =~ $re } @recs)[0] }

my $json = find_msg(qr/json-line/);
ok($json, 'a console.log line') or diag(join "\n", map { $_->{line} } @recs);
$json ||= {};
is($json->{msg}, '{"level":"info","msg":"json-line","n":1}', 'console.log of a JSON string stays exactly that JSON');
is($json->{level}, 'info', 'console.log is level info');
is($json->{func}, 'console.js', 'the line names the function');
like($json->{reqid} || '', qr/^[0-9a-f]{6,}$/, 'the line carries a request id');
my $now = time;
my $today = strftime('%Y-%m-%d', gmtime $now);
my $yday = strftime('%Y-%m-%d', gmtime($now - 3600));
like($json->{time} || '', qr/^(\Q$today\E|\Q$yday\E)T/, 'the time is UTC, now');

my %level = (INFO_MARKER => 'info', WARN_MARKER => 'warn', ERROR_MARKER => 'error', DEBUG_MARKER => 'debug');
for my $m (sort keys %level) {
    my $rec = find_msg(qr/\Q$m\E/) || {};
    is($rec->{level}, $level{$m}, "console.$level{$m}: level $level{$m}");
    is($rec->{reqid}, $json->{reqid}, "console.$level{$m}: the same request id");
}
is((find_msg(qr/CONSOLE_MARKER/) || {})->{msg}, 'CONSOLE_MARKER plain 42', 'console.log(a, b) joins with a space');
like((find_msg(qr/OBJ_MARKER/) || {})->{msg} || '', qr/objKey.*OBJ_MARKER.*deep/, 'an object is printed readably');
my $multi = find_msg(qr/MULTI_MARKER/) || {};
like($multi->{msg} || '', qr/^multi.+line MULTI_MARKER$/, 'a message with a newline stays one line');

my $access = (grep { ($_->{level} || '') eq 'access' && $_->{line} =~ m{/console } } @recs)[0] || {};
like($access->{line} || '', qr/^\S+Z access [0-9a-f]+ - GET \/console 200 \d+(\.\d+)?ms$/, 'the access line: method, path, status, duration');
is($access->{reqid}, $json->{reqid}, 'the access line has the request id of the console lines');

# hello.js, as in the documentation's example line.
http_get($ng->{port}, '/hello');
my $line = wait_for_log($inv, qr/ hello\.js Request received$/, 5);
like($line || '', qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info [0-9a-f]+ hello\.js Request received$/,
     'TIME LEVEL REQID FUNC MESSAGE');

# Request ids differ; every request gets an access line, errors too.
http_get($ng->{port}, '/hello');
http_get($ng->{port}, '/nope');
http_post($ng->{port}, '/hello', '{}', headers => ['Content-Type' => 'application/json']);
ok(wait_for_log($inv, qr/ access [0-9a-f]+ - POST \/hello 200 /, 5), 'an access line for a POST');
ok(wait_for_log($inv, qr/ access [0-9a-f]+ - GET \/nope 404 /, 5), 'an access line for a 404');
my @ids = map { $_->{reqid} } grep { ($_->{level} || '') eq 'access' } log_records($inv);
my %uniq = map { $_ => 1 } @ids;
is(scalar keys %uniq, scalar @ids, 'every request has its own id (' . scalar(@ids) . ' requests)');

finish();
