#!/usr/bin/perl
# Modern syntax on Duktape (doc/api.md): async/await, async iteration and the standard library —
# t/syntax/*.txt run through `invoke exec`, each compared with what node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files(map { "$FindBin::Bin/syntax/$_.txt" } qw(async stdlib mapset));
done_testing();
