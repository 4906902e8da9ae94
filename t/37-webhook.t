#!/usr/bin/perl
# The seed's webhook sample (t/runtime/webhook.js, as the seed writes it)
# through nginx and invoke-fcgi: a signature made by `openssl dgst -sha256
# -hmac` over the body is accepted, a tampered signature or body is
# refused with 401.  The secret comes from the root's .env, which wins
# over the administrator's --env; --env variables reach process.env, and a
# function's change to process.env lasts only for its request.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi', 'nginx', 'openssl');
my $root = "$FindBin::Bin/runtime";
my $secret = 's3cr3t-for-the-webhook-test';
my $tmp = tmpdir();

sub openssl_hmac {
    my ($body) = @_;
    open my $fh, '>:raw', "$tmp/body" or die $!;
    print $fh $body;
    close $fh;
    my $c = run_cmd(['openssl', 'dgst', '-sha256', '-hmac', $secret, "$tmp/body"], timeout => 10);
    my ($hex) = $c->{stdout} =~ /= ([0-9a-f]{64})\s*$/;
    return $hex;
}

my $inv = start_invoke(root => $root, workers => 1,
                       args => ['--env', 'ADMIN_ONLY=from the admin', '--env', 'WEBHOOK_SECRET=overridden by .env']);
my $ng = start_nginx(fastcgi => $inv->{addr});

my $body = '{"event":"order.paid","amount":4200,"currency":"EUR","id":"ord_81b2"}';
my $sig = openssl_hmac($body);
like($sig, qr/^[0-9a-f]{64}$/, 'openssl dgst -sha256 -hmac signs the body');

sub post {
    my ($b, $s) = @_;
    return http_post($ng->{port}, '/webhook', $b,
                     headers => { 'Content-Type' => 'application/json', defined $s ? ('X-Signature' => $s) : () });
}

my $r = post($body, $sig);
is($r->{status}, 200, 'a valid signature: 200') or diag($r->{body});
is_deeply(json_body($r), { success => JSON::PP::true() }, '{"success":true}');

(my $bad = $sig) =~ s/^(.)/$1 eq 'a' ? 'b' : 'a'/e;
$r = post($body, $bad);
is($r->{status}, 401, 'a tampered signature: 401');
is_deeply(json_body($r), { error => 'Invalid signature' }, 'the sample\'s error body');

(my $tampered = $body) =~ s/4200/1/;
$r = post($tampered, $sig);
is($r->{status}, 401, 'a tampered body with the old signature: 401');

$r = post($body, uc $sig);
is($r->{status}, 401, 'the signature in upper case is another string: 401');

for my $n (1, 2) {
    $r = http_get($ng->{port}, '/env');
    is_deeply(json_body($r), { admin => 'from the admin', secret => $secret, changed => 'changed by a function' },
              "process.env: --env, then .env over it; a write lasts one request ($n)") or diag($r->{body});
}

stop_all();
done_testing();
