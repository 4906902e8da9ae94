#!/usr/bin/perl
# The Router global (issue 21) through nginx: t/runtime/router.txt checks
# its semantics against Express 4 (recorded from node); here a function file
# whose export is a router, CommonJS and ES module, answering its own route
# and every path below it that no more specific file takes, with its paths
# relative to the file's route; a plain function file answering nothing
# below it; next(err), a throw and a rejected promise as 500s.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib", "$FindBin::Bin/syntax";
use Test::More;
use File::Path qw(make_path);
use InvokeTest;
use Cases;

run_case_files("$FindBin::Bin/runtime/router.txt");

need_bins('invoke-fcgi', 'nginx');
my $root = tmpdir() . '/fns';
make_path("$root/api", "$root/users/[id]", "$root/shop");
sub put { write_file("$root/$_[0]", $_[1]) }
put('api.js', <<'JS');
const r = Router();
r.get('/', (req, res) => res.json({ where: 'api root', baseUrl: req.baseUrl, url: req.url }));
r.get('/users/:id', (req, res) => res.json({ id: req.params.id, baseUrl: req.baseUrl, url: req.url,
  path: req.path, originalUrl: req.originalUrl, q: req.query.q }));
r.route('/items/:id?').get((req, res) => res.json({ get: req.params.id || null }))
  .post((req, res) => res.status(201).json({ made: req.body }));
r.get('/files/*', (req, res) => res.send('file ' + req.params[0]));
r.get('/fail', (req, res, next) => next(new Error('secret detail')));
r.get('/throw', () => { throw new Error('thrown'); });
r.get('/reject', async () => { throw new Error('rejected'); });
r.get('/teapot', (req, res, next) => next(Object.assign(new Error('short'), { status: 418 })));
r.get('/caught', (req, res, next) => next(new Error('to the handler')));
r.use((err, req, res, next) => err.message === 'to the handler' ? res.status(409).json({ caught: err.message }) : next(err));
module.exports = r;
JS
put('api/special.js', "module.exports = (req, res) => res.json({ where: 'special file' });\n");
put('esm.mjs', <<'JS');
const router = new Router();
router.get('/', (req, res) => res.send('esm root'));
router.get('/deep/:a/:b', (req, res) => res.json(req.params));
export default router;
JS
put('users/[id]/index.js', <<'JS');
const r = Router();
r.use((req, res, next) => { res.set('X-User', req.params.id || 'none'); next(); });
r.get('/', (req, res) => res.send('user page'));
r.get('/posts/:post', (req, res) => res.json(req.params));
module.exports = r;
JS
put('hello.js', "module.exports = (req, res) => res.send('hello');\n");
put('shop/index.js', <<'JS');
const r = Router();
r.get('/', (req, res) => res.send('shop ' + req.baseUrl));
r.get('/cart', (req, res) => res.send('cart ' + req.baseUrl));
module.exports = r;
JS

my $inv = start_invoke(root => $root, workers => 2);
my $ng = start_nginx(fastcgi => $inv->{addr});
my $p = $ng->{port};

sub got {
    my ($method, $path, $status, $body, $name, %o) = @_;
    my $r = http_request($p, $method, $path, %o);
    is($r->{status}, $status, "$method $path: $status ($name)") or diag($r->{error} || $r->{body});
    if (ref $body eq 'HASH') {
        is_deeply(json_body($r), $body, "$method $path: body") or diag($r->{body});
    } elsif (defined $body) {
        is($r->{body}, $body, "$method $path: body");
    }
    return $r;
}

got('GET', '/api', 200, { where => 'api root', baseUrl => '/api', url => '/' }, "the file's own route is the router's /");
got('GET', '/api/', 200, { where => 'api root', baseUrl => '/api', url => '/' }, 'with a trailing slash');
got('GET', '/api/users/7?q=x', 200, { id => '7', baseUrl => '/api', url => '/users/7?q=x', path => '/users/7',
    originalUrl => '/api/users/7?q=x', q => 'x' }, 'a path below api.js, relative to it');
got('GET', '/api/special', 200, { where => 'special file' }, 'a more specific file wins');
got('GET', '/api/items', 200, { get => undef }, 'optional param, absent');
got('GET', '/api/items/3', 200, { get => '3' }, 'optional param, present');
got('POST', '/api/items', 201, { made => { n => 1 } }, 'route().post()', body => '{"n":1}',
    headers => { 'Content-Type' => 'application/json' });
got('GET', '/api/files/a/b.txt', 200, 'file a/b.txt', 'a wildcard');
got('GET', '/api/nothing/here', 404, '{"error":"Not Found"}', 'nothing in the router: 404');
got('DELETE', '/api/items/3', 404, '{"error":"Not Found"}', 'a method the route lacks: 404');
my $r = got('GET', '/api/fail', 500, undef, 'next(err) with no error handler');
unlike($r->{body}, qr/secret detail/, 'GET /api/fail: the error message does not reach the client');
got('GET', '/api/throw', 500, undef, 'a throw');
got('GET', '/api/reject', 500, undef, 'an async handler that rejects');
$r = got('GET', '/api/teapot', 418, undef, "an error's 4xx status");
is(json_body($r)->{message}, 'short', 'GET /api/teapot: a 4xx message is told');
got('GET', '/api/caught', 409, { caught => 'to the handler' }, 'error middleware with four parameters');
got('GET', '/esm', 200, 'esm root', 'export default router');
got('GET', '/esm/deep/x/y', 200, { a => 'x', b => 'y' }, 'an ES module router below its route');
$r = got('GET', '/users/5/posts/9', 200, { post => '9' }, 'a [param] folder whose index is a router');
is(hdr($r, 'x-user'), 'none', "GET /users/5/posts/9: the router's params replace the file's, as a mounted Express router's");
got('GET', '/users/5', 200, 'user page', 'the [param] route itself');
got('GET', '/shop', 200, 'shop /shop', 'an index.js router');
got('GET', '/shop/cart', 200, 'cart /shop', 'below an index.js router');
got('GET', '/hello', 200, 'hello', 'a plain function');
got('GET', '/hello/below', 404, '{"error":"Not Found"}', 'a plain function answers nothing below its route');
got('GET', '/nope/at/all', 404, '{"error":"Not Found"}', 'no file at all');
got('HEAD', '/api/items', 200, '', 'HEAD reaches a GET route');
$r = got('OPTIONS', '/api/items/1', 200, undef, 'OPTIONS answered with the methods');
is(hdr($r, 'allow'), 'GET,POST,HEAD', 'OPTIONS /api/items/1: Allow');

my $log = do { local $/; open my $fh, '<', $inv->{log} or die $!; <$fh> };
like($log, qr/secret detail/, 'the error is in the log');
unlike($log, qr{hello.*(?:error|Cannot)}i, 'a 404 below a plain function logs no error');

finish();
