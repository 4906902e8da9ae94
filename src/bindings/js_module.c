/* js_module.c - files inside the functions root, and compiled modules.
 *
 * Function code reaches the file system only through these natives, and
 * every path is confined to the request's functions root (rt_confine), so
 * `require('../../etc/passwd')`, `res.sendFile('/etc/shadow')` or a symlink
 * that leaves the root all fail the same way: EACCES.
 *
 * load() keeps a per-worker cache of compiled modules, keyed by the file's
 * identity (device, inode, size, mtime): an edited file is recompiled on its
 * next request, an unchanged one costs one stat() and one call.  A module is
 * compiled inside a factory, `function () { with (this) return function
 * (exports, require, …) { BODY } }`, loaded from bytecode once per worker:
 * calling it with the request's global object as `this` makes a new wrapper
 * whose free names resolve in that global, so each request has its own
 * globals while the function templates of BODY are shared.  (Loading the
 * bytecode anew per request did the same at ~40 % of a 5 KB module's
 * request, bench/RESULTS-frontend.md.)
 *
 * Behind it, a bytecode cache on disk shared by every worker (and by
 * invoke run/exec) when there is a `--data` folder: DATA/bytecode/<sha256>.bc,
 * the hash covering this build, the file's real path and its bytes.  So the front end never runs for a module some worker
 * already compiled, an edited file gets a new key, and a burst of first
 * requests compiles once: the compiler holds a lock on the key's lock file
 * and the others wait on it, then load what it wrote.
 */
#include "bindings/js_sys.h"
#include "router/router.h"

#include <dirent.h>
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MOD_CACHE_MAGIC "invoke-bc1\n"
/* Bytecode is only valid for the Duktape, front end and module wrapper it
 * came from: the key holds this file's build (MOD_HEAD below) and the
 * runtime's (eng_runtime_id: Duktape and every embedded source, which
 * change without this file being recompiled). */
#define MOD_BUILD PACKAGE_VERSION " " __DATE__ " " __TIME__

/* The factory around a module (see the top of this file); all on the file's
 * first line, so line numbers stay the file's own.  `this`, not a named
 * parameter, carries the global: no name of the module's is shadowed. */
#define MOD_HEAD "function () { with (this) return " \
                 "function (exports, require, module, __filename, __dirname) {"
#define MOD_TAIL "\n}}"

/* Throws an Error with Node's shape: message "CODE: text, op 'path'" and
 * .code / .path properties. */
static duk_ret_t throw_errno(duk_context *ctx, int err, const char *op,
                             const char *path)
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

/* Confines path (absolute, or relative to the root) into out; errno set on
 * failure. */
static int confine(jsys_host *h, const char *path, char *out)
{
    if (h->root == NULL) {
        errno = EACCES;
        return -1;
    }
    return rt_confine(h->root, h->root, path, out);
}

/* stat(path) -> { file, dir, size, mtime, path (real) } or null. */
static duk_ret_t mod_stat(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX];
    struct stat st;

    if (confine(h, path, real) < 0 || stat(real, &st) < 0) {
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

/* Reads a whole regular file into a malloc'd buffer (caller frees). */
static char *slurp(const char *path, size_t *len, int *err)
{
    struct stat st;
    char *buf;
    size_t got = 0;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        *err = S_ISDIR(st.st_mode) ? EISDIR : EIO;
        close(fd);
        return NULL;
    }
    buf = malloc((size_t) st.st_size + 1);
    if (buf == NULL) {
        *err = EFBIG;
        close(fd);
        return NULL;
    }
    while (got < (size_t) st.st_size &&
           (n = read(fd, buf + got, (size_t) st.st_size - got)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            free(buf);
            close(fd);
            return NULL;
        }
        got += (size_t) n;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

/* readFile(path, asText) -> string (asText) or Buffer. */
static duk_ret_t mod_read_file(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    int as_text = duk_to_boolean(ctx, 1), err = 0;
    char real[PATH_MAX];
    size_t len = 0;
    char *data;
    void *dst;

    if (confine(h, path, real) < 0)
        return throw_errno(ctx, errno, "open", path);
    data = slurp(real, &len, &err);
    if (data == NULL)
        return throw_errno(ctx, err, "open", path);
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
static long list_dir(const char *real, char *out, size_t cap)
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
static duk_ret_t mod_readdir(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX], *buf;
    long need, got, i, start;
    duk_uarridx_t k = 0;

    if (confine(h, path, real) < 0)
        return throw_errno(ctx, errno, "scandir", path);
    need = list_dir(real, NULL, 0);
    if (need < 0)
        return throw_errno(ctx, errno, "scandir", path);
    buf = duk_push_fixed_buffer(ctx, (duk_size_t) need + 1);
    got = list_dir(real, buf, (size_t) need);
    if (got < 0)
        return throw_errno(ctx, errno, "scandir", path);
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

/* [ ... ] -> [ ... cache ]: the worker's module cache in the heap stash. */
static void push_cache(duk_context *ctx)
{
    duk_push_heap_stash(ctx);
    if (!duk_get_prop_string(ctx, -1, "modcache")) {
        duk_pop(ctx);
        duk_push_bare_object(ctx);
        duk_dup_top(ctx);
        duk_put_prop_string(ctx, -3, "modcache");
    }
    duk_remove(ctx, -2);
}

static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '$' || (c & 0x80);
}

/* Does the text have a word `let` or `const` starting a declaration?
 * Duktape parses `const` with var semantics (no block scope), so such a
 * file goes to the front end even when Duktape would accept it.  A false
 * alarm (the word in a string or comment) only costs the front end. */
static int has_block_decl(const char *s, size_t n)
{
    static const char *const words[] = { "let", "const" };
    size_t i, w, l;

    for (i = 0; i < n; i++) {
        if ((s[i] != 'l' && s[i] != 'c') || (i > 0 && ident_char(s[i - 1])))
            continue;
        for (w = 0; w < 2; w++) {
            l = strlen(words[w]);
            if (i + l < n && memcmp(s + i, words[w], l) == 0 &&
                strchr(" \t\r\n[{", s[i + l]) != NULL)
                return 1;
        }
    }
    return 0;
}

/* [ ... src ] -> [ ... src lowered ]: runs the modern-syntax front end
 * (front.js in a heap of its own, reached through the native the engine
 * keeps in the heap stash as "frontend") on the module
 * text, which starts at byte hl of the buffer src.  Throws its SyntaxError
 * (file:line:col) when the source is not valid ES2022 or uses what the
 * engine cannot do. */
static void lower_module(duk_context *ctx, size_t hl, size_t len,
                         const char *real)
{
    const char *src = duk_get_buffer(ctx, -1, NULL);

    duk_push_heap_stash(ctx);
    if (!duk_get_prop_string(ctx, -1, "frontend"))
        (void) duk_throw(ctx);      /* never: the runtime registers it */
    duk_remove(ctx, -2);
    duk_push_lstring(ctx, src + hl, len);
    duk_push_string(ctx, real);
    duk_call(ctx, 2);
    duk_require_string(ctx, -1);
}

/* --- the shared bytecode cache on disk --- */

typedef struct {
    char dir[PATH_MAX];
    char file[PATH_MAX];        /* DIR/<hex>.bc */
    int lock;                   /* fd of DIR/<hex>.lock while compiling, or -1 */
} mod_disk;

/* Owned by the caller (dir, n bytes). */
int jsmod_bytecode_dir(const eng_config *c, char *dir, size_t n)
{
    struct stat st;

    if (c == NULL || c->data == NULL || c->data[0] == '\0' ||
        (size_t) snprintf(dir, n, "%s/bytecode", c->data) >= n)
        return -1;
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return -1;
    /* Bytecode is loaded unchecked: only from a folder of ours. */
    if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
        (st.st_mode & 022) != 0)
        return -1;
    return 0;
}

/* Finds (creating it) the cache folder; 0, or -1 when there is none to use
 * (no --data: modules are compiled per worker only). */
static int disk_dir(jsys_host *h, mod_disk *d)
{
    return jsmod_bytecode_dir(h->cfg, d->dir, sizeof d->dir);
}

/* The key's file name from the build and runtime, the real path and the
 * bytes. */
static int disk_key(mod_disk *d, const char *real, const char *data, size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    unsigned long long rt = eng_runtime_id();
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c != NULL &&
             EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
             EVP_DigestUpdate(c, MOD_BUILD, sizeof MOD_BUILD) == 1 &&
             EVP_DigestUpdate(c, &rt, sizeof rt) == 1 &&
             EVP_DigestUpdate(c, real, strlen(real) + 1) == 1 &&
             EVP_DigestUpdate(c, data, len) == 1 &&
             EVP_DigestFinal_ex(c, md, &mdlen) == 1;

    EVP_MD_CTX_free(c);
    if (!ok)
        return -1;
    for (i = 0; i < mdlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return snprintf(d->file, sizeof d->file, "%s/%s.bc", d->dir, hex) <
           (int) sizeof d->file ? 0 : -1;
}

/* Owned by the caller (the result: free it). */
char *jsmod_cache_read(const char *path, const char *magic, size_t *len)
{
    size_t ml = strlen(magic);
    int err = 0;
    char *b = slurp(path, len, &err);

    if (b != NULL && (*len <= ml || memcmp(b, magic, ml) != 0)) {
        free(b);
        return NULL;
    }
    return b;
}

/* Borrows everything it is given. */
void jsmod_cache_write(const char *path, const char *magic, const void *data, size_t len)
{
    char tmp[PATH_MAX + 32];
    size_t ml = strlen(magic);
    int fd, ok;

    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long) getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    ok = write(fd, magic, ml) == (ssize_t) ml && write(fd, data, len) == (ssize_t) len;
    if (close(fd) < 0 || !ok || rename(tmp, path) < 0)
        unlink(tmp);
}

/* Takes the key's compile lock (blocking while another worker compiles). */
static void disk_lock(mod_disk *d)
{
    char lk[PATH_MAX + 8];

    snprintf(lk, sizeof lk, "%.*s.lock", (int) (strlen(d->file) - 3), d->file);
    d->lock = open(lk, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (d->lock >= 0 && flock(d->lock, LOCK_EX) < 0) {
        close(d->lock);
        d->lock = -1;
    }
}

static void disk_unlock(mod_disk *d)
{
    if (d->lock >= 0)
        close(d->lock);     /* releases the flock */
    d->lock = -1;
}

/* [ ... factory ] -> [ ... wrapper ]: the module's wrapper for the calling
 * thread's global scope. */
static void make_wrapper(duk_context *ctx)
{
    duk_push_global_object(ctx);
    duk_call_method(ctx, 0);
}

/* The identity of the file a cache entry was compiled from, compared as
 * bytes (a formatted string cost ~4k instructions per request). */
typedef struct {
    unsigned long dev, ino, size, sec, nsec;
} mod_ident;

/* Whether a module's source can reach the `require` its wrapper is
 * called with: it names require, arguments (arguments[1]) or eval (a
 * direct eval sees the wrapper's parameters), or has a \u escape
 * (re\u0071uire names require too).  A scan of the bytes, comments and
 * strings included, so it errs only towards yes.  A module that cannot
 * reach it gets none made (module.js: two closures and three properties,
 * ~20k instructions a request for a function that requires nothing). */
static int reaches_require(const char *s, size_t n)
{
    static const char *const names[] = { "require", "arguments", "eval", "\\u" };
    size_t i;

    for (i = 0; i < sizeof names / sizeof *names; i++)
        if (memmem(s, n, names[i], strlen(names[i])) != NULL)
            return 1;
    return 0;
}

/* [ ... bytecode ] -> [ ... wrapper ]: cache[path] = [ key, factory,
 * reaches_require ], the factory loaded in the loader thread (whose global
 * is the worker's frozen one: a name the request's global lacks must not
 * be looked up in some earlier request's global), and the wrapper made
 * from it. */
static void cache_put(duk_context *ctx, duk_idx_t cache_idx, const char *path,
                      const mod_ident *key, int reaches)
{
    duk_context *loader;

    duk_push_heap_stash(ctx);
    duk_get_prop_string(ctx, -1, "modloader");
    loader = duk_require_context(ctx, -1);
    duk_pop_2(ctx);
    duk_xmove_top(loader, ctx, 1);
    duk_load_function(loader);
    duk_xmove_top(ctx, loader, 1);
    duk_push_array(ctx);
    memcpy(duk_push_fixed_buffer(ctx, sizeof *key), key, sizeof *key);
    duk_put_prop_index(ctx, -2, 0);
    duk_dup(ctx, -2);
    duk_put_prop_index(ctx, -2, 1);
    duk_push_boolean(ctx, reaches);
    duk_put_prop_index(ctx, -2, 2);
    duk_put_prop_string(ctx, cache_idx, path);
    jsys_host_of(ctx)->load_reaches = reaches;
    make_wrapper(ctx);
}

/* [ ... ] -> [ ... bytecode ]: compiles the module source (len bytes of data)
 * wrapped in the CommonJS function.  Duktape compiles ES5 directly; what it
 * cannot parse, or what declares let/const, goes through the front end,
 * which keeps the lines, so the wrapper still starts on line 1.  Throws
 * SyntaxError (with file and line). */
static void compile_source(duk_context *ctx, const char *data, size_t len,
                           const char *real)
{
    size_t hl = sizeof(MOD_HEAD) - 1, tl = sizeof(MOD_TAIL) - 1;
    char *src = duk_push_fixed_buffer(ctx, hl + len + tl);

    memcpy(src, MOD_HEAD, hl);
    memcpy(src + hl, data, len);
    memcpy(src + hl + len, MOD_TAIL, tl);
    /* A "#!" first line is a comment to node; keep its line, drop its text. */
    if (len >= 2 && src[hl] == '#' && src[hl + 1] == '!')
        src[hl] = src[hl + 1] = '/';
    duk_push_string(ctx, real);
    /* [ ... src filename ] -> [ ... src fn ] */
    if (has_block_decl(src + hl, len) ||
        duk_pcompile_lstring_filename(ctx, DUK_COMPILE_FUNCTION, src,
                                      hl + len + tl) != 0) {
        /* [ ... src err|filename ] -> [ ... src lowered ] -> [ ... src fn ] */
        duk_pop(ctx);
        lower_module(ctx, hl, len, real);
        duk_push_sprintf(ctx, "%s%s%s", MOD_HEAD, duk_get_string(ctx, -1), MOD_TAIL);
        duk_remove(ctx, -2);
        duk_push_string(ctx, real);
        duk_compile(ctx, DUK_COMPILE_FUNCTION);
    }
    duk_remove(ctx, -2);
    duk_dump_function(ctx);
}

struct compile_args {
    const char *data, *real;
    size_t len;
};

static duk_ret_t compile_safely(duk_context *ctx, void *udata)
{
    const struct compile_args *a = udata;

    compile_source(ctx, a->data, a->len, a->real);
    return 1;
}

/* [ ... ] -> [ ... fn ]: the module at `real`, from the disk cache or
 * compiled (and written there), stored as cache[path] under `key`.  Throws
 * SyntaxError (with file and line) or a file error. */
static void compile_module(duk_context *ctx, jsys_host *h, duk_idx_t cache_idx,
                           const char *path, const char *real, const mod_ident *key)
{
    size_t len = 0, bl = 0, ml = sizeof MOD_CACHE_MAGIC - 1;
    int err = 0, rc, disk, reaches;
    char *data = slurp(real, &len, &err), *bc = NULL;
    mod_disk d;
    struct compile_args a;

    if (data == NULL) {
        throw_errno(ctx, err, "open", real);
        return;
    }
    reaches = reaches_require(data, len);
    d.lock = -1;
    disk = disk_dir(h, &d) == 0 && disk_key(&d, real, data, len) == 0;
    if (disk && (bc = jsmod_cache_read(d.file, MOD_CACHE_MAGIC, &bl)) == NULL) {
        disk_lock(&d);
        bc = jsmod_cache_read(d.file, MOD_CACHE_MAGIC, &bl);        /* another worker may have won */
    }
    if (bc != NULL) {
        disk_unlock(&d);
        free(data);
        memcpy(duk_push_fixed_buffer(ctx, bl - ml), bc + ml, bl - ml);
        free(bc);
        cache_put(ctx, cache_idx, path, key, reaches);
        return;
    }
    /* Compile under duk_safe_call: the lock and data are ours to release
     * before a SyntaxError goes on its way. */
    a.data = data;
    a.len = len;
    a.real = real;
    rc = duk_safe_call(ctx, compile_safely, &a, 0, 1);
    free(data);
    if (rc == 0 && disk) {
        duk_size_t n = 0;
        void *p = duk_get_buffer(ctx, -1, &n);
        jsmod_cache_write(d.file, MOD_CACHE_MAGIC, p, n);
    }
    disk_unlock(&d);
    if (rc != 0)
        (void) duk_throw(ctx);
    cache_put(ctx, cache_idx, path, key, reaches);
}

/* load(path) -> the module's wrapper function
 *   function (exports, require, module, __filename, __dirname)
 * bound to the calling thread's global scope.
 *
 * A cache hit costs one stat() (none for the request's function file,
 * which the router stat()ed a moment before): the entry is keyed by the path as given
 * and holds the identity of the file that was confined (realpath'd inside
 * the root) when it was compiled.  The same device, inode, size and mtime
 * mean the same bytes that passed confinement; a symlink swapped to point
 * elsewhere changes the identity, misses, and is confined again. */
static duk_ret_t mod_load(duk_context *ctx)
{
    jsys_host *h = jsys_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX];
    struct stat st;
    mod_ident key;
    duk_idx_t cache_idx;
    duk_size_t kl;
    const void *k;

    /* the function file itself was stat()ed by the router a moment ago */
    if (h->file_st != NULL && strcmp(path, h->file) == 0)
        st = *h->file_st;
    else if (stat(path, &st) < 0)
        return throw_errno(ctx, errno, "stat", path);
    memset(&key, 0, sizeof key);
    key.dev = (unsigned long) st.st_dev;
    key.ino = (unsigned long) st.st_ino;
    key.size = (unsigned long) st.st_size;
    key.sec = (unsigned long) st.st_mtim.tv_sec;
    key.nsec = (unsigned long) st.st_mtim.tv_nsec;
    push_cache(ctx);
    cache_idx = duk_get_top_index(ctx);
    if (duk_get_prop_string(ctx, cache_idx, path)) {
        duk_get_prop_index(ctx, -1, 0);
        k = duk_get_buffer(ctx, -1, &kl);
        if (k != NULL && kl == sizeof key && memcmp(k, &key, sizeof key) == 0) {
            duk_get_prop_index(ctx, -2, 2);
            h->load_reaches = duk_get_boolean_default(ctx, -1, 1);
            duk_get_prop_index(ctx, -3, 1);
            make_wrapper(ctx);
            return 1;
        }
        duk_pop(ctx);
    }
    duk_pop(ctx);
    if (confine(h, path, real) < 0)
        return throw_errno(ctx, errno, "open", path);
    compile_module(ctx, h, cache_idx, path, real, &key);
    return 1;
}

/* needsRequire() -> whether the module of the last load() may reach its
 * `require` (reaches_require); read right after that load. */
static duk_ret_t mod_needs_require(duk_context *ctx)
{
    duk_push_boolean(ctx, jsys_host_of(ctx)->load_reaches);
    return 1;
}

/* mtime(path) -> modification time in ms, or -1.  No confinement: for the
 * runtime's own cache checks, never handed to function code. */
static duk_ret_t mod_mtime(duk_context *ctx)
{
    struct stat st;

    if (stat(duk_require_string(ctx, 0), &st) < 0)
        duk_push_int(ctx, -1);
    else
        duk_push_number(ctx, (double) st.st_mtim.tv_sec * 1000.0 +
                             (double) st.st_mtim.tv_nsec / 1e6);
    return 1;
}

/* lower(source, filename) -> the ES5.1 text the front end makes of source
 * (invoke compile). */
static duk_ret_t mod_lower(duk_context *ctx)
{
    duk_require_string(ctx, 0);
    duk_require_string(ctx, 1);
    duk_push_heap_stash(ctx);
    if (!duk_get_prop_string(ctx, -1, "frontend"))
        return duk_error(ctx, DUK_ERR_ERROR, "no front end");
    duk_dup(ctx, 0);
    duk_dup(ctx, 1);
    duk_call(ctx, 2);
    return 1;
}

/* print(fd, text): writes text to stdout (1) or stderr (2), for invoke exec
 * only: the responder's function code never has a terminal. */
static duk_ret_t mod_print(duk_context *ctx)
{
    int fd = duk_require_int(ctx, 0) == 2 ? 2 : 1;
    duk_size_t n;
    const char *s = duk_require_lstring(ctx, 1, &n);

    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        s += w;
        n -= (duk_size_t) w;
    }
    return 0;
}

static const duk_function_list_entry mod_funcs[] = {
    { "stat", mod_stat, 1 },
    { "readFile", mod_read_file, 2 },
    { "readdir", mod_readdir, 1 },
    { "load", mod_load, 1 },
    { "needsRequire", mod_needs_require, 0 },
    { "mtime", mod_mtime, 1 },
    { "lower", mod_lower, 2 },
    { "print", mod_print, 2 },
    { NULL, NULL, 0 }
};

void jsmod_init(duk_context *ctx, jsys_host *host)
{
    jsys_put_funcs(ctx, mod_funcs, host);
    /* the thread that loads module factories: made now, it shares the
     * worker's own global (frozen later by harden.js) */
    duk_push_heap_stash(ctx);
    duk_push_thread(ctx);
    duk_put_prop_string(ctx, -2, "modloader");
    duk_pop(ctx);
}
