/* js_json.c - request bodies as JSON, fast (see js_json.h).
 *
 * JSON.parse on a body costs Duktape a growable buffer per string (1 KB of
 * bench/run's echo: ~180k instructions, a third of the request).  This
 * parser pushes each string straight from the body bytes and is strict:
 * whatever it is not sure of (a syntax error, bytes that are not UTF-8,
 * a long number, deep nesting) it leaves to JSON.parse, so the answer is
 * JSON.parse's in every case, errors and U+FFFD replacement included.
 */
#include "bindings/js_json.h"
#include "common/utf8.h"

#include <string.h>

typedef struct {
    const unsigned char *p, *end;
    char *scratch;              /* room for any decoded string of the body */
    int depth;
} js_json_parser;

#define JS_JSON_MAX_DEPTH 200

static void js_json_fail(duk_context *ctx)
{
    (void) duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "not for the fast path");
}

static void js_json_ws(js_json_parser *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int js_json_hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
           c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* [ ... ] -> [ ... string ]; j->p on the opening quote.  A \\u escape
 * becomes its code unit in Duktape's encoding (a surrogate on its own, as
 * JSON.parse leaves it). */
static void js_json_string(duk_context *ctx, js_json_parser *j)
{
    const unsigned char *s = ++j->p;
    char *o;
    size_t n;

    while (s < j->end && *s != '"' && *s != '\\' && *s >= 0x20 && *s < 0x80)
        s++;
    if (s < j->end && *s == '"') {
        duk_push_lstring(ctx, (const char *) j->p, (duk_size_t) (s - j->p));
        j->p = s + 1;
        return;
    }
    o = j->scratch;
    memcpy(o, j->p, (size_t) (s - j->p));
    o += s - j->p;
    for (;;) {
        if (s >= j->end || *s < 0x20)
            js_json_fail(ctx);
        if (*s == '"')
            break;
        if (*s >= 0x80) {
            if ((n = utf8_seq(s, (size_t) (j->end - s))) == 0)
                js_json_fail(ctx);
            memcpy(o, s, n);
            o += n;
            s += n;
        } else if (*s != '\\') {
            *o++ = (char) *s++;
        } else if (j->end - s < 2) {
            js_json_fail(ctx);
        } else if (s[1] == 'u') {
            int h0 = 0, h1 = 0, h2 = 0, h3 = 0;
            unsigned cu;

            if (j->end - s < 6 || (h0 = js_json_hex(s[2])) < 0 || (h1 = js_json_hex(s[3])) < 0 ||
                (h2 = js_json_hex(s[4])) < 0 || (h3 = js_json_hex(s[5])) < 0)
                js_json_fail(ctx);
            cu = (unsigned) ((h0 << 12) | (h1 << 8) | (h2 << 4) | h3);
            if (cu < 0x80) {
                *o++ = (char) cu;
            } else if (cu < 0x800) {
                *o++ = (char) (0xc0 | (cu >> 6));
                *o++ = (char) (0x80 | (cu & 0x3f));
            } else {
                *o++ = (char) (0xe0 | (cu >> 12));
                *o++ = (char) (0x80 | ((cu >> 6) & 0x3f));
                *o++ = (char) (0x80 | (cu & 0x3f));
            }
            s += 6;
        } else {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *k = s[1] ? strchr(from, s[1]) : NULL;

            if (k == NULL)
                js_json_fail(ctx);
            *o++ = to[k - from];
            s += 2;
        }
    }
    duk_push_lstring(ctx, j->scratch, (duk_size_t) (o - j->scratch));
    j->p = s + 1;
}

/* [ ... ] -> [ ... number ]: JSON's grammar exactly; integers of up to 15
 * digits (exact in a double) summed here, the rest converted by JSON.parse's
 * own decoder (duk_json_decode of the number's text), so that the value is
 * JSON.parse's to the last bit (src/duk-fixes.sed's numbers block). */
static void js_json_number(duk_context *ctx, js_json_parser *j)
{
    const unsigned char *s = j->p, *d;
    int neg = 0, simple = 1;
    double v = 0;

    if (s < j->end && *s == '-') {
        neg = 1;
        s++;
    }
    d = s;
    if (s < j->end && *s == '0')
        s++;
    else if (s < j->end && *s >= '1' && *s <= '9')
        while (s < j->end && *s >= '0' && *s <= '9')
            v = v * 10 + (*s++ - '0');
    else
        js_json_fail(ctx);
    if (s < j->end && *s == '.') {
        simple = 0;
        if (++s >= j->end || *s < '0' || *s > '9')
            js_json_fail(ctx);
        while (s < j->end && *s >= '0' && *s <= '9')
            s++;
    }
    if (s < j->end && (*s == 'e' || *s == 'E')) {
        simple = 0;
        if (++s < j->end && (*s == '+' || *s == '-'))
            s++;
        if (s >= j->end || *s < '0' || *s > '9')
            js_json_fail(ctx);
        while (s < j->end && *s >= '0' && *s <= '9')
            s++;
    }
    if (!simple || s - d > 15) {
        duk_push_lstring(ctx, (const char *) j->p, (duk_size_t) (s - j->p));
        duk_json_decode(ctx, -1);
    } else {
        duk_push_number(ctx, neg ? -v : v);
    }
    j->p = s;
}

static void js_json_value(duk_context *ctx, js_json_parser *j);

/* Past an opening bracket: true when the close follows at once. */
static int js_json_empty(js_json_parser *j, int close)
{
    j->p++;
    js_json_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 1;
    }
    return 0;
}

/* After a member: true for a ',' (white space after it eaten), false for
 * the close, a syntax error otherwise. */
static int js_json_more(duk_context *ctx, js_json_parser *j, int close)
{
    js_json_ws(j);
    if (j->p < j->end && (*j->p == ',' || *j->p == close)) {
        int more = *j->p++ == ',';

        js_json_ws(j);
        return more;
    }
    js_json_fail(ctx);
    return 0;
}

/* [ ... ] -> [ ... object ]; members are defined, as JSON.parse does, so
 * a "__proto__" or "toString" key is an own property like any other. */
static void js_json_object(duk_context *ctx, js_json_parser *j)
{
    duk_push_object(ctx);
    if (js_json_empty(j, '}'))
        return;
    do {
        if (j->p >= j->end || *j->p != '"')
            js_json_fail(ctx);
        js_json_string(ctx, j);
        js_json_ws(j);
        if (j->p >= j->end || *j->p != ':')
            js_json_fail(ctx);
        j->p++;
        js_json_value(ctx, j);
        duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
                              DUK_DEFPROP_SET_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
    } while (js_json_more(ctx, j, '}'));
}

/* [ ... ] -> [ ... array ] */
static void js_json_array(duk_context *ctx, js_json_parser *j)
{
    duk_uarridx_t i = 0;

    duk_push_array(ctx);
    if (js_json_empty(j, ']'))
        return;
    do {
        js_json_value(ctx, j);
        duk_put_prop_index(ctx, -2, i++);
    } while (js_json_more(ctx, j, ']'));
}

/* [ ... ] -> [ ... value ], white space around it eaten */
static void js_json_value(duk_context *ctx, js_json_parser *j)
{
    size_t left;

    js_json_ws(j);
    if (j->p >= j->end || ++j->depth > JS_JSON_MAX_DEPTH)
        js_json_fail(ctx);
    duk_require_stack(ctx, 4);
    left = (size_t) (j->end - j->p);
    switch (*j->p) {
    case '{':
        js_json_object(ctx, j);
        break;
    case '[':
        js_json_array(ctx, j);
        break;
    case '"':
        js_json_string(ctx, j);
        break;
    case 't':
    case 'f':
    case 'n': {
        static const char *const lit[] = { "true", "false", "null" };
        int k = *j->p == 't' ? 0 : *j->p == 'f' ? 1 : 2;
        size_t n = strlen(lit[k]);

        if (left < n || memcmp(j->p, lit[k], n) != 0)
            js_json_fail(ctx);
        if (k == 2)
            duk_push_null(ctx);
        else
            duk_push_boolean(ctx, k == 0);
        j->p += n;
        break;
    }
    default:
        js_json_number(ctx, j);
    }
    j->depth--;
    js_json_ws(j);
}

/* [ buf scratch ] -> [ buf scratch value ] */
static duk_ret_t js_json_parse_safely(duk_context *ctx, void *udata)
{
    js_json_parser *j = udata;

    js_json_value(ctx, j);
    if (j->p != j->end)
        js_json_fail(ctx);
    return 1;
}

/* jsonBody(buf) -> what JSON.parse would make of the bytes as text, or
 * undefined when they are not for this parser (the caller then asks
 * JSON.parse, which also makes the error). */
static duk_ret_t js_json_body(duk_context *ctx)
{
    duk_size_t len;
    const unsigned char *p = duk_require_buffer_data(ctx, 0, &len);
    js_json_parser j;

    duk_set_top(ctx, 1);
    j.scratch = duk_push_fixed_buffer(ctx, len + 1);
    j.p = p;
    j.end = p + len;
    j.depth = 0;
    if (duk_safe_call(ctx, js_json_parse_safely, &j, 0, 1) != 0)
        duk_push_undefined(ctx);
    return 1;
}

static const duk_function_list_entry js_json_funcs[] = {
    { "jsonBody", js_json_body, 1 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_json.h. */
void js_json_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_json_funcs, host);
}
