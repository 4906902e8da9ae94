/* js_icu.c - ICU (Debian's libicu) under Intl and the locale-aware parts
 * of the standard library (see js_icu.h).
 *
 * The natives are thin: runtime/intl.js turns Intl's options into ICU's
 * terms (number skeletons, date skeletons, collator attributes) and ICU's
 * field positions into formatToParts' parts.  What ICU opens is owned by a
 * handle object whose finalizer closes it, so a formatter lives as long as
 * the Intl object that holds its handle.
 *
 * Strings cross as UTF-16: Duktape's strings are an extended UTF-8 in
 * which a character past U+FFFF is either a 4-byte sequence (text that
 * arrived from outside) or two 3-byte surrogates (text a script built);
 * both become a surrogate pair here, and what ICU returns goes back as
 * surrogates, so .length and charCodeAt see what a script expects.
 */
#include "bindings/js_icu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ufieldpositer.h>
#include <unicode/ulistformatter.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/unumberformatter.h>
#include <unicode/upluralrules.h>
#include <unicode/ureldatefmt.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

/* What a handle holds; closed by js_icu_finalize. */
enum { JS_ICU_COLLATOR = 1, JS_ICU_NUMBER, JS_ICU_DATE, JS_ICU_PLURAL,
       JS_ICU_RELTIME, JS_ICU_LIST, JS_ICU_BREAK };

typedef struct js_icu_handle {
    int kind;
    void *p;
} js_icu_handle;

#define JS_ICU_PTR DUK_HIDDEN_SYMBOL("icu")

/* --- strings ----------------------------------------------------------- */

/* [ ... ] -> [ ... buffer ]: the string at idx as UTF-16 in a buffer the
 * value stack owns (freed with it, so a later throw leaks nothing). */
static UChar *js_icu_utf16(duk_context *ctx, duk_idx_t idx, int32_t *out_len)
{
    duk_size_t n, i = 0;
    const unsigned char *s = (const unsigned char *) duk_require_lstring(ctx, idx, &n);
    UChar *u = duk_push_fixed_buffer(ctx, (n + 1) * sizeof(UChar));
    int32_t o = 0;

    while (i < n) {
        unsigned c = s[i], cp;
        size_t k, len;

        if (c < 0x80) { cp = c; len = 1; }
        else if (c >= 0xc0 && c < 0xe0) { cp = c & 0x1f; len = 2; }
        else if (c >= 0xe0 && c < 0xf0) { cp = c & 0x0f; len = 3; }
        else if (c >= 0xf0 && c < 0xf8) { cp = c & 0x07; len = 4; }
        else { u[o++] = 0xfffd; i++; continue; }
        if (i + len > n) { u[o++] = 0xfffd; break; }
        for (k = 1; k < len; k++)
            cp = (cp << 6) | (s[i + k] & 0x3f);
        i += len;
        if (cp >= 0x10000 && cp <= 0x10ffff) {
            u[o++] = (UChar) (0xd800 + ((cp - 0x10000) >> 10));
            u[o++] = (UChar) (0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else
            u[o++] = (UChar) (cp > 0x10ffff ? 0xfffd : cp);
    }
    u[o] = 0;
    *out_len = o;
    return u;
}

/* [ ... ] -> [ ... string ]: len UTF-16 units, each as Duktape keeps it. */
static void js_icu_push(duk_context *ctx, const UChar *u, int32_t len)
{
    unsigned char *d = duk_push_fixed_buffer(ctx, (duk_size_t) len * 3);
    size_t o = 0;
    int32_t i;

    for (i = 0; i < len; i++) {
        unsigned c = u[i];
        if (c < 0x80)
            d[o++] = (unsigned char) c;
        else if (c < 0x800) {
            d[o++] = (unsigned char) (0xc0 | (c >> 6));
            d[o++] = (unsigned char) (0x80 | (c & 0x3f));
        } else {
            d[o++] = (unsigned char) (0xe0 | (c >> 12));
            d[o++] = (unsigned char) (0x80 | ((c >> 6) & 0x3f));
            d[o++] = (unsigned char) (0x80 | (c & 0x3f));
        }
    }
    duk_push_lstring(ctx, (const char *) d, o);
    duk_remove(ctx, -2);
}

/* The locale argument as ICU's id (from a BCP 47 tag the script side has
 * already checked); "" for ICU's root when it cannot be read. */
static void js_icu_locale(duk_context *ctx, duk_idx_t idx, char *out, size_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    const char *tag = duk_require_string(ctx, idx);

    uloc_forLanguageTag(tag, out, (int32_t) cap, NULL, &err);
    if (U_FAILURE(err))
        out[0] = 0;
}

static duk_ret_t js_icu_fail(duk_context *ctx, const char *what, UErrorCode err)
{
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "%s: %s", what, u_errorName(err));
}

/* --- handles ----------------------------------------------------------- */

static duk_ret_t js_icu_finalize(duk_context *ctx)
{
    js_icu_handle *h;

    duk_get_prop_string(ctx, 0, JS_ICU_PTR);
    h = duk_get_pointer(ctx, -1);
    if (h == NULL)
        return 0;
    switch (h->kind) {
    case JS_ICU_COLLATOR: ucol_close(h->p); break;
    case JS_ICU_NUMBER: unumf_close(h->p); break;
    case JS_ICU_DATE: udat_close(h->p); break;
    case JS_ICU_PLURAL: uplrules_close(h->p); break;
    case JS_ICU_RELTIME: ureldatefmt_close(h->p); break;
    case JS_ICU_LIST: ulistfmt_close(h->p); break;
    case JS_ICU_BREAK: ubrk_close(h->p); break;
    }
    free(h);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_ICU_PTR);
    return 0;
}

/* [ ... ] -> [ ... handle ]: an empty handle, to be given its ICU object
 * by js_icu_adopt before anything else can throw. */
static js_icu_handle *js_icu_new_handle(duk_context *ctx, int kind)
{
    js_icu_handle *h;

    duk_push_object(ctx);
    duk_push_c_function(ctx, js_icu_finalize, 1);
    duk_set_finalizer(ctx, -2);
    if ((h = calloc(1, sizeof *h)) == NULL)
        (void) duk_error(ctx, DUK_ERR_ERROR, "out of memory");
    h->kind = kind;
    duk_push_pointer(ctx, h);
    duk_put_prop_string(ctx, -2, JS_ICU_PTR);
    return h;
}

static void *js_icu_get(duk_context *ctx, duk_idx_t idx, int kind)
{
    js_icu_handle *h = NULL;

    if (duk_is_object(ctx, idx)) {
        duk_get_prop_string(ctx, idx, JS_ICU_PTR);
        h = duk_get_pointer(ctx, -1);
        duk_pop(ctx);
    }
    if (h == NULL || h->kind != kind || h->p == NULL)
        (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "not an ICU handle of this kind");
    return h->p;
}

/* [ ... ] -> [ ... result ]: a formatter's text (len units of u), or with
 * it (the field positions of that formatting, closed here) the array
 * [ text, field, begin, end, field, begin, end, ... ]. */
static void js_icu_push_result(duk_context *ctx, const UChar *u, int32_t len, UFieldPositionIterator *it)
{
    duk_uarridx_t k = 1;
    int32_t field, b, e;

    js_icu_push(ctx, u, len);
    if (it == NULL)
        return;
    duk_push_array(ctx);
    duk_dup(ctx, -2);
    duk_put_prop_index(ctx, -2, 0);
    while ((field = ufieldpositer_next(it, &b, &e)) >= 0) {
        duk_push_int(ctx, field); duk_put_prop_index(ctx, -2, k++);
        duk_push_int(ctx, b); duk_put_prop_index(ctx, -2, k++);
        duk_push_int(ctx, e); duk_put_prop_index(ctx, -2, k++);
    }
    duk_remove(ctx, -2);
    ufieldpositer_close(it);
}

/* --- strings: normalize, case, \p{} sets -------------------------------- */

/* icuNormalize(s, form 0 NFC | 1 NFD | 2 NFKC | 3 NFKD) -> string */
static duk_ret_t js_icu_normalize(duk_context *ctx)
{
    int form = duk_require_int(ctx, 1);
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n;
    int32_t len, cap, got;
    UChar *src = js_icu_utf16(ctx, 0, &len), *dst;

    n = form == 1 ? unorm2_getNFDInstance(&err) : form == 2 ? unorm2_getNFKCInstance(&err) :
        form == 3 ? unorm2_getNFKDInstance(&err) : unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "normalize", err);
    /* a decomposition can grow a string; one pass with room for most */
    cap = len * 3 + 16;
    dst = duk_push_fixed_buffer(ctx, (duk_size_t) cap * sizeof(UChar));
    got = unorm2_normalize(n, src, len, dst, cap, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
        err = U_ZERO_ERROR;
        cap = got + 1;
        dst = duk_push_fixed_buffer(ctx, (duk_size_t) cap * sizeof(UChar));
        got = unorm2_normalize(n, src, len, dst, cap, &err);
    }
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "normalize", err);
    js_icu_push(ctx, dst, got);
    return 1;
}

/* icuCase(s, locale, upper) -> s in upper or lower case by locale's rules */
static duk_ret_t js_icu_case(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    int upper = duk_require_boolean(ctx, 2);
    UErrorCode err = U_ZERO_ERROR;
    int32_t len, cap, got;
    UChar *src, *dst;

    js_icu_locale(ctx, 1, loc, sizeof loc);
    src = js_icu_utf16(ctx, 0, &len);
    cap = len * 3 + 16;     /* ß -> SS: at most three units per unit */
    dst = duk_push_fixed_buffer(ctx, (duk_size_t) cap * sizeof(UChar));
    got = upper ? u_strToUpper(dst, cap, src, len, loc, &err) : u_strToLower(dst, cap, src, len, loc, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "case mapping", err);
    js_icu_push(ctx, dst, got);
    return 1;
}

/* icuSet(pattern, strings) -> [lo, hi, lo, hi, ...]: the code point ranges
 * of a UnicodeSet pattern ("[\p{Script=Greek}]"), or throws a SyntaxError;
 * with strings true, the array's "strings" is the set's strings too
 * ([\p{RGI_Emoji}]: the emoji sequences, ICU >= 70; one of 1024 units or
 * more, which no property has, is left out). */
static duk_ret_t js_icu_set(duk_context *ctx)
{
    int with_strings = duk_to_boolean(ctx, 1);
    UErrorCode err = U_ZERO_ERROR;
    int32_t len, i, n, k = 0, ns = 0, units = 0, at;
    UChar *pat = js_icu_utf16(ctx, 0, &len), *su;
    USet *set = uset_openPattern(pat, len, &err);
    UChar32 *r, lo, hi;
    int32_t *slen;

    n = U_SUCCESS(err) ? uset_getItemCount(set) : 0;
    /* the strings' total length, asked of each item with no room given */
    for (i = 0; with_strings && i < n; i++) {
        UErrorCode e = U_ZERO_ERROR;
        int32_t l = uset_getItem(set, i, &lo, &hi, NULL, 0, &e);
        if (l > 0 && l < 1024 && units <= INT32_MAX - l) { units += l; ns++; }
    }
    uset_close(set);
    if (U_FAILURE(err))
        return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid property name");
    /* the room on the value stack first, so that nothing can throw while
     * the set is open */
    r = duk_push_fixed_buffer(ctx, ((size_t) n + 1) * 2 * sizeof *r);
    su = duk_push_fixed_buffer(ctx, ((size_t) units + 1) * sizeof *su);
    slen = duk_push_fixed_buffer(ctx, ((size_t) ns + 1) * sizeof *slen);
    set = uset_openPattern(pat, len, &err);
    ns = 0;
    at = 0;
    for (i = 0; U_SUCCESS(err) && i < n && i < uset_getItemCount(set); i++) {
        UErrorCode e = U_ZERO_ERROR;
        int32_t l = uset_getItem(set, i, &r[k], &r[k + 1], NULL, 0, &e);
        if (l == 0 && U_SUCCESS(e))
            k += 2;
        else if (with_strings && l > 0 && l < 1024 && l <= units - at) {
            e = U_ZERO_ERROR;
            uset_getItem(set, i, &lo, &hi, su + at, units - at, &e);
            if (U_SUCCESS(e) || e == U_STRING_NOT_TERMINATED_WARNING) { slen[ns++] = l; at += l; }
        }
    }
    uset_close(set);
    duk_push_array(ctx);
    for (i = 0; i < k; i++) {
        duk_push_int(ctx, r[i]);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    if (with_strings) {
        duk_push_array(ctx);
        for (i = 0, at = 0; i < ns; at += slen[i], i++) {
            js_icu_push(ctx, su + at, slen[i]);
            duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
        }
        duk_put_prop_string(ctx, -2, "strings");
    }
    return 1;
}

/* --- locales ----------------------------------------------------------- */

/* icuCanonicalTag(tag) -> the canonical BCP 47 tag, or undefined when tag
 * is not a well-formed one */
static duk_ret_t js_icu_canonical_tag(duk_context *ctx)
{
    char id[ULOC_FULLNAME_CAPACITY], out[ULOC_FULLNAME_CAPACITY];
    duk_size_t n;
    const char *tag = duk_require_lstring(ctx, 0, &n);
    UErrorCode err = U_ZERO_ERROR;
    int32_t parsed = 0;

    uloc_forLanguageTag(tag, id, sizeof id, &parsed, &err);
    if (U_FAILURE(err) || (duk_size_t) parsed != n || n == 0)
        return 0;
    uloc_toLanguageTag(id, out, sizeof out, 1, &err);
    if (U_FAILURE(err))
        return 0;
    duk_push_string(ctx, out);
    return 1;
}

/* icuAvailable() -> [tag, ...]: the locales ICU has data for */
static duk_ret_t js_icu_available(duk_context *ctx)
{
    int32_t i, n = uloc_countAvailable();
    duk_uarridx_t k = 0;

    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        char out[ULOC_FULLNAME_CAPACITY];
        UErrorCode err = U_ZERO_ERROR;
        uloc_toLanguageTag(uloc_getAvailable(i), out, sizeof out, 0, &err);
        if (U_SUCCESS(err)) {
            duk_push_string(ctx, out);
            duk_put_prop_index(ctx, -2, k++);
        }
    }
    return 1;
}

/* icuTimeZone(id) -> ICU's canonical id for a time zone, or undefined;
 * icuTimeZone() -> the process's default zone (TZ, else the system's) */
static duk_ret_t js_icu_time_zone(duk_context *ctx)
{
    UChar out[128];
    UErrorCode err = U_ZERO_ERROR;
    int32_t len, got;
    UBool sys = 0;

    if (duk_is_undefined(ctx, 0)) {
        got = ucal_getDefaultTimeZone(out, 128, &err);
    } else {
        UChar *id = js_icu_utf16(ctx, 0, &len);
        got = ucal_getCanonicalTimeZoneID(id, len, out, 128, &sys, &err);
        if (U_SUCCESS(err) && !sys)
            return 0;
    }
    if (U_FAILURE(err) || got >= 128)
        return 0;
    js_icu_push(ctx, out, got);
    return 1;
}

/* icuCurrencyDigits(code) -> the minor unit digits of an ISO 4217 code */
static duk_ret_t js_icu_currency_digits(duk_context *ctx)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len, d;
    UChar *code = js_icu_utf16(ctx, 0, &len);

    d = ucurr_getDefaultFractionDigits(code, &err);
    duk_push_int(ctx, U_FAILURE(err) ? 2 : d);
    return 1;
}

/* --- Collator ---------------------------------------------------------- */

/* icuCollator(locale, strength 0 primary..2 tertiary, caseLevel, numeric,
 * caseFirst 0 off | 1 upper | 2 lower, shifted) -> handle */
static duk_ret_t js_icu_collator(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    static const UColAttributeValue strength[] = { UCOL_PRIMARY, UCOL_SECONDARY, UCOL_TERTIARY };
    int s = duk_require_int(ctx, 1), cf = duk_require_int(ctx, 4);
    int case_level = duk_require_boolean(ctx, 2), numeric = duk_require_boolean(ctx, 3);
    int shifted = duk_require_boolean(ctx, 5);
    UErrorCode err = U_ZERO_ERROR;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    h = js_icu_new_handle(ctx, JS_ICU_COLLATOR);
    h->p = ucol_open(loc, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "Collator", err);
    ucol_setAttribute(h->p, UCOL_STRENGTH, strength[s < 0 || s > 2 ? 2 : s], &err);
    ucol_setAttribute(h->p, UCOL_CASE_LEVEL, case_level ? UCOL_ON : UCOL_OFF, &err);
    ucol_setAttribute(h->p, UCOL_NUMERIC_COLLATION, numeric ? UCOL_ON : UCOL_OFF, &err);
    ucol_setAttribute(h->p, UCOL_CASE_FIRST, cf == 1 ? UCOL_UPPER_FIRST : cf == 2 ? UCOL_LOWER_FIRST : UCOL_OFF, &err);
    ucol_setAttribute(h->p, UCOL_ALTERNATE_HANDLING, shifted ? UCOL_SHIFTED : UCOL_NON_IGNORABLE, &err);
    ucol_setAttribute(h->p, UCOL_NORMALIZATION_MODE, UCOL_ON, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "Collator", err);
    return 1;
}

/* icuCompare(handle, a, b) -> -1, 0 or 1 */
static duk_ret_t js_icu_compare(duk_context *ctx)
{
    UCollator *c = js_icu_get(ctx, 0, JS_ICU_COLLATOR);
    int32_t la, lb;
    UChar *a = js_icu_utf16(ctx, 1, &la), *b = js_icu_utf16(ctx, 2, &lb);

    duk_push_int(ctx, (int) ucol_strcoll(c, a, la, b, lb));
    return 1;
}

/* --- NumberFormat and PluralRules -------------------------------------- */

/* icuNumberFormat(locale, skeleton) -> handle, or a RangeError naming what
 * ICU refused */
static duk_ret_t js_icu_number_format(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;
    UParseError perr;
    int32_t len;
    UChar *sk;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    sk = js_icu_utf16(ctx, 1, &len);
    h = js_icu_new_handle(ctx, JS_ICU_NUMBER);
    h->p = unumf_openForSkeletonAndLocaleWithError(sk, len, loc, &perr, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "NumberFormat", err);
    return 1;
}

/* Formats x (a number, or a decimal string for values past a double's
 * digits) into r. */
static void js_icu_format_into(duk_context *ctx, const UNumberFormatter *f, duk_idx_t idx,
                               UFormattedNumber *r, UErrorCode *err)
{
    if (duk_is_string(ctx, idx)) {
        duk_size_t n;
        const char *s = duk_get_lstring(ctx, idx, &n);
        unumf_formatDecimal(f, s, (int32_t) n, r, err);
    } else
        unumf_formatDouble(f, duk_require_number(ctx, idx), r, err);
}

/* icuFormatNumber(handle, x, parts) -> string, or with parts
 * [string, field, begin, end, ...] (ICU's UNumberFormatFields) */
static duk_ret_t js_icu_format_number(duk_context *ctx)
{
    const UNumberFormatter *f = js_icu_get(ctx, 0, JS_ICU_NUMBER);
    int parts = duk_to_boolean(ctx, 2);
    UErrorCode err = U_ZERO_ERROR;
    UFormattedNumber *r = unumf_openResult(&err);
    UFieldPositionIterator *it = NULL;
    UChar buf[256], *out = buf;
    int32_t got;

    if (U_FAILURE(err))
        return js_icu_fail(ctx, "NumberFormat", err);
    js_icu_format_into(ctx, f, 1, r, &err);
    got = U_SUCCESS(err) ? unumf_resultToString(r, buf, 256, &err) : 0;
    if (err == U_BUFFER_OVERFLOW_ERROR && (out = malloc(((size_t) got + 1) * sizeof(UChar))) != NULL) {
        err = U_ZERO_ERROR;
        unumf_resultToString(r, out, got + 1, &err);
    }
    if (U_SUCCESS(err) && parts) {
        it = ufieldpositer_open(&err);
        if (U_SUCCESS(err))
            unumf_resultGetAllFieldPositions(r, it, &err);
    }
    unumf_closeResult(r);
    if (U_FAILURE(err) || out == NULL) {
        if (out != buf) free(out);
        if (it) ufieldpositer_close(it);
        return js_icu_fail(ctx, "NumberFormat", err);
    }
    /* nothing below may throw but for memory: the value stack's reserve */
    js_icu_push_result(ctx, out, got, it);
    if (out != buf)
        free(out);
    return 1;
}

/* icuPluralRules(locale, ordinal) -> handle */
static duk_ret_t js_icu_plural_rules(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    int ordinal = duk_require_boolean(ctx, 1);
    UErrorCode err = U_ZERO_ERROR;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    h = js_icu_new_handle(ctx, JS_ICU_PLURAL);
    h->p = uplrules_openForType(loc, ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "PluralRules", err);
    return 1;
}

/* icuPluralSelect(handle, numberFormatHandle, x) -> "one", "other", ...:
 * x as the number format shows it ("1.0" is not "one" in English) */
static duk_ret_t js_icu_plural_select(duk_context *ctx)
{
    const UPluralRules *p = js_icu_get(ctx, 0, JS_ICU_PLURAL);
    const UNumberFormatter *f = js_icu_get(ctx, 1, JS_ICU_NUMBER);
    UErrorCode err = U_ZERO_ERROR;
    UFormattedNumber *r = unumf_openResult(&err);
    UChar kw[32];
    int32_t got = 0;

    if (U_SUCCESS(err))
        js_icu_format_into(ctx, f, 2, r, &err);
    if (U_SUCCESS(err))
        got = uplrules_selectFormatted(p, r, kw, 32, &err);
    unumf_closeResult(r);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "PluralRules", err);
    js_icu_push(ctx, kw, got);
    return 1;
}

/* --- DateTimeFormat ---------------------------------------------------- */

/* icuDateFormat(locale, skeleton, dateStyle, timeStyle, timeZone) -> handle:
 * the locale's best pattern for skeleton, or, when skeleton is "", its
 * pattern for the styles (0 full .. 3 short, -1 none) */
static duk_ret_t js_icu_date_format(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    int ds = duk_require_int(ctx, 2), ts = duk_require_int(ctx, 3);
    UErrorCode err = U_ZERO_ERROR;
    int32_t sklen, tzlen, plen;
    UChar *sk, *tz, pat[256];
    js_icu_handle *h;
    UCalendar *cal;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    sk = js_icu_utf16(ctx, 1, &sklen);
    tz = js_icu_utf16(ctx, 4, &tzlen);
    h = js_icu_new_handle(ctx, JS_ICU_DATE);
    if (sklen > 0) {
        UDateTimePatternGenerator *g = udatpg_open(loc, &err);
        plen = U_SUCCESS(err) ? udatpg_getBestPatternWithOptions(g, sk, sklen, UDATPG_MATCH_HOUR_FIELD_LENGTH,
                                                                  pat, 256, &err) : 0;
        udatpg_close(g);
        if (U_FAILURE(err) || plen >= 256)
            return js_icu_fail(ctx, "DateTimeFormat", U_FAILURE(err) ? err : U_BUFFER_OVERFLOW_ERROR);
        h->p = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, tz, tzlen, pat, plen, &err);
    } else {
        h->p = udat_open(ts < 0 ? UDAT_NONE : (UDateFormatStyle) ts, ds < 0 ? UDAT_NONE : (UDateFormatStyle) ds,
                         loc, tz, tzlen, NULL, 0, &err);
    }
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "DateTimeFormat", err);
    /* ECMAScript's dates are proleptic Gregorian: no Julian before 1582 */
    cal = (UCalendar *) udat_getCalendar(h->p);
    if (cal != NULL) {
        UCalendar *c = ucal_clone(cal, &err);
        if (U_SUCCESS(err)) {
            ucal_setGregorianChange(c, -8.64e15, &err);
            udat_setCalendar(h->p, c);
            ucal_close(c);
        }
    }
    return 1;
}

/* icuDatePattern(handle) -> the pattern the format uses ("h:mm a") */
static duk_ret_t js_icu_date_pattern(duk_context *ctx)
{
    UDateFormat *f = js_icu_get(ctx, 0, JS_ICU_DATE);
    UErrorCode err = U_ZERO_ERROR;
    UChar pat[256];
    int32_t got = udat_toPattern(f, 0, pat, 256, &err);

    if (U_FAILURE(err) || got >= 256)
        return js_icu_fail(ctx, "DateTimeFormat", err);
    js_icu_push(ctx, pat, got);
    return 1;
}

/* icuFormatDate(handle, ms, parts) -> string, or with parts
 * [string, field, begin, end, ...] (ICU's UDateFormatFields) */
static duk_ret_t js_icu_format_date(duk_context *ctx)
{
    UDateFormat *f = js_icu_get(ctx, 0, JS_ICU_DATE);
    double ms = duk_require_number(ctx, 1);
    int parts = duk_to_boolean(ctx, 2);
    UErrorCode err = U_ZERO_ERROR;
    UFieldPositionIterator *it = NULL;
    UChar out[512];
    int32_t got;

    if (parts && (it = ufieldpositer_open(&err)) == NULL)
        return js_icu_fail(ctx, "DateTimeFormat", err);
    got = udat_formatForFields(f, ms, out, 512, it, &err);
    if (U_FAILURE(err) || got >= 512) {
        if (it) ufieldpositer_close(it);
        return js_icu_fail(ctx, "DateTimeFormat", U_FAILURE(err) ? err : U_BUFFER_OVERFLOW_ERROR);
    }
    js_icu_push_result(ctx, out, got, it);
    return 1;
}

/* --- RelativeTimeFormat and ListFormat ---------------------------------- */

/* icuRelativeTimeFormat(locale, style 0 long | 1 short | 2 narrow) -> handle */
static duk_ret_t js_icu_reltime_format(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    static const UDateRelativeDateTimeFormatterStyle styles[] = { UDAT_STYLE_LONG, UDAT_STYLE_SHORT, UDAT_STYLE_NARROW };
    int s = duk_require_int(ctx, 1);
    UErrorCode err = U_ZERO_ERROR;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    h = js_icu_new_handle(ctx, JS_ICU_RELTIME);
    h->p = ureldatefmt_open(loc, NULL, styles[s < 0 || s > 2 ? 0 : s], UDISPCTX_CAPITALIZATION_NONE, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "RelativeTimeFormat", err);
    return 1;
}

/* icuFormatRelative(handle, value, unit 0 year .. 7 second, numeric) ->
 * "in 3 days", or with numeric false "tomorrow" where the locale has it */
static duk_ret_t js_icu_format_relative(duk_context *ctx)
{
    static const URelativeDateTimeUnit units[] = { UDAT_REL_UNIT_YEAR, UDAT_REL_UNIT_QUARTER, UDAT_REL_UNIT_MONTH,
        UDAT_REL_UNIT_WEEK, UDAT_REL_UNIT_DAY, UDAT_REL_UNIT_HOUR, UDAT_REL_UNIT_MINUTE, UDAT_REL_UNIT_SECOND };
    URelativeDateTimeFormatter *f = js_icu_get(ctx, 0, JS_ICU_RELTIME);
    double v = duk_require_number(ctx, 1);
    int u = duk_require_int(ctx, 2), numeric = duk_require_boolean(ctx, 3);
    UErrorCode err = U_ZERO_ERROR;
    UChar out[256];
    int32_t got;

    if (u < 0 || u > 7)
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Invalid unit");
    got = numeric ? ureldatefmt_formatNumeric(f, v, units[u], out, 256, &err)
                  : ureldatefmt_format(f, v, units[u], out, 256, &err);
    if (U_FAILURE(err) || got >= 256)
        return js_icu_fail(ctx, "RelativeTimeFormat", U_FAILURE(err) ? err : U_BUFFER_OVERFLOW_ERROR);
    js_icu_push(ctx, out, got);
    return 1;
}

/* icuListFormat(locale, type 0 and | 1 or | 2 unit, width 0 long | 1 short
 * | 2 narrow) -> handle */
static duk_ret_t js_icu_list_format(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    static const UListFormatterType types[] = { ULISTFMT_TYPE_AND, ULISTFMT_TYPE_OR, ULISTFMT_TYPE_UNITS };
    static const UListFormatterWidth widths[] = { ULISTFMT_WIDTH_WIDE, ULISTFMT_WIDTH_SHORT, ULISTFMT_WIDTH_NARROW };
    int t = duk_require_int(ctx, 1), w = duk_require_int(ctx, 2);
    UErrorCode err = U_ZERO_ERROR;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    h = js_icu_new_handle(ctx, JS_ICU_LIST);
    h->p = ulistfmt_openForType(loc, types[t < 0 || t > 2 ? 0 : t], widths[w < 0 || w > 2 ? 0 : w], &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "ListFormat", err);
    return 1;
}

/* icuFormatList(handle, [string, ...]) -> "a, b, and c" */
static duk_ret_t js_icu_format_list(duk_context *ctx)
{
    const UListFormatter *f = js_icu_get(ctx, 0, JS_ICU_LIST);
    duk_size_t n = duk_get_length(ctx, 1), i;
    const UChar **items;
    int32_t *lens, got, cap = 0;
    UErrorCode err = U_ZERO_ERROR;
    UChar *out;

    if (n > 10000)
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "ListFormat: too many items");
    items = duk_push_fixed_buffer(ctx, (n + 1) * sizeof *items);
    lens = duk_push_fixed_buffer(ctx, (n + 1) * sizeof *lens);
    for (i = 0; i < n; i++) {
        duk_get_prop_index(ctx, 1, (duk_uarridx_t) i);
        duk_to_string(ctx, -1);
        items[i] = js_icu_utf16(ctx, -1, &lens[i]);
        cap += lens[i] + 16;
    }
    cap += 64;
    out = duk_push_fixed_buffer(ctx, (duk_size_t) cap * sizeof(UChar));
    got = ulistfmt_format(f, items, lens, (int32_t) n, out, cap, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "ListFormat", err);
    js_icu_push(ctx, out, got);
    return 1;
}

/* --- Segmenter --------------------------------------------------------- */

/* icuBreakIterator(locale, type 0 grapheme | 1 word | 2 sentence) -> handle */
static duk_ret_t js_icu_break_iterator(duk_context *ctx)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    static const UBreakIteratorType types[] = { UBRK_CHARACTER, UBRK_WORD, UBRK_SENTENCE };
    int t = duk_require_int(ctx, 1);
    UErrorCode err = U_ZERO_ERROR;
    js_icu_handle *h;

    js_icu_locale(ctx, 0, loc, sizeof loc);
    h = js_icu_new_handle(ctx, JS_ICU_BREAK);
    h->p = ubrk_open(types[t < 0 || t > 2 ? 0 : t], loc, NULL, 0, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "Segmenter", err);
    return 1;
}

/* icuBreaks(handle, s) -> [end * 2 + wordLike, ...]: where each segment of
 * s ends, in UTF-16 units, one number a segment (the first begins at 0),
 * its low bit set when ICU's rule status puts it past UBRK_WORD_NONE (a
 * number, letter, kana or ideograph word: what V8 calls isWordLike; the
 * bit means nothing for the other iterators, whose statuses differ).
 *
 * Every boundary is found here in one pass, and the iterator is given
 * back its empty text before anything is pushed: it holds a pointer into
 * the value stack's copy of s, and it is shared (intl.js caches it) by
 * every Segments object of the segmenter, so no iteration may outlive this
 * call. */
static duk_ret_t js_icu_breaks(duk_context *ctx)
{
    UBreakIterator *bi = js_icu_get(ctx, 0, JS_ICU_BREAK);
    UErrorCode err = U_ZERO_ERROR;
    int32_t len, b, n = 0, i;
    UChar *s = js_icu_utf16(ctx, 1, &len);
    static const UChar empty[1] = { 0 };
    double *ends;

    /* at most one segment a unit: room for all before the iterator runs */
    ends = duk_push_fixed_buffer(ctx, ((size_t) len + 1) * sizeof *ends);
    ubrk_setText(bi, s, len, &err);
    if (U_FAILURE(err))
        return js_icu_fail(ctx, "Segmenter", err);
    ubrk_first(bi);
    while ((b = ubrk_next(bi)) != UBRK_DONE && n <= len)
        ends[n++] = (double) b * 2 + (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT ? 1 : 0);
    ubrk_setText(bi, empty, 0, &err);
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        duk_push_number(ctx, ends[i]);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    return 1;
}

static const duk_function_list_entry js_icu_funcs[] = {
    { "icuNormalize", js_icu_normalize, 2 },
    { "icuCase", js_icu_case, 3 },
    { "icuSet", js_icu_set, 2 },
    { "icuCanonicalTag", js_icu_canonical_tag, 1 },
    { "icuAvailable", js_icu_available, 0 },
    { "icuTimeZone", js_icu_time_zone, 1 },
    { "icuCurrencyDigits", js_icu_currency_digits, 1 },
    { "icuCollator", js_icu_collator, 6 },
    { "icuCompare", js_icu_compare, 3 },
    { "icuNumberFormat", js_icu_number_format, 2 },
    { "icuFormatNumber", js_icu_format_number, 3 },
    { "icuPluralRules", js_icu_plural_rules, 2 },
    { "icuPluralSelect", js_icu_plural_select, 3 },
    { "icuDateFormat", js_icu_date_format, 5 },
    { "icuDatePattern", js_icu_date_pattern, 1 },
    { "icuFormatDate", js_icu_format_date, 3 },
    { "icuRelativeTimeFormat", js_icu_reltime_format, 2 },
    { "icuFormatRelative", js_icu_format_relative, 4 },
    { "icuListFormat", js_icu_list_format, 3 },
    { "icuFormatList", js_icu_format_list, 2 },
    { "icuBreakIterator", js_icu_break_iterator, 2 },
    { "icuBreaks", js_icu_breaks, 2 },
    { NULL, NULL, 0 }
};

void js_icu_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_icu_funcs, host);
}
