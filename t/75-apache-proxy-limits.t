#!/usr/bin/perl
# The limits suite (t/62) through Apache 2.4 and mod_proxy_fcgi in front of
# the invoke-fcgi pool, with contrib/apache/invoke-fcgi-proxy.conf as
# written: unlike mod_fcgid, the pool is invoke-fcgi's own supervisor, so a
# request stuck in C is ended by the supervisor as behind nginx.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_proxy_fcgi not installed') unless -e '/usr/lib/apache2/modules/mod_proxy_fcgi.so';

replay_test('apache-proxy', '62-limits.t');
done_testing();
