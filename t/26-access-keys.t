#!/usr/bin/perl
# _settings.json "access": "keys" (issue 21) through nginx: API keys made
# by `invoke keys add`, kept hashed in the store, accepted as Bearer,
# X-API-Key or ?api_key=; a request without one, with a wrong one, with
# another folder's, or with a revoked one gets 401 and runs no JavaScript;
# the function sees req.auth; no key reaches the log; without a store the
# folder fails closed.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use InvokeTest;

need_bins('invoke-fcgi', 'invoke', 'nginx');
my $root = tmpdir() . '/fns';
my $data = tmpdir() . '/data';
make_path("$root/api/inner", "$root/other", "$root/api/open", $data);
sub put { write_file("$root/$_[0]", $_[1]) }
my $who = "module.exports = (req, res) => { console.log('RAN ' + req.path); res.json({ auth: req.auth, q: req.query }); };\n";
put('api/_settings.json', qq({ "access": "keys" }\n));
put('api/who.js', $who);
put('api/inner/who.js', $who);
put('api/open/_settings.json', qq({ "access": "public" }\n));
put('api/open/who.js', $who);
put('other/_settings.json', qq({ "access": "keys" }\n));
put('other/who.js', $who);
put('free.js', $who);

sub keys_cmd { run_cmd([bin('invoke'), 'keys', @_, '--data', $data, '--root', $root]) }
my $add = keys_cmd('add', 'api', '--name', 'ci bot');
is($add->{exit}, 0, 'invoke keys add api') or diag($add->{stderr});
chomp(my $key = $add->{stdout});
like($key, qr/^ik_[0-9a-f]{64}$/, 'a key is printed once');
my $key2 = keys_cmd('add', '/api/', '--name', 'second')->{stdout};
chomp $key2;
my $okey = keys_cmd('add', 'other')->{stdout};
chomp $okey;
my $list = keys_cmd('list', 'api');
my @lines = split /\n/, $list->{stdout};
is(scalar @lines, 2, 'invoke keys list api: two keys');
like($lines[0], qr{^/api [0-9a-f]{12} \{"name":"(ci bot|second)","created":"[0-9T:-]+Z"\}$}, 'list: folder, id, name and date');
unlike($list->{stdout}, qr/\Q$key\E/, 'list never shows a key');
is(scalar(split /\n/, keys_cmd('list')->{stdout}), 3, 'invoke keys list: every folder');
is(keys_cmd('add', '../up')->{exit}, 2, 'a folder outside the root is refused');

my $inv = start_invoke(root => $root, workers => 2, args => ['--data', $data]);
# Through Apache the responder runs as www-data, and the store's files are
# its owner's alone (0600): handed over once they all exist; this test,
# as root, still reaches them.
if (($ENV{INVOKE_TEST_FRONT} || '') eq 'apache' && $> == 0 && (my @ids = (getpwnam('www-data'))[2, 3])) {
    system('chown', '-R', "$ids[0]:$ids[1]", $data) == 0 or die "chown $data failed";
}
my $ng = start_nginx(fastcgi => $inv->{addr});
my $p = $ng->{port};

sub call { my ($path, %h) = @_; http_get($p, $path, headers => \%h) }
my $r = call('/api/who');
is($r->{status}, 401, 'no key: 401');
like(hdr($r, 'www-authenticate') || '', qr/^Bearer/, '... with WWW-Authenticate');
is(call('/api/who', Authorization => 'Bearer ik_' . ('0' x 64))->{status}, 401, 'a wrong key: 401');
is(call('/api/who', Authorization => "Bearer ${key}0")->{status}, 401, 'a key with one more digit: 401');
is(call('/api/who', Authorization => "Bearer $okey")->{status}, 401, "another folder's key: 401");
is(call('/api/who', Authorization => "Basic $key")->{status}, 401, 'a key under another scheme: 401');
$r = call('/api/who', Authorization => "Bearer $key");
is($r->{status}, 200, 'Bearer: 200');
my $auth = (json_body($r) || {})->{auth} || {};
is($auth->{type}, 'key', 'req.auth.type');
is($auth->{name}, 'ci bot', 'req.auth.name');
like($auth->{id} || '', qr/^[0-9a-f]{12}$/, 'req.auth.id');
is(call('/api/who', 'X-API-Key' => $key2)->{status}, 200, 'X-API-Key: 200');
is(http_get($p, "/api/who?api_key=$key&x=1")->{status}, 200, '?api_key=: 200');
is(call('/api/inner/who', Authorization => "Bearer $key")->{status}, 200, 'the key holds in a folder below');
is(call('/api/inner/who')->{status}, 401, '... which is protected too');
is(call('/api/open/who')->{status}, 200, 'a deeper "public" opens its folder');
is(json_body(call('/free'))->{auth}, undef, 'an open function: req.auth is null');
is(call('/other/who', 'X-API-Key' => $okey)->{status}, 200, "the other folder's own key");

my ($id) = grep { defined } map { m{^/api ([0-9a-f]{12}) .*ci bot} ? $1 : undef } split /\n/, keys_cmd('list', 'api')->{stdout};
my $rev = keys_cmd('revoke', 'api', $id);
is($rev->{exit}, 0, 'invoke keys revoke api ID') or diag($rev->{stderr});
is(call('/api/who', Authorization => "Bearer $key")->{status}, 401, 'a revoked key: 401');
is(call('/api/who', 'X-API-Key' => $key2)->{status}, 200, 'the other key still works');
is(keys_cmd('revoke', 'api', $id)->{exit}, 1, 'revoking it again fails');

my @ran = grep { /RAN/ } log_lines($inv);
is(scalar(grep { m{RAN /api/who} } @ran), 4, 'JavaScript ran only for the four requests let in');
my $log = join "\n", log_lines($inv);
unlike($log, qr/\Q$key\E|\Q$key2\E|\Q$okey\E/, 'no key in the log');

# without a store the folder cannot check keys: it fails closed
my $bare = start_invoke(root => $root, workers => 1, name => 'bare');
my $ng2 = start_nginx(fastcgi => $bare->{addr}, name => 'nginx-bare');
$r = http_get($ng2->{port}, '/api/who', headers => { Authorization => "Bearer $key2" });
is($r->{status}, 500, 'no store: 500, not open');
ok(wait_for_log($bare, qr/needs the store/), '... and the log says why');

finish();
