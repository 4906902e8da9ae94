#!/usr/bin/perl
# The routing and hostile-path suites (t/20, t/21) through Apache 2.4 and
# mod_fcgid, with contrib/apache/invoke-fcgi.conf as written.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_fcgid not installed') unless -e '/usr/lib/apache2/modules/mod_fcgid.so';

replay_test('apache', '20-routing.t');
# The Router global and router files answering below their route (issue 21).
replay_test('apache', '23-router.t');
replay_test('apache', '24-settings.t');
replay_test('apache', '25-cors.t');
replay_test('apache', '26-access-keys.t');
replay_test('apache', '27-access-basic.t');
replay_test('apache', '28-access-jwt.t');
# Apache refuses a NUL byte in a path itself: still a 404, but its own page.
replay_test('apache', '21-hostile.t',
            qr{%00.*the Not Found body} => 'Apache answers %00 with its own 404 page');
done_testing();
