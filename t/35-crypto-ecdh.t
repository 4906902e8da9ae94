#!/usr/bin/perl
# crypto.createECDH (crypto.js over the ECDH natives of
# src/bindings/js_crypto.c) against the openssl tool: for each curve the
# tool makes two keys and derives their secret (pkeyutl -derive), and
# invoke must compute the same bytes from the same keys; then a key that
# invoke generated is handed to the tool, which must derive invoke's
# secret from it.  A wrong secret or a key the tool cannot read fails.
# node's answers for the same API are t/runtime/diff-ecdh.txt.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use MIME::Base64 qw(decode_base64);
use InvokeTest;

need_bins('invoke', 'openssl');
my $tmp = tmpdir();
my $script = "$FindBin::Bin/runtime/ecdh/derive.js";

sub openssl {
    my (@args) = @_;
    my $r = run_cmd(['openssl', @args], timeout => 60);
    is($r->{exit}, 0, "openssl @args[0,1]") or diag($r->{stderr});
    return $r;
}

sub slurp {
    my ($path) = @_;
    open my $fh, '<:raw', $path or die "$path: $!";
    local $/;
    return scalar <$fh>;
}

sub derive_hex {
    my ($key, $peer, $out) = @_;
    openssl('pkeyutl', '-derive', '-inkey', $key, '-peerkey', $peer, '-out', $out);
    open my $fh, '<:raw', $out or return '';
    local $/;
    my $bytes = <$fh>;
    return unpack('H*', $bytes // '');
}

for my $curve (qw(prime256v1 secp384r1 secp521r1 secp256k1)) {
    my $dir = "$tmp/$curve";
    mkdir $dir or die "$dir: $!";
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', "ec_paramgen_curve:$curve", '-out', "$dir/a.pem");
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', "ec_paramgen_curve:$curve", '-out', "$dir/b.pem");
    openssl('pkey', '-in', "$dir/b.pem", '-pubout', '-out', "$dir/b.pub.pem");
    my $want = derive_hex("$dir/a.pem", "$dir/b.pub.pem", "$dir/ab.bin");
    # a script reads the files of its own folder only
    write_file("$dir/derive.js", slurp($script));
    my $r = run_cmd([bin('invoke'), 'exec', "$dir/derive.js", $curve], timeout => 60);
    is($r->{exit}, 0, "$curve: derive.js runs") or diag($r->{stderr});
    my %got = map { split / /, $_, 2 } grep { /\S/ } split /\n/, $r->{stdout};
    ok(length($want) >= 64, "$curve: openssl derived a secret");
    is($got{theirs}, $want, "$curve: invoke's secret of openssl's keys is openssl's");
    write_file("$dir/ours.pem", decode_base64($got{'ours.pem'} // ''));
    my $again = derive_hex("$dir/ours.pem", "$dir/b.pub.pem", "$dir/ours.bin");
    is($got{ours}, $again, "$curve: openssl derives invoke's secret from invoke's generated key");
    isnt($got{ours}, $want, "$curve: and it is another key's secret");
}

done_testing();
