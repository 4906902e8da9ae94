#!/usr/bin/perl
# The routing and hostile-path suites (t/20, t/21) through Apache 2.4 and
# mod_proxy_fcgi in front of the invoke-fcgi pool, with
# contrib/apache/invoke-fcgi-proxy.conf as written.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_proxy_fcgi not installed') unless -e '/usr/lib/apache2/modules/mod_proxy_fcgi.so';

replay_test('apache-proxy', '20-routing.t');
# Apache refuses a NUL byte in a path itself: still a 404, but its own page.
replay_test('apache-proxy', '21-hostile.t',
            qr{%00.*the Not Found body} => 'Apache answers %00 with its own 404 page');
done_testing();
