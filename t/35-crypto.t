#!/usr/bin/perl
# require('crypto') against the published vectors of
# t/runtime/crypto-vectors.json, through `invoke run` (the runtime's
# crypto.js over the natives of src/bindings/js_crypto.c), and the seed's webhook
# check of a signature made by `openssl dgst -sha256 -hmac`.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke');
my $root = "$FindBin::Bin/runtime";
my $c = run_cmd([bin('invoke'), 'run', $root, '/crypto-kat'], timeout => 60);
my $r = parse_http($c->{stdout});
is($r->{status}, 200, 'crypto-kat runs') or diag($c->{stdout} . $c->{stderr});
my $list = json_body($r) || [];
ok(@$list > 80, 'and answers ' . scalar(@$list) . ' checks');
is($_->[1], $_->[2], $_->[0]) for @$list;
done_testing();
