#!/usr/bin/perl
# crypto.X509Certificate (crypto.js over src/bindings/js_x509.c) against
# the openssl tool: the tool makes a CA and a leaf certificate it signs
# (subjectAltName with DNS, wildcard, IP and email entries, a chosen
# serial), and what invoke reads from them must be what the tool says:
# serial, the SHA-1/256/512 fingerprints, notBefore/notAfter, the subject
# and issuer one field a line, the subjectAltName text, the DER and PEM,
# the public key, the host/email/IP checks (`openssl x509 -checkhost`...,
# a matching and a foreign name each), and the chain (`openssl verify`
# with checkIssued and verify).  node's answers for the same API are
# t/runtime/diff-x509.txt.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use MIME::Base64 qw(decode_base64);
use InvokeTest;

need_bins('invoke', 'openssl');
my $tmp = tmpdir();
my $dir = "$tmp/certs";
mkdir $dir or die "$dir: $!";

sub openssl {
    my (@args) = @_;
    my $r = run_cmd(['openssl', @args], timeout => 120);
    is($r->{exit}, 0, "openssl @args[0,1]") or diag($r->{stderr});
    return $r->{stdout};
}

sub slurp {
    my ($path) = @_;
    open my $fh, '<:raw', $path or die "$path: $!";
    local $/;
    return scalar <$fh>;
}

openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', "$dir/ca.key", '-out', "$dir/ca.pem",
        '-days', '30', '-subj', '/C=US/O=Test CA/CN=Test Root', '-addext', 'basicConstraints=critical,CA:TRUE',
        '-addext', 'keyUsage=keyCertSign,cRLSign');
openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', "$dir/leaf.key",
        '-out', "$dir/leaf.csr", '-subj', '/C=US/O=Example, Inc./OU=Web/CN=www.example.com');
write_file("$dir/ext.cnf", "subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:127.0.0.1,IP:::1,email:ops\@example.com\n" .
           "extendedKeyUsage=serverAuth\n");
openssl('x509', '-req', '-in', "$dir/leaf.csr", '-CA', "$dir/ca.pem", '-CAkey', "$dir/ca.key",
        '-set_serial', '0x00F1E2D3C4B5A69788', '-days', '10', '-extfile', "$dir/ext.cnf", '-out', "$dir/leaf.pem");
write_file("$dir/fields.js", slurp("$FindBin::Bin/runtime/x509/fields.js"));

my ($host, $email, $ip) = ('a.example.org', 'ops@example.com', '::1');
my $r = run_cmd([bin('invoke'), 'exec', "$dir/fields.js", $host, $email, $ip], timeout => 60);
is($r->{exit}, 0, 'fields.js runs') or diag($r->{stderr});
my %got = map { split / /, $_, 2 } grep { /\S/ } split /\n/, $r->{stdout};

my $leaf = "$dir/leaf.pem";
my ($serial) = openssl('x509', '-in', $leaf, '-noout', '-serial') =~ /^serial=(\S+)/m;
is($got{serial}, $serial, "serialNumber is openssl's ($serial)");
for my $md (qw(sha1 sha256 sha512)) {
    my ($fp) = openssl('x509', '-in', $leaf, '-noout', '-fingerprint', "-$md") =~ /Fingerprint=(\S+)/;
    my $key = $md eq 'sha1' ? 'fingerprint' : 'fingerprint' . substr($md, 3);
    is($got{$key}, $fp, "$key is openssl's $md fingerprint");
}
my $dates = openssl('x509', '-in', $leaf, '-noout', '-startdate', '-enddate');
my ($nb) = $dates =~ /^notBefore=(.*)$/m;
my ($na) = $dates =~ /^notAfter=(.*)$/m;
is($got{validFrom}, $nb, 'validFrom is notBefore');
is($got{validTo}, $na, 'validTo is notAfter');
for my $which (qw(subject issuer)) {
    my $text = openssl('x509', '-in', $leaf, '-noout', "-$which", '-nameopt', 'sep_multiline,esc_2253,esc_ctrl,utf8,sname');
    my @fields = map { s/^\s+//r } grep { /^\s+\S/ } split /\n/, $text;
    is($got{$which}, join('|', @fields), "$which is openssl's, a field a line");
}
my ($san) = openssl('x509', '-in', $leaf, '-noout', '-ext', 'subjectAltName') =~ /\n\s+(\S.*)$/;
is($got{san}, $san, "subjectAltName is openssl's text");
is($got{ca}, '[false,true]', 'ca: the leaf is no CA, the root is');
openssl('x509', '-in', $leaf, '-outform', 'DER', '-out', "$dir/leaf.der");
is(decode_base64($got{raw} // ''), slurp("$dir/leaf.der"), 'raw is the DER openssl writes');
is(decode_base64($got{pem} // ''), openssl('x509', '-in', $leaf), 'toString() is the PEM openssl writes');
is(decode_base64($got{pubkey} // ''), openssl('x509', '-in', $leaf, '-noout', '-pubkey'), "publicKey is openssl's -pubkey");

my $checks = run_cmd(['openssl', 'x509', '-in', $leaf, '-noout', '-checkhost', $host, '-checkemail', $email, '-checkip', $ip])->{stdout};
like($checks, qr/Hostname \Q$host\E does match/, 'openssl: the host matches');
is($got{checkHost}, '*.example.org', 'checkHost gives the wildcard name that matched');
like($checks, qr/Email \Q$email\E does match/, 'openssl: the email matches');
is($got{checkEmail}, $email, 'checkEmail matches');
like($checks, qr/IP \Q$ip\E does match/, 'openssl: the IP matches');
is($got{checkIP}, $ip, 'checkIP matches');
my $no = run_cmd(['openssl', 'x509', '-in', $leaf, '-noout', '-checkhost', 'b.example.com'])->{stdout};
like($no, qr/does NOT match/, 'openssl: a foreign host does not match');
$r = run_cmd([bin('invoke'), 'exec', "$dir/fields.js", 'b.example.com', 'root@example.com', '127.0.0.2'], timeout => 60);
my %no = map { split / /, $_, 2 } grep { /\S/ } split /\n/, $r->{stdout};
is_deeply([@no{qw(checkHost checkEmail checkIP)}], [qw(undefined undefined undefined)], 'nor does it for invoke (host, email, IP)');

like(run_cmd(['openssl', 'verify', '-CAfile', "$dir/ca.pem", $leaf])->{stdout}, qr/: OK$/m, 'openssl verify: the CA issued the leaf');
is($got{issued}, '[true,false]', 'checkIssued: the CA issued the leaf, not the other way');
is($got{verify}, '[true,false]', "verify: the leaf's signature is the CA key's");
is($got{privateKey}, '[true,false]', "checkPrivateKey: the leaf's key, not the CA's");

done_testing();
