#!/usr/bin/perl
# Signatures made by require('crypto') (crypto.js over the EVP_PKEY natives
# of src/bindings/js_crypto.c) with the keys of t/runtime/keys, made by the
# openssl tool, are checked by that tool: ECDSA and RSA-PSS signatures are
# randomized, so a verifier other than ours must accept them (that node's
# verify under invoke is t/modules/node-crypto-keys.txt).  A tampered one
# must be refused, or the check would prove nothing.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use MIME::Base64 qw(decode_base64);
use InvokeTest;

need_bins('invoke', 'openssl');
my $keys = "$FindBin::Bin/runtime/keys";
my $tmp = tmpdir();
my $c = run_cmd([bin('invoke'), 'exec', "$keys/sign.js"], timeout => 60);
is($c->{exit}, 0, 'sign.js runs') or diag($c->{stderr});
my %sig = map { split / /, $_, 2 } grep { /\S/ } split /\n/, $c->{stdout};
is(scalar(keys %sig), 8, 'and prints every signature');

sub spew {
    my ($path, $bytes) = @_;
    open my $fh, '>:raw', $path or die "$path: $!";
    print $fh $bytes;
    close $fh;
}
spew("$tmp/gen.pub.pem", decode_base64($sig{'gen.pub'} || ''));

sub openssl_ok {
    my ($name, $bytes, @args) = @_;
    spew("$tmp/$name.sig", $bytes);
    my $r = run_cmd(['openssl', @args, '-signature', "$tmp/$name.sig", "$keys/sign.js"], timeout => 30);
    return $r->{exit} == 0 && $r->{stdout} =~ /Verified OK/;
}

my %how = (
    'rsa-sha256' => ['dgst', '-sha256', '-verify', "$keys/rsa.pub.pem"],
    'rsa-pss-sha256' => ['dgst', '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:-2', '-verify', "$keys/rsa.pub.pem"],
    'rsa-pss32-sha256' => ['dgst', '-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-verify', "$keys/rsa.pub.pem"],
    'ec-sha256' => ['dgst', '-sha256', '-verify', "$keys/ec.pub.pem"],
    'ec-sha384' => ['dgst', '-sha384', '-verify', "$keys/ec.pub.pem"],
    'ed-none' => ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', "$keys/ed.pub.pem", '-sigfile'],
    'gen-sha256' => ['dgst', '-sha256', '-verify', "$tmp/gen.pub.pem"],
);
for my $name (sort keys %how) {
    my $bytes = decode_base64($sig{$name} || '');
    my @args = @{ $how{$name} };
    if ($args[0] eq 'pkeyutl') {
        # pkeyutl reads the signature after -sigfile and the data with -in
        spew("$tmp/$name.sig", $bytes);
        my $r = run_cmd(['openssl', @args, "$tmp/$name.sig", '-in', "$keys/sign.js"], timeout => 30);
        like($r->{stdout}, qr/Signature Verified Successfully/, "openssl verifies $name");
        my $bad = $bytes;
        substr($bad, 5, 1) = chr(ord(substr($bad, 5, 1)) ^ 1) if length $bad > 5;
        spew("$tmp/$name.bad", $bad);
        $r = run_cmd(['openssl', @args, "$tmp/$name.bad", '-in', "$keys/sign.js"], timeout => 30);
        unlike($r->{stdout}, qr/Signature Verified Successfully/, "and refuses it tampered");
        next;
    }
    ok(openssl_ok($name, $bytes, @args), "openssl verifies $name");
    my $bad = $bytes;
    substr($bad, -3, 1) = chr(ord(substr($bad, -3, 1)) ^ 1) if length $bad > 3;
    ok(!openssl_ok("$name.bad", $bad, @args), "and refuses it tampered");
}
done_testing();
