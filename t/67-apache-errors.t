#!/usr/bin/perl
# The errors, isolation and streaming suites (t/40, t/41, t/50) through
# Apache 2.4 and mod_fcgid, with contrib/apache/invoke-fcgi.conf as written:
# the time and memory limits, error pages and chunk-by-chunk streaming.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_fcgid not installed') unless -e '/usr/lib/apache2/modules/mod_fcgid.so';

replay_test('apache', '40-errors.t');
replay_test('apache', '41-isolation.t');
replay_test('apache', '50-stream.t');
done_testing();
