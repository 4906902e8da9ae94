/* js_files.c - files inside the functions root, for require, sendFile,
 * fs and .env (src/runtime/module.js, node.js, express.js).
 *
 * Function code reaches the file system only through these natives, and
 * every path is confined to the request's functions root
 * (js_host_confine), so `require('../../etc/passwd')`,
 * `res.sendFile('/etc/shadow')` or a symlink that leaves the root all fail
 * the same way: EACCES.  Nothing here writes.
 */
#include "bindings/js_files.h"
#include "common/file.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* stat(path) -> { file, dir, size, mtime, path (real) } or null. */
static duk_ret_t js_files_stat(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX];
    struct stat st;

    if (js_host_confine(h, path, real) < 0 || stat(real, &st) < 0) {
        duk_push_null(ctx);
        return 1;
    }
    duk_push_object(ctx);
    duk_push_boolean(ctx, S_ISREG(st.st_mode));
    duk_put_prop_string(ctx, -2, "file");
    duk_push_boolean(ctx, S_ISDIR(st.st_mode));
    duk_put_prop_string(ctx, -2, "dir");
    duk_push_number(ctx, (double) st.st_size);
    duk_put_prop_string(ctx, -2, "size");
    duk_push_number(ctx, (double) st.st_mtim.tv_sec * 1000.0 +
                         (double) st.st_mtim.tv_nsec / 1e6);
    duk_put_prop_string(ctx, -2, "mtime");
    duk_push_string(ctx, real);
    duk_put_prop_string(ctx, -2, "path");
    return 1;
}

/* readFile(path, asText) -> string (asText) or Buffer. */
static duk_ret_t js_files_read_file(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    int as_text = duk_to_boolean(ctx, 1), err = 0;
    char real[PATH_MAX];
    size_t len = 0;
    char *data;
    void *dst;

    if (js_host_confine(h, path, real) < 0)
        return js_host_throw_errno(ctx, errno, "open", path);
    data = file_read(real, &len, &err);
    if (data == NULL)
        return js_host_throw_errno(ctx, err, "open", path);
    if (as_text) {
        /* duk_push_lstring may throw (out of memory): copy first, free,
         * then push from the copy on the value stack. */
        dst = duk_push_fixed_buffer(ctx, len);
        memcpy(dst, data, len);
        free(data);
        duk_buffer_to_string(ctx, -1);
        return 1;
    }
    dst = duk_push_fixed_buffer(ctx, len);
    memcpy(dst, data, len);
    free(data);
    duk_push_buffer_object(ctx, -1, 0, len, DUK_BUFOBJ_NODEJS_BUFFER);
    return 1;
}

/* Writes the names in the folder `real` (not . or ..), each followed by a
 * NUL, into out (up to cap bytes); returns the bytes they need, which may
 * be more than cap, or -1 with errno set. */
static long js_files_list_dir(const char *real, char *out, size_t cap)
{
    DIR *d = opendir(real);
    struct dirent *de;
    size_t need = 0, n;

    if (d == NULL)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        n = strlen(de->d_name) + 1;
        if (out && need + n <= cap)
            memcpy(out + need, de->d_name, n);
        need += n;
    }
    closedir(d);
    return (long) need;
}

/* readdir(path) -> [names], confined to the root like readFile.  The folder
 * is read twice, once for the size and once into a buffer pushed before
 * it is opened again, so no DIR is open while Duktape can throw; a name
 * added between the two reads is left out. */
static duk_ret_t js_files_readdir(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX], *buf;
    long need, got, i, start;
    duk_uarridx_t k = 0;

    if (js_host_confine(h, path, real) < 0)
        return js_host_throw_errno(ctx, errno, "scandir", path);
    need = js_files_list_dir(real, NULL, 0);
    if (need < 0)
        return js_host_throw_errno(ctx, errno, "scandir", path);
    buf = duk_push_fixed_buffer(ctx, (duk_size_t) need + 1);
    got = js_files_list_dir(real, buf, (size_t) need);
    if (got < 0)
        return js_host_throw_errno(ctx, errno, "scandir", path);
    if (got > need)
        got = need;
    /* [ ... buf ] -> [ ... buf names ] */
    duk_push_array(ctx);
    for (i = 0, start = 0; i < got; i++) {
        if (buf[i] != '\0')
            continue;
        duk_push_lstring(ctx, buf + start, (duk_size_t) (i - start));
        duk_put_prop_index(ctx, -2, k++);
        start = i + 1;
    }
    return 1;
}

/* mtime(path) -> modification time in ms, or -1.  No confinement: for the
 * runtime's own cache checks, never handed to function code. */
static duk_ret_t js_files_mtime(duk_context *ctx)
{
    struct stat st;

    if (stat(duk_require_string(ctx, 0), &st) < 0)
        duk_push_int(ctx, -1);
    else
        duk_push_number(ctx, (double) st.st_mtim.tv_sec * 1000.0 +
                             (double) st.st_mtim.tv_nsec / 1e6);
    return 1;
}

static const duk_function_list_entry js_files_funcs[] = {
    { "stat", js_files_stat, 1 },
    { "readFile", js_files_read_file, 2 },
    { "readdir", js_files_readdir, 1 },
    { "mtime", js_files_mtime, 1 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_files.h. */
void js_files_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_files_funcs, host);
}
