/* js_module.c - compiled modules: the natives behind require and every
 * function file (src/runtime/module.js), and behind the vm module's
 * scripts (src/runtime/vm.js: vmPrepare, vmRun).
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
 * Behind it, the bytecode cache on disk (store/bytecode.c) shared by every
 * worker (and by invoke run/exec) when there is a `--data` folder, keyed by
 * this build, the runtime, the file's real path and its bytes.  So the
 * front end never runs for a module some worker already compiled, an
 * edited file gets a new key, and a burst of first requests compiles once:
 * the compiler holds the key's lock and the others wait on it, then load
 * what it wrote.  What Duktape cannot compile goes through the front end,
 * which the engine hands over in js_module_opts.
 */
#include "config.h"
#include "bindings/js_module.h"
#include "common/file.h"
#include "router/router.h"
#include "runtime/bundle.h"
#include "store/bytecode.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define JS_MODULE_MAGIC "invoke-bc2\n"
/* Bytecode is only valid for the Duktape, front end and module wrapper it
 * came from: the key holds this file's build (JS_MODULE_HEAD below) and the
 * runtime's (bundle_id: Duktape and every embedded source, which change
 * without this file being recompiled). */
#define JS_MODULE_BUILD PACKAGE_VERSION " " __DATE__ " " __TIME__

/* The factory around a module (see the top of this file); all on the file's
 * first line, so line numbers stay the file's own.  `this`, not a named
 * parameter, carries the global: no name of the module's is shadowed. */
#define JS_MODULE_HEAD "function () { with (this) return " \
                       "function (exports, require, module, __filename, __dirname) {"
#define JS_MODULE_TAIL "\n}}"

static const js_module_opts *js_module;    /* the engine's, for the heap's life */
static js_host *js_module_host;            /* the same */

/* [ ... ] -> [ ... cache ]: the worker's module cache in the heap stash. */
static void js_module_push_cache(duk_context *ctx)
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

static int js_module_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '$' || (c & 0x80);
}

/* Does the text have a word `let` or `const` starting a declaration?
 * Duktape parses `const` with var semantics (no block scope), so such a
 * file goes to the front end even when Duktape would accept it.  A false
 * alarm (the word in a string or comment) only costs the front end. */
static int js_module_has_block_decl(const char *s, size_t n)
{
    static const char *const words[] = { "let", "const" };
    size_t i, w, l;

    for (i = 0; i < n; i++) {
        if ((s[i] != 'l' && s[i] != 'c') || (i > 0 && js_module_ident_char(s[i - 1])))
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

/* Whether the word s[a, b) may be followed by an expression: a keyword
 * such as `return` (then "[" opens an array and "/" a regexp), not a name
 * or a number (then they index and divide). */
static int js_module_word_takes_expr(const char *s, size_t a, size_t b)
{
    static const char *const kw[] = { "return", "typeof", "instanceof", "in", "of", "new",
                                      "delete", "void", "throw", "case", "do", "else",
                                      "yield", "await", NULL };
    size_t i;

    for (i = 0; kw[i] != NULL; i++)
        if (strlen(kw[i]) == b - a && memcmp(s + a, kw[i], b - a) == 0)
            return 1;
    return 0;
}

#define JS_MODULE_BRACKETS 64

/* Does the text assign to an array or object pattern (`[a, b] = f()`,
 * `({ a } = require(...))`: ES2015's destructuring assignment, what
 * CoffeeScript emits)?  Duktape compiles it as it compiles `f() = 1`, to
 * a ReferenceError at run time ("invalid lvalue"), so only the text can
 * send such a file to the front end.  The scan skips comments, strings and
 * regexps (a "/" where an expression may start, as a tokenizer decides);
 * a "]" followed by "=" (not "==" or "=>") closes a pattern when its "["
 * opened an expression (not right after a name, a number, ")" or "]",
 * which make it an index), and a "}" followed by "=" always does (a block,
 * an object or a function is never assigned to).  A template literal is
 * an answer by itself: Duktape cannot parse it.  Errs only towards yes,
 * where the text fools it: a false alarm costs the front end. */
static int js_module_has_pattern_assign(const char *s, size_t n)
{
    unsigned char pattern[JS_MODULE_BRACKETS];   /* per open "[": opened an expression */
    size_t i = 0, j, depth = 0, word = 0, word_end = 0;
    char prev = ';', c, q;
    int expr, closes;

    while (i < n) {
        c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            i++;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n')
                i++;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            i += 2;
            continue;
        }
        if (c == '`')
            return 1;
        /* may an expression start here (after prev)? */
        expr = !js_module_ident_char(prev) && prev != ')' && prev != ']';
        if (js_module_ident_char(prev) && js_module_word_takes_expr(s, word, word_end))
            expr = 1;
        if (c == '\'' || c == '"' || (c == '/' && expr)) {
            /* a string, or a regexp with its classes; either ends at the
             * line's end at the latest */
            int cls = 0;
            for (q = c, i++; i < n && s[i] != '\n'; i++) {
                if (s[i] == '\\') {
                    i++;
                    continue;
                }
                if (q == '/' && s[i] == '[')
                    cls = 1;
                else if (q == '/' && s[i] == ']')
                    cls = 0;
                else if (s[i] == q && !cls)
                    break;
            }
            i++;
            prev = '"';     /* a value: what follows indexes or divides */
            continue;
        }
        if (js_module_ident_char(c)) {
            for (word = i; i < n && js_module_ident_char(s[i]); i++)
                ;
            word_end = i;
            prev = s[i - 1];
            continue;
        }
        if (c == '[') {
            if (depth < JS_MODULE_BRACKETS)
                pattern[depth] = (unsigned char) expr;
            depth++;
        } else if (c == ']' || c == '}') {
            closes = c == '}';
            if (c == ']' && depth > 0) {
                depth--;
                closes = depth < JS_MODULE_BRACKETS && pattern[depth];
            }
            if (closes) {
                for (j = i + 1; j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'); j++)
                    ;
                if (j < n && s[j] == '=' && (j + 1 >= n || (s[j + 1] != '=' && s[j + 1] != '>')))
                    return 1;
            }
        }
        prev = c;
        i++;
    }
    return 0;
}

/* Does the text name BigInt (BigInt(…), typeof x === 'bigint',
 * BigInt64Array)?  Duktape has no bigint type: the front end makes such a
 * file's operators calls that know bigints (front.js, usesBigInt, which
 * also finds the literals, which Duktape cannot parse anyway).  Comments
 * and strings count: a false alarm costs the front end and the calls. */
static int js_module_uses_bigint(const char *s, size_t n)
{
    return memmem(s, n, "BigInt", 6) != NULL || memmem(s, n, "bigint", 6) != NULL;
}

/* What Duktape would compile to a meaning of its own, or cannot give
 * one: a text for the front end even when Duktape parses it. */
static int js_module_needs_front(const char *s, size_t n)
{
    return js_module_has_block_decl(s, n) || js_module_has_pattern_assign(s, n) ||
           js_module_uses_bigint(s, n);
}

/* [ ... src ] -> [ ... src lowered ]: the modern-syntax front end on the
 * module text, which starts at byte hl of the buffer src.  Throws its
 * SyntaxError (file:line:col) when the source is not valid ES2022 or uses
 * what the engine cannot do. */
static void js_module_lower_text(duk_context *ctx, size_t hl, size_t len, const char *real)
{
    const char *src = duk_get_buffer(ctx, -1, NULL);

    js_module->lower(js_module->lower_ud, ctx, src + hl, len, real);
    duk_require_string(ctx, -1);
}

/* [ ... factory ] -> [ ... wrapper ]: the module's wrapper for the calling
 * thread's global scope. */
static void js_module_make_wrapper(duk_context *ctx)
{
    duk_push_global_object(ctx);
    duk_call_method(ctx, 0);
}

/* The identity of the file a cache entry was compiled from, compared as
 * bytes (a formatted string cost ~4k instructions per request). */
typedef struct {
    unsigned long dev, ino, size, sec, nsec;
} js_module_ident;

/* Whether a module's source can reach the `require` its wrapper is
 * called with: it names require, arguments (arguments[1]) or eval (a
 * direct eval sees the wrapper's parameters), has a \u escape
 * (re\u0071uire names require too), or imports or re-exports (an ES
 * module's imports, `export ... from` and import() become require
 * calls).  A scan of the bytes, comments and
 * strings included, so it errs only towards yes.  A module that cannot
 * reach it gets none made (module.js: two closures and three properties,
 * ~20k instructions a request for a function that requires nothing). */
static int js_module_reaches_require(const char *s, size_t n)
{
    static const char *const names[] = { "require", "arguments", "eval", "\\u", "import" };
    size_t i;

    for (i = 0; i < sizeof names / sizeof *names; i++)
        if (memmem(s, n, names[i], strlen(names[i])) != NULL)
            return 1;
    /* export ... from: a re-export requires its module */
    return memmem(s, n, "export", 6) != NULL && memmem(s, n, "from", 4) != NULL;
}

/* [ ... bytecode ] -> [ ... wrapper ]: cache[path] = [ key, factory,
 * reaches_require ], the factory loaded in the loader thread (whose global
 * is the worker's shared one: a name the request's global lacks must not
 * be looked up in some earlier request's global), and the wrapper made
 * from it. */
static void js_module_cache_put(duk_context *ctx, duk_idx_t cache_idx, const char *path,
                      const js_module_ident *key, int reaches)
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
    js_host_of(ctx)->load_reaches = reaches;
    js_module_make_wrapper(ctx);
}

/* Files only the front end reads: ES modules by name, and TypeScript. */
static int js_module_front_only(const char *real)
{
    static const char *const exts[] = { ".mjs", ".ts", ".mts", ".cts", NULL };
    size_t n = strlen(real), l;
    int i;

    for (i = 0; exts[i] != NULL; i++) {
        l = strlen(exts[i]);
        if (n > l && strcmp(real + n - l, exts[i]) == 0)
            return 1;
    }
    return 0;
}

/* [ ... ] -> [ ... bytecode ]: compiles the module source (len bytes of data)
 * wrapped in the CommonJS function.  Duktape compiles ES5 directly; what it
 * cannot parse, or what declares let/const, goes through the front end,
 * which keeps the lines, so the wrapper still starts on line 1.  Throws
 * SyntaxError (with file and line). */
static void js_module_compile_source(duk_context *ctx, const char *data, size_t len,
                           const char *real)
{
    size_t hl = sizeof(JS_MODULE_HEAD) - 1, tl = sizeof(JS_MODULE_TAIL) - 1;
    char *src = duk_push_fixed_buffer(ctx, hl + len + tl);

    memcpy(src, JS_MODULE_HEAD, hl);
    memcpy(src + hl, data, len);
    memcpy(src + hl + len, JS_MODULE_TAIL, tl);
    /* A "#!" first line is a comment to node; keep its line, drop its text. */
    if (len >= 2 && src[hl] == '#' && src[hl + 1] == '!')
        src[hl] = src[hl + 1] = '/';
    duk_push_string(ctx, real);
    /* [ ... src filename ] -> [ ... src fn ] */
    if (js_module_front_only(real) || js_module_needs_front(src + hl, len) ||
        duk_pcompile_lstring_filename(ctx, DUK_COMPILE_FUNCTION, src,
                                      hl + len + tl) != 0) {
        /* [ ... src err|filename ] -> [ ... src lowered ] -> [ ... src fn ] */
        duk_pop(ctx);
        js_module_lower_text(ctx, hl, len, real);
        duk_push_sprintf(ctx, "%s%s%s", JS_MODULE_HEAD, duk_get_string(ctx, -1), JS_MODULE_TAIL);
        duk_remove(ctx, -2);
        duk_push_string(ctx, real);
        duk_compile(ctx, DUK_COMPILE_FUNCTION);
    }
    duk_remove(ctx, -2);
    duk_dump_function(ctx);
}

struct js_module_compile_args {
    const char *data, *real;
    size_t len;
};

static duk_ret_t js_module_compile_safely(duk_context *ctx, void *udata)
{
    const struct js_module_compile_args *a = udata;

    js_module_compile_source(ctx, a->data, a->len, a->real);
    return 1;
}

/* [ ... ] -> [ ... fn ]: the module at `real`, from the disk cache or
 * compiled (and written there), stored as cache[path] under `key`.  Throws
 * SyntaxError (with file and line) or a file error. */
static void js_module_compile_module(duk_context *ctx, duk_idx_t cache_idx, const char *path,
                                     const char *real, const js_module_ident *key)
{
    size_t len = 0, bl = 0, off = 0;
    int err = 0, rc, disk, reaches;
    char *data = file_read(real, &len, &err), *bc = NULL, dir[PATH_MAX];
    bc_slot slot;
    struct js_module_compile_args a;

    if (data == NULL) {
        js_host_throw_errno(ctx, err, "open", real);
        return;
    }
    reaches = js_module_reaches_require(data, len);
    slot.lock = -1;
    disk = bc_dir(js_module->data, dir, sizeof dir) == 0 &&
           bc_key(&slot, dir, JS_MODULE_BUILD, bundle_id(), real, data, len) == 0;
    if (disk && (bc = bc_read(slot.file, JS_MODULE_MAGIC, &bl, &off)) == NULL) {
        bc_lock(&slot);
        bc = bc_read(slot.file, JS_MODULE_MAGIC, &bl, &off);      /* another worker may have won */
    }
    if (bc != NULL) {
        bc_unlock(&slot);
        free(data);
        memcpy(duk_push_fixed_buffer(ctx, bl - off), bc + off, bl - off);
        free(bc);
        js_module_cache_put(ctx, cache_idx, path, key, reaches);
        return;
    }
    /* Compile under duk_safe_call: the lock and data are ours to release
     * before a SyntaxError goes on its way. */
    a.data = data;
    a.len = len;
    a.real = real;
    rc = duk_safe_call(ctx, js_module_compile_safely, &a, 0, 1);
    free(data);
    if (rc == 0 && disk) {
        duk_size_t n = 0;
        void *p = duk_get_buffer(ctx, -1, &n);
        bc_write(slot.file, JS_MODULE_MAGIC, real, p, n);
    }
    bc_unlock(&slot);
    if (rc != 0)
        (void) duk_throw(ctx);
    js_module_cache_put(ctx, cache_idx, path, key, reaches);
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
static duk_ret_t js_module_load(duk_context *ctx)
{
    js_host *h = js_host_of(ctx);
    const char *path = duk_require_string(ctx, 0);
    char real[PATH_MAX];
    struct stat st;
    js_module_ident key;
    duk_idx_t cache_idx;
    duk_size_t kl;
    const void *k;

    /* the function file itself was stat()ed by the router a moment ago */
    if (h->file_st != NULL && strcmp(path, h->file) == 0)
        st = *h->file_st;
    else if (stat(path, &st) < 0)
        return js_host_throw_errno(ctx, errno, "stat", path);
    memset(&key, 0, sizeof key);
    key.dev = (unsigned long) st.st_dev;
    key.ino = (unsigned long) st.st_ino;
    key.size = (unsigned long) st.st_size;
    key.sec = (unsigned long) st.st_mtim.tv_sec;
    key.nsec = (unsigned long) st.st_mtim.tv_nsec;
    js_module_push_cache(ctx);
    cache_idx = duk_get_top_index(ctx);
    if (duk_get_prop_string(ctx, cache_idx, path)) {
        duk_get_prop_index(ctx, -1, 0);
        k = duk_get_buffer(ctx, -1, &kl);
        if (k != NULL && kl == sizeof key && memcmp(k, &key, sizeof key) == 0) {
            duk_get_prop_index(ctx, -2, 2);
            h->load_reaches = duk_get_boolean_default(ctx, -1, 1);
            duk_get_prop_index(ctx, -3, 1);
            js_module_make_wrapper(ctx);
            return 1;
        }
        duk_pop(ctx);
    }
    duk_pop(ctx);
    if (js_host_confine(h, path, real) < 0)
        return js_host_throw_errno(ctx, errno, "open", path);
    js_module_compile_module(ctx, cache_idx, path, real, &key);
    return 1;
}

/* needsRequire() -> whether the module of the last load() may reach its
 * `require` (js_module_reaches_require); read right after that load. */
static duk_ret_t js_module_needs_require(duk_context *ctx)
{
    duk_push_boolean(ctx, js_host_of(ctx)->load_reaches);
    return 1;
}

/* lower(source, filename) -> the ES5.1 text the front end makes of source
 * (invoke compile; new Function's, front-rt.js). */
static duk_ret_t js_module_lower(duk_context *ctx)
{
    duk_size_t n;
    const char *src = duk_require_lstring(ctx, 0, &n);
    const char *file = duk_require_string(ctx, 1);

    js_module->lower(js_module->lower_ud, ctx, src, n, file);
    return 1;
}

/* needsLower(text) -> whether Duktape would give text a meaning of its own
 * (const with var semantics, a destructuring assignment that throws, a
 * bigint's operators) even when it parses it: what sends a module to the front end unparsed
 * (front-rt.js asks it of new Function's text). */
static duk_ret_t js_module_needs_lower(duk_context *ctx)
{
    duk_size_t n;
    const char *src = duk_require_lstring(ctx, 0, &n);

    duk_push_boolean(ctx, js_module_needs_front(src, n));
    return 1;
}

/* vmPrepare(code, filename) -> what vmRun will compile: code itself when
 * Duktape compiles it as a script and it declares no let or const, else
 * the front end's lowering of it (vm.js).  Throws SyntaxError. */
static duk_ret_t js_module_vm_prepare(duk_context *ctx)
{
    duk_size_t n;
    const char *src = duk_require_lstring(ctx, 0, &n);
    const char *file = duk_require_string(ctx, 1);

    if (!js_module_needs_front(src, n)) {
        duk_dup(ctx, 0);
        duk_dup(ctx, 1);
        if (duk_pcompile(ctx, DUK_COMPILE_EVAL) == 0) {
            duk_pop(ctx);
            duk_dup(ctx, 0);
            return 1;
        }
        duk_pop(ctx);
    }
    js_module->lower(js_module->lower_ud, ctx, src, n, file);
    duk_require_string(ctx, -1);
    return 1;
}

/* vmRun(source, global, filename) -> the completion value of source (from
 * vmPrepare) run as a script: compiled as global code, not as an eval, so
 * that its var and function declarations land on the global object in
 * strict code too (a strict eval keeps them to itself), and stay there
 * (an eval's could be deleted); so do its free assignments.  With global an object, that is the global of a thread made for
 * the run, and the functions the script makes keep it as theirs; with
 * global undefined, the calling thread's.  The thread inherits the calling
 * one's built-ins, so vm is no security boundary (as in Node). */
static duk_ret_t js_module_vm_run(duk_context *ctx)
{
    duk_context *t;
    duk_int_t rc;

    duk_require_string(ctx, 0);
    duk_require_string(ctx, 2);
    if (duk_is_undefined(ctx, 1)) {
        duk_dup(ctx, 0);
        duk_dup(ctx, 2);
        duk_compile(ctx, 0);
        duk_push_global_object(ctx);
        duk_call_method(ctx, 0);
        return 1;
    }
    duk_require_object(ctx, 1);
    duk_push_thread(ctx);
    t = duk_get_context(ctx, -1);
    duk_dup(ctx, 1);
    duk_xmove_top(t, ctx, 1);
    duk_set_global_object(t);
    duk_dup(ctx, 0);
    duk_dup(ctx, 2);
    duk_xmove_top(t, ctx, 2);
    rc = duk_pcompile(t, 0);
    if (rc == 0) {
        duk_push_global_object(t);
        rc = duk_pcall_method(t, 0);
    }
    duk_xmove_top(ctx, t, 1);
    if (rc != 0)
        return duk_throw(ctx);
    return 1;
}

/* [ cache ] -> [ cache ], the names under dir deleted; under
 * duk_safe_call (enumeration can run out of memory). */
static duk_ret_t js_module_forget_safely(duk_context *ctx, void *udata)
{
    const char *dir = udata;
    size_t n = strlen(dir);

    duk_push_array(ctx);
    duk_enum(ctx, -2, DUK_ENUM_OWN_PROPERTIES_ONLY);
    while (duk_next(ctx, -1, 0)) {
        const char *k = duk_get_string(ctx, -1);

        if (k != NULL && strncmp(k, dir, n) == 0 && k[n] == '/')
            duk_put_prop_index(ctx, -3, (duk_uarridx_t) duk_get_length(ctx, -3));
        else
            duk_pop(ctx);
    }
    duk_pop(ctx);
    /* [ cache doomed ]: deleted after the walk, not during it */
    while (duk_get_length(ctx, -1) > 0) {
        duk_uarridx_t last = (duk_uarridx_t) duk_get_length(ctx, -1) - 1;

        duk_get_prop_index(ctx, -1, last);
        duk_del_prop(ctx, -3);
        duk_set_length(ctx, -1, last);
    }
    duk_pop(ctx);
    return 0;
}

/* Borrows dir. */
void js_module_forget(duk_context *ctx, const char *dir)
{
    js_module_push_cache(ctx);
    (void) duk_safe_call(ctx, js_module_forget_safely, (void *) dir, 1, 1);
    duk_pop(ctx);
}

/* Borrows path; throws as load() does. */
void js_module_precompile(duk_context *ctx, const char *path)
{
    static const duk_function_list_entry load[] = {
        { "load", js_module_load, 1 }, { NULL, NULL, 0 }
    };

    /* load() finds its host on itself, as every native does */
    duk_push_bare_object(ctx);
    js_host_put_funcs(ctx, load, js_module_host);
    duk_get_prop_string(ctx, -1, "load");
    duk_remove(ctx, -2);
    duk_push_string(ctx, path);
    duk_call(ctx, 1);
    duk_pop(ctx);
}

static const duk_function_list_entry js_module_funcs[] = {
    { "load", js_module_load, 1 },
    { "needsRequire", js_module_needs_require, 0 },
    { "lower", js_module_lower, 2 },
    { "needsLower", js_module_needs_lower, 1 },
    { "vmPrepare", js_module_vm_prepare, 2 },
    { "vmRun", js_module_vm_run, 3 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_module.h. */
void js_module_init(duk_context *ctx, js_host *host, const js_module_opts *o)
{
    js_module = o;
    js_module_host = host;
    js_host_put_funcs(ctx, js_module_funcs, host);
    /* the thread that loads module factories: made now, it shares the
     * worker's own global (marked shared later by harden.js) */
    duk_push_heap_stash(ctx);
    duk_push_thread(ctx);
    duk_put_prop_string(ctx, -2, "modloader");
    duk_pop(ctx);
}
