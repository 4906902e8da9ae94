#!/usr/bin/perl
# Modern syntax on Duktape (doc/api.md): the hard corners — const through every
# kind of assignment, yield* forwarding throw()/return(), regular expressions
# with named groups and the s/y/u flags, lookbehind, counted groups, what
# test262 found wrong (conformance: function names, built-in methods) —
# t/syntax/*.txt run
# through `invoke exec`, each compared with what node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files(map { "$FindBin::Bin/syntax/$_.txt" } qw(corners regexp lookbehind regexp-counts conformance));
done_testing();
