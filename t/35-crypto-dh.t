#!/usr/bin/perl
# Finite-field Diffie-Hellman (crypto.js over src/bindings/js_dh.c and
# js_crypto.c's pkeyDerive) against the openssl tool: the tool makes two
# keys in RFC 3526's 2048-bit group (Node's modp14) and derives their
# secret (pkeyutl -derive, padded to the prime's length as Node pads it);
# invoke must compute the same bytes from the same keys through
# crypto.diffieHellman on the PEM files and through createDiffieHellman
# with setPrivateKey, and the public key generateKeys makes from the same
# private value must be openssl's; then a pair invoke generated is handed
# to the tool, which must derive invoke's secret with it.  node's answers
# for the same API are in t/runtime/diff-util-env-compose-dh.txt.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use MIME::Base64 qw(decode_base64);
use InvokeTest;

need_bins('invoke', 'openssl');
my $tmp = tmpdir();
my $script = "$FindBin::Bin/runtime/dh/derive.js";

sub openssl {
    my (@args) = @_;
    my $r = run_cmd(['openssl', @args], timeout => 120);
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
    openssl('pkeyutl', '-derive', '-inkey', $key, '-peerkey', $peer, '-pkeyopt', 'dh_pad:1', '-out', $out);
    return unpack('H*', -e $out ? slurp($out) : '');
}

# one value of `openssl pkey -text`: the hex lines under "name:"
sub text_value {
    my ($text, $name) = @_;
    my ($block) = $text =~ /^\Q$name\E:\n((?:\s+[0-9a-f:]+\n)+)/m;
    return '' unless defined $block;
    $block =~ s/[\s:]//g;
    $block =~ s/^(?:00)+(?=[0-9a-f])//;
    return $block;
}

my $dir = "$tmp/modp14";
mkdir $dir or die "$dir: $!";
openssl('genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:modp_2048', '-out', "$dir/p.pem");
openssl('genpkey', '-paramfile', "$dir/p.pem", '-out', "$dir/a.pem");
openssl('genpkey', '-paramfile', "$dir/p.pem", '-out', "$dir/b.pem");
openssl('pkey', '-in', "$dir/b.pem", '-pubout', '-out', "$dir/b.pub.pem");
my $want = derive_hex("$dir/a.pem", "$dir/b.pub.pem", "$dir/ab.bin");
is(length($want), 512, 'openssl derived a 256-byte secret');
my $atext = openssl('pkey', '-in', "$dir/a.pem", '-text', '-noout')->{stdout};
my $btext = openssl('pkey', '-pubin', '-in', "$dir/b.pub.pem", '-text', '-noout')->{stdout};
my ($x, $apub, $y) = (text_value($atext, 'private-key'), text_value($atext, 'public-key'), text_value($btext, 'public-key'));
ok(length($x) > 40 && length($y) > 500, 'the keys read from openssl -text');

write_file("$dir/derive.js", slurp($script));
my $r = run_cmd([bin('invoke'), 'exec', "$dir/derive.js", $x, $y], timeout => 120);
is($r->{exit}, 0, 'derive.js runs') or diag($r->{stderr});
my %got = map { split / /, $_, 2 } grep { /\S/ } split /\n/, $r->{stdout};
is($got{keyobjects}, $want, "crypto.diffieHellman of openssl's PEM keys is openssl's secret");
is($got{stateful}, $want, "createDiffieHellman + setPrivateKey + computeSecret is openssl's secret");
is($got{apub}, $apub, "generateKeys from openssl's private value gives openssl's public key");
write_file("$dir/ours.pem", decode_base64($got{'ours.pem'} // ''));
my $again = derive_hex("$dir/ours.pem", "$dir/b.pub.pem", "$dir/ours.bin");
is($got{ours}, $again, "openssl derives invoke's secret from invoke's generated key");
isnt($got{ours}, $want, 'and it is another key\'s secret');

done_testing();
