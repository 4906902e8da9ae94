/* crypto_test.c - the natives of js_crypto.c against published vectors.
 *
 * A bare Duktape heap with only the crypto binding: no runtime files, no
 * request.  The vectors come from t/runtime/crypto-vectors.json (path in
 * argv[1]); the checks are a small JavaScript program that calls the
 * natives the way src/js/crypto.js does and reports through ok().  Its
 * error cases (wrong key length, bad tag, refused scrypt parameters,
 * non-buffer input) make the natives throw or fail half-way, which is
 * what a valgrind run of this program checks for leaks:
 *   valgrind --leak-check=full t/unit/crypto_test t/runtime/crypto-vectors.json
 */
#include "bindings/js_crypto.h"
#include "tap.h"

#include <stdlib.h>

static const char checks[] =
    "var H = function (s) { return Duktape.dec('hex', s); };\n"
    "var X = function (b) { return Duktape.enc('hex', b); };\n"
    "var T = function (s) { return new TextEncoder().encode(s); };\n"
    "var throws = function (f, re, name) {\n"
    "  try { f(); ok(false, name); } catch (e) { ok(re.test(String(e)), name + ' (' + e + ')'); }\n"
    "};\n"
    "V.hash.forEach(function (t) {\n"
    "  is(X(sys.cryptoDigest(t[0], T(t[1]))), t[2], t[0] + \"('\" + t[1].slice(0, 12) + \"')\");\n"
    "});\n"
    "var m = new Uint8Array(1000000); for (var i = 0; i < m.length; i++) m[i] = 97;\n"
    "is(X(sys.cryptoDigest('sha256', m)), V.million_a_sha256, 'sha256 of a million a');\n"
    "V.hmac.forEach(function (t) {\n"
    "  ['sha256', 'sha384', 'sha512'].forEach(function (a) {\n"
    "    var d = X(sys.cryptoDigest(a, H(t.data), H(t.key)));\n"
    "    if (t.truncate) d = d.slice(0, 2 * t.truncate);\n"
    "    is(d, t[a], 'RFC 4231 case ' + t['case'] + ' hmac-' + a);\n"
    "  });\n"
    "});\n"
    "V.gcm.forEach(function (t) {\n"
    "  var aad = t.aad ? H(t.aad) : null;\n"
    "  var r = sys.cryptoCipher('aes-256-gcm', true, H(t.key), H(t.iv), H(t.pt), false, aad, 16, true);\n"
    "  is(X(r[0]) + '/' + X(r[1]), t.ct + '/' + t.tag, 'GCM case ' + t['case'] + ' encrypt');\n"
    "  r = sys.cryptoCipher('aes-256-gcm', false, H(t.key), H(t.iv), H(t.ct), false, aad, H(t.tag), true);\n"
    "  is(r && X(r[0]), t.pt, 'GCM case ' + t['case'] + ' decrypt');\n"
    "  var bad = H(t.tag); bad[0] ^= 1;\n"
    "  ok(sys.cryptoCipher('aes-256-gcm', false, H(t.key), H(t.iv), H(t.ct), false, aad, bad, true) === null,\n"
    "     'GCM case ' + t['case'] + ': a flipped tag bit does not authenticate');\n"
    "});\n"
    "V.cbc.forEach(function (t) {\n"
    "  var r = sys.cryptoCipher('aes-256-cbc', true, H(t.key), H(t.iv), H(t.pt), false, null, 16, true);\n"
    "  is(X(r[0]), t.ct, 'SP 800-38A CBC-AES256 encrypt');\n"
    "  r = sys.cryptoCipher('aes-256-cbc', false, H(t.key), H(t.iv), H(t.ct), false, null, 16, true);\n"
    "  is(X(r[0]), t.pt, 'SP 800-38A CBC-AES256 decrypt');\n"
    "  r = sys.cryptoCipher('aes-256-cbc', true, H(t.key), H(t.iv), H(t.pt), true, null, 16, true);\n"
    "  is(r[0].length, 80, 'CBC with padding adds a whole block to 64 bytes');\n"
    "  ok(sys.cryptoCipher('aes-256-cbc', false, H(t.key), H(t.iv), H(t.ct), true, null, 16, true) === null,\n"
    "     'CBC: unpadded plaintext fails the padding check (null, no throw)');\n"
    "});\n"
    "V.pbkdf2.forEach(function (t) {\n"
    "  is(X(sys.cryptoPbkdf2(T(t.password_text), T(t.salt_text), t.iterations, t.keylen, t.digest)), t.dk,\n"
    "     'RFC 7914 PBKDF2-HMAC-SHA256 c=' + t.iterations);\n"
    "});\n"
    "V.scrypt.forEach(function (t) {\n"
    "  is(X(sys.cryptoScrypt(T(t.password_text), T(t.salt_text), t.keylen, t.N, t.r, t.p, 64 * 1024 * 1024)), t.dk,\n"
    "     'RFC 7914 scrypt N=' + t.N);\n"
    "});\n"
    "is(sys.cryptoDigestSize('sha3-256'), 32, 'digestSize(sha3-256)');\n"
    "ok(sys.cryptoDigest('nope', T('x')) === undefined, 'an unknown digest: undefined');\n"
    "ok(sys.cryptoPbkdf2(T('a'), T('b'), 1, 8, 'nope') === undefined, 'pbkdf2 with an unknown digest: undefined');\n"
    "ok(sys.cryptoHashes().indexOf('sha3-256') >= 0, 'hashes() lists sha3-256');\n"
    "is(sys.cryptoRandom(33).byteLength, 33, 'random(33): 33 bytes');\n"
    "ok(X(sys.cryptoRandom(16)) !== X(sys.cryptoRandom(16)), 'two random(16) differ');\n"
    "ok(sys.cryptoTimingSafeEqual(T('abc'), T('abc')) && !sys.cryptoTimingSafeEqual(T('abc'), T('abd')), 'timingSafeEqual');\n"
    "var k = H('00'); k = new Uint8Array(31);\n"
    "throws(function () { sys.cryptoCipher('aes-256-gcm', true, k, new Uint8Array(12), T('x'), false, null, 16, true); },\n"
    "       /RangeError: Invalid key length/, 'a 31-byte key throws');\n"
    "throws(function () { sys.cryptoCipher('aes-256-gcm', true, new Uint8Array(32), new Uint8Array(12), T('x'), false, null, 3, true); },\n"
    "       /RangeError/, 'a 3-byte tag throws');\n"
    "throws(function () { sys.cryptoCipher('des', true, k, k, k, false, null, 16, true); }, /TypeError/, 'an unknown cipher throws');\n"
    "throws(function () { sys.cryptoScrypt(T('a'), T('b'), 16, 3, 8, 1, 1 << 25); }, /Invalid scrypt params/, 'scrypt N=3 throws');\n"
    "throws(function () { sys.cryptoScrypt(T('a'), T('b'), 16, 1 << 20, 8, 1, 1024); }, /Invalid scrypt params/, 'scrypt over maxmem throws');\n"
    "is(X(sys.cryptoDigest('sha256', 'abc')), X(sys.cryptoDigest('sha256', T('abc'))), 'an ASCII string is hashed as its bytes');\n"
    "is(sys.cryptoDigest('sha256', 'caf\\u00e9'), null, 'a non-ASCII string is left to crypto.js (null)');\n"
    "is(sys.cryptoDigest('sha256', T('abc'), undefined, 'hex'), X(sys.cryptoDigest('sha256', T('abc'))), 'hex asked of the native');\n"
    "throws(function () { sys.cryptoDigest('sha256', 42); }, /TypeError/, 'a number where bytes belong throws');\n"
    "throws(function () { sys.cryptoDigest('sha256', T('x'), 42); }, /TypeError/, 'a number as HMAC key throws');\n"
    "is(sys.cryptoTimingSafeEqual(T('a'), T('ab')), undefined, 'timingSafeEqual on unequal lengths answers undefined (crypto.js throws)');\n"
    "is(sys.cryptoTimingSafeEqual('a', T('a')), undefined, 'timingSafeEqual of a string answers undefined (crypto.js throws)');\n"
    "throws(function () { sys.cryptoRandom(-1); }, /RangeError/, 'random(-1) throws');\n";

static duk_ret_t t_ok(duk_context *ctx)
{
    ok(duk_to_boolean(ctx, 0), duk_safe_to_string(ctx, 1));
    return 0;
}

static duk_ret_t t_is(duk_context *ctx)
{
    const char *got = duk_safe_to_string(ctx, 0), *want = duk_safe_to_string(ctx, 1);
    int same = strcmp(got, want) == 0;

    ok(same, duk_safe_to_string(ctx, 2));
    if (!same)
        printf("#   got      %s\n#   expected %s\n", got, want);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t) n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t) n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "t/runtime/crypto-vectors.json";
    js_host host;
    duk_context *ctx;
    size_t len = 0;
    char *json = slurp(path, &len);

    if (json == NULL) {
        printf("1..0 # SKIP cannot read %s\n", path);
        return 0;
    }
    memset(&host, 0, sizeof host);
    ctx = duk_create_heap_default();
    duk_push_bare_object(ctx);
    js_crypto_init(ctx, &host);
    duk_put_global_string(ctx, "sys");
    duk_push_c_function(ctx, t_ok, 2);
    duk_put_global_string(ctx, "ok");
    duk_push_c_function(ctx, t_is, 3);
    duk_put_global_string(ctx, "is");
    duk_push_lstring(ctx, json, len);
    free(json);
    duk_json_decode(ctx, -1);
    duk_put_global_string(ctx, "V");
    if (duk_peval_string(ctx, checks) != 0)
        ok(0, duk_safe_to_stacktrace(ctx, -1));
    duk_pop(ctx);
    duk_destroy_heap(ctx);
    printf("1..%d\n", tap__run);
    return tap__failed ? 1 : 0;
}
