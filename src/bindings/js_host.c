/* js_host.c - what every binding shares (see js_host.h). */
#include "bindings/js_host.h"
#include "common/utf8.h"
#include "router/router.h"

#include <errno.h>
#include <string.h>

js_host *js_host_of(duk_context *ctx)
{
    js_host *h;

    duk_push_current_function(ctx);
    duk_get_prop_string(ctx, -1, DUK_HIDDEN_SYMBOL("host"));
    h = duk_get_pointer(ctx, -1);
    duk_pop_2(ctx);
    return h;
}

void js_host_put_funcs(duk_context *ctx, const duk_function_list_entry *funcs,
                       js_host *host)
{
    for (; funcs->key; funcs++) {
        duk_push_c_function(ctx, funcs->value, funcs->nargs);
        duk_push_pointer(ctx, host);
        duk_put_prop_string(ctx, -2, DUK_HIDDEN_SYMBOL("host"));
        duk_put_prop_string(ctx, -2, funcs->key);
    }
}

/* Owned by the caller's value stack. */
void js_host_push_utf8(duk_context *ctx, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n;
    duk_idx_t parts = 0;

    while (i < len && (n = utf8_seq(u + i, len - i)) > 0)
        i += n;
    if (i == len) {
        duk_push_lstring(ctx, s, (duk_size_t)len);
        return;
    }
    for (i = 0; i < len; ) {
        size_t start = i;
        while (i < len && (n = utf8_seq(u + i, len - i)) > 0)
            i += n;
        duk_push_lstring(ctx, s + start, (duk_size_t)(i - start));
        parts++;
        if (i < len) {
            duk_push_lstring(ctx, "\xef\xbf\xbd", 3);
            parts++;
            i++;
        }
        if (parts >= 32) {      /* stay within the value stack's reserve */
            duk_concat(ctx, parts);
            parts = 1;
        }
    }
    duk_concat(ctx, parts);
}

/* Owned by the caller's value stack. */
void js_host_push_var(duk_context *ctx, const char *v)
{
    if (v == NULL)
        duk_push_undefined(ctx);
    else
        js_host_push_utf8(ctx, v, strlen(v));
}

int js_host_confine(const js_host *h, const char *path, char *out)
{
    if (h->root == NULL) {
        errno = EACCES;
        return -1;
    }
    return route_confine(h->root, h->root, path, out);
}

duk_ret_t js_host_throw_errno(duk_context *ctx, int err, const char *op, const char *path)
{
    const char *code = err == ENOENT ? "ENOENT" : err == EACCES ? "EACCES" :
                       err == EISDIR ? "EISDIR" : err == ENOTDIR ? "ENOTDIR" :
                       err == EFBIG ? "EFBIG" : "EIO";

    duk_push_error_object(ctx, DUK_ERR_ERROR, "%s: %s, %s '%s'", code,
                          strerror(err), op, path);
    duk_push_string(ctx, code);
    duk_put_prop_string(ctx, -2, "code");
    duk_push_string(ctx, path);
    duk_put_prop_string(ctx, -2, "path");
    return duk_throw(ctx);
}
