#!/usr/bin/perl
# Modern syntax on Duktape (doc/api.md): 313 more hard corners (class fields
# and private names, super in every kind of method, new.target, labelled
# loops in generators, parameter and destructuring defaults, tagged
# template identity, per-iteration bindings, await ordering…) —
# t/syntax/hard*.txt run through `invoke exec`, each compared with what
# node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files(map { "$FindBin::Bin/syntax/$_.txt" } qw(hard hard2 hard3));
done_testing();
