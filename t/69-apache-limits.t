#!/usr/bin/perl
# The limits suite (t/62) through Apache 2.4 and mod_fcgid, with
# contrib/apache/invoke-fcgi.conf as written: there the responder runs as
# single processes on fd 0 without a supervisor, and a request stuck in C
# (the catastrophic regex) ends its process by alarm(); mod_fcgid answers
# that one request with an error and starts another process.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
plan(skip_all => 'apache2 not found') unless -x apache_bin();
plan(skip_all => 'mod_fcgid not installed') unless -e '/usr/lib/apache2/modules/mod_fcgid.so';

replay_test('apache', '62-limits.t');
done_testing();
