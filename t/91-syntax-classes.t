#!/usr/bin/perl
# Modern syntax on Duktape (doc/api.md): Classes, for-of, the iteration protocol and generators —
# t/syntax/*.txt run through `invoke exec`, each compared with what node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files(map { "$FindBin::Bin/syntax/$_.txt" } qw(classes iteration forof-fast));
done_testing();
