#!/usr/bin/perl
# What a function sees of req and res: none of the runtime's private slots
# (hidden keys), and the CGI variables, which the runtime reads one at a
# time (sys.envVar) until req.headers or req._env wants them all, agree
# whichever way they are read.  The realpath of a function is remembered
# per worker: an edited file, or a symlink pointed elsewhere, must show at
# once.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
my $root = tmpdir() . '/slots-root';
mkdir $root or die "mkdir: $!";
sub put { write_file("$root/$_[0]", $_[1]) }
put('slots.js', <<'JS');
module.exports = (req, res) => {
  const one = { host: req.get('host'), custom: req.get('x-custom'), missing: req.get('x-missing'),
                hostname: req.hostname, protocol: req.protocol, ip: req.ip, query: req.query };
  const all = req.headers;
  res.json({
    req: Object.getOwnPropertyNames(req).filter((k) => typeof k !== 'string' || /[^ -~]/.test(k)),
    res: Object.getOwnPropertyNames(res).filter((k) => /[^ -~]/.test(k)),
    reqKeys: Object.keys(req).sort(),
    one, all: { host: all.host, custom: all['x-custom'], missing: all['x-missing'] },
    env: req._env.HTTP_X_CUSTOM, envIsObject: typeof req._env === 'object' && req._env === req._env,
    method: req.method, url: req.url, version: req.httpVersion,
  });
};
JS
put('v.js', "module.exports = (req, res) => res.send('one');\n");
put('w.js', "module.exports = (req, res) => res.send('other');\n");
symlink("$root/v.js", "$root/link.js") or die "symlink: $!";
my $inv = start_invoke(root => $root, workers => 1);

my $r = fcgi_request($inv->{addr}, params => {
    REQUEST_URI => '/slots?a=1&b=2', QUERY_STRING => 'a=1&b=2', HTTP_HOST => 'example.test:8080', HTTP_X_CUSTOM => 'Val',
    SERVER_PROTOCOL => 'HTTP/1.0', REMOTE_ADDR => '192.0.2.7' });
is($r->{status}, 200, 'GET /slots: 200') or diag($r->{error} || $r->{body});
my $j = json_body($r) || {};
is_deeply($j->{req}, [], 'req: no private slot in its own property names');
is_deeply($j->{res}, [], 'res: no private slot in its own property names');
ok(!grep({ /[^ -~]/ } @{ $j->{reqKeys} || [] }), 'req: no private slot among its keys');
is_deeply($j->{one}, { host => 'example.test:8080', custom => 'Val', hostname => 'example.test',
                       protocol => 'http', ip => '192.0.2.7', query => { a => '1', b => '2' } },
          'one variable at a time');
is_deeply($j->{all}, { host => 'example.test:8080', custom => 'Val' }, 'req.headers agrees');
is($j->{env}, 'Val', 'req._env has every CGI variable');
ok($j->{envIsObject}, 'req._env is one object');
is($j->{method}, 'GET', 'the method');
is($j->{url}, '/slots?a=1&b=2', 'the url');
is($j->{version}, '1.0', 'the HTTP version');

sub get { fcgi_request($inv->{addr}, params => { REQUEST_URI => $_[0] })->{body} }
is(get('/link'), 'one', 'through a symlink');
is(get('/link'), 'one', 'again (remembered)');
unlink "$root/link.js";
symlink("$root/w.js", "$root/link.js") or die "symlink: $!";
is(get('/link'), 'other', 'the symlink pointed elsewhere: the new file at once');
my $out = tmpdir() . '/slots-outside.js';
put('../slots-outside.js', "module.exports = (req, res) => res.send('OUTSIDE');\n");
unlink "$root/link.js";
symlink($out, "$root/link.js") or die "symlink: $!";
my $o = fcgi_request($inv->{addr}, params => { REQUEST_URI => '/link' });
is($o->{status}, 404, 'pointed outside the root: 404');
unlike($o->{body}, qr/OUTSIDE/, 'and nothing of the outside file');
put('v.js', "module.exports = (req, res) => res.send('edited');\n");
unlink "$root/link.js";
symlink("$root/v.js", "$root/link.js") or die "symlink: $!";
is(get('/link'), 'edited', 'back inside, and edited');

done_testing();
