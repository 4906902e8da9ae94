#!/usr/bin/perl
# Unicode text beyond code points (doc/api.md): Intl.Segmenter's grapheme,
# word and sentence segments (ICU's break iterators), and the regular
# expression v flag's set operations and emoji sequences — t/syntax/*.txt
# run through `invoke exec`, each compared with what node prints.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use Cases;

run_case_files(map { "$FindBin::Bin/syntax/$_.txt" } qw(segmenter regexp-v));
done_testing();
