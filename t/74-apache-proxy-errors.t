#!/usr/bin/perl
# The errors, isolation and streaming suites (t/40, t/41, t/50) through
# Apache 2.4 and mod_proxy_fcgi in front of the invoke-fcgi pool, with
# contrib/apache/invoke-fcgi-proxy.conf as written: the time and memory
# limits, error pages and chunk-by-chunk streaming (flushpackets=on).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_proxy_fcgi not installed') unless -e '/usr/lib/apache2/modules/mod_proxy_fcgi.so';

replay_test('apache-proxy', '40-errors.t');
replay_test('apache-proxy', '41-isolation.t');
replay_test('apache-proxy', '50-stream.t');
done_testing();
