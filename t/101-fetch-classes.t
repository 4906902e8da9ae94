#!/usr/bin/perl
# The fetch classes (doc/api.md): Headers, Request, Response and their bodies,
# without any network — t/fetch/classes.txt run through `invoke exec`, each
# case compared with what node 20 prints (t/syntax/expect.js regenerates
# the expected output with node).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files("$FindBin::Bin/fetch/classes.txt");
done_testing();
