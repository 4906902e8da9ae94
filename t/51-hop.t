#!/usr/bin/perl
# The FastCGI hop (doc/internals.md): a complete response ends the FastCGI request at
# once (the web server has it, and the connection closes, while the function
# is still running), a drained request closes without libfcgi's lingering
# wait, and the careful paths still answer: input left unread, HEAD, a
# refused body, a connection the server keeps open.  Over a unix socket,
# where the worker accepts itself.  And the request path's shortcuts
# (private slots, req.get() without req.headers) look as before.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use Time::HiRes qw(time);
use IO::Socket::UNIX;
use Socket qw(SOCK_STREAM);
use InvokeTest;

need_bins('invoke-fcgi');
my $tmp = tmpdir();
my $root = "$tmp/root";
mkdir $root or die;
sub put { write_file("$root/$_[0]", $_[1]) }
put('after.js', <<'JS');
module.exports = async (req, res) => {
  res.json({ ok: true });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  console.log('after-the-response');
};
JS
put('later.js', <<'JS');
module.exports = (req, res) => {
  setTimeout(() => res.type('text').send('later'), 50);
};
JS
put('echo.js', <<'JS');
module.exports = (req, res) => {
  res.type('text').send(req.method + ' ' + (req.rawBody ? req.rawBody.toString() : ''));
};
JS

put('slots.js', <<'JS');
module.exports = (req, res) => {
  const out = {
    sig: req.get('X-Signature'), lower: req.get('x-signature'), missing: req.get('x-missing') === undefined,
    under: req.get('x_signature') === undefined, type: req.get('Content-Type'), host: req.get('host'),
    keys: Object.keys(req).filter((k) => k.charAt(0) === '_'),
    env: req._env.REQUEST_METHOD, body: req._body.toString(), resKeys: Object.keys(res).filter((k) => k.charAt(0) === '_'),
  };
  out.headerSig = req.headers['x-signature'];
  req.headers = { 'x-signature': 'replaced' };
  out.replaced = req.get('x-signature');
  res.set('content-type', 'json');
  out.resHeaders = Object.keys(res._headers);
  res.send(JSON.stringify(out));
};
JS

my $sock = "$tmp/invoke.sock";
my $inv = start_invoke(root => $root, workers => 1, listen => "unix:$sock",
                       args => ['--max-body', '1k']);
my $addr = "unix:$sock";

# The response (and the end of the request: fcgi_request reads until the
# connection closes) arrives while the function still has a timer to run.
my $t0 = time;
my $r = fcgi_request($addr, params => { REQUEST_URI => '/after' });
my $took = time - $t0;
is($r->{status}, 200, 'a function working after res.json(): 200');
is($r->{error}, undef, 'the request ended with FCGI_END_REQUEST');
is_deeply(json_body($r), { ok => JSON::PP::true() }, 'the whole body');
ok(!grep({ /after-the-response/ } log_lines($inv)),
   sprintf('the connection closed before the function finished (%.2f s)', $took));
ok(wait_for_log($inv, qr/after-the-response/, 10), 'then the function finished its work');

# A response sent from a timer, a HEAD, a POST body, and bytes past
# CONTENT_LENGTH (left unread: libfcgi's careful close).
$r = fcgi_request($addr, params => { REQUEST_URI => '/later' });
is($r->{body}, 'later', 'a response from a timer');
$r = fcgi_request($addr, params => { REQUEST_URI => '/echo', REQUEST_METHOD => 'HEAD' });
is($r->{status}, 200, 'HEAD: 200');
is($r->{body}, '', 'HEAD: no body');
is(hdr($r, 'content-length'), '5', 'HEAD: the length of the body it would have');
is($r->{error}, undef, 'HEAD: ended');
$r = fcgi_request($addr, params => { REQUEST_URI => '/echo', REQUEST_METHOD => 'POST' }, body => 'abc');
is($r->{body}, 'POST abc', 'a POST body');
$r = fcgi_request($addr, params => { REQUEST_URI => '/echo', REQUEST_METHOD => 'POST',
                                     CONTENT_LENGTH => 2 }, body => 'abcdef');
is($r->{body}, 'POST ab', 'bytes past CONTENT_LENGTH are not part of the body');
is($r->{error}, undef, 'and the request still ends');
$r = fcgi_request($addr, params => { REQUEST_URI => '/echo', REQUEST_METHOD => 'POST' }, body => 'x' x 5000);
is($r->{status}, 413, 'a body over --max-body: 413');

# FCGI_KEEP_CONN: two requests, one connection, each answered in full.
my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $sock) or die "connect: $!";
binmode $s;
for my $id (1, 2) {
    my %p = (REQUEST_METHOD => 'GET', REQUEST_URI => '/echo', CONTENT_LENGTH => '');
    my $params = join '', map { InvokeTest::_fcgi_len($_) . InvokeTest::_fcgi_len($p{$_}) . $_ . $p{$_} } sort keys %p;
    syswrite($s, InvokeTest::_fcgi_record(1, $id, pack('nCx5', 1, 1)) .
                 InvokeTest::_fcgi_record(4, $id, $params) . InvokeTest::_fcgi_record(4, $id, '') .
                 InvokeTest::_fcgi_record(5, $id, ''));
    my ($buf, $out, $ended) = ('', '', 0);
    my $deadline = time + 10;
    while (!$ended && time < $deadline) {
        my $rin = '';
        vec($rin, fileno($s), 1) = 1;
        last unless select($rin, undef, undef, 1) >= 0;
        my $n = sysread($s, $buf, 65536, length $buf);
        last if defined $n && $n == 0;
        while (length($buf) >= 8) {
            my ($v, $type, $rid, $len, $pad) = unpack('CCnnC', $buf);
            last if length($buf) < 8 + $len + $pad;
            my $content = substr($buf, 8, $len);
            substr($buf, 0, 8 + $len + $pad) = '';
            $out .= $content if $type == 6;
            $ended = 1 if $type == 3;
        }
    }
    ok($ended, "kept connection, request $id: ended");
    like($out, qr/\r\n\r\nGET \z/, "kept connection, request $id: answered");
}
close $s;

is(fcgi_request($addr, params => { REQUEST_URI => '/echo' })->{body}, 'GET ', 'still serving');

$r = fcgi_request($addr, params => { REQUEST_URI => '/slots', REQUEST_METHOD => 'POST',
                                     CONTENT_TYPE => 'text/plain', HTTP_X_SIGNATURE => 'abc' }, body => 'hi');
is_deeply(json_body($r), { sig => 'abc', lower => 'abc', missing => JSON::PP::true(), under => JSON::PP::true(),
                           type => 'text/plain', host => 'localhost', keys => [], env => 'POST', body => 'hi',
                           resKeys => [], headerSig => 'abc', replaced => 'replaced', resHeaders => ['content-type'] },
          'req.get() from the CGI variables; req._env, req._body, res._headers readable, not enumerable')
    or diag($r->{raw});
like($r->{raw}, qr/^content-type: application\/json; charset=utf-8\r$/m, "res.set('content-type', 'json'): the name as given");
finish();
