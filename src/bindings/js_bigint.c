/* js_bigint.c - the arithmetic of src/runtime/bigint.js's BigInt, on
 * OpenSSL's BIGNUM.
 *
 * Duktape has no bigint type, so a bigint is a frozen object of one
 * prototype (BigInt.prototype) whose value is BN_bn2hex's text under a
 * hidden key.  There is one object per value: `===`, Object.is, switch and
 * the Map and Set of stdlib.js then compare bigints as node does.  The
 * table from text to object (heap stash "bigTable") holds bare pointers,
 * not references, so that a bigint nobody uses is collected: the
 * finalizer, which every bigint inherits from the prototype, takes its
 * entry out first.  A lookup that finds an object already waiting for its
 * finalizer brings it back (duk_push_heapptr cancels the finalizer, Duktape
 * 2.1 and later).
 *
 * Every native reads its arguments first, then computes with no Duktape
 * call (any of them may throw and would leak the BIGNUMs), frees, and only
 * then pushes or throws.  Results over JS_BIGINT_MAX_BITS are a RangeError
 * before they are computed where the size is known in advance.
 */
#include "config.h"
#include "bindings/js_bigint.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>

enum { BIG_OK, BIG_NOMEM, BIG_DIVZERO, BIG_NEGEXP, BIG_TOOBIG, BIG_SYNTAX };

/* bigOp's operations (bigint.js has the same numbers) */
enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_POW, OP_AND, OP_OR, OP_XOR,
       OP_SHL, OP_SHR, OP_NEG, OP_NOT, OP_COUNT };

/* Throws what node throws for err. */
static duk_ret_t js_bigint_throw(duk_context *ctx, int err)
{
    switch (err) {
    case BIG_DIVZERO:
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Division by zero");
    case BIG_NEGEXP:
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Exponent must be non-negative");
    case BIG_TOOBIG:
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Maximum BigInt size exceeded");
    case BIG_SYNTAX:
        return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid BigInt digits");
    }
    return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
}

/* The value text of the bigint at idx, which keeps it alive; TypeError
 * when it is none. */
static const char *js_bigint_hex(duk_context *ctx, duk_idx_t idx)
{
    const char *h = NULL;

    if (duk_is_object(ctx, idx)) {
        duk_get_prop_literal(ctx, idx, JS_BIGINT_KEY);
        h = duk_get_string(ctx, -1);
        duk_pop(ctx);
    }
    if (h == NULL)
        (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a BigInt");
    return h;
}

static BIGNUM *js_bigint_bn(const char *hex)
{
    BIGNUM *b = NULL;

    return BN_hex2bn(&b, hex) ? b : NULL;
}

static int js_bigint_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 :
           c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
}

/* Most bigints are small (counters, fractions' terms): one whose
 * magnitude is below 2^63 is read into an int64_t, and what two such
 * make is computed in __int128 and written back in BN_bn2hex's form,
 * with no BIGNUM and no allocation.  1: h's value is in *v. */
static int js_bigint_small(const char *h, int64_t *v)
{
    int neg = *h == '-';
    uint64_t m = 0;

    h += neg;
    if (strlen(h) > 16)
        return 0;
    for (; *h; h++)
        m = m << 4 | (uint64_t) js_bigint_digit(*h);
    if (m >> 63)
        return 0;
    *v = neg ? -(int64_t) m : (int64_t) m;
    return 1;
}

/* v as BN_bn2hex writes it (a sign, whole bytes in upper case, "0" for
 * zero) into buf, 36 bytes at least. */
static void js_bigint_format(__int128 v, char *buf)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned __int128 m = v < 0 ? -(unsigned __int128) v : (unsigned __int128) v;
    unsigned char bytes[16];
    int i;

    if (m == 0) {
        strcpy(buf, "0");
        return;
    }
    if (v < 0)
        *buf++ = '-';
    for (i = 15; i >= 0; i--) {
        bytes[i] = (unsigned char) (m & 0xff);
        m >>= 8;
    }
    for (i = 0; bytes[i] == 0; i++)
        ;
    for (; i < 16; i++) {
        *buf++ = hex[bytes[i] >> 4];
        *buf++ = hex[bytes[i] & 15];
    }
    *buf = '\0';
}

/* [ ] -> [ bigint ]: the object of the value text udata, found or made. */
static duk_ret_t js_bigint_intern(duk_context *ctx, void *udata)
{
    const char *hex = udata;

    duk_push_heap_stash(ctx);
    duk_get_prop_literal(ctx, -1, "bigTable");
    if (duk_get_prop_string(ctx, -1, hex)) {
        duk_push_heapptr(ctx, duk_get_pointer(ctx, -1));
        return 1;
    }
    duk_pop(ctx);
    duk_push_object(ctx);
    duk_get_prop_literal(ctx, -3, "bigProto");
    duk_set_prototype(ctx, -2);
    duk_push_string(ctx, hex);
    duk_put_prop_literal(ctx, -2, JS_BIGINT_KEY);
    duk_freeze(ctx, -1);
    duk_push_pointer(ctx, duk_get_heapptr(ctx, -1));
    duk_put_prop_string(ctx, -3, hex);
    return 1;
}

/* [ ... ] -> [ ... bigint ]: r's object; r is freed whatever happens
 * (NULL: an allocation failed). */
static duk_ret_t js_bigint_push(duk_context *ctx, BIGNUM *r, int err)
{
    char *hex;
    int rc;

    if (err == BIG_OK && r == NULL)
        err = BIG_NOMEM;
    if (err == BIG_OK && BN_num_bits(r) > JS_BIGINT_MAX_BITS)
        err = BIG_TOOBIG;
    if (err != BIG_OK) {
        BN_free(r);
        return js_bigint_throw(ctx, err);
    }
    if (BN_is_zero(r))
        BN_set_negative(r, 0);
    hex = BN_bn2hex(r);
    BN_free(r);
    if (hex == NULL)
        return js_bigint_throw(ctx, BIG_NOMEM);
    rc = duk_safe_call(ctx, js_bigint_intern, hex, 0, 1);
    OPENSSL_free(hex);
    if (rc != DUK_EXEC_SUCCESS)
        return duk_throw(ctx);
    return 1;
}

/* [ ... ] -> [ ... bigint ]: the small value v's object. */
static duk_ret_t js_bigint_push_small(duk_context *ctx, __int128 v)
{
    char buf[40];

    js_bigint_format(v, buf);
    return js_bigint_intern(ctx, buf);
}

static duk_ret_t js_bigint_push_str(duk_context *ctx, void *udata)
{
    duk_push_string(ctx, udata);
    return 1;
}

/* [ ... ] -> [ ... string ]: s, then freed (NULL: out of memory). */
static duk_ret_t js_bigint_push_text(duk_context *ctx, char *s, int from_openssl)
{
    int rc;

    if (s == NULL)
        return js_bigint_throw(ctx, BIG_NOMEM);
    rc = duk_safe_call(ctx, js_bigint_push_str, s, 0, 1);
    if (from_openssl)
        OPENSSL_free(s);
    else
        free(s);
    if (rc != DUK_EXEC_SUCCESS)
        return duk_throw(ctx);
    return 1;
}

/* finalizer(obj, heapDestruct): the bigint's table entry out, when it is
 * this object's (a bigint brought back and collected again has made no
 * other). */
static duk_ret_t js_bigint_finalize(duk_context *ctx)
{
    const char *hex;

    if (duk_to_boolean(ctx, 1) || !duk_is_object(ctx, 0))
        return 0;
    duk_get_prop_literal(ctx, 0, JS_BIGINT_KEY);
    hex = duk_get_string(ctx, -1);
    if (hex == NULL)
        return 0;
    duk_push_heap_stash(ctx);
    if (!duk_get_prop_literal(ctx, -1, "bigTable"))
        return 0;
    duk_get_prop_string(ctx, -1, hex);
    if (duk_get_pointer(ctx, -1) == duk_get_heapptr(ctx, 0)) {
        duk_pop(ctx);
        duk_del_prop_string(ctx, -1, hex);
    }
    return 0;
}

/* bigSetup(proto): the prototype every bigint gets, with the finalizer
 * they inherit, and an empty table. */
static duk_ret_t js_bigint_setup(duk_context *ctx)
{
    duk_require_object(ctx, 0);
    duk_push_heap_stash(ctx);
    duk_dup(ctx, 0);
    duk_put_prop_string(ctx, -2, "bigProto");
    duk_push_bare_object(ctx);
    duk_put_prop_string(ctx, -2, "bigTable");
    duk_push_c_function(ctx, js_bigint_finalize, 2);
    duk_set_finalizer(ctx, 0);
    return 0;
}

/* bigParse(digits, radix, negative) -> bigint: digits in radix 2, 8, 10 or
 * 16, without sign or prefix (bigint.js checked the syntax). */
static duk_ret_t js_bigint_parse(duk_context *ctx)
{
    duk_size_t n, i;
    const char *s = duk_require_lstring(ctx, 0, &n);
    int radix = duk_require_int(ctx, 1), neg = duk_to_boolean(ctx, 2);
    int bits = radix == 2 ? 1 : radix == 8 ? 3 : radix == 16 ? 4 : radix == 10 ? 0 : -1;
    BIGNUM *r = NULL;

    if (bits < 0)
        return js_bigint_throw(ctx, BIG_SYNTAX);
    while (n > 1 && s[0] == '0') {
        s++;
        n--;
    }
    for (i = 0; i < n; i++)
        if (js_bigint_digit(s[i]) >= radix)
            return js_bigint_throw(ctx, BIG_SYNTAX);
    if (n == 0 || (double) n * (bits ? bits : 3.33) > JS_BIGINT_MAX_BITS + 8)
        return js_bigint_throw(ctx, n == 0 ? BIG_SYNTAX : BIG_TOOBIG);
    if (bits == 0) {
        /* s ends with the string's NUL */
        if (!BN_dec2bn(&r, s))
            r = NULL;
    } else {
        size_t nbytes = (n * (size_t) bits + 7) / 8, pos;
        unsigned char *buf = calloc(nbytes, 1);
        int k, d;

        if (buf == NULL)
            return js_bigint_throw(ctx, BIG_NOMEM);
        for (i = 0; i < n; i++) {
            d = js_bigint_digit(s[n - 1 - i]);
            for (k = 0; k < bits; k++) {
                pos = i * (size_t) bits + (size_t) k;
                if (d >> k & 1)
                    buf[nbytes - 1 - pos / 8] |= (unsigned char) (1 << (pos % 8));
            }
        }
        r = BN_bin2bn(buf, (int) nbytes, NULL);
        free(buf);
    }
    if (r != NULL && neg)
        BN_set_negative(r, 1);
    return js_bigint_push(ctx, r, BIG_OK);
}

/* The integer x (finite, no fraction) exactly, or NULL. */
static BIGNUM *js_bigint_from_double(double x)
{
    BIGNUM *r = BN_new();
    int e, sh;
    double m = frexp(fabs(x), &e);
    uint64_t mant = (uint64_t) ldexp(m, 53);

    if (r == NULL || !BN_set_word(r, (BN_ULONG) mant))
        goto fail;
    sh = e - 53;
    if ((sh > 0 && !BN_lshift(r, r, sh)) || (sh < 0 && !BN_rshift(r, r, -sh)))
        goto fail;
    if (x < 0)
        BN_set_negative(r, 1);
    return r;
fail:
    BN_free(r);
    return NULL;
}

/* bigFromNumber(n) -> bigint: n an integer (bigint.js checked). */
static duk_ret_t js_bigint_from_number(duk_context *ctx)
{
    double x = duk_require_number(ctx, 0);

    if (!isfinite(x) || floor(x) != x)
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "not an integer");
    if (fabs(x) < 9.2e18)
        return js_bigint_push_small(ctx, (__int128) (int64_t) x);
    return js_bigint_push(ctx, js_bigint_from_double(x), BIG_OK);
}

/* The 64 low bits of |b|. */
static uint64_t js_bigint_low64(const BIGNUM *b)
{
    unsigned char buf[8];
    uint64_t u = 0;
    int i;

    if (BN_num_bits(b) > 64 || BN_bn2binpad(b, buf, 8) != 8)
        return 0;
    for (i = 0; i < 8; i++)
        u = u << 8 | buf[i];
    return u;
}

/* b to the nearest double (ties to even), as Number(b). */
static double js_bigint_to_double(const BIGNUM *b, int *err)
{
    int bits = BN_num_bits(b), shift;
    BIGNUM *t, *low;
    uint64_t u;
    double d;

    *err = BIG_OK;
    if (bits <= 64) {
        d = (double) js_bigint_low64(b);
        return BN_is_negative(b) ? -d : d;
    }
    /* the top 64 bits, the lowest of them set when any bit below is (so
     * that the one rounding to 53 bits sees a tie only where there is
     * one), scaled back */
    shift = bits - 64;
    t = BN_new();
    low = BN_dup(b);
    if (t == NULL || low == NULL || !BN_rshift(t, b, shift) || !BN_mask_bits(low, shift)) {
        BN_free(t);
        BN_free(low);
        *err = BIG_NOMEM;
        return 0;
    }
    u = js_bigint_low64(t) | (BN_is_zero(low) ? 0 : 1);
    BN_free(t);
    BN_free(low);
    d = ldexp((double) u, shift);
    return BN_is_negative(b) ? -d : d;
}

/* bigToNumber(b) -> number */
static duk_ret_t js_bigint_to_number(duk_context *ctx)
{
    const char *h = js_bigint_hex(ctx, 0);
    BIGNUM *b;
    int64_t v;
    int err;
    double d;

    if (js_bigint_small(h, &v)) {
        duk_push_number(ctx, (double) v);
        return 1;
    }
    b = js_bigint_bn(h);
    if (b == NULL)
        return js_bigint_throw(ctx, BIG_NOMEM);
    d = js_bigint_to_double(b, &err);
    BN_free(b);
    if (err != BIG_OK)
        return js_bigint_throw(ctx, err);
    duk_push_number(ctx, d);
    return 1;
}

/* The digits of b in radix (2 to 36), malloc'd; NULL: out of memory. */
static char *js_bigint_radix_text(const BIGNUM *b, int radix)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t cap = (size_t) BN_num_bits(b) + 80, n = 0, i;
    BIGNUM *t = BN_dup(b);
    char *s = malloc(cap), c;
    BN_ULONG chunk = (BN_ULONG) radix, rem;
    int k = 1;

    if (t == NULL || s == NULL) {
        BN_free(t);
        free(s);
        return NULL;
    }
    BN_set_negative(t, 0);
    /* as many digits per division as a word holds */
    while (chunk <= ((BN_ULONG) -1) / (BN_ULONG) radix / (BN_ULONG) radix) {
        chunk *= (BN_ULONG) radix;
        k++;
    }
    do {
        rem = BN_div_word(t, chunk);
        if (rem == (BN_ULONG) -1) {
            BN_free(t);
            free(s);
            return NULL;
        }
        for (i = 0; i < (size_t) k; i++) {
            s[n++] = digits[rem % (BN_ULONG) radix];
            rem /= (BN_ULONG) radix;
        }
    } while (!BN_is_zero(t));
    BN_free(t);
    while (n > 1 && s[n - 1] == '0')
        n--;
    if (BN_is_negative(b))
        s[n++] = '-';
    for (i = 0; i < n / 2; i++) {
        c = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = c;
    }
    s[n] = '\0';
    return s;
}

/* bigToString(b, radix) -> string, radix 2 to 36 (bigint.js checked) */
static duk_ret_t js_bigint_to_string(duk_context *ctx)
{
    const char *hb = js_bigint_hex(ctx, 0);
    int radix = duk_require_int(ctx, 1);
    BIGNUM *b = js_bigint_bn(hb);
    char *s;

    int64_t v;

    if (radix == 10 && js_bigint_small(hb, &v)) {
        BN_free(b);
        duk_push_sprintf(ctx, "%lld", (long long) v);
        return 1;
    }
    if (b == NULL)
        return js_bigint_throw(ctx, BIG_NOMEM);
    if (radix < 2 || radix > 36) {
        BN_free(b);
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "toString() radix argument must be between 2 and 36");
    }
    if (radix == 10) {
        s = BN_bn2dec(b);
        BN_free(b);
        return js_bigint_push_text(ctx, s, 1);
    }
    s = js_bigint_radix_text(b, radix);
    BN_free(b);
    return js_bigint_push_text(ctx, s, 0);
}

/* x modulo 2^(8n), big-endian into buf: two's complement. */
static int js_bigint_twos(const BIGNUM *x, unsigned char *buf, int n)
{
    BIGNUM *t;
    int i, ok;

    if (!BN_is_negative(x))
        return BN_bn2binpad(x, buf, n) == n;
    /* -m is ~(m - 1) */
    t = BN_dup(x);
    ok = t != NULL;
    if (ok) {
        BN_set_negative(t, 0);
        ok = BN_sub_word(t, 1) && BN_bn2binpad(t, buf, n) == n;
    }
    BN_free(t);
    for (i = 0; ok && i < n; i++)
        buf[i] = (unsigned char) ~buf[i];
    return ok;
}

/* r = a & b, a | b or a ^ b, as on infinite two's complement. */
static int js_bigint_bitwise(BIGNUM *r, int op, const BIGNUM *a, const BIGNUM *b)
{
    int bits = BN_num_bits(a) > BN_num_bits(b) ? BN_num_bits(a) : BN_num_bits(b);
    int n = bits / 8 + 1, i, ok, neg;
    unsigned char *x = malloc((size_t) n), *y = malloc((size_t) n);

    ok = x != NULL && y != NULL && js_bigint_twos(a, x, n) && js_bigint_twos(b, y, n);
    for (i = 0; ok && i < n; i++)
        x[i] = (unsigned char) (op == OP_AND ? x[i] & y[i] : op == OP_OR ? x[i] | y[i] : x[i] ^ y[i]);
    /* n bytes hold at least one bit more than either operand: the top one
     * is the sign */
    neg = ok && (x[0] & 0x80);
    for (i = 0; neg && i < n; i++)
        x[i] = (unsigned char) ~x[i];
    ok = ok && BN_bin2bn(x, n, r) != NULL;
    if (ok && neg) {
        ok = BN_add_word(r, 1);
        BN_set_negative(r, 1);
    }
    free(x);
    free(y);
    return ok ? BIG_OK : BIG_NOMEM;
}

/* r = a << s (left) or a >> s, the right shift rounding down. */
static int js_bigint_shift(BIGNUM *r, const BIGNUM *a, const BIGNUM *s, int left)
{
    int na = BN_num_bits(a);
    long count;

    if (BN_is_negative(s))
        left = !left;
    if (BN_is_zero(a)) {
        BN_zero(r);
        return BIG_OK;
    }
    if (BN_num_bits(s) > 31)
        count = -1;
    else
        count = (long) js_bigint_low64(s);
    if (left) {
        if (count < 0 || na + count > JS_BIGINT_MAX_BITS)
            return BIG_TOOBIG;
        return BN_lshift(r, a, (int) count) ? BIG_OK : BIG_NOMEM;
    }
    if (count < 0 || count >= na) {
        /* all bits gone: 0, or -1 for a negative */
        if (!BN_set_word(r, BN_is_negative(a) ? 1 : 0))
            return BIG_NOMEM;
        BN_set_negative(r, BN_is_negative(a));
        return BIG_OK;
    }
    if (!BN_is_negative(a))
        return BN_rshift(r, a, (int) count) ? BIG_OK : BIG_NOMEM;
    /* floor(-m / 2^c) = -(((m - 1) >> c) + 1) */
    if (!BN_copy(r, a))
        return BIG_NOMEM;
    BN_set_negative(r, 0);
    if (!BN_sub_word(r, 1) || !BN_rshift(r, r, (int) count) || !BN_add_word(r, 1))
        return BIG_NOMEM;
    BN_set_negative(r, 1);
    return BIG_OK;
}

/* r = a ** b */
static int js_bigint_pow(BIGNUM *r, const BIGNUM *a, const BIGNUM *b, BN_CTX *bc)
{
    BIGNUM *m;
    uint64_t e;
    int ok;

    if (BN_is_negative(b))
        return BIG_NEGEXP;
    if (BN_is_zero(b))
        return BN_one(r) ? BIG_OK : BIG_NOMEM;
    /* 0, 1 and -1 to any power stay that small */
    if (BN_num_bits(a) <= 1) {
        if (!BN_copy(r, a))
            return BIG_NOMEM;
        if (BN_is_negative(a) && !BN_is_odd(b))
            BN_set_negative(r, 0);
        return BIG_OK;
    }
    if (BN_num_bits(b) > 32)
        return BIG_TOOBIG;
    e = js_bigint_low64(b);
    if ((double) (BN_num_bits(a) - 1) * (double) e >= JS_BIGINT_MAX_BITS)
        return BIG_TOOBIG;
    m = BN_dup(a);
    if (m == NULL)
        return BIG_NOMEM;
    BN_set_negative(m, 0);
    ok = BN_exp(r, m, b, bc);
    BN_free(m);
    if (ok && BN_is_negative(a) && (e & 1))
        BN_set_negative(r, 1);
    return ok ? BIG_OK : BIG_NOMEM;
}

static int js_bigint_compute(BIGNUM *r, int op, const BIGNUM *a, const BIGNUM *b, BN_CTX *bc)
{
    switch (op) {
    case OP_ADD:
        return BN_add(r, a, b) ? BIG_OK : BIG_NOMEM;
    case OP_SUB:
        return BN_sub(r, a, b) ? BIG_OK : BIG_NOMEM;
    case OP_MUL:
        if (BN_num_bits(a) + BN_num_bits(b) > JS_BIGINT_MAX_BITS + 1)
            return BIG_TOOBIG;
        return BN_mul(r, a, b, bc) ? BIG_OK : BIG_NOMEM;
    case OP_DIV:
    case OP_MOD:
        /* BN_div truncates towards zero, the remainder has the dividend's
         * sign: ECMAScript's / and % */
        if (BN_is_zero(b))
            return BIG_DIVZERO;
        return BN_div(op == OP_DIV ? r : NULL, op == OP_MOD ? r : NULL, a, b, bc) ? BIG_OK : BIG_NOMEM;
    case OP_POW:
        return js_bigint_pow(r, a, b, bc);
    case OP_AND:
    case OP_OR:
    case OP_XOR:
        return js_bigint_bitwise(r, op, a, b);
    case OP_SHL:
    case OP_SHR:
        return js_bigint_shift(r, a, b, op == OP_SHL);
    case OP_NEG:
        if (!BN_copy(r, a))
            return BIG_NOMEM;
        BN_set_negative(r, !BN_is_negative(a));
        return BIG_OK;
    case OP_NOT:
        /* ~a is -a - 1 */
        if (!BN_copy(r, a))
            return BIG_NOMEM;
        BN_set_negative(r, !BN_is_negative(a));
        return BN_sub_word(r, 1) ? BIG_OK : BIG_NOMEM;
    }
    return BIG_NOMEM;
}

/* [ ... ] -> [ ... bigint ] and 1 when a and b are small and so is what
 * op makes of them (js_bigint_small); else 0 and nothing pushed. */
static int js_bigint_op_small(duk_context *ctx, int op, const char *ha, const char *hb)
{
    int64_t a, b;
    __int128 r;

    if (!js_bigint_small(ha, &a) || !js_bigint_small(hb, &b))
        return 0;
    switch (op) {
    case OP_ADD: r = (__int128) a + b; break;
    case OP_SUB: r = (__int128) a - b; break;
    case OP_MUL: r = (__int128) a * b; break;
    case OP_DIV:
    case OP_MOD:
        if (b == 0)
            return js_bigint_throw(ctx, BIG_DIVZERO), 1;
        /* C's / and % truncate as ECMAScript's do; no operand is INT64_MIN */
        r = op == OP_DIV ? a / b : a % b;
        break;
    case OP_AND: r = a & b; break;
    case OP_OR: r = a | b; break;
    case OP_XOR: r = a ^ b; break;
    case OP_NEG: r = -(__int128) a; break;
    case OP_NOT: r = ~a; break;
    case OP_SHL:
    case OP_SHR:
        if ((op == OP_SHL) == (b >= 0)) {
            /* a multiplication: a shift of a negative is undefined in C */
            if (b > 62 || b < -62)
                return 0;
            r = (__int128) a * ((__int128) 1 << (b < 0 ? -b : b));
        } else {
            /* >> of a negative rounds down (GCC shifts arithmetically) */
            b = b < 0 ? -b : b;
            r = b > 62 ? (a < 0 ? -1 : 0) : a >> b;
        }
        break;
    default:
        return 0;
    }
    js_bigint_push_small(ctx, r);
    return 1;
}

/* bigOp(op, a, b) -> bigint: op one of OP_*, b ignored by NEG and NOT. */
static duk_ret_t js_bigint_op(duk_context *ctx)
{
    int op = duk_require_int(ctx, 0), err;
    const char *ha = js_bigint_hex(ctx, 1);
    const char *hb = op == OP_NEG || op == OP_NOT ? "0" : js_bigint_hex(ctx, 2);
    BIGNUM *a, *b, *r;
    BN_CTX *bc;

    if (op < 0 || op >= OP_COUNT)
        return duk_error(ctx, DUK_ERR_TYPE_ERROR, "bad operation");
    if (js_bigint_op_small(ctx, op, ha, hb))
        return 1;
    a = js_bigint_bn(ha);
    b = js_bigint_bn(hb);
    r = BN_new();
    bc = BN_CTX_new();
    err = a && b && r && bc ? js_bigint_compute(r, op, a, b, bc) : BIG_NOMEM;
    BN_free(a);
    BN_free(b);
    BN_CTX_free(bc);
    return js_bigint_push(ctx, r, err);
}

/* bigCmp(a, b) -> -1, 0 or 1, from the texts: a sign, then whole bytes
 * with none of them zero in front, so the longer magnitude is the larger,
 * and two as long compare as text ("0".."9" < "A".."F"). */
static duk_ret_t js_bigint_cmp(duk_context *ctx)
{
    const char *a = js_bigint_hex(ctx, 0), *b = js_bigint_hex(ctx, 1);
    int na = *a == '-', nb = *b == '-', c;
    size_t la, lb;

    if (na != nb) {
        duk_push_int(ctx, na ? -1 : 1);
        return 1;
    }
    a += na;
    b += nb;
    la = strlen(a);
    lb = strlen(b);
    c = la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
    c = c < 0 ? -1 : c > 0;
    duk_push_int(ctx, na ? -c : c);
    return 1;
}

/* bigCmpNum(a, n) -> -1, 0 or 1 as a is below, at or above the number n
 * exactly; NaN for NaN. */
static duk_ret_t js_bigint_cmp_num(duk_context *ctx)
{
    const char *ha = js_bigint_hex(ctx, 0);
    double x = duk_require_number(ctx, 1), f;
    BIGNUM *a, *fb;
    int64_t v;
    int c;

    if (isnan(x)) {
        duk_push_nan(ctx);
        return 1;
    }
    if (isinf(x)) {
        duk_push_int(ctx, x > 0 ? -1 : 1);
        return 1;
    }
    /* against the integer below x: a above it is at least the next one,
     * above x; equal to it is below x when x has a fraction */
    f = floor(x);
    if (js_bigint_small(ha, &v) && fabs(f) < 9.2e18) {
        c = v < (int64_t) f ? -1 : v > (int64_t) f;
        duk_push_int(ctx, c == 0 && f != x ? -1 : c);
        return 1;
    }
    a = js_bigint_bn(ha);
    fb = js_bigint_from_double(f);
    c = a && fb ? BN_cmp(a, fb) : 2;
    BN_free(a);
    BN_free(fb);
    if (c == 2)
        return js_bigint_throw(ctx, BIG_NOMEM);
    duk_push_int(ctx, c == 0 && f != x ? -1 : c);
    return 1;
}

/* bigAsN(bits, a, signed) -> BigInt.asIntN(bits, a) or asUintN: bits an
 * integer from 0 to 2^53 - 1 (bigint.js checked). */
static duk_ret_t js_bigint_as_n(duk_context *ctx)
{
    double bits = duk_require_number(ctx, 0);
    const char *ha = js_bigint_hex(ctx, 1);
    int sign = duk_to_boolean(ctx, 2), err = BIG_OK;
    BIGNUM *a = js_bigint_bn(ha), *r = BN_new(), *m = BN_new();
    BN_CTX *bc = BN_CTX_new();
    int na;

    if (a == NULL || r == NULL || m == NULL || bc == NULL) {
        err = BIG_NOMEM;
        goto done;
    }
    na = BN_num_bits(a);
    if (bits == 0) {
        BN_zero(r);
    } else if ((sign && bits > na) || (!sign && !BN_is_negative(a) && bits >= na)) {
        /* a fits as it is */
        if (!BN_copy(r, a))
            err = BIG_NOMEM;
    } else if (bits > JS_BIGINT_MAX_BITS) {
        /* only a negative a to an unsigned width that wide */
        err = BIG_TOOBIG;
    } else if (!BN_set_bit(m, (int) bits) || !BN_nnmod(r, a, m, bc)) {
        err = BIG_NOMEM;
    } else if (sign && BN_is_bit_set(r, (int) bits - 1) && !BN_sub(r, r, m)) {
        err = BIG_NOMEM;
    }
done:
    BN_free(a);
    BN_free(m);
    BN_CTX_free(bc);
    return js_bigint_push(ctx, r, err);
}

/* bigFrom64(hi, lo, signed) -> bigint: the 64-bit integer of two 32-bit
 * halves, two's complement when signed. */
static duk_ret_t js_bigint_from64(duk_context *ctx)
{
    uint64_t hi = (uint32_t) duk_require_uint(ctx, 0), lo = (uint32_t) duk_require_uint(ctx, 1);
    uint64_t u = hi << 32 | lo;

    if (duk_to_boolean(ctx, 2))
        return js_bigint_push_small(ctx, (__int128) (int64_t) u);
    return js_bigint_push_small(ctx, (__int128) u);
}

/* bigTo64(a) -> [hi, lo]: a modulo 2^64 (two's complement) as two 32-bit
 * halves. */
static duk_ret_t js_bigint_to64(duk_context *ctx)
{
    BIGNUM *a = js_bigint_bn(js_bigint_hex(ctx, 0)), *m = BN_new(), *r = BN_new();
    BN_CTX *bc = BN_CTX_new();
    int ok = a && m && r && bc && BN_set_bit(m, 64) && BN_nnmod(r, a, m, bc);
    uint64_t u = ok ? js_bigint_low64(r) : 0;

    BN_free(a);
    BN_free(m);
    BN_free(r);
    BN_CTX_free(bc);
    if (!ok)
        return js_bigint_throw(ctx, BIG_NOMEM);
    duk_push_array(ctx);
    duk_push_uint(ctx, (duk_uint_t) (u >> 32));
    duk_put_prop_index(ctx, -2, 0);
    duk_push_uint(ctx, (duk_uint_t) (u & 0xffffffffu));
    duk_put_prop_index(ctx, -2, 1);
    return 1;
}

static const duk_function_list_entry js_bigint_funcs[] = {
    { "bigSetup", js_bigint_setup, 1 },
    { "bigParse", js_bigint_parse, 3 },
    { "bigFromNumber", js_bigint_from_number, 1 },
    { "bigToNumber", js_bigint_to_number, 1 },
    { "bigToString", js_bigint_to_string, 2 },
    { "bigOp", js_bigint_op, 3 },
    { "bigCmp", js_bigint_cmp, 2 },
    { "bigCmpNum", js_bigint_cmp_num, 2 },
    { "bigAsN", js_bigint_as_n, 3 },
    { "bigFrom64", js_bigint_from64, 3 },
    { "bigTo64", js_bigint_to64, 1 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_bigint.h. */
void js_bigint_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_bigint_funcs, host);
}
