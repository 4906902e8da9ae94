/* zlib.js - Node's `zlib` module (also `node:zlib`), written for this
 * runtime from Node 20's documentation of it, over the zlib and Brotli
 * natives of src/bindings/js_zlib.c.
 *
 * Every form goes through one engine: a native handle that keeps zlib's or
 * Brotli's state between calls.  The stream classes (Gzip, createGzip()
 * ...) are stream.Transforms that hand each written chunk to the handle
 * and push what comes out, so a stream holds one chunk's input and output
 * at a time, whatever the total.  The sync forms feed the whole input
 * with finishFlush; the callback forms do the same and call back on a
 * later turn (setImmediate), as Node's thread-pool work would; the
 * promise form is util.promisify of the callback form.
 *
 * Options are checked as Node checks them, with its error codes and
 * words; errors of the data carry Node's message, .errno and .code
 * (Z_DATA_ERROR, ERR__ERROR_FORMAT_... for Brotli).
 *
 * The functions and prototypes are shared by every request and frozen by
 * harden.js (their methods overridable per instance: rt.exposed); the
 * streams and handles belong to the request that made them.
 *
 * Needs: rt.builtins (module.js), for stream (stream.js); rt.nodeError,
 *   rt.argTypeError (buffer.js); rt.exposed (timers.js).  When called:
 *   rt.outOfRange (crypto.js); setImmediate, process.nextTick; the
 *   natives of bindings/js_zlib.c.
 * Provides: rt.builtins.zlib.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var Stream = rt.builtins.stream();
var Transform = Stream.Transform;
var nodeError = rt.nodeError, argType = rt.argTypeError;
var K_MAX_LENGTH = 4294967296;

var constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
    ZLIB_VERNUM: 4880,
    DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
    Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
    Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
    BROTLI_OPERATION_EMIT_METADATA: 3,
    BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2,
    BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11,
    BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
    BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22,
    BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
    BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
    BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
    BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
    BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
    BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31
};

/* zlib's return codes by name and by number, as zlib.codes has them */
var codes = {};
var CODE_NAMES = ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR',
                  'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR'];
CODE_NAMES.forEach(function (n) { codes[n] = constants[n]; });
CODE_NAMES.forEach(function (n) { codes[constants[n]] = n; });

var ZLIB_MODES = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 };
/* the parameter numbers Brotli knows (encoder's and decoder's alike, as
 * Node checks them): anything else is ERR_BROTLI_INVALID_PARAM; one the
 * instance does not take fails its initialisation */
var BROTLI_KEYS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

/* --- Node's checks of options, in its words --- */

/* Node says "property" for options: argType's text says "argument" */
function propTypeError(name, expected, v) {
    var e = argType(name, expected, v);
    e.message = e.message.replace('" argument must', '" property must');
    return e;
}

/* undefined or NaN: the default; a number: checked against [lo, hi] */
function checkNum(name, v, lo, hi, dflt) {
    if (v === undefined || (typeof v === 'number' && v !== v)) return dflt;
    if (typeof v !== 'number') throw propTypeError(name, 'of type number', v);
    if (v === Infinity || v === -Infinity) throw rt.outOfRange(name, 'a finite number', v);
    if (!(v >= lo && v <= hi))
        throw rt.outOfRange(name, '>= ' + lo + (hi === Infinity ? '' : ' and <= ' + hi), v);
    return v;
}

function isView(v) {
    return v !== null && typeof v === 'object' && ArrayBuffer.isView(v);
}

/* The settings of one engine, from Node's options for mode. */
function settings(mode, opts) {
    var brotli = mode >= 8, s = {};
    if (opts === null || opts === undefined) opts = {};
    s.mode = mode;
    s.chunkSize = checkNum('options.chunkSize', opts.chunkSize, 64, Infinity, 16384);
    s.flush = checkNum('options.flush', opts.flush, 0, brotli ? 3 : 5, 0);
    s.finishFlush = checkNum('options.finishFlush', opts.finishFlush, 0, brotli ? 3 : 5, brotli ? 2 : 4);
    s.maxOutputLength = checkNum('options.maxOutputLength', opts.maxOutputLength, 1, K_MAX_LENGTH, K_MAX_LENGTH);
    s.info = !!opts.info;
    s.level = -1;
    s.windowBits = 15;
    s.memLevel = 8;
    s.strategy = 0;
    s.dictionary = undefined;
    s.params = [];
    if (brotli) {
        var p = opts.params;
        if (p !== undefined && p !== null && typeof p === 'object') {
            Object.keys(p).forEach(function (k) {
                var key = +k;
                if (key !== key || Math.floor(key) !== key || BROTLI_KEYS.indexOf(key) < 0)
                    throw nodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', k + ' is not a valid Brotli parameter');
                var v = p[k];
                if (typeof v !== 'number' && typeof v !== 'boolean')
                    throw propTypeError('options.params[key]', 'of type number', v);
                s.params.push(key, +v >>> 0);
            });
        }
        return s;
    }
    var inflating = mode === 2 || mode === 4 || mode === 7;
    var wb = opts.windowBits;
    if (inflating && wb === 0) s.windowBits = 0;
    else s.windowBits = checkNum('options.windowBits', wb, mode === 3 ? 9 : 8, 15, 15);
    /* zlib takes no 8-bit window for raw deflate; Node asks for 9 */
    if (mode === 5 && s.windowBits === 8) s.windowBits = 9;
    s.level = checkNum('options.level', opts.level, -1, 9, -1);
    s.memLevel = checkNum('options.memLevel', opts.memLevel, 1, 9, 8);
    s.strategy = checkNum('options.strategy', opts.strategy, 0, 4, 0);
    var d = opts.dictionary;
    if (d !== undefined) {
        if (!isView(d) && !(d instanceof ArrayBuffer))
            throw propTypeError('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', d);
        s.dictionary = d instanceof ArrayBuffer ? new Uint8Array(d) :
            new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
        /* the dictionary is read again on Z_NEED_DICT: a copy, so later
         * writes to the caller's buffer change nothing */
        s.dictionary = new Uint8Array(s.dictionary);
    }
    return s;
}

function makeHandle(s) {
    try {
        return sys.zlibCreate(s.mode, s.level | 0, s.windowBits | 0, s.memLevel | 0, s.strategy | 0,
                              s.dictionary, s.mode >= 8 ? s.params : undefined);
    } catch (e) {
        if (e && e.errno !== undefined) {
            throw nodeError(Error, 'ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed');
        }
        throw e;
    }
}

/* A native's plain buffer as a Buffer (sharing its bytes). */
function wrap(raw) {
    return Buffer.from(new Uint8Array(raw).buffer);
}

/* Node names a Brotli decoder error after its constant, less the
 * BROTLI_DECODER prefix: ERR__ERROR_FORMAT_CL_SPACE. */
function brotliCode(errno, name) {
    var keys = Object.keys(constants), i;
    for (i = 0; i < keys.length; i++)
        if (keys[i].indexOf('BROTLI_DECODER_ERROR_') === 0 && constants[keys[i]] === errno)
            return 'ERR_' + keys[i].slice('BROTLI_DECODER'.length);
    return 'ERR_' + name;
}

/* Node's error for a native answer [out, errno, message, code]. */
function zlibError(r) {
    var e = new Error(r[2]);
    e.errno = r[1];
    e.code = r[3] ? brotliCode(r[1], r[3]) : codes[r[1]] || 'Z_UNKNOWN';
    return e;
}

function tooLarge(max) {
    return nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', 'Cannot create a Buffer larger than ' + max + ' bytes');
}

/* Input of the buffer forms as bytes the natives take. */
function inputOf(buffer) {
    if (typeof buffer === 'string') return Buffer.from(buffer);
    if (isView(buffer)) return buffer;
    if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
    throw argType('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
}

/* Runs input through handle with flush; the output as a Buffer, or
 * throws Node's error. */
function run(handle, input, flush, s) {
    var r = sys.zlibProcess(handle, input, flush, s.chunkSize, s.maxOutputLength);
    if (r[1] === -100) throw tooLarge(s.maxOutputLength);
    if (r[1] !== 0) throw zlibError(r);
    return wrap(r[0]);
}

/* --- the stream classes --- */

function ZlibBase(mode, opts) {
    var s = settings(mode, opts);
    Transform.call(this, { highWaterMark: s.chunkSize, readableHighWaterMark: s.chunkSize,
                           writableHighWaterMark: s.chunkSize,
                           allowHalfOpen: opts && opts.allowHalfOpen,
                           objectMode: false });
    def(this, '_zs', s);
    def(this, '_handle', makeHandle(s));
    this._zlibWriteCb = null;
    this.bytesWritten = 0;
    this._defaultFlushFlag = s.flush;
    this._finishFlushFlag = s.finishFlush;
    this._defaultFullFlushFlag = mode >= 8 ? 1 : 3;
    this._chunkSize = s.chunkSize;
    this._maxOutputLength = s.maxOutputLength;
    this._info = s.info;
    if (mode < 8) {
        this._level = s.level;
        this._strategy = s.strategy;
    }
}
Object.setPrototypeOf(ZlibBase, Transform);
ZlibBase.prototype = Object.create(Transform.prototype);
def(ZlibBase.prototype, 'constructor', ZlibBase);
var ZP = ZlibBase.prototype;

/* flush(): an empty chunk that tells _transform which flush to make */
function flushMark(kind) {
    var b = Buffer.alloc(0);
    def(b, '_zlibFlush', kind);
    return b;
}

/* Pushes out in pieces of at most chunkSize, as Node's output buffers. */
function pushOut(stream, out) {
    var n = stream._zs.chunkSize, i;
    if (out.length <= n) {
        if (out.length > 0) stream.push(out);
        return;
    }
    for (i = 0; i < out.length; i += n) stream.push(out.subarray(i, Math.min(i + n, out.length)));
}

/* One chunk through the handle: its output pushed, or the error. */
function process1(stream, chunk, flush) {
    var h = stream._handle;
    if (!h) return nodeError(Error, 'ERR_ZLIB_BINDING_CLOSED', 'zlib binding closed');
    var r = sys.zlibProcess(h, chunk, flush, stream._zs.chunkSize, K_MAX_LENGTH);
    if (r[1] !== 0) return r[1] === -100 ? tooLarge(K_MAX_LENGTH) : zlibError(r);
    stream.bytesWritten += chunk ? chunk.length : 0;
    pushOut(stream, wrap(r[0]));
    return null;
}

/* One written chunk through the handle; the error or null. */
function transformChunk(stream, chunk) {
    var flush = stream._defaultFlushFlag, ws = stream._writableState;
    if (chunk && chunk._zlibFlush !== undefined) {
        flush = chunk._zlibFlush;
        chunk = null;
    } else if ((ws.ending || ws.ended) && ws.length === chunk.length) {
        /* the last chunk before end(): finished with it, as Node does */
        flush = stream._finishFlushFlag;
        stream._zlibFinished = true;
    }
    var err = process1(stream, chunk, flush);
    if (err) stream._closeHandle();
    return err;
}

ZP._transform = function (chunk, enc, cb) {
    cb(transformChunk(this, chunk) || undefined);
};

/* Transform's own _write wraps each chunk's callback in a new closure,
 * and a function expression is a cycle in Duktape (its automatic
 * prototype points back at it) that holds the chunk until the next
 * mark-and-sweep, which comes between requests: 50 MB through a gzip
 * stream kept ~2 bytes per byte.  This one makes no closure; the output
 * is pushed at once, and the write's callback waits, as Transform's does,
 * while the readable side is full. */
ZP._write = function (chunk, encoding, callback) {
    var rs = this._readableState, before = rs.length, err;
    if (this._transform !== ZP._transform) {
        /* a subclass's own _transform: Transform's way */
        Transform.prototype._write.call(this, chunk, encoding, callback);
        return;
    }
    err = transformChunk(this, chunk);
    if (err) {
        callback(err);
        return;
    }
    if (this._writableState.ended || before === rs.length || rs.length < rs.highWaterMark) callback();
    else this._zlibWriteCb = callback;
};

ZP._read = function (n) {
    var cb = this._zlibWriteCb;
    if (cb) {
        this._zlibWriteCb = null;
        cb();
    } else {
        Transform.prototype._read.call(this, n);
    }
};

ZP._flush = function (cb) {
    if (this._zlibFinished) return cb();
    var err = process1(this, null, this._finishFlushFlag);
    if (err) {
        this._closeHandle();
        return cb(err);
    }
    cb();
};

ZP._closeHandle = function () {
    if (this._handle) {
        sys.zlibClose(this._handle);
        this._handle = null;
    }
};

ZP._destroy = function (err, cb) {
    this._closeHandle();
    cb(err);
};

ZP.close = function (cb) {
    if (cb) Stream.finished(this, cb);
    this.destroy();
};

ZP.flush = function (kind, cb) {
    var self = this;
    if (typeof kind === 'function' || (kind === undefined && !cb)) {
        cb = kind;
        kind = this._defaultFullFlushFlag;
    }
    if (kind === undefined) kind = this._defaultFullFlushFlag;
    if (this.writableFinished) {
        if (cb) process.nextTick(cb);
    } else if (this.writableEnded) {
        if (cb) this.once('end', cb);
    } else {
        this.write(flushMark(kind), '', cb ? function () { cb.call(self); } : undefined);
    }
};

ZP.reset = function () {
    if (!this._handle) throw nodeError(Error, 'ERR_ZLIB_BINDING_CLOSED', 'zlib binding closed');
    var s = this._zs;
    sys.zlibReset(this._handle, s.level | 0, s.windowBits | 0, s.memLevel | 0, s.strategy | 0);
};

ZP._processChunk = function (chunk, flush, cb) {
    if (typeof cb === 'function') {
        var err = process1(this, chunk, flush);
        process.nextTick(cb, err);
        return undefined;
    }
    return run(this._handle, chunk, flush, this._zs);
};

function Zlib(mode, opts) {
    ZlibBase.call(this, mode, opts);
}
Object.setPrototypeOf(Zlib, ZlibBase);
Zlib.prototype = Object.create(ZP);
def(Zlib.prototype, 'constructor', Zlib);

Zlib.prototype.params = function (level, strategy, cb) {
    checkNum('level', level, -1, 9);
    checkNum('strategy', strategy, 0, 4);
    var self = this;
    if (this._level !== level || this._strategy !== strategy) {
        this.flush(2, function () {
            if (!self._handle) return;
            var r = sys.zlibParams(self._handle, level | 0, strategy | 0);
            if (r[1] !== 0) {
                self.destroy(zlibError(r));
                return;
            }
            pushOut(self, wrap(r[0]));
            self._level = level;
            self._strategy = strategy;
            if (cb) cb();
        });
    } else if (cb) {
        process.nextTick(cb);
    }
};

function Brotli(mode, opts) {
    ZlibBase.call(this, mode, opts);
}
Object.setPrototypeOf(Brotli, ZlibBase);
Brotli.prototype = Object.create(ZP);
def(Brotli.prototype, 'constructor', Brotli);

var MODES = {
    Deflate: 1, Inflate: 2, Gzip: 3, Gunzip: 4, DeflateRaw: 5, InflateRaw: 6, Unzip: 7,
    BrotliCompress: 9, BrotliDecompress: 8
};

var zlib = {};
var classes = {};

Object.keys(MODES).forEach(function (name) {
    var mode = MODES[name], Base = mode >= 8 ? Brotli : Zlib;
    /* Node's classes can be called without new */
    var C = ({})[name] = function (opts) {
        if (!(this instanceof C)) return new C(opts);
        Base.call(this, mode, opts);
    };
    Object.defineProperty(C, 'name', { value: name });
    Object.setPrototypeOf(C, Base);
    C.prototype = Object.create(Base.prototype);
    def(C.prototype, 'constructor', C);
    classes[name] = C;
});

/* --- the buffer forms --- */

var FORMS = [
    ['deflate', 'Deflate'], ['gzip', 'Gzip'], ['deflateRaw', 'DeflateRaw'], ['unzip', 'Unzip'],
    ['inflate', 'Inflate'], ['gunzip', 'Gunzip'], ['inflateRaw', 'InflateRaw'],
    ['brotliCompress', 'BrotliCompress'], ['brotliDecompress', 'BrotliDecompress']
];

/* All of input through a new engine of mode, ended with finishFlush. */
function oneShot(name, mode, buffer, opts) {
    var input = inputOf(buffer);
    var s = settings(mode, opts);
    var h = makeHandle(s), out;
    try {
        out = run(h, input, s.finishFlush, s);
    } finally {
        sys.zlibClose(h);
    }
    if (s.info) {
        var engine = new classes[name](opts);
        engine._closeHandle();
        engine.bytesWritten = input.byteLength;
        return { buffer: out, engine: engine };
    }
    return out;
}

FORMS.forEach(function (f) {
    var fn = f[0], cls = f[1], mode = MODES[cls];
    var sync = function (buffer, opts) {
        return oneShot(cls, mode, buffer, opts);
    };
    var async = function (buffer, opts, callback) {
        if (typeof opts === 'function') {
            callback = opts;
            opts = {};
        }
        if (typeof callback !== 'function') throw argType('callback', 'of type function', callback);
        /* the callback form writes its input into a stream, whose checks
         * (and words) these are; nothing is an empty input */
        var input;
        if (buffer === null || buffer === undefined) input = Buffer.alloc(0);
        else if (typeof buffer === 'string' || isView(buffer) || buffer instanceof ArrayBuffer) input = inputOf(buffer);
        else throw argType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
        var result, error = null;
        try {
            result = oneShot(cls, mode, input, opts);
        } catch (e) {
            /* a bad option throws at once, as Node's constructor does;
             * errors of the data reach the callback */
            if (e && (e.code === 'ERR_OUT_OF_RANGE' || e.code === 'ERR_INVALID_ARG_TYPE' ||
                      e.code === 'ERR_BROTLI_INVALID_PARAM')) throw e;
            error = e;
        }
        setImmediate(function () {
            if (error) callback(error);
            else callback(null, result);
        });
    };
    /* the names Node's wrappers have (stack traces, util.inspect) */
    Object.defineProperty(sync, 'name', { value: 'syncBufferWrapper' });
    Object.defineProperty(async, 'name', { value: 'asyncBufferWrapper' });
    zlib[fn] = async;
    zlib[fn + 'Sync'] = sync;
    zlib['create' + cls] = function (opts) { return new classes[cls](opts); };
});

/* crc32(data[, value]) (Node 20.15): zlib's CRC-32 of data, continuing
 * from value. */
function crc32(data) {
    /* strict: a sloppy function's arguments object and its scope point at
     * each other, a cycle that would keep data until the next collection */
    'use strict';
    var value = arguments[1];
    if (typeof data === 'string') data = Buffer.from(data);
    else if (!isView(data))
        throw argType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    if (value === undefined) value = 0;
    else if (typeof value !== 'number') throw argType('value', 'of type number', value);
    else if (!(value >= 0 && value <= 4294967295) || Math.floor(value) !== value)
        throw rt.outOfRange('value', '>= 0 && <= 4294967295', value);
    return sys.zlibCrc32(data, value);
}

var exported = { crc32: crc32 };
Object.keys(MODES).forEach(function (n) { exported[n] = classes[n]; });
['deflate', 'deflateSync', 'gzip', 'gzipSync', 'deflateRaw', 'deflateRawSync', 'unzip', 'unzipSync',
 'inflate', 'inflateSync', 'gunzip', 'gunzipSync', 'inflateRaw', 'inflateRawSync',
 'brotliCompress', 'brotliCompressSync', 'brotliDecompress', 'brotliDecompressSync'].forEach(function (n) {
    exported[n] = zlib[n];
});
['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress',
 'BrotliDecompress'].forEach(function (n) {
    exported['create' + n] = zlib['create' + n];
});
exported.constants = constants;
exported.codes = codes;
/* the old flat constants (Z_OK, Z_NO_FLUSH...), there but not listed */
Object.keys(constants).forEach(function (k) {
    if (k.indexOf('BROTLI_') !== 0 && !(k in exported))
        Object.defineProperty(exported, k, { value: constants[k], enumerable: false });
});

rt.builtins.zlib = function () { return exported; };

if (rt.exposed) {
    rt.exposed.push(ZP, Zlib.prototype, Brotli.prototype);
    Object.keys(classes).forEach(function (n) { rt.exposed.push(classes[n].prototype); });
}
