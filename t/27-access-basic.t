#!/usr/bin/perl
# _settings.json "access": { "basic": FILE } (issue 21) through nginx: HTTP
# Basic against a password file of htpasswd -B (bcrypt) and openssl passwd
# -6 (SHA-512 crypt) lines; a wrong password, an unknown user, no or
# malformed credentials get 401 and run nothing; the function sees
# req.auth.user; a file with a line of another form, or a missing file, or
# one outside the root fails closed; no password reaches the log.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use MIME::Base64 qw(encode_base64);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
plan(skip_all => 'htpasswd not found (apache2-utils)') unless -x '/usr/bin/htpasswd';
my $root = tmpdir() . '/fns';
make_path(map { "$root/$_" } qw(priv priv/deeper weak missing escape));
sub put { write_file("$root/$_[0]", $_[1]) }
my $who = "module.exports = (req, res) => { console.log('RAN ' + req.path); res.json(req.auth); };\n";
put("$_/who.js", $who) for qw(priv priv/deeper weak missing escape);
put('priv/_settings.json', qq({ "access": { "basic": "_users" } }\n));
my $alice = `htpasswd -nbB alice 'correct horse'`;
my $bob = `openssl passwd -6 -salt pepperpepper 'b0b:pass'`;
chomp $bob;
put('priv/_users', "# team\n$alice\nbob:$bob\n");
put('weak/_settings.json', qq({ "access": { "basic": "_users" } }\n));
put('weak/_users', "carol:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
put('missing/_settings.json', qq({ "access": { "basic": "_nobody" } }\n));
put('escape/_settings.json', qq({ "access": { "basic": "../../outside-users" } }\n));
write_file(tmpdir() . '/outside-users', "$alice\n");

my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $p = $ng->{port};
sub basic { my ($path, $cred) = @_; http_get($p, $path, headers => { Authorization => 'Basic ' . encode_base64($cred, '') }) }

my $r = http_get($p, '/priv/who');
is($r->{status}, 401, 'no credentials: 401');
like(hdr($r, 'www-authenticate') || '', qr/^Basic realm="invoke"/, '... asking for Basic');
$r = basic('/priv/who', 'alice:correct horse');
is($r->{status}, 200, 'htpasswd -B (bcrypt): 200');
is_deeply(json_body($r), { type => 'basic', id => 'alice', user => 'alice' }, 'req.auth');
is(basic('/priv/deeper/who', 'bob:b0b:pass')->{status}, 200, 'openssl passwd -6, a colon in the password, a folder below: 200');
is(basic('/priv/who', 'alice:correct horsE')->{status}, 401, 'a wrong password: 401');
is(basic('/priv/who', 'mallory:correct horse')->{status}, 401, 'an unknown user: 401');
is(basic('/priv/who', 'alice')->{status}, 401, 'no colon: 401');
is(http_get($p, '/priv/who', headers => { Authorization => 'Basic !!!!' })->{status}, 401, 'not base64: 401');
is(http_get($p, '/priv/who', headers => { Authorization => 'Bearer xyz' })->{status}, 401, 'another scheme: 401');
for my $dir (qw(weak missing escape)) {
    $r = basic("/$dir/who", 'alice:correct horse');
    is($r->{status}, 500, "/$dir: fails closed (500)");
}
ok(wait_for_log($inv, qr{weak/_users:1: expected user:HASH}), 'an unsupported hash: the file and line in the log');
ok(wait_for_log($inv, qr{outside the root}), 'a password file outside the root: refused');
my @ran = grep { /RAN/ } log_lines($inv);
is(scalar @ran, 2, 'JavaScript ran only for the two requests let in');
unlike(join("\n", log_lines($inv)), qr/correct horse|b0b:pass/, 'no password in the log');
finish();
