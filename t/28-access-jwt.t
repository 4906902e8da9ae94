#!/usr/bin/perl
# _settings.json "access": { "jwt": ... } (issue 21) through nginx: JWTs
# made with openssl (RS256, ES256, EdDSA, HS256) against a JWKS file; a
# good token is let in with its claims as req.auth, an expired one, one
# for another audience or issuer, one signed by another key, "alg": "none",
# an HS256 token made with the RSA key's public half, one without exp, one
# not yet valid and a tampered one get 401 and run nothing; a missing JWKS
# file fails closed.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use MIME::Base64 qw(encode_base64);
use InvokeTest;

need_bins('invoke-fcgi', 'nginx');
my $tmp = tmpdir();
my $root = "$tmp/fns";
make_path(map { "$root/$_" } qw(api hs nokeys remote));
sub put { write_file("$root/$_[0]", $_[1]) }
sub ossl { my $out = `openssl @_`; die "openssl @_ failed" if $?; $out }
sub b64u { (my $s = encode_base64($_[0], '')) =~ tr{+/}{-_}; $s =~ s/=+$//; $s }
sub slurp_bin { open my $fh, '<:raw', $_[0] or die "$_[0]: $!"; local $/; <$fh> }

ossl("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $tmp/rsa.pem 2>/dev/null");
ossl("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $tmp/rsa2.pem 2>/dev/null");
ossl("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $tmp/ec.pem 2>/dev/null");
ossl("genpkey -algorithm ED25519 -out $tmp/ed.pem 2>/dev/null");
my ($mod) = ossl("rsa -in $tmp/rsa.pem -noout -modulus 2>/dev/null") =~ /Modulus=([0-9A-F]+)/;
ossl("pkey -in $tmp/rsa.pem -pubout -out $tmp/rsa.pub");
ossl("pkey -in $tmp/ec.pem -pubout -outform DER -out $tmp/ec.der");
ossl("pkey -in $tmp/ed.pem -pubout -outform DER -out $tmp/ed.der");
my $ecpub = substr(slurp_bin("$tmp/ec.der"), -64);
my $edpub = substr(slurp_bin("$tmp/ed.der"), -32);
my $hmac = 'k' x 40;
my $jwks = '{"keys":['
    . '{"kty":"RSA","kid":"r1","n":"' . b64u(pack('H*', $mod)) . '","e":"AQAB"},'
    . '{"kty":"EC","kid":"e1","crv":"P-256","x":"' . b64u(substr($ecpub, 0, 32)) . '","y":"' . b64u(substr($ecpub, 32)) . '"},'
    . '{"kty":"OKP","kid":"d1","crv":"Ed25519","x":"' . b64u($edpub) . '"},'
    . '{"kty":"oct","kid":"h1","k":"' . b64u($hmac) . '"}]}';
put('api/_jwks.json', "$jwks\n");
put('api/_settings.json', qq({ "access": { "jwt": { "jwks": "_jwks.json", "issuer": "https://idp.test",\n  "audience": "orders", "algorithms": ["RS256", "ES256", "EdDSA"] } } }\n));
put('hs/_settings.json', qq({ "access": { "jwt": { "jwks": "../api/_jwks.json", "algorithms": ["HS256"] } } }\n));
put('nokeys/_settings.json', qq({ "access": { "jwt": { "jwks": "_gone.json" } } }\n));
my $who = "module.exports = (req, res) => { console.log('RAN ' + req.path); res.json(req.auth); };\n";
put("$_/who.js", $who) for qw(api hs nokeys remote);
# the provider's jwks_uri, served by a function of the same root
put('jwks.js', "module.exports = (req, res) => { console.log('JWKS FETCHED'); res.type('json').send(" . "'$jwks'" . "); };\n");

# a token: header and claims as JSON, signed by openssl
sub token {
    my ($alg, $kid, $claims, $key) = @_;
    my $hdr = qq({"alg":"$alg","typ":"JWT") . ($kid ? qq(,"kid":"$kid") : '') . '}';
    my $input = b64u($hdr) . '.' . b64u($claims);
    write_file("$tmp/input", $input);
    my $sig = '';
    if ($alg eq 'RS256') { $sig = ossl("dgst -sha256 -sign $key -binary $tmp/input") }
    elsif ($alg eq 'EdDSA') { $sig = ossl("pkeyutl -sign -inkey $key -rawin -in $tmp/input") }
    elsif ($alg eq 'HS256') { $sig = ossl("dgst -sha256 -mac HMAC -macopt hexkey:" . unpack('H*', $key) . " -binary $tmp/input") }
    elsif ($alg eq 'ES256') {
        my $der = ossl("dgst -sha256 -sign $key -binary $tmp/input");
        # SEQUENCE { INTEGER r, INTEGER s } -> r||s, 32 bytes each
        my ($rl) = unpack('x3 C', $der);
        my $r = substr($der, 4, $rl);
        my $sl = unpack('C', substr($der, 5 + $rl, 1));
        my $s = substr($der, 6 + $rl, $sl);
        $sig = join '', map { my $v = $_; $v =~ s/^\x00+//; ("\x00" x (32 - length $v)) . $v } $r, $s;
    }
    return "$input." . b64u($sig);
}
my $now = time;
my $good = qq({"iss":"https://idp.test","aud":"orders","sub":"user-7","exp":) . ($now + 600) . qq(,"scope":"read"});

my $inv = start_invoke(root => $root, workers => 3);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $p = $ng->{port};
put('remote/_settings.json', qq({ "access": { "jwt": { "jwksUrl": "http://127.0.0.1:$p/jwks", "audience": "orders" } } }\n));
sub with { my ($path, $tok) = @_; http_get($p, $path, headers => { Authorization => "Bearer $tok" }) }

my $r = with('/api/who', token('RS256', 'r1', $good, "$tmp/rsa.pem"));
is($r->{status}, 200, 'RS256: 200');
my $a = json_body($r) || {};
is($a->{type}, 'jwt', 'req.auth.type');
is($a->{sub}, 'user-7', 'req.auth.sub');
is(($a->{claims} || {})->{scope}, 'read', 'req.auth.claims');
is(with('/api/who', token('ES256', 'e1', $good, "$tmp/ec.pem"))->{status}, 200, 'ES256: 200');
is(with('/api/who', token('EdDSA', 'd1', $good, "$tmp/ed.pem"))->{status}, 200, 'EdDSA: 200');
is(with('/api/who', token('RS256', undef, $good, "$tmp/rsa.pem"))->{status}, 200, 'RS256 without a kid: 200');
is(with('/hs/who', token('HS256', 'h1', $good, $hmac))->{status}, 200, 'HS256 where allowed: 200');

$r = http_get($p, '/api/who');
is($r->{status}, 401, 'no token: 401');
like(hdr($r, 'www-authenticate') || '', qr/^Bearer/, '... asking for a Bearer token');
my %bad = (
    'expired' => token('RS256', 'r1', qq({"iss":"https://idp.test","aud":"orders","sub":"u","exp":) . ($now - 10) . '}', "$tmp/rsa.pem"),
    'wrong audience' => token('RS256', 'r1', qq({"iss":"https://idp.test","aud":"billing","sub":"u","exp":) . ($now + 600) . '}', "$tmp/rsa.pem"),
    'wrong issuer' => token('RS256', 'r1', qq({"iss":"https://evil.test","aud":"orders","sub":"u","exp":) . ($now + 600) . '}', "$tmp/rsa.pem"),
    'wrong key' => token('RS256', 'r1', $good, "$tmp/rsa2.pem"),
    'no exp' => token('RS256', 'r1', qq({"iss":"https://idp.test","aud":"orders","sub":"u"}), "$tmp/rsa.pem"),
    'not yet valid' => token('RS256', 'r1', qq({"iss":"https://idp.test","aud":"orders","nbf":) . ($now + 600) . ',"exp":' . ($now + 900) . '}', "$tmp/rsa.pem"),
    'HS256 where only RS256/ES256/EdDSA' => token('HS256', 'h1', $good, $hmac),
    'HS256 keyed with the RSA public key' => token('HS256', 'r1', $good, slurp_bin("$tmp/rsa.pub")),
    'alg none' => b64u('{"alg":"none","typ":"JWT"}') . '.' . b64u($good) . '.',
    'tampered claims' => do { my $t = token('RS256', 'r1', $good, "$tmp/rsa.pem"); my @x = split /\./, $t;
                              $x[1] = b64u(qq({"iss":"https://idp.test","aud":"orders","sub":"admin","exp":) . ($now + 600) . '}'); join '.', @x },
    'garbage' => 'not.a.token',
);
for my $k (sort keys %bad) {
    is(with('/api/who', $bad{$k})->{status}, 401, "$k: 401");
}
is(with('/hs/who', token('RS256', 'r1', $good, "$tmp/rsa.pem"))->{status}, 401, 'RS256 where only HS256: 401');
is(with('/hs/who', token('HS256', 'r1', $good, slurp_bin("$tmp/rsa.pub")))->{status}, 401,
   'HS256 keyed with the RSA public key where HS256 is allowed: 401 (an RSA key is no HMAC secret)');
$r = with('/nokeys/who', token('RS256', 'r1', $good, "$tmp/rsa.pem"));
is($r->{status}, 500, 'a missing JWKS file fails closed (500)');
ok(wait_for_log($inv, qr{_gone\.json}), '... naming the file in the log');
my @ran = grep { /RAN/ } log_lines($inv);
is(scalar @ran, 5, 'JavaScript ran only for the five good tokens');

# a JWKS URL: fetched, kept, and fetched under the fetch policy
$r = with('/remote/who', token('ES256', 'e1', $good, "$tmp/ec.pem"));
is($r->{status}, 200, 'jwksUrl: a good token, 200');
is(with('/remote/who', token('RS256', 'r1', $good, "$tmp/rsa2.pem"))->{status}, 401, 'jwksUrl: a wrong key, 401');
is(with('/remote/who', token('EdDSA', 'd1', $good, "$tmp/ed.pem"))->{status}, 200, 'jwksUrl: again, 200');
my $fetches = grep { /JWKS FETCHED/ } log_lines($inv);
cmp_ok($fetches, '<=', 3, "the JWKS is kept, not fetched per request ($fetches fetches for 3 requests on 3 workers)");
my $deny = start_invoke(root => $root, workers => 2, name => 'deny', args => ['--fetch-deny', '127.0.0.0/8']);
my $ng2 = start_nginx(fastcgi => $deny->{addr}, name => 'nginx-deny');
$r = http_get($ng2->{port}, '/remote/who', headers => { Authorization => 'Bearer ' . token('ES256', 'e1', $good, "$tmp/ec.pem") });
is($r->{status}, 500, 'a JWKS URL the fetch policy refuses: 500, not open');
ok(wait_for_log($deny, qr/refused by the fetch policy/), '... and the log says so');
finish();
