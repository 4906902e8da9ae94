/* js_zlib.c - the zlib and Brotli natives behind the `zlib` module.
 *
 * Unlike js_crypto.c, the work here is incremental: a compressor or
 * decompressor keeps its state between calls, so that a stream
 * (createGzip() ...) feeds it chunk by chunk and never holds more than one
 * chunk's input and output.  That state (a z_stream, or a Brotli encoder or
 * decoder) lives in a malloc'd js_zlib_state that a handle object points
 * to through a hidden property; the handle's finalizer frees it, and
 * zlibClose frees it at once.  The handle is made, finalizer and all,
 * before the state exists, and the pointer slot already exists when the
 * state is stored into it, so a Duktape throw between the two leaks
 * nothing.
 *
 * Output is written straight into a Duktape dynamic buffer that grows as
 * needed: the only C memory in play is the state the handle owns, so an
 * allocation failure (which throws) while output is produced leaks
 * nothing.  No pointer into a Duktape buffer is kept across calls: each
 * zlibProcess consumes its input or drops what is left (input after the
 * end of the compressed data).
 *
 * Errors are not thrown here: zlibProcess answers [output, errno, message,
 * code] and src/runtime/zlib.js makes Node's error of them, so that the
 * stream forms can emit it instead.
 */
#include "bindings/js_zlib.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Node's mode numbers (zlib.constants.DEFLATE ... BROTLI_ENCODE). */
enum {
    JS_ZLIB_DEFLATE = 1,
    JS_ZLIB_INFLATE = 2,
    JS_ZLIB_GZIP = 3,
    JS_ZLIB_GUNZIP = 4,
    JS_ZLIB_DEFLATERAW = 5,
    JS_ZLIB_INFLATERAW = 6,
    JS_ZLIB_UNZIP = 7,
    JS_ZLIB_BROTLI_DECODE = 8,
    JS_ZLIB_BROTLI_ENCODE = 9
};

/* Brotli's operations, as zlib.constants numbers them. */
enum { JS_BROTLI_PROCESS = 0, JS_BROTLI_FLUSH = 1, JS_BROTLI_FINISH = 2, JS_BROTLI_METADATA = 3 };

/* Brotli parameters kept for reset(), which makes a new instance. */
#define JS_ZLIB_MAX_PARAMS 16

/* Not a zlib code: the output would pass maxOutputLength. */
#define JS_ZLIB_TOO_LARGE (-100)

typedef struct js_zlib_state {
    int mode;
    int ended;              /* the compressed data ended (Z_STREAM_END, Brotli success) */
    int unzip_gzip;         /* an unzip that found gzip data: more members may follow */
    z_stream z;
    int z_live;             /* z was initialised (deflateEnd/inflateEnd due) */
    BrotliEncoderState *be;
    BrotliDecoderState *bd;
    int nparams;
    int pkey[JS_ZLIB_MAX_PARAMS];
    unsigned pval[JS_ZLIB_MAX_PARAMS];
} js_zlib_state;

#define JS_ZLIB_STATE DUK_HIDDEN_SYMBOL("zstate")
#define JS_ZLIB_DICT DUK_HIDDEN_SYMBOL("zdict")

static int js_zlib_is_deflate(int mode)
{
    return mode == JS_ZLIB_DEFLATE || mode == JS_ZLIB_GZIP || mode == JS_ZLIB_DEFLATERAW;
}

static int js_zlib_is_brotli(int mode)
{
    return mode == JS_ZLIB_BROTLI_DECODE || mode == JS_ZLIB_BROTLI_ENCODE;
}

/* Frees whatever st holds and st itself. */
static void js_zlib_free_state(js_zlib_state *st)
{
    if (st == NULL)
        return;
    if (st->z_live) {
        if (js_zlib_is_deflate(st->mode))
            deflateEnd(&st->z);
        else
            inflateEnd(&st->z);
    }
    if (st->be != NULL)
        BrotliEncoderDestroyInstance(st->be);
    if (st->bd != NULL)
        BrotliDecoderDestroyInstance(st->bd);
    free(st);
}

static duk_ret_t js_zlib_finalize(duk_context *ctx)
{
    duk_get_prop_string(ctx, 0, JS_ZLIB_STATE);
    js_zlib_free_state(duk_get_pointer(ctx, -1));
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, 0, JS_ZLIB_STATE);
    return 0;
}

/* The state of the handle at idx; throws TypeError for anything else and
 * Error once the handle was closed. */
static js_zlib_state *js_zlib_state_of(duk_context *ctx, duk_idx_t idx)
{
    js_zlib_state *st = NULL;
    int is_handle = 0;

    if (duk_is_object(ctx, idx)) {
        is_handle = duk_has_prop_string(ctx, idx, JS_ZLIB_STATE);
        duk_get_prop_string(ctx, idx, JS_ZLIB_STATE);
        st = duk_get_pointer(ctx, -1);
        duk_pop(ctx);
    }
    if (!is_handle)
        (void) duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a zlib handle");
    if (st == NULL)
        (void) duk_error(ctx, DUK_ERR_ERROR, "zlib binding closed");
    return st;
}

/* A buffer argument's bytes (any buffer type), or NULL/0 for undefined. */
static const unsigned char *js_zlib_bytes(duk_context *ctx, duk_idx_t idx, size_t *len)
{
    duk_size_t n = 0;
    void *p;

    *len = 0;
    if (duk_is_null_or_undefined(ctx, idx))
        return NULL;
    p = duk_require_buffer_data(ctx, idx, &n);
    *len = (size_t) n;
    return p ? p : (const unsigned char *) "";
}

/* Makes the zlib or Brotli instance of a fresh state (dictionary and
 * Brotli parameters included).  Only C calls: cannot throw.  Returns a
 * zlib code, or Z_MEM_ERROR / Z_STREAM_ERROR. */
static int js_zlib_start(js_zlib_state *st, int level, int wbits, int memlevel, int strategy,
                         const unsigned char *dict, size_t dictlen)
{
    int r = Z_OK, i;

    switch (st->mode) {
    case JS_ZLIB_BROTLI_ENCODE:
        st->be = BrotliEncoderCreateInstance(NULL, NULL, NULL);
        if (st->be == NULL)
            return Z_MEM_ERROR;
        for (i = 0; i < st->nparams; i++)
            if (!BrotliEncoderSetParameter(st->be, (BrotliEncoderParameter) st->pkey[i], st->pval[i]))
                return Z_STREAM_ERROR;
        return Z_OK;
    case JS_ZLIB_BROTLI_DECODE:
        st->bd = BrotliDecoderCreateInstance(NULL, NULL, NULL);
        if (st->bd == NULL)
            return Z_MEM_ERROR;
        for (i = 0; i < st->nparams; i++)
            if (!BrotliDecoderSetParameter(st->bd, (BrotliDecoderParameter) st->pkey[i], st->pval[i]))
                return Z_STREAM_ERROR;
        return Z_OK;
    case JS_ZLIB_GZIP:
    case JS_ZLIB_GUNZIP:
        wbits += 16;
        break;
    case JS_ZLIB_UNZIP:
        wbits += 32;
        break;
    case JS_ZLIB_DEFLATERAW:
    case JS_ZLIB_INFLATERAW:
        wbits = -wbits;
        break;
    default:
        break;
    }
    memset(&st->z, 0, sizeof st->z);
    if (js_zlib_is_deflate(st->mode))
        r = deflateInit2(&st->z, level, Z_DEFLATED, wbits, memlevel, strategy);
    else
        r = inflateInit2(&st->z, wbits);
    if (r != Z_OK)
        return r;
    st->z_live = 1;
    /* A zlib-wrapped inflate asks for its dictionary (Z_NEED_DICT) when
     * the header names one; deflate and raw inflate take it up front. */
    if (dict != NULL && st->mode == JS_ZLIB_INFLATERAW)
        r = inflateSetDictionary(&st->z, dict, (uInt) dictlen);
    else if (dict != NULL && js_zlib_is_deflate(st->mode))
        r = deflateSetDictionary(&st->z, dict, (uInt) dictlen);
    return r;
}

/* zlibCreate(mode, level, windowBits, memLevel, strategy, dictionary?,
 * brotliParams?) -> handle.  brotliParams is [key, value, ...].  The
 * arguments are checked by zlib.js against Node's ranges; what reaches
 * zlib wrongly still fails cleanly (thrown Error with .errno). */
static duk_ret_t js_zlib_create(duk_context *ctx)
{
    int mode = duk_require_int(ctx, 0);
    int level = duk_require_int(ctx, 1), wbits = duk_require_int(ctx, 2);
    int memlevel = duk_require_int(ctx, 3), strategy = duk_require_int(ctx, 4);
    size_t dictlen = 0;
    const unsigned char *dict = js_zlib_bytes(ctx, 5, &dictlen);
    int pkey[JS_ZLIB_MAX_PARAMS];
    unsigned pval[JS_ZLIB_MAX_PARAMS];
    int nparams = 0, r;
    duk_size_t i, n;
    js_zlib_state *st;

    if (mode < JS_ZLIB_DEFLATE || mode > JS_ZLIB_BROTLI_ENCODE)
        return duk_error(ctx, DUK_ERR_RANGE_ERROR, "bad zlib mode %d", mode);
    if (duk_is_array(ctx, 6)) {
        n = duk_get_length(ctx, 6);
        if (n / 2 > JS_ZLIB_MAX_PARAMS)
            return duk_error(ctx, DUK_ERR_RANGE_ERROR, "too many Brotli parameters");
        for (i = 0; i + 1 < n; i += 2) {
            duk_get_prop_index(ctx, 6, (duk_uarridx_t) i);
            duk_get_prop_index(ctx, 6, (duk_uarridx_t) i + 1);
            pkey[nparams] = duk_require_int(ctx, -2);
            pval[nparams] = duk_require_uint(ctx, -1);
            nparams++;
            duk_pop_2(ctx);
        }
    }

    /* the handle first, so that nothing below can leak the state */
    duk_push_object(ctx);
    duk_push_c_function(ctx, js_zlib_finalize, 1);
    duk_set_finalizer(ctx, -2);
    duk_push_pointer(ctx, NULL);
    duk_put_prop_string(ctx, -2, JS_ZLIB_STATE);
    if (dict != NULL) {
        duk_dup(ctx, 5);
        duk_put_prop_string(ctx, -2, JS_ZLIB_DICT);
    }
    duk_require_stack(ctx, 4);

    st = calloc(1, sizeof *st);
    if (st == NULL)
        return duk_error(ctx, DUK_ERR_ERROR, "out of memory");
    st->mode = mode;
    st->nparams = nparams;
    memcpy(st->pkey, pkey, sizeof pkey);
    memcpy(st->pval, pval, sizeof pval);
    r = js_zlib_start(st, level, wbits, memlevel, strategy, dict, dictlen);
    if (r != Z_OK) {
        js_zlib_free_state(st);
        duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", js_zlib_is_brotli(mode) ?
                              "Initialization failed" : "Init error");
        duk_push_int(ctx, r);
        duk_put_prop_string(ctx, -2, "errno");
        return duk_throw(ctx);
    }
    duk_push_pointer(ctx, st);      /* the slot exists: no allocation */
    duk_put_prop_string(ctx, -2, JS_ZLIB_STATE);
    return 1;
}

/* Output under construction: a dynamic buffer at stack index idx. */
typedef struct js_zlib_out {
    duk_idx_t idx;
    size_t used, cap, max;
    unsigned char *p;
} js_zlib_out;

/* Makes room for at least `want` more bytes (growing by doubling); 0, or
 * -1 when that would pass out->max.  Throws only on allocation failure. */
static int js_zlib_room(duk_context *ctx, js_zlib_out *out, size_t want)
{
    size_t cap = out->cap;

    if (out->cap - out->used >= want)
        return 0;
    if (out->used >= out->max)
        return -1;
    while (cap - out->used < want)
        cap = cap < 1024 ? 1024 : cap * 2;
    if (cap > out->max)
        cap = out->max;
    out->p = duk_resize_buffer(ctx, out->idx, cap);
    out->cap = cap;
    return 0;
}

/* The zlib loop of zlibProcess: returns a zlib code (Z_OK when all input
 * was taken and all output made) and sets *msg for errors. */
static int js_zlib_run_z(duk_context *ctx, js_zlib_state *st, duk_idx_t handle, int flush,
                         size_t step, js_zlib_out *out, const char **msg)
{
    int r;
    int deflating = js_zlib_is_deflate(st->mode);

    for (;;) {
        if (st->ended && !deflating) {
            /* Node reads on after a gzip member when more input follows
             * that is not zero padding: another member (or an error). */
            if (st->z.avail_in > 0 && (st->mode == JS_ZLIB_GUNZIP || st->unzip_gzip) &&
                st->z.next_in[0] != 0) {
                inflateReset(&st->z);
                st->ended = 0;
            } else {
                st->z.avail_in = 0;
                return Z_OK;
            }
        }
        /* unzip that finds a gzip header reads members on like gunzip */
        if (st->mode == JS_ZLIB_UNZIP && st->z.total_in == 0 && st->z.avail_in >= 2 &&
            st->z.next_in[0] == 0x1f && st->z.next_in[1] == 0x8b)
            st->unzip_gzip = 1;
        if (js_zlib_room(ctx, out, step) < 0)
            return JS_ZLIB_TOO_LARGE;
        st->z.next_out = out->p + out->used;
        st->z.avail_out = (uInt) (out->cap - out->used);
        if (deflating)
            r = deflate(&st->z, flush);
        else
            r = inflate(&st->z, flush);
        out->used = out->cap - st->z.avail_out;

        if (r == Z_NEED_DICT && !deflating) {
            size_t dlen = 0;
            const unsigned char *d;

            duk_get_prop_string(ctx, handle, JS_ZLIB_DICT);
            d = js_zlib_bytes(ctx, -1, &dlen);
            if (d == NULL) {
                duk_pop(ctx);
                *msg = "Missing dictionary";
                return Z_NEED_DICT;
            }
            r = inflateSetDictionary(&st->z, d, (uInt) dlen);
            duk_pop(ctx);
            if (r != Z_OK) {
                *msg = "Bad dictionary";
                return Z_NEED_DICT;
            }
            continue;
        }
        if (r == Z_STREAM_END) {
            st->ended = 1;
            if (deflating)
                return Z_OK;
            continue;       /* the check at the top decides */
        }
        if (r == Z_OK || r == Z_BUF_ERROR) {
            if (st->z.avail_out == 0)
                continue;   /* more output may wait */
            if (st->z.avail_in > 0 && r == Z_OK)
                continue;
            if (!deflating && flush == Z_FINISH) {
                *msg = "unexpected end of file";
                return Z_BUF_ERROR;
            }
            return Z_OK;
        }
        *msg = st->z.msg;
        return r;
    }
}

/* The Brotli loop of zlibProcess; like js_zlib_run_z.  *code is the
 * decoder's error name for Node's ERR_ code. */
static int js_zlib_run_brotli(duk_context *ctx, js_zlib_state *st, const unsigned char **in,
                              size_t *inlen, int op, size_t step, js_zlib_out *out,
                              const char **msg, const char **code)
{
    for (;;) {
        size_t avail;
        unsigned char *next;

        if (js_zlib_room(ctx, out, step) < 0)
            return JS_ZLIB_TOO_LARGE;
        next = out->p + out->used;
        avail = out->cap - out->used;
        if (st->be != NULL) {
            if (!BrotliEncoderCompressStream(st->be, (BrotliEncoderOperation) op, inlen, in,
                                             &avail, &next, NULL)) {
                *msg = "Compression failed";
                *code = "ERR_BROTLI_COMPRESSION_FAILED";
                return -1;
            }
            out->used = out->cap - avail;
            if (avail == 0 || BrotliEncoderHasMoreOutput(st->be))
                continue;
            if (*inlen > 0)
                continue;
            if (op == JS_BROTLI_FINISH && !BrotliEncoderIsFinished(st->be))
                continue;
            return Z_OK;
        } else {
            BrotliDecoderResult r;

            if (st->ended) {
                *inlen = 0;     /* what follows the end is not read */
                return Z_OK;
            }
            r = BrotliDecoderDecompressStream(st->bd, inlen, in, &avail, &next, NULL);
            out->used = out->cap - avail;
            if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
                continue;
            if (r == BROTLI_DECODER_RESULT_SUCCESS) {
                st->ended = 1;
                continue;
            }
            if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
                if (op == JS_BROTLI_FINISH) {
                    *msg = "unexpected end of file";
                    return Z_BUF_ERROR;
                }
                return Z_OK;
            }
            {
                BrotliDecoderErrorCode e = BrotliDecoderGetErrorCode(st->bd);

                *msg = "Decompression failed";
                *code = BrotliDecoderErrorString(e);
                return (int) e;
            }
        }
    }
}

/* zlibProcess(handle, input?, flush, step, maxOutput) -> [output, errno,
 * message, code].  Feeds all of input with the flush value (zlib's
 * Z_NO_FLUSH ... Z_FINISH, or Brotli's operation) and answers all the
 * output that makes, a plain buffer; errno is 0, a zlib code, a Brotli
 * decoder error, or -100 when the output would pass maxOutput bytes
 * (message and code are then set for zlib.js's error).  step is the least
 * room asked of each round (the stream's chunkSize). */
static duk_ret_t js_zlib_process(duk_context *ctx)
{
    js_zlib_state *st = js_zlib_state_of(ctx, 0);
    size_t inlen = 0;
    const unsigned char *in = js_zlib_bytes(ctx, 1, &inlen);
    int flush = duk_require_int(ctx, 2);
    duk_int_t stepi = duk_require_int(ctx, 3);
    double maxd = duk_require_number(ctx, 4);
    size_t step = stepi < 64 ? 64 : (size_t) stepi;
    const char *msg = NULL, *code = NULL;
    js_zlib_out out;
    int r;

    out.max = maxd < 1 ? 1 : maxd > (double) ((size_t) -1 / 4) ? (size_t) -1 / 4 : (size_t) maxd;
    out.used = 0;
    out.cap = 0;
    out.p = duk_push_dynamic_buffer(ctx, 0);
    out.idx = duk_get_top_index(ctx);
    duk_require_stack(ctx, 8);

    if (js_zlib_is_brotli(st->mode)) {
        r = js_zlib_run_brotli(ctx, st, &in, &inlen, flush, step, &out, &msg, &code);
    } else {
        st->z.next_in = (Bytef *) (in ? in : (const unsigned char *) "");
        st->z.avail_in = (uInt) inlen;
        r = js_zlib_run_z(ctx, st, 0, flush, step, &out, &msg);
        /* no pointer into this call's buffers outlives it */
        st->z.next_in = NULL;
        st->z.avail_in = 0;
        st->z.next_out = NULL;
        st->z.avail_out = 0;
    }
    if (r == JS_ZLIB_TOO_LARGE)
        msg = "output too large";
    duk_resize_buffer(ctx, out.idx, out.used);

    duk_push_array(ctx);
    duk_dup(ctx, out.idx);
    duk_put_prop_index(ctx, -2, 0);
    duk_push_int(ctx, r);
    duk_put_prop_index(ctx, -2, 1);
    if (r != Z_OK) {
        if (msg == NULL)
            msg = "Zlib error";
        duk_push_string(ctx, msg);
        duk_put_prop_index(ctx, -2, 2);
        if (code != NULL) {
            duk_push_string(ctx, code);
            duk_put_prop_index(ctx, -2, 3);
        }
    }
    return 1;
}

/* zlibParams(handle, level, strategy) -> [output, errno, message]: ends
 * the current block (its output answered) and sets the deflate level and
 * strategy for what follows. */
static duk_ret_t js_zlib_params(duk_context *ctx)
{
    js_zlib_state *st = js_zlib_state_of(ctx, 0);
    int level = duk_require_int(ctx, 1), strategy = duk_require_int(ctx, 2);
    const char *msg = NULL;
    js_zlib_out out;
    int r = Z_OK;

    out.max = (size_t) -1 / 4;
    out.used = 0;
    out.cap = 0;
    out.p = duk_push_dynamic_buffer(ctx, 0);
    out.idx = duk_get_top_index(ctx);
    duk_require_stack(ctx, 8);
    if (js_zlib_is_deflate(st->mode) && !st->ended) {
        st->z.next_in = (Bytef *) "";
        st->z.avail_in = 0;
        r = js_zlib_run_z(ctx, st, 0, Z_BLOCK, 1024, &out, &msg);
        if (r == Z_OK) {
            js_zlib_room(ctx, &out, 64);
            st->z.next_out = out.p + out.used;
            st->z.avail_out = (uInt) (out.cap - out.used);
            r = deflateParams(&st->z, level, strategy);
            out.used = out.cap - st->z.avail_out;
            if (r == Z_BUF_ERROR)
                r = Z_OK;
            if (r != Z_OK)
                msg = st->z.msg ? st->z.msg : "Failed to set parameters";
        }
        st->z.next_in = NULL;
        st->z.next_out = NULL;
        st->z.avail_out = 0;
    }
    duk_resize_buffer(ctx, out.idx, out.used);
    duk_push_array(ctx);
    duk_dup(ctx, out.idx);
    duk_put_prop_index(ctx, -2, 0);
    duk_push_int(ctx, r);
    duk_put_prop_index(ctx, -2, 1);
    if (r != Z_OK) {
        duk_push_string(ctx, msg ? msg : "Zlib error");
        duk_put_prop_index(ctx, -2, 2);
    }
    return 1;
}

/* zlibReset(handle, level, windowBits, memLevel, strategy) -> errno:
 * the instance starts over, as new (its dictionary kept). */
static duk_ret_t js_zlib_reset(duk_context *ctx)
{
    js_zlib_state *st = js_zlib_state_of(ctx, 0);
    int level = duk_require_int(ctx, 1), wbits = duk_require_int(ctx, 2);
    int memlevel = duk_require_int(ctx, 3), strategy = duk_require_int(ctx, 4);
    size_t dlen = 0;
    const unsigned char *d;
    int r;

    duk_get_prop_string(ctx, 0, JS_ZLIB_DICT);
    d = js_zlib_bytes(ctx, -1, &dlen);
    st->ended = 0;
    if (js_zlib_is_brotli(st->mode)) {
        if (st->be != NULL)
            BrotliEncoderDestroyInstance(st->be);
        if (st->bd != NULL)
            BrotliDecoderDestroyInstance(st->bd);
        st->be = NULL;
        st->bd = NULL;
        r = js_zlib_start(st, level, wbits, memlevel, strategy, NULL, 0);
    } else {
        r = js_zlib_is_deflate(st->mode) ? deflateReset(&st->z) : inflateReset(&st->z);
        if (r == Z_OK && d != NULL && st->mode == JS_ZLIB_INFLATERAW)
            r = inflateSetDictionary(&st->z, d, (uInt) dlen);
        else if (r == Z_OK && d != NULL && js_zlib_is_deflate(st->mode))
            r = deflateSetDictionary(&st->z, d, (uInt) dlen);
    }
    duk_push_int(ctx, r);
    return 1;
}

/* zlibClose(handle): frees the instance now (the finalizer would later). */
static duk_ret_t js_zlib_close(duk_context *ctx)
{
    if (!duk_is_object(ctx, 0))
        return 0;
    return js_zlib_finalize(ctx);
}

/* zlibCrc32(bytes, value) -> the CRC-32 of bytes continuing from value. */
static duk_ret_t js_zlib_crc32(duk_context *ctx)
{
    size_t len = 0;
    const unsigned char *p = js_zlib_bytes(ctx, 0, &len);
    uLong c = (uLong) duk_require_uint(ctx, 1);

    /* crc32() takes uInt lengths: feed large inputs in pieces */
    while (len > 0) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt) len;

        c = crc32(c, p, n);
        p += n;
        len -= n;
    }
    duk_push_uint(ctx, (duk_uint_t) c);
    return 1;
}

static const duk_function_list_entry js_zlib_funcs[] = {
    { "zlibCreate", js_zlib_create, 7 },
    { "zlibProcess", js_zlib_process, 5 },
    { "zlibParams", js_zlib_params, 3 },
    { "zlibReset", js_zlib_reset, 5 },
    { "zlibClose", js_zlib_close, 1 },
    { "zlibCrc32", js_zlib_crc32, 2 },
    { NULL, NULL, 0 }
};

void js_zlib_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_zlib_funcs, host);
}
