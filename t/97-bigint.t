#!/usr/bin/perl
# BigInt (doc/api.md, "BigInt"): literals, the operators, conversions,
# BigInt.asIntN/asUintN, JSON, Map and Set keys, typed arrays, DataView and
# Buffer — t/syntax/bigint.txt run through `invoke exec`, each case
# compared with what node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files("$FindBin::Bin/syntax/bigint.txt");
done_testing();
