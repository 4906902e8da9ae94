#!/usr/bin/perl
# Package resolution in a long-lived worker (src/runtime/module.js): the
# worker remembers resolutions, those of require() and of import apart
# (package.json "exports" give each its own file), and an edited
# package.json ("exports", "imports", "main", a package's own name) is
# seen on the next request.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use File::Path qw(make_path);
use File::Basename qw(dirname);
use InvokeTest;

need_bins('invoke-fcgi');
my $root = tmpdir() . '/resolve-root';
mkdir $root or die "mkdir: $!";
my $stamp = time - 1000;
# each write gets an mtime of its own: two writes within a clock tick
# would otherwise look alike
sub put {
    my ($rel, $text) = @_;
    make_path(dirname("$root/$rel"));
    write_file("$root/$rel", $text);
    $stamp += 10;
    utime $stamp, $stamp, "$root/$rel" or die "utime $rel: $!";
}

put('package.json', '{ "name": "app", "imports": { "#x": "./lib/x1.js" }, "exports": { "./me": "./lib/me1.js" } }');
put('lib/x1.js', "module.exports = 'x1';\n");
put('lib/x2.js', "module.exports = 'x2';\n");
put('lib/me1.js', "module.exports = 'me1';\n");
put('lib/me2.js', "module.exports = 'me2';\n");
put('node_modules/dual/package.json', '{ "exports": { ".": { "import": "./e.mjs", "require": "./c.js" } } }');
put('node_modules/dual/e.mjs', "export default 'esm';\n");
put('node_modules/dual/c.js', "module.exports = 'cjs';\n");
put('node_modules/dual/c2.js', "module.exports = 'cjs 2';\n");
put('node_modules/m/package.json', '{ "main": "a.js" }');
put('node_modules/m/a.js', "module.exports = 'main a';\n");
put('node_modules/m/b.js', "module.exports = 'main b';\n");
put('cjs.js', "module.exports = (req, res) => res.send(require('dual'));\n");
put('esm.mjs', "import d from 'dual';\nexport default (req, res) => res.send(d);\n");
put('both.js', "module.exports = async (req, res) => res.send(require('dual') + ' ' + (await import('dual')).default);\n");
put('imp.js', "module.exports = (req, res) => res.send(require('#x'));\n");
put('self.js', "module.exports = (req, res) => res.send(require('app/me'));\n");
put('main.js', "module.exports = (req, res) => res.send(require('m'));\n");
put('gone.js', "module.exports = (req, res) => { try { res.send(require('dual')); } catch (e) { res.send(e.code); } };\n");

my $inv = start_invoke(root => $root, workers => 1);
sub get { my $r = fcgi_request($inv->{addr}, params => { REQUEST_URI => $_[0] }); $r->{status} == 200 ? $r->{body} : "$r->{status} $r->{body}" }

# require and import of one package from one folder: two answers
is(get('/cjs'), 'cjs', 'require takes the "require" condition');
is(get('/esm'), 'esm', 'import takes the "import" condition, from the same folder');
is(get('/cjs'), 'cjs', '... each remembered apart');
is(get('/esm'), 'esm', '... both ways');
is(get('/both'), 'cjs esm', 'require() and import() in one module');

put('node_modules/dual/package.json', '{ "exports": { ".": { "import": "./e.mjs", "require": "./c2.js" } } }');
is(get('/cjs'), 'cjs 2', 'an edited "exports" is seen on the next request');
is(get('/esm'), 'esm', '... and the import stays');

is(get('/imp'), 'x1', '"imports"');
put('package.json', '{ "name": "app", "imports": { "#x": "./lib/x2.js" }, "exports": { "./me": "./lib/me1.js" } }');
is(get('/imp'), 'x2', 'an edited "imports" is seen on the next request');

is(get('/self'), 'me1', 'self-reference');
put('package.json', '{ "name": "app", "imports": { "#x": "./lib/x2.js" }, "exports": { "./me": "./lib/me2.js" } }');
is(get('/self'), 'me2', 'an edited "exports" of the own package is seen on the next request');

is(get('/main'), 'main a', '"main"');
put('node_modules/m/package.json', '{ "main": "b.js" }');
is(get('/main'), 'main b', 'an edited "main" is seen on the next request');

is(get('/gone'), 'cjs 2', 'a package');
unlink("$root/node_modules/dual/package.json") or die "unlink: $!";
is(get('/gone'), 'MODULE_NOT_FOUND', 'its package.json removed: not found on the next request');

done_testing();
