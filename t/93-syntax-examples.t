#!/usr/bin/perl
# The seed's samples (examples/best-practices, modern syntax as the seed
# writes it) through real nginx and invoke-fcgi, each giving the response
# the seed implies; and the shared bytecode cache under --data: written on
# the first request, reused, replaced when a file changes.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use Digest::SHA qw(hmac_sha256_hex);

need_bins('invoke-fcgi', 'nginx');
my $tmp = tmpdir();
my $data = "$tmp/data";
mkdir $data or die $!;
# The seed's upstream, api.example.com, is refused by name before any
# lookup (nothing leaves loopback): the failure the samples handle.
my $secret = 'sk-test-5e1f0c2a';
my $whsec = 'whsec-test-71c9';
my $inv = start_invoke(root => srcdir() . '/examples', workers => 2,
                       args => ['--data', $data, '--fetch-deny', 'api.example.com',
                                '--env', "API_KEY=$secret", '--env', "WEBHOOK_SECRET=$whsec"]);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $port = $ng->{port};
my $B = '/best-practices';

sub post_json {
    my ($target, $json, %h) = @_;
    return http_post($port, $target, $json, headers => { 'Content-Type' => 'application/json', %h });
}

my $r = http_get($port, "$B/users/42");
is($r->{status}, 200, 'focused function: 200');
is_deeply(json_body($r), { user => { id => 42, name => 'Ada' } }, 'focused function: the user from req.params');

$r = post_json("$B/stateless?key=a", '{"value":1}');
is_deeply(json_body($r), { a => 1 }, 'stateless: this request\'s entry');
$r = post_json("$B/stateless?key=b", '{"value":2}');
is_deeply(json_body($r), { b => 2 }, "stateless: the module-level cache did not persist");

$r = post_json("$B/kv-store?key=k1", '{"value":"v1"}');
is_deeply(json_body($r), { success => JSON::PP::true }, 'kv store: success');

$r = post_json("$B/queue", '{"task":"resize"}');
is($r->{status}, 202, 'quick response: 202');
is_deeply(json_body($r), { message => 'Job queued', status => 'processing' }, 'quick response: body');

$r = post_json("$B/errors", '{"fail":true}');
is($r->{status}, 500, 'error handling: 500 from the catch block');
is(json_body($r)->{message}, 'the operation was asked to fail', 'error handling: the message');
$r = post_json("$B/errors", '{"n":1}');
is_deeply(json_body($r), { success => JSON::PP::true, result => { echoed => { n => 1 } } }, 'error handling: success');

$r = post_json("$B/validate", '{"email":"nope","name":"Al"}');
is($r->{status}, 400, 'validate: bad email 400');
is(json_body($r)->{error}, 'Invalid email address', 'validate: bad email message');
$r = post_json("$B/validate", '{"email":"a@b.c","name":"A"}');
is(json_body($r)->{error}, 'Name must be at least 2 characters', 'validate: short name');
$r = post_json("$B/validate", '{"email":"a@b.c","name":"Al"}');
is($r->{status}, 200, 'validate: valid input 200');
is(json_body($r)->{user}{email}, 'a@b.c', 'validate: the created user');

$r = post_json("$B/safe-logging", '{"email":"a@b.c","password":"hunter2"}');
is($r->{status}, 200, 'safe logging: 200');
ok(wait_for_log($inv, qr/User login attempt:.*a\@b\.c/, 5), 'safe logging: the email is logged');
unlike(join('', log_lines($inv)), qr/hunter2/, 'safe logging: the password is not');

for my $n (1, 2) {
    $r = http_get($port, "$B/rate-limit");
    is_deeply(json_body($r), { success => JSON::PP::true }, "rate limit: request $n allowed");
}

$r = post_json("$B/webhook", '{"event":"x"}');
is($r->{status}, 401, 'webhook: no signature, 401');

# The seed's TypeScript sample, as written: it sends nothing, so a 500
# whose log line says so, once its body was read and destructured.
$r = post_json("$B/typescript", '{"email":"a@b.c","name":"Al"}');
is($r->{status}, 500, 'TypeScript sample: compiled and run, no response sent: 500');
ok(wait_for_log($inv, qr{best-practices/typescript\.ts finished without sending a response}, 5),
   'TypeScript sample: the log names the .ts file');
$r = post_json("$B/typescript", '{"email":');
is($r->{status}, 400, 'TypeScript sample: a broken body is a 400');

# The samples again as ES modules in TypeScript (examples/typescript)
my $event = '{"type":"payment.completed","data":{"id":7}}';
$r = post_json('/typescript/webhook', $event, 'X-Signature' => hmac_sha256_hex($event, $whsec));
is($r->{status}, 200, 'typed webhook: signed event 200');
is_deeply(json_body($r), { received => JSON::PP::true, type => 'payment.completed', verdict => 'accepted' },
          'typed webhook: the string enum in the answer');
$r = post_json('/typescript/webhook', $event, 'X-Signature' => hmac_sha256_hex($event, 'other'));
is($r->{status}, 401, 'typed webhook: wrong signature 401');
$r = http_get($port, '/typescript/cache');
is(json_body($r)->{fromCache}, JSON::PP::false, 'typed kv cache: first request computes');
$r = http_get($port, '/typescript/cache');
is(json_body($r)->{fromCache}, JSON::PP::true, 'typed kv cache: second request from kv');
is(json_body($r)->{answer}, 42, 'typed kv cache: the data');

$r = http_get($port, "$B/cache");
is(json_body($r)->{fromCache}, JSON::PP::false, 'cache: first request computes');
is(json_body($r)->{answer}, 42, 'cache: the data');
$r = http_get($port, "$B/cache");
is(json_body($r)->{fromCache}, JSON::PP::true, 'cache: second request from kv (object spread)');

$r = http_get($port, "$B/stream?n=4");
is($r->{status}, 200, 'stream: 200');
is_deeply(JSON::PP::decode_json($r->{body}), [map { { id => $_, name => "item $_" } } 1 .. 4],
          'stream: every item of the async generator, through for await');

$r = http_get($port, "$B/lookup?id=2");
is_deeply(json_body($r), { user => { id => 2, name => 'Grace' }, same => JSON::PP::true }, 'lookup: Map and find agree');

$r = http_get($port, "$B/structured-logging");
is($r->{status}, 200, 'structured logging: 200');
ok(wait_for_log($inv, qr/"message":"Request processed"/, 5), 'structured logging: a JSON line');
$r = http_get($port, "$B/structured-logging?fail=1");
is($r->{status}, 500, 'structured logging: failure 500');
is(json_body($r)->{error}, 'processing failed', 'structured logging: the message');

$r = http_get($port, "$B/metrics");
is(json_body($r)->{success}, 1, 'metrics: the success counter');
$r = http_get($port, "$B/metrics?fail=1");
is($r->{status}, 500, 'metrics: a rethrown error is a 500');

$r = post_json("$B/contact", '{"email":"a@b.c","message":"  hi  "}');
is_deeply(json_body($r), { success => JSON::PP::true }, 'helpers: success');
$r = post_json("$B/contact", '{"email":"nope","message":"x"}');
is($r->{status}, 400, 'helpers: invalid email 400');

$r = post_json("$B/payment-webhook", '{"amount":1}');
is($r->{status}, 401, 'payment webhook: unsigned 401');

$r = post_json("$B/edge-cases", '{}');
is($r->{status}, 400, 'edge cases: items required');
$r = post_json("$B/edge-cases", '{"items":[]}');
is_deeply(json_body($r), { total => 0, items => [] }, 'edge cases: empty');
$r = post_json("$B/edge-cases", '{"items":[{"price":2},{"price":-1},null,{"price":3}]}');
is_deeply(json_body($r), { total => 5, items => [{ price => 2 }, { price => 3 }] }, 'edge cases: filtered and summed');

# The samples that call fetch.
$r = http_get($port, "$B/degrade");
is($r->{status}, 503, 'graceful degradation: upstream refused, nothing cached: 503');
is_deeply(json_body($r), { error => 'Service temporarily unavailable' }, 'graceful degradation: the last resort');
ok(wait_for_log($inv, qr/api\.example\.com/, 5), 'graceful degradation: the refused host is logged');
my $kv = run_cmd([bin('invoke'), 'kv', 'set', 'cached:data', '{"temperature":21}',
                  '--data', $data, '--root', srcdir() . '/examples'], timeout => 20);
is($kv->{exit}, 0, 'graceful degradation: invoke kv set the cached copy');
$r = http_get($port, "$B/degrade");
is($r->{status}, 200, 'graceful degradation: 200 from the cache');
is_deeply(json_body($r), { temperature => 21, fromCache => JSON::PP::true }, 'graceful degradation: the cached copy, marked');

$r = http_get($port, "$B/secrets");
is($r->{status}, 500, 'secrets: the refused upstream is an uncaught error, 500');
is_deeply(json_body($r), { error => 'Internal Server Error' }, 'secrets: the standard error body');
unlike($r->{body}, qr/\Q$secret\E/, 'secrets: the key is not in the response');
unlike(join('', log_lines($inv)), qr/\Q$secret\E/, 'secrets: nor in the log');

$r = http_get($port, "$B/batch");
is($r->{status}, 200, 'batching: the relative fetch reached this server');
is_deeply(json_body($r), { user => { id => 1, name => 'Ada' },
                           posts => [{ id => 10, title => 'Notes by Ada' }],
                           comments => [{ id => 20, text => 'First!' }] },
          'batching: user, posts and comments in one answer');

# The bytecode cache: one file per compiled module, reused, replaced on change.
opendir my $dh, "$data/bytecode" or die "no bytecode folder: $!";
my @bc = grep { /\.bc$/ } readdir $dh;
closedir $dh;
cmp_ok(scalar @bc, '>=', 15, 'bytecode cache: the modules were written under --data/bytecode');

my $root = "$tmp/root";
mkdir $root or die $!;
open my $fh, '>', "$root/v.js" or die $!;
print $fh "module.exports = (req, res) => res.json({ v: `one` });\n";
close $fh;
my $invoke = bin('invoke');
sub run_v {
    my $c = run_cmd([$invoke, 'run', $root, '/v', '--data', $data], timeout => 20);
    my ($body) = $c->{stdout} =~ /\r?\n\r?\n(.*)\z/s;
    return $body // '';
}
is(run_v(), '{"v":"one"}', 'invoke run: the module, compiled');
is(run_v(), '{"v":"one"}', 'invoke run again: from the bytecode cache');
sleep 1.1;   # a new mtime even on coarse file systems
open $fh, '>', "$root/v.js" or die $!;
print $fh "module.exports = (req, res) => res.json({ v: `two` });\n";
close $fh;
is(run_v(), '{"v":"two"}', 'an edited file is compiled again');
opendir $dh, "$data/bytecode" or die $!;
my $n2 = grep { /\.bc$/ } readdir $dh;
closedir $dh;
is($n2, @bc + 2, 'one bytecode file per version of v.js');

# Syntax the front end cannot lower (a TypeScript decorator): a 500 that
# says why only with --dev; the log always names file:line:col.
open $fh, '>', "$root/deco.ts" or die $!;
print $fh "// a decorated class\n", "function sealed(c: any) { return c; }\n", "\@sealed class A {}\n",
    "export default (req: any, res: any) => res.send('x');\n";
close $fh;
my $c = run_cmd([$invoke, 'run', $root, '/deco'], timeout => 20);
like($c->{stdout}, qr/^HTTP\/1.1 500/, 'unsupported syntax: 500');
unlike($c->{stdout}, qr/decorators/, 'unsupported syntax: no details in the body without --dev');
like($c->{stderr}, qr{decorators are not supported \(\S*deco\.ts:3:1\)}, 'unsupported syntax: the log has file:line:col');
$c = run_cmd([$invoke, 'run', $root, '/deco', '--dev'], timeout => 20);
like($c->{stdout}, qr{decorators are not supported.*deco\.ts:3:1}, 'unsupported syntax: --dev puts it in the body');

finish();
