#!/usr/bin/perl
# The req and res suites (t/30, t/31) through Apache 2.4 and mod_proxy_fcgi
# in front of the invoke-fcgi pool, with contrib/apache/invoke-fcgi-proxy.conf
# as written.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_proxy_fcgi not installed') unless -e '/usr/lib/apache2/modules/mod_proxy_fcgi.so';

# nginx lower-cases the Host it passes on, Apache passes it as sent, and
# req.hostname returns what it is given.
replay_test('apache-proxy', '30-req.t',
            qr{^hostname: the Host without its port} => 'Apache passes Host unchanged in case');
# Apache joins repeated response headers (other than Set-Cookie) into one
# line, which HTTP defines as the same thing.
replay_test('apache-proxy', '31-res.t',
            qr{^append\(\): two X-Multi lines} => 'Apache merges repeated headers into "a, b"');
done_testing();
