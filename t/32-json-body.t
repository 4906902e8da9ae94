#!/usr/bin/perl
# req.body of a JSON request comes from a parser of our own (js_json.c's
# jsonBody) when it can, from JSON.parse otherwise: whatever the bytes, the
# function must see exactly what JSON.parse makes of them, and a body that
# JSON.parse refuses must still be a 400.  Each case is compared inside the
# function with JSON.parse(req.rawBody.toString()).
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke-fcgi');
my $root = tmpdir() . '/json-root';
mkdir $root or die "mkdir: $!";
open my $f, '>', "$root/cmp.js" or die $!;
print $f <<'JS';
module.exports = (req, res) => {
  let ref;
  try { ref = JSON.parse(req.rawBody.toString()); } catch (e) { ref = 'refused: ' + e.name; }
  const b = req.body, obj = b !== null && typeof b === 'object';
  res.json({
    same: JSON.stringify(b) === JSON.stringify(ref),
    got: JSON.stringify(b),
    ref: JSON.stringify(ref),
    proto: obj ? Object.getPrototypeOf(b) === (Array.isArray(b) ? Array.prototype : Object.prototype) : null,
    keys: obj ? Object.keys(b).join(',') : null,
    ownProto: obj && Object.prototype.hasOwnProperty.call(b, '__proto__'),
    negZero: Array.isArray(b) && b.length > 1 && Object.is(b[1], -0),
    length: typeof b === 'string' ? b.length : null,
  });
};
JS
close $f;
open $f, '>', "$root/echo.js" or die $!;
print $f "module.exports = (req, res) => res.json(req.body);\n";
close $f;
my $inv = start_invoke(root => $root, workers => 1);

sub post {
    my ($body, $type) = @_;
    return fcgi_request($inv->{addr}, body => $body, params => {
        REQUEST_METHOD => 'POST', REQUEST_URI => '/cmp', CONTENT_TYPE => $type || 'application/json' });
}

sub same {
    my ($body, $what, $type) = @_;
    my $r = post($body, $type);
    is($r->{status}, 200, "$what: 200") or return diag($r->{error} || $r->{body});
    my $j = json_body($r) || {};
    ok($j->{same}, "$what: what JSON.parse makes") or diag("got $j->{got}\nref $j->{ref}");
    return $j;
}

my $j = same('{"a":1,"b":[1,2,{"c":null}],"d":"x\\"y\\\\z\\/\\b\\f\\n\\r\\t","e":true,"f":false}', 'objects, arrays, escapes');
ok($j->{proto}, 'a plain object');
same(" \n\t{ \"a\" : [ ] , \"b\" : { } }\r\n ", 'white space everywhere');
$j = same('[0,-0,1,-1,123456789012345,1234567890123456789,1.5,-1.5e10,1E-7,2e+3,1e400,-1e400,0.1,5e-324,1.7976931348623157e308,9007199254740993]', 'numbers');
ok($j->{negZero}, '-0 stays -0');
ok($j->{proto}, 'an array');
$j = same('"caf\\u00e9 \\ud83d\\ude00 \\ud800 x \\u0000 \\uFFFF"', 'unicode escapes, lone surrogates, NUL');
is($j->{length}, 15, 'escapes count as JSON.parse counts them');
same("\"caf\xc3\xa9 \xe2\x82\xac\"", 'raw UTF-8');
my $r = fcgi_request($inv->{addr}, body => "[\"\xf0\x9f\x98\x80\"]", params => {
    REQUEST_METHOD => 'POST', REQUEST_URI => '/echo', CONTENT_TYPE => 'application/json' });
is($r->{body}, "[\"\xf0\x9f\x98\x80\"]", 'a character past U+FFFF, raw, comes back as sent');
same("\"\xff and \xed\xa0\x80\"", 'bytes that are not UTF-8 (replaced, as JSON.parse sees them)');
$j = same('{"__proto__":{"x":1},"toString":"s","constructor":1,"hasOwnProperty":2}', 'keys that name inherited things');
ok($j->{ownProto}, '"__proto__" is an own property');
ok($j->{proto}, 'and the prototype is untouched');
$j = same('{"a":1,"b":2,"a":3}', 'a repeated key');
is($j->{keys}, 'a,b', 'keeps its first place');
same($_, "top-level $_") for ('"str"', '42', '-7.25', 'null', 'true', 'false', '[]', '{}');
same('{"0":1,"1":2,"length":5}', 'index-like keys');
same(('[' x 150) . (']' x 150), 'nested 150 deep');
same(('[' x 300) . '1' . (']' x 300), 'nested 300 deep');
same('["' . ('ab\\n' x 2000) . '", "' . ('x' x 5000) . '"]', 'long strings');
same('{"a":1}', 'a +json type', 'application/vnd.api+json; charset=utf-8');

for my $bad ('{"a":1,}', '[1,]', '01', '-01', '1.', '.5', '+1', '-', '1e', '1e+', '{"a" 1}', "'a'",
             "\"a\x01b\"", '"\\x"', '"\\u12"', '"\\u12G4"', 'nul', 'tru', '[1 2]', '{"a":1}x',
             "\xef\xbb\xbf{}", 'NaN', 'Infinity', '"a', '{a:1}', '[', '{"a":', "\"\\\x00\"") {
    (my $name = $bad) =~ s/([^\x20-\x7e])/sprintf('\\x%02x', ord $1)/ge;
    my $r = post($bad);
    is($r->{status}, 400, "refused: $name") or diag($r->{body});
}
$j = json_body(post("  \n "));
is($j->{got}, '{}', 'a body of white space is {}');

done_testing();
