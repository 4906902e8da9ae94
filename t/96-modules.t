#!/usr/bin/perl
# ES modules and TypeScript (doc/api.md, "Modules"): t/modules/*.txt, cases
# of one or several files run through `invoke exec`, each compared with
# what the reference printed for it (node for JavaScript; tsc's emit run by
# node for TypeScript; t/syntax/expect.js records them).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use File::Glob qw(bsd_glob);
use Cases;

# bsd_glob: the checkout's path may hold a space, which glob() splits on
my @files = sort(bsd_glob("$FindBin::Bin/modules/*.txt"));
plan(skip_all => 'no t/modules/*.txt') unless @files;
run_case_files(@files);
done_testing();
