/* stream.js - Node's `stream` module (and `stream/promises`), written for
 * this runtime from Node 20's documentation of it: the legacy Stream (an
 * EventEmitter with pipe), Readable, Writable, Duplex, Transform,
 * PassThrough, pipeline, finished, addAbortSignal, Readable.from, async
 * iteration and the Readable helpers (map, filter, toArray...).
 *
 * What users observe is kept as Node has it: events fire on the nextTick
 * queue (rt.enqueueTick, which runs before the microtasks), write()
 * returns false once highWaterMark bytes (objects in objectMode) wait and
 * 'drain' follows when they are written, 'finish' then 'close' after
 * end(), 'end' then 'close' after push(null), 'error' then 'close' after
 * destroy(err).  Packages poke at _readableState and _writableState (their
 * objectMode, ended, length, flowing...), so the state lives there under
 * the names Node documents for them.
 *
 * The functions and prototypes are shared by every request and frozen by
 * harden.js (their methods overridable per instance: rt.exposed);
 * streams, their states and callbacks belong to the request that made
 * them.
 *
 * Needs: rt.EventEmitter (node.js); rt.requestPrototype (express.js);
 *   rt.builtins (module.js), for
 *   string_decoder; rt.nodeError, rt.argTypeError
 *   (buffer.js); rt.exposed (timers.js); Symbol.asyncIterator
 *   (fetch-classes.js).  When called: rt.enqueueTick (promise.js);
 *   rt.AbortError (async.js); rt.inspect (console.js); rt.outOfRange
 *   (crypto.js); rt.seq (dispatch.js: per request);
 *   rt.onUncaughtException (dispatch.js, front-exec.js: per request);
 *   rt.requestBodyChunk (express.js).
 * Provides: rt.builtins.stream (and stream/promises).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var EE = rt.EventEmitter;
var nodeError = rt.nodeError, argType = rt.argTypeError;
var StringDecoder = rt.builtins.string_decoder().StringDecoder;
var AITER = Symbol.asyncIterator, ITER = Symbol.iterator;
var slice = Array.prototype.slice;

function nop() {}

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

function getters(proto, table) {
    Object.keys(table).forEach(function (name) {
        var g = table[name];
        var d = typeof g === 'function' ? { get: g } : { get: g.get, set: g.set };
        d.enumerable = false;
        d.configurable = true;
        Object.defineProperty(proto, name, d);
    });
}

/* fn(a, b, c) on the nextTick queue, with process.nextTick's handling of
 * what it throws: an uncaught exception of the request. */
function runTick(t) {
    try {
        t[0](t[1], t[2], t[3]);
    } catch (e) {
        if (rt.onUncaughtException) rt.onUncaughtException(e);
        else throw e;
    }
}
function tick(fn, a, b, c) {
    rt.enqueueTick(runTick, [fn, a, b, c]);
}

/* --- Node's errors, in its words --- */

function streamError(code, msg, Ctor) {
    return nodeError(Ctor || Error, code, msg);
}
function destroyedError(what) {
    return streamError('ERR_STREAM_DESTROYED', 'Cannot call ' + what + ' after a stream was destroyed');
}
function notImplemented(what) {
    return streamError('ERR_METHOD_NOT_IMPLEMENTED', 'The ' + what + ' method is not implemented');
}
function prematureClose() {
    return streamError('ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
}
function nullValues() {
    return streamError('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
}
function chunkType(chunk) {
    return argType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
}
function abortError(signal) {
    return new rt.AbortError(undefined, { cause: signal.reason });
}

function validateFunction(fn, name) {
    if (typeof fn !== 'function') throw argType(name, 'of type function', fn);
}
function validateObject(o, name) {
    if (o === null || typeof o !== 'object') throw argType(name, 'of type object', o);
}
function validateSignal(signal, name) {
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal))
        throw argType(name, 'an instance of AbortSignal', signal);
}

/* --- high water marks --- */

/* Node 20's defaults; setDefaultHighWaterMark changes them for the rest of
 * the request only (a worker serves many), so they are kept per rt.seq. */
var hwmDefaults = { seq: -1, bytes: 16 * 1024, objects: 16 };

function defaultHwm(objectMode) {
    if (hwmDefaults.seq !== rt.seq) return objectMode ? 16 : 16 * 1024;
    return objectMode ? hwmDefaults.objects : hwmDefaults.bytes;
}

function highWaterMark(options, duplexKey, isDuplex, objectMode) {
    var v = options.highWaterMark, name = 'highWaterMark';
    if ((v === undefined || v === null) && isDuplex) {
        v = options[duplexKey];
        name = duplexKey;
    }
    if (v === undefined || v === null) return defaultHwm(objectMode);
    if (typeof v !== 'number' || v < 0 || Math.floor(v) !== v)
        throw streamError('ERR_INVALID_ARG_VALUE', "The property 'options." + name + "' is invalid. Received " +
                          rt.inspect(v), TypeError);
    return v;
}

/* --- destroying, shared by both sides --- */

function statesOf(stream) {
    return { r: stream._readableState, w: stream._writableState };
}

function setErrored(stream, err) {
    var r = stream._readableState, w = stream._writableState;
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
}

function emitError(stream, err) {
    var r = stream._readableState, w = stream._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    stream.emit('error', err);
}

function emitClose(stream) {
    var r = stream._readableState, w = stream._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) stream.emit('close');
}

function emitErrorClose(stream, err) {
    emitError(stream, err);
    emitClose(stream);
}

function destroy(err, cb) {
    var r = this._readableState, w = this._writableState, self = this;
    if ((w && w.destroyed) || (r && r.destroyed)) {
        if (typeof cb === 'function') cb();
        return this;
    }
    if (err) setErrored(this, err);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    var s = w || r;
    if (s && !s.constructed) {
        /* _destroy waits for _construct's callback */
        s.afterConstruct.push(function (er) { runDestroy(self, err || er, cb); });
    } else runDestroy(this, err, cb);
    return this;
}

function runDestroy(stream, err, cb) {
    var called = false;
    function done(er) {
        if (called) return;
        called = true;
        var r = stream._readableState, w = stream._writableState;
        if (er) setErrored(stream, er);
        if (w) w.closed = true;
        if (r) r.closed = true;
        if (typeof cb === 'function') cb(er);
        if (er) tick(emitErrorClose, stream, er);
        else tick(emitClose, stream);
    }
    try {
        stream._destroy(err || null, done);
    } catch (e) {
        done(e);
    }
}

/* An error the stream meets itself: destroyed with it (autoDestroy), or
 * only told ('error'). */
function errorOrDestroy(stream, err, sync) {
    var r = stream._readableState, w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
    else if (err) {
        setErrored(stream, err);
        if (sync) tick(emitError, stream, err);
        else emitError(stream, err);
    }
}

function undestroy() {
    var r = this._readableState, w = this._writableState;
    if (r) {
        r.constructed = true;
        r.closed = r.destroyed = false;
        r.closeEmitted = r.errorEmitted = false;
        r.errored = null;
        r.reading = r.ended = r.endEmitted = false;
    }
    if (w) {
        w.constructed = true;
        w.closed = w.destroyed = false;
        w.closeEmitted = w.errorEmitted = false;
        w.errored = null;
        w.ending = w.ended = w.finished = w.finalCalled = w.prefinished = false;
    }
}

/* options.construct: the stream does nothing (no _read, _write, _final,
 * _destroy) until its callback, which runs _construct on the next tick. */
function setup(stream, options) {
    if (!options) return;
    if (typeof options.destroy === 'function') stream._destroy = options.destroy;
    if (typeof options.construct === 'function') stream._construct = options.construct;
    if (options.signal !== undefined) addAbortSignal(options.signal, stream);
    if (typeof stream._construct !== 'function') return;
    var r = stream._readableState, w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    var waiting = [];
    if (r) r.afterConstruct = waiting;
    if (w) w.afterConstruct = waiting;
    tick(function () {
        var called = false;
        function done(err) {
            if (called) {
                errorOrDestroy(stream, streamError('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
                return;
            }
            called = true;
            if (r) r.constructed = true;
            if (w) w.constructed = true;
            for (var i = 0; i < waiting.length; i++) waiting[i](err);
            waiting.length = 0;
            if (err) errorOrDestroy(stream, err, true);
            else tick(afterConstruct, stream);
        }
        try {
            stream._construct(done);
        } catch (e) {
            done(e);
        }
    });
}

function afterConstruct(stream) {
    var r = stream._readableState, w = stream._writableState;
    if (r && !r.destroyed && (r.needReadable || r.flowing || r.length < r.highWaterMark)) stream.read(0);
    if (w && !w.destroyed) {
        if (w.buffered.length > w.bufferedIndex) clearBuffer(stream, w);
        finishMaybe(stream, w);
    }
}

/* --- Stream: the legacy base, an EventEmitter with pipe --- */

function Stream(opts) {
    EE.call(this, opts);
}
Object.setPrototypeOf(Stream, EE);
Stream.prototype = Object.create(EE.prototype);
def(Stream.prototype, 'constructor', Stream);

function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === 'function') emitter.prependListener(event, fn);
    else emitter.on(event, fn);
}

function isStdio(dest) {
    var p = G.process;
    return p !== undefined && (dest === p.stdout || dest === p.stderr);
}

/* The pipe of Node's old streams: data written on, paused while the
 * destination is full, ended when the source ends or closes. */
Stream.prototype.pipe = function (dest, options) {
    var source = this, didEnd = false;
    function ondata(chunk) {
        if (dest.writable && dest.write(chunk) === false && typeof source.pause === 'function') source.pause();
    }
    function ondrain() {
        if (source.readable && typeof source.resume === 'function') source.resume();
    }
    function onend() {
        if (didEnd) return;
        didEnd = true;
        dest.end();
    }
    function onclose() {
        if (didEnd) return;
        didEnd = true;
        if (typeof dest.destroy === 'function') dest.destroy();
    }
    function onerror(er) {
        cleanup();
        if (this.listenerCount('error') === 0) this.emit('error', er);
    }
    function cleanup() {
        source.removeListener('data', ondata);
        dest.removeListener('drain', ondrain);
        source.removeListener('end', onend);
        source.removeListener('close', onclose);
        source.removeListener('error', onerror);
        dest.removeListener('error', onerror);
        source.removeListener('end', cleanup);
        source.removeListener('close', cleanup);
        dest.removeListener('close', cleanup);
    }
    source.on('data', ondata);
    dest.on('drain', ondrain);
    if (!isStdio(dest) && (!options || options.end !== false)) {
        source.on('end', onend);
        source.on('close', onclose);
    }
    prependListener(source, 'error', onerror);
    prependListener(dest, 'error', onerror);
    source.on('end', cleanup);
    source.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', source);
    return dest;
};

/* --- Readable --- */

function ReadableState(options, stream, isDuplex) {
    options = options || {};
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
    this.highWaterMark = highWaterMark(options, 'readableHighWaterMark', isDuplex, this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.paused = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.afterConstruct = null;
    /* whether push() runs inside _read (then 'readable' waits a tick) */
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.awaitDrainWriters = [];
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options.encoding) {
        this.decoder = new StringDecoder(options.encoding);
        this.encoding = this.decoder.encoding;
    }
}

function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    var isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options && typeof options.read === 'function') this._read = options.read;
    Stream.call(this, options);
    if (!isDuplex) setup(this, options);
}
Object.setPrototypeOf(Readable, Stream);
Readable.prototype = Object.create(Stream.prototype);
def(Readable.prototype, 'constructor', Readable);
Readable.ReadableState = ReadableState;

var RP = Readable.prototype;
RP.destroy = destroy;
RP._undestroy = undestroy;
RP._destroy = function (err, cb) { cb(err); };

RP.push = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, false);
};
RP.unshift = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, true);
};

/* push and unshift: chunk made a Buffer (or decoded to a string when
 * setEncoding was called), then buffered or handed on. */
function addChunk(stream, chunk, encoding, front) {
    var state = stream._readableState;
    if (!state.objectMode) {
        if (typeof chunk === 'string') {
            encoding = encoding || state.defaultEncoding;
            if (state.encoding !== encoding) {
                if (front && state.encoding) chunk = Buffer.from(chunk, encoding).toString(state.encoding);
                else {
                    chunk = Buffer.from(chunk, encoding);
                    encoding = '';
                }
            }
        } else if (chunk instanceof Buffer) {
            encoding = '';
        } else if (chunk instanceof Uint8Array) {
            chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
            encoding = '';
        } else if (chunk !== null && chunk !== undefined) {
            errorOrDestroy(stream, chunkType(chunk));
            return false;
        }
    }
    if (chunk === null) {
        state.reading = false;
        onEof(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
        if (front) {
            if (state.endEmitted)
                errorOrDestroy(stream, streamError('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'));
            else if (state.destroyed || state.errored) return false;
            else store(stream, state, chunk, true);
        } else if (state.ended) {
            errorOrDestroy(stream, streamError('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
        } else if (state.destroyed || state.errored) {
            return false;
        } else {
            state.reading = false;
            if (state.decoder && !encoding) {
                chunk = state.decoder.write(chunk);
                if (state.objectMode || chunk.length !== 0) store(stream, state, chunk, false);
                else maybeReadMore(stream, state);
            } else store(stream, state, chunk, false);
        }
    } else if (!front) {
        state.reading = false;
        maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function store(stream, state, chunk, front) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
        /* flowing and nothing waits: straight to the consumer */
        state.awaitDrainWriters.length = 0;
        state.dataEmitted = true;
        stream.emit('data', chunk);
    } else {
        state.length += state.objectMode ? 1 : chunk.length;
        if (front) state.buffer.unshift(chunk);
        else state.buffer.push(chunk);
        if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
}

function onEof(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
        var rest = state.decoder.end();
        if (rest && rest.length) {
            state.buffer.push(rest);
            state.length += state.objectMode ? 1 : rest.length;
        }
    }
    state.ended = true;
    if (state.sync) emitReadable(stream);
    else {
        state.needReadable = false;
        state.emittedReadable = true;
        emitReadableNow(stream);
    }
}

function emitReadable(stream) {
    var state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
        state.emittedReadable = true;
        tick(emitReadableNow, stream);
    }
}

function emitReadableNow(stream) {
    var state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
        stream.emit('readable');
        state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
}

/* After a push, read ahead (on the next tick) up to highWaterMark. */
function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
        state.readingMore = true;
        tick(readMore, stream, state);
    }
}

function readMore(stream, state) {
    while (!state.reading && !state.ended &&
           (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
        var len = state.length;
        stream.read(0);
        if (len === state.length) break;
    }
    state.readingMore = false;
}

/* How much read(n) hands out: in flowing mode one chunk at a time. */
function howMuch(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (n !== n) return state.flowing && state.length ? state.buffer[0].length : state.length;
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
}

/* Takes n bytes (characters once decoding, a chunk in objectMode) off the
 * front of the buffer. */
function takeFromBuffer(n, state) {
    if (state.length === 0) return null;
    var buf = state.buffer, ret;
    if (state.objectMode) return buf.shift();
    if (!n || n >= state.length) {
        if (state.decoder) ret = buf.join('');
        else if (buf.length === 1) ret = buf[0];
        else ret = Buffer.concat(buf, state.length);
        state.buffer = [];
        return ret;
    }
    if (n < buf[0].length) {
        ret = buf[0].slice(0, n);
        buf[0] = buf[0].slice(n);
        return ret;
    }
    if (n === buf[0].length) return buf.shift();
    var parts = [], need = n;
    while (need > 0) {
        var c = buf[0];
        if (c.length <= need) {
            parts.push(buf.shift());
            need -= c.length;
        } else {
            parts.push(c.slice(0, need));
            buf[0] = c.slice(need);
            need = 0;
        }
    }
    return state.decoder ? parts.join('') : Buffer.concat(parts, n);
}

/* read(n) above highWaterMark raises it to the next power of two. */
function raiseHwm(n) {
    if (n > 1073741824) throw rt.outOfRange('size', '<= 1GiB', n);
    var p = 1;
    while (p < n) p *= 2;
    return p;
}

RP.read = function (n) {
    if (n === undefined) n = NaN;
    else if (typeof n !== 'number' || Math.floor(n) !== n) n = parseInt(n, 10);
    var state = this._readableState, asked = n;
    if (n > state.highWaterMark) state.highWaterMark = raiseHwm(n);
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable &&
        ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
        if (state.length === 0 && state.ended) endReadable(this);
        else emitReadable(this);
        return null;
    }
    n = howMuch(n, state);
    if (n === 0 && state.ended) {
        if (state.length === 0) endReadable(this);
        return null;
    }
    /* call _read when what would be left is under highWaterMark */
    var doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) doRead = false;
    else if (doRead) {
        state.reading = true;
        state.sync = true;
        if (state.length === 0) state.needReadable = true;
        try {
            this._read(state.highWaterMark);
        } catch (e) {
            errorOrDestroy(this, e);
        }
        state.sync = false;
        /* _read may have pushed at once */
        if (!state.reading) n = howMuch(asked, state);
    }
    var ret = n > 0 ? takeFromBuffer(n, state) : null;
    if (ret === null) {
        state.needReadable = state.length <= state.highWaterMark;
        n = 0;
    } else {
        state.length -= n;
        state.awaitDrainWriters.length = 0;
    }
    if (state.length === 0) {
        if (!state.ended) state.needReadable = true;
        if (asked !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
        state.dataEmitted = true;
        this.emit('data', ret);
    }
    return ret;
};

RP._read = function () {
    throw notImplemented('_read()');
};

function endReadable(stream) {
    var state = stream._readableState;
    if (!state.endEmitted) {
        state.ended = true;
        tick(endReadableLater, state, stream);
    }
}

function endReadableLater(state, stream) {
    if (state.errored || state.closeEmitted || state.endEmitted || state.length !== 0) return;
    state.endEmitted = true;
    stream.emit('end');
    var ws = stream._writableState;
    if (ws && stream.allowHalfOpen === false && !ws.ending && !ws.destroyed) {
        tick(function () { stream.end(); });
    } else if (state.autoDestroy) {
        /* a Duplex goes when its writable side is done too */
        if (!ws || (ws.autoDestroy && (ws.finished || ws.writable === false))) stream.destroy();
    }
}

function flow(stream) {
    var state = stream._readableState;
    while (state.flowing && stream.read() !== null);
}

RP.on = RP.addListener = function (ev, fn) {
    var res = Stream.prototype.on.call(this, ev, fn), state = this._readableState;
    if (ev === 'data') {
        state.readableListening = this.listenerCount('readable') > 0;
        if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
        if (!state.endEmitted && !state.readableListening) {
            state.readableListening = state.needReadable = true;
            state.flowing = false;
            state.emittedReadable = false;
            if (state.length) emitReadable(this);
            else if (!state.reading) tick(readZero, this);
        }
    }
    return res;
};

function readZero(stream) {
    stream.read(0);
}

RP.removeListener = RP.off = function (ev, fn) {
    var res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') tick(updateReadableListening, this);
    return res;
};

RP.removeAllListeners = function (ev) {
    var res = Stream.prototype.removeAllListeners.apply(this, arguments);
    if (ev === 'readable' || ev === undefined) tick(updateReadableListening, this);
    return res;
};

/* With no 'readable' listener left, 'data' listeners make it flow again. */
function updateReadableListening(stream) {
    var state = stream._readableState;
    state.readableListening = stream.listenerCount('readable') > 0;
    if (state.resumeScheduled && state.paused === false) state.flowing = true;
    else if (stream.listenerCount('data') > 0) stream.resume();
    else if (!state.readableListening) state.flowing = null;
}

RP.resume = function () {
    var state = this._readableState;
    if (!state.flowing) {
        /* 'readable' listeners keep it in paused mode */
        state.flowing = !state.readableListening;
        if (!state.resumeScheduled) {
            state.resumeScheduled = true;
            tick(resumeLater, this, state);
        }
    }
    state.paused = false;
    return this;
};

function resumeLater(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
}

RP.pause = function () {
    var state = this._readableState;
    if (state.flowing !== false) {
        state.flowing = false;
        this.emit('pause');
    }
    state.paused = true;
    return this;
};

RP.isPaused = function () {
    var state = this._readableState;
    return state.paused === true || state.flowing === false;
};

RP.setEncoding = function (enc) {
    var state = this._readableState, decoder = new StringDecoder(enc), text = '';
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    for (var i = 0; i < state.buffer.length; i++) text += decoder.write(state.buffer[i]);
    state.buffer = text ? [text] : [];
    state.length = text.length;
    return this;
};

/* A destination with write and end but no events (a function's res):
 * written through a Writable of its own, so that pipe and pipeline treat
 * it as the Writable it is in Node. */
function isSink(dest) {
    return !!dest && typeof dest.on !== 'function' && typeof dest.write === 'function' && typeof dest.end === 'function';
}

function sinkOf(dest) {
    return new Writable({
        objectMode: true,
        write: function (chunk, encoding, cb) {
            dest.write(chunk);
            cb();
        },
        final: function (cb) {
            dest.end();
            cb();
        }
    });
}

RP.pipe = function (dest, options) {
    if (isSink(dest)) {
        this.pipe(sinkOf(dest), options);
        return dest;
    }
    var src = this, state = this._readableState, cleaned = false, ondrain = null;
    state.pipes.push(dest);
    var doEnd = (!options || options.end !== false) && !isStdio(dest);
    var endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) tick(endFn);
    else src.once('end', endFn);

    function onunpipe(readable, info) {
        if (readable === src && info && info.hasUnpiped === false) {
            info.hasUnpiped = true;
            cleanup();
        }
    }
    function onend() {
        dest.end();
    }
    function cleanup() {
        dest.removeListener('close', onclose);
        dest.removeListener('finish', onfinish);
        if (ondrain) dest.removeListener('drain', ondrain);
        dest.removeListener('error', onerror);
        dest.removeListener('unpipe', onunpipe);
        src.removeListener('end', onend);
        src.removeListener('end', unpipe);
        src.removeListener('data', ondata);
        cleaned = true;
        /* a destination we waited for will never drain now */
        if (ondrain && state.awaitDrainWriters.length && (!dest._writableState || dest._writableState.needDrain))
            ondrain();
    }
    function pause() {
        if (!cleaned && state.awaitDrainWriters.indexOf(dest) < 0) state.awaitDrainWriters.push(dest);
        src.pause();
        if (!ondrain) {
            ondrain = function () {
                var i = state.awaitDrainWriters.indexOf(dest);
                if (i >= 0) state.awaitDrainWriters.splice(i, 1);
                if (state.awaitDrainWriters.length === 0 && src.listenerCount('data') > 0) {
                    state.paused = false;
                    state.flowing = true;
                    flow(src);
                }
            };
            dest.on('drain', ondrain);
        }
    }
    function ondata(chunk) {
        if (dest.write(chunk) === false) pause();
    }
    function onerror(er) {
        unpipe();
        dest.removeListener('error', onerror);
        if (dest.listenerCount('error') === 0) {
            var s = dest._writableState || dest._readableState;
            if (s && !s.errorEmitted) errorOrDestroy(dest, er);
            else dest.emit('error', er);
        }
    }
    function onclose() {
        dest.removeListener('finish', onfinish);
        unpipe();
    }
    function onfinish() {
        dest.removeListener('close', onclose);
        unpipe();
    }
    function unpipe() {
        src.unpipe(dest);
    }
    src.on('data', ondata);
    prependListener(dest, 'error', onerror);
    dest.once('close', onclose);
    dest.once('finish', onfinish);
    dest.on('unpipe', onunpipe);
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
};

RP.unpipe = function (dest) {
    var state = this._readableState, i;
    if (state.pipes.length === 0) return this;
    if (!dest) {
        var dests = state.pipes;
        state.pipes = [];
        this.pause();
        for (i = 0; i < dests.length; i++) dests[i].emit('unpipe', this, { hasUnpiped: false });
        return this;
    }
    i = state.pipes.indexOf(dest);
    if (i < 0) return this;
    state.pipes.splice(i, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit('unpipe', this, { hasUnpiped: false });
    return this;
};

/* An old-style stream ('data', 'end', pause/resume) read as a Readable. */
RP.wrap = function (old) {
    var self = this, paused = false;
    old.on('data', function (chunk) {
        if (!self.push(chunk) && typeof old.pause === 'function') {
            paused = true;
            old.pause();
        }
    });
    old.on('end', function () { self.push(null); });
    old.on('error', function (err) { errorOrDestroy(self, err); });
    old.on('close', function () { self.destroy(); });
    old.on('destroy', function () { self.destroy(); });
    this._read = function () {
        if (paused && typeof old.resume === 'function') {
            paused = false;
            old.resume();
        }
    };
    return this;
};

getters(RP, {
    readable: {
        get: function () {
            var r = this._readableState;
            return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
        },
        set: function (v) {
            if (this._readableState) this._readableState.readable = !!v;
        }
    },
    readableDidRead: function () { return this._readableState.dataEmitted; },
    readableAborted: function () {
        var r = this._readableState;
        return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    },
    readableHighWaterMark: function () { return this._readableState.highWaterMark; },
    readableBuffer: function () { return this._readableState && this._readableState.buffer; },
    readableFlowing: {
        get: function () { return this._readableState.flowing; },
        set: function (v) { if (this._readableState) this._readableState.flowing = v; }
    },
    readableLength: function () { return this._readableState.length; },
    readableObjectMode: function () { return this._readableState ? this._readableState.objectMode : false; },
    readableEncoding: function () { return this._readableState ? this._readableState.encoding : null; },
    errored: function () { return this._readableState ? this._readableState.errored : null; },
    closed: function () { return this._readableState ? this._readableState.closed : false; },
    destroyed: {
        get: function () { return this._readableState ? this._readableState.destroyed : false; },
        set: function (v) { if (this._readableState) this._readableState.destroyed = v; }
    },
    readableEnded: function () { return this._readableState ? this._readableState.endEmitted : false; }
});

/* --- async iteration --- */

/* for await (const chunk of readable): each next() reads a chunk or waits
 * for 'readable'; the end ends it, an error rejects it, a break (return())
 * destroys the stream unless destroyOnReturn is false. */
function StreamIterator(stream, destroyOnReturn) {
    var self = this;
    this._stream = stream;
    this._destroyOnReturn = destroyOnReturn;
    this._waiting = null;
    this._error = null;
    this._done = false;
    this._finished = false;
    this._wake = function () {
        var w = self._waiting;
        if (w) {
            self._waiting = null;
            self._pull(w.resolve, w.reject);
        }
    };
    stream.on('readable', this._wake);
    this._cleanup = eos(stream, { writable: false }, function (err) {
        self._error = err ? err : null;
        self._done = true;
        self._wake();
    });
    this._queue = null;
    this._outstanding = 0;
}

def(StreamIterator.prototype, '_pull', function (resolve, reject) {
    var stream = this._stream, chunk = stream.destroyed ? null : stream.read();
    if (chunk !== null) resolve({ value: chunk, done: false });
    else if (this._done) {
        var err = this._error;
        this._finish(!!err);
        if (err && !(err.code === 'ERR_STREAM_PREMATURE_CLOSE' && this._returned)) reject(err);
        else resolve({ value: undefined, done: true });
    } else this._waiting = { resolve: resolve, reject: reject };
});

def(StreamIterator.prototype, '_finish', function (errored) {
    if (this._finished) return;
    this._finished = true;
    this._stream.removeListener('readable', this._wake);
    this._cleanup();
    var s = this._stream._readableState;
    if ((errored || this._destroyOnReturn) && (!errored || !s || s.autoDestroy)) this._stream.destroy(null);
});

/* for await asks once the last answer came: answered at once; next()
 * called again before that waits its turn */
def(StreamIterator.prototype, 'next', function () {
    var self = this;
    function ask() {
        if (self._finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve, reject) { self._pull(resolve, reject); });
    }
    var p = this._outstanding === 0 ? ask() : this._queue.then(ask);
    this._outstanding++;
    this._queue = p.then(settled, settled);
    function settled() { self._outstanding--; }
    return p;
});

def(StreamIterator.prototype, 'return', function (value) {
    var self = this;
    this._returned = true;
    if (!this._finished) {
        this._finished = true;
        this._stream.removeListener('readable', this._wake);
        this._cleanup();
        if (this._destroyOnReturn) this._stream.destroy(null);
    }
    return Promise.resolve({ value: value, done: true });
});

def(StreamIterator.prototype, 'throw', function (err) {
    var self = this;
    if (!this._finished) {
        this._finished = true;
        this._stream.removeListener('readable', this._wake);
        this._cleanup();
        this._stream.destroy(err);
    }
    return Promise.reject(err);
});

def(StreamIterator.prototype, AITER, function () { return this; });
if (Symbol.toStringTag) def(StreamIterator.prototype, Symbol.toStringTag, 'AsyncGenerator');

RP[AITER] = function () {
    return new StreamIterator(this, true);
};

RP.iterator = function (options) {
    if (options !== undefined) validateObject(options, 'options');
    return new StreamIterator(this, !options || options.destroyOnReturn !== false);
};

/* --- Readable.from --- */

function isObjectLike(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function');
}

function assign(target) {
    for (var i = 1; i < arguments.length; i++) {
        var src = arguments[i];
        if (src) for (var k in src) if (Object.prototype.hasOwnProperty.call(src, k)) target[k] = src[k];
    }
    return target;
}

Readable.from = function (iterable, opts) {
    var readable;
    if (typeof iterable === 'string' || iterable instanceof Buffer) {
        /* a string or Buffer is one chunk, not its characters */
        var once = false;
        return new Readable(assign({ objectMode: true }, opts, {
            read: function () {
                if (once) return;
                once = true;
                this.push(iterable);
                this.push(null);
            }
        }));
    }
    var isAsync = false, it;
    if (isObjectLike(iterable) && typeof iterable[AITER] === 'function') {
        isAsync = true;
        it = iterable[AITER]();
    } else if (isObjectLike(iterable) && typeof iterable[ITER] === 'function') {
        it = iterable[ITER]();
    } else {
        throw argType('iterable', 'an instance of Iterable', iterable);
    }
    var reading = false, isDone = false;
    readable = new Readable(assign({ objectMode: true, highWaterMark: 1 }, opts));

    readable._read = function () {
        if (!reading) {
            reading = true;
            step();
        }
    };
    readable._destroy = function (err, cb) {
        closeIterator(err).then(function () { tick(cb, err); }, function (e) { tick(cb, e || err); });
    };

    function closeIterator(err) {
        var hadError = err !== undefined && err !== null;
        if (isDone || typeof it['return'] !== 'function') return Promise.resolve();
        isDone = true;
        if (hadError && typeof it['throw'] === 'function') {
            return new Promise(function (resolve) { resolve(it['throw'](err)); }).then(nop, nop);
        }
        return new Promise(function (resolve) { resolve(it['return']()); }).then(function (r) {
            if (r !== null && typeof r === 'object' && 'then' in r) return r.then(nop);
        });
    }

    function fail(err) {
        reading = false;
        readable.destroy(err);
    }

    /* push value; true to go on */
    function deliver(value) {
        if (value === null) {
            reading = false;
            throw nullValues();
        }
        if (readable.push(value)) return true;
        reading = false;
        return false;
    }

    function step() {
        if (isAsync) {
            var r;
            try {
                r = it.next();
            } catch (e) {
                fail(e);
                return;
            }
            Promise.resolve(r).then(function (res) {
                if (res.done) {
                    isDone = true;
                    readable.push(null);
                    return;
                }
                var v = res.value;
                if (isObjectLike(v) && typeof v.then === 'function') {
                    Promise.resolve(v).then(function (x) { if (deliver(x)) step(); }).then(null, fail);
                    return;
                }
                if (deliver(v)) step();
            }).then(null, fail);
            return;
        }
        try {
            for (;;) {
                var res = it.next();
                if (res.done) {
                    isDone = true;
                    readable.push(null);
                    return;
                }
                var v = res.value;
                if (isObjectLike(v) && typeof v.then === 'function') {
                    Promise.resolve(v).then(function (x) { if (deliver(x)) step(); }).then(null, fail);
                    return;
                }
                if (!deliver(v)) return;
            }
        } catch (e) {
            fail(e);
        }
    }
    return readable;
};

/* --- the Readable helpers: map, filter, forEach, toArray... ---
 * Each reads the stream through its async iterator, one chunk at a time
 * (concurrency is taken but chunks are handled in order, one by one). */

function helperOptions(options) {
    if (options === undefined) return {};
    validateObject(options, 'options');
    if (options.signal !== undefined) validateSignal(options.signal, 'options.signal');
    if (options.concurrency !== undefined && (typeof options.concurrency !== 'number' || options.concurrency < 1))
        throw streamError('ERR_OUT_OF_RANGE', 'The value of "options.concurrency" is out of range. It must be >= 1. Received ' +
                          rt.inspect(options.concurrency), RangeError);
    return options;
}

/* An async iterable whose next() calls produce(iterator) for the next
 * { value, done }, then a Readable over it. */
function derived(stream, options, produce) {
    var source = null, signal = options.signal;
    var iterable = {};
    iterable[AITER] = function () {
        source = stream[AITER]();
        return {
            next: function () {
                if (signal && signal.aborted) return Promise.reject(abortError(signal));
                return produce(source);
            },
            'return': function () {
                return source['return']();
            }
        };
    };
    return Readable.from(iterable, { objectMode: true, highWaterMark: 1 });
}

function fnOptions(options) {
    return { signal: options.signal || new G.AbortController().signal };
}

RP.map = function (fn, options) {
    validateFunction(fn, 'fn');
    options = helperOptions(options);
    var extra = fnOptions(options);
    return derived(this, options, function (source) {
        return source.next().then(function (r) {
            if (r.done) return r;
            return Promise.resolve(fn(r.value, extra)).then(function (v) { return { value: v, done: false }; });
        });
    });
};

RP.filter = function (fn, options) {
    validateFunction(fn, 'fn');
    options = helperOptions(options);
    var extra = fnOptions(options);
    return derived(this, options, function again(source) {
        return source.next().then(function (r) {
            if (r.done) return r;
            return Promise.resolve(fn(r.value, extra)).then(function (keep) {
                return keep ? r : again(source);
            });
        });
    });
};

RP.take = function (limit, options) {
    options = helperOptions(options);
    var n = toCount(limit);
    return derived(this, options, function (source) {
        if (n-- <= 0) return source['return']().then(function () { return { value: undefined, done: true }; });
        return source.next();
    });
};

RP.drop = function (limit, options) {
    options = helperOptions(options);
    var n = toCount(limit);
    return derived(this, options, function again(source) {
        return source.next().then(function (r) {
            if (r.done || n <= 0) return r;
            n--;
            return again(source);
        });
    });
};

RP.flatMap = function (fn, options) {
    validateFunction(fn, 'fn');
    options = helperOptions(options);
    var extra = fnOptions(options), inner = null;
    return derived(this, options, function again(source) {
        if (inner) {
            return inner.next().then(function (r) {
                if (!r.done) return r;
                inner = null;
                return again(source);
            });
        }
        return source.next().then(function (r) {
            if (r.done) return r;
            return Promise.resolve(fn(r.value, extra)).then(function (v) {
                inner = Readable.from(v)[AITER]();
                return again(source);
            });
        });
    });
};

function toCount(v) {
    var n = Number(v);
    if (n !== n) n = 0;
    if (n < 0) throw streamError('ERR_OUT_OF_RANGE', 'The value of "number" is out of range. It must be >= 0. Received ' + v, RangeError);
    return Math.floor(n);
}

/* Calls each(value) for every chunk until it returns true; the promise
 * resolves with stop(stoppedEarly, value). */
function consume(stream, options, each, stop) {
    options = helperOptions(options);
    return new Promise(function (resolve, reject) {
        var it = stream[AITER](), signal = options.signal;
        function fail(e) {
            it['return']().then(function () { reject(e); }, function () { reject(e); });
        }
        function next() {
            if (signal && signal.aborted) return fail(abortError(signal));
            it.next().then(function (r) {
                if (r.done) return resolve(stop(false));
                Promise.resolve(each(r.value)).then(function (hit) {
                    if (hit === true) {
                        it['return']().then(function () { resolve(stop(true, r.value)); }, reject);
                    } else next();
                }, fail);
            }, reject);
        }
        next();
    });
}

RP.forEach = function (fn, options) {
    validateFunction(fn, 'fn');
    var extra = fnOptions(options || {});
    return consume(this, options, function (v) {
        return Promise.resolve(fn(v, extra)).then(function () { return false; });
    }, function () { return undefined; });
};

RP.toArray = function (options) {
    var out = [];
    return consume(this, options, function (v) { out.push(v); return false; }, function () { return out; });
};

RP.some = function (fn, options) {
    validateFunction(fn, 'fn');
    var extra = fnOptions(options || {});
    return consume(this, options, function (v) {
        return Promise.resolve(fn(v, extra)).then(function (x) { return !!x; });
    }, function (early) { return early; });
};

RP.every = function (fn, options) {
    validateFunction(fn, 'fn');
    var extra = fnOptions(options || {});
    return consume(this, options, function (v) {
        return Promise.resolve(fn(v, extra)).then(function (x) { return !x; });
    }, function (early) { return !early; });
};

RP.find = function (fn, options) {
    validateFunction(fn, 'fn');
    var extra = fnOptions(options || {});
    return consume(this, options, function (v) {
        return Promise.resolve(fn(v, extra)).then(function (x) { return !!x; });
    }, function (early, v) { return early ? v : undefined; });
};

RP.reduce = function (fn, initial, options) {
    validateFunction(fn, 'reducer');
    var hasInitial = arguments.length > 1, acc = initial, extra = fnOptions(options || {});
    return consume(this, options, function (v) {
        if (!hasInitial) {
            hasInitial = true;
            acc = v;
            return false;
        }
        return Promise.resolve(fn(acc, v, extra)).then(function (x) { acc = x; return false; });
    }, function () {
        if (!hasInitial) throw streamError('ERR_INVALID_ARGS', 'Reduce of an empty stream requires an initial value', TypeError);
        return acc;
    });
};

/* --- Writable --- */

function WritableState(options, stream, isDuplex) {
    options = options || {};
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
    this.highWaterMark = highWaterMark(options, 'writableHighWaterMark', isDuplex, this.objectMode);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    /* whether _write called back before returning (then the callback
     * waits a tick) */
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = onwrite.bind(undefined, stream);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    this.buffered = [];
    this.bufferedIndex = 0;
    this.allBuffers = true;
    this.allNoop = true;
    this.pendingcb = 0;
    this.constructed = true;
    this.afterConstruct = null;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.onFinished = [];
}

def(WritableState.prototype, 'getBuffer', function () {
    return this.buffered.slice(this.bufferedIndex);
});
Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
    get: function () { return this.buffered.length - this.bufferedIndex; },
    configurable: true
});

function Writable(options) {
    var isDuplex = this instanceof Duplex;
    if (!isDuplex && !(this instanceof Writable)) return new Writable(options);
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
        if (typeof options.write === 'function') this._write = options.write;
        if (typeof options.writev === 'function') this._writev = options.writev;
        if (typeof options.final === 'function') this._final = options.final;
    }
    Stream.call(this, options);
    if (!isDuplex) setup(this, options);
}
Object.setPrototypeOf(Writable, Stream);
Writable.prototype = Object.create(Stream.prototype);
def(Writable.prototype, 'constructor', Writable);
Writable.WritableState = WritableState;

/* A Duplex is a Writable too (it cannot inherit from both) */
Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (obj) {
        if (obj === null || obj === undefined) return false;
        if (typeof this.prototype === 'object' && Object.prototype.isPrototypeOf.call(this.prototype, obj)) return true;
        if (this !== Writable) return false;
        return !!obj && obj._writableState instanceof WritableState;
    },
    configurable: true
});

var WP = Writable.prototype;

WP.pipe = function () {
    errorOrDestroy(this, streamError('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'));
};

/* write() and end()'s chunk: undefined when taken (or handed to cb),
 * else the error. */
function writeChunk(stream, chunk, encoding, cb) {
    var state = stream._writableState;
    /* objectMode's _write sees the encoding as given (undefined, or null
     * when the callback took its place), as Node's does */
    if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
    } else {
        if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding))
            throw streamError('ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding, TypeError);
        if (typeof cb !== 'function') cb = nop;
    }
    if (chunk === null) throw nullValues();
    if (!state.objectMode) {
        if (typeof chunk === 'string') {
            encoding = encoding || state.defaultEncoding;
            if (state.decodeStrings !== false) {
                chunk = Buffer.from(chunk, encoding);
                encoding = 'buffer';
            }
        } else if (chunk instanceof Buffer) {
            encoding = 'buffer';
        } else if (chunk instanceof Uint8Array) {
            chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
            encoding = 'buffer';
        } else throw chunkType(chunk);
    }
    var err;
    if (state.ending) err = streamError('ERR_STREAM_WRITE_AFTER_END', 'write after end');
    else if (state.destroyed) err = destroyedError('write');
    if (err) {
        tick(cb, err);
        errorOrDestroy(stream, err, true);
        return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
}

function writeOrBuffer(stream, state, chunk, encoding, cb) {
    var len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    if (state.writing || state.corked || state.errored || !state.constructed) {
        state.buffered.push({ chunk: chunk, encoding: encoding, callback: cb });
        if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
        if (state.allNoop && cb !== nop) state.allNoop = false;
    } else {
        state.writelen = len;
        state.writecb = cb;
        state.writing = true;
        state.sync = true;
        stream._write(chunk, encoding, state.onwrite);
        state.sync = false;
    }
    /* measured after _write, which may have finished at once */
    var ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    return ret && !state.errored && !state.destroyed;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(destroyedError('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
}

function onwrite(stream, er) {
    var state = stream._writableState, sync = state.sync, cb = state.writecb;
    if (typeof cb !== 'function') {
        errorOrDestroy(stream, streamError('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
        return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
        setErrored(stream, er);
        if (sync) tick(onwriteError, stream, er, cb);
        else onwriteError(stream, er, cb);
        return;
    }
    if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
    if (sync) {
        /* callbacks of writes done at once are called together, a tick later */
        var info = state.afterWriteTickInfo;
        if (info !== null && info.cb === cb) info.count++;
        else if (cb === nop && !state.needDrain) {
            /* nobody to call back: only the finish may follow */
            state.pendingcb--;
            finishMaybe(stream, state);
        } else {
            state.afterWriteTickInfo = { count: 1, cb: cb, stream: stream, state: state };
            tick(afterWriteTick, state.afterWriteTickInfo);
        }
    } else afterWrite(stream, state, 1, cb);
}

function onwriteError(stream, er, cb) {
    var state = stream._writableState;
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
}

function afterWriteTick(info) {
    info.state.afterWriteTickInfo = null;
    afterWrite(info.stream, info.state, info.count, info.cb);
}

function afterWrite(stream, state, count, cb) {
    if (!state.ending && !stream.destroyed && state.length === 0 && state.needDrain) {
        state.needDrain = false;
        stream.emit('drain');
    }
    while (count-- > 0) {
        state.pendingcb--;
        cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    finishMaybe(stream, state);
}

/* The writes still buffered, and end()'s callbacks, told the stream is
 * destroyed. */
function errorBuffer(state) {
    if (state.writing) return;
    var i, err = state.errored;
    for (i = state.bufferedIndex; i < state.buffered.length; i++) {
        var b = state.buffered[i];
        state.length -= state.objectMode ? 1 : b.chunk.length;
        b.callback(err || destroyedError('write'));
    }
    var fins = state.onFinished.splice(0, state.onFinished.length);
    for (i = 0; i < fins.length; i++) fins[i](err || destroyedError('end'));
    resetBuffer(state);
}

function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
}

function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    var buffered = state.buffered, i = state.bufferedIndex, n = buffered.length - i;
    if (!n) return;
    state.bufferProcessing = true;
    if (n > 1 && typeof stream._writev === 'function' && stream._writev !== WP._writev) {
        state.pendingcb -= n - 1;
        var chunks = buffered.slice(i), callback;
        if (state.allNoop) callback = nop;
        else {
            callback = function (err) {
                for (var k = 0; k < chunks.length; k++) chunks[k].callback(err);
            };
        }
        chunks.allBuffers = state.allBuffers;
        resetBuffer(state);
        doWrite(stream, state, true, state.length, chunks, '', callback);
    } else {
        do {
            var b = buffered[i];
            buffered[i++] = null;
            doWrite(stream, state, false, state.objectMode ? 1 : b.chunk.length, b.chunk, b.encoding, b.callback);
        } while (i < buffered.length && !state.writing);
        if (i === buffered.length) resetBuffer(state);
        else if (i > 256) {
            buffered.splice(0, i);
            state.bufferedIndex = 0;
        } else state.bufferedIndex = i;
    }
    state.bufferProcessing = false;
}

WP.write = function (chunk, encoding, cb) {
    return writeChunk(this, chunk, encoding, cb) === true;
};

WP.cork = function () {
    this._writableState.corked++;
};

WP.uncork = function () {
    var state = this._writableState;
    if (state.corked) {
        state.corked--;
        if (!state.writing) clearBuffer(this, state);
    }
};

WP.setDefaultEncoding = function (encoding) {
    if (typeof encoding === 'string') encoding = encoding.toLowerCase();
    if (!Buffer.isEncoding(encoding))
        throw streamError('ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding, TypeError);
    this._writableState.defaultEncoding = encoding;
    return this;
};

WP._write = function (chunk, encoding, cb) {
    if (typeof this._writev === 'function' && this._writev !== WP._writev)
        this._writev([{ chunk: chunk, encoding: encoding }], cb);
    else throw notImplemented('_write()');
};
WP._writev = null;

WP.end = function (chunk, encoding, cb) {
    var state = this._writableState, err;
    if (typeof chunk === 'function') {
        cb = chunk;
        chunk = null;
        encoding = null;
    } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
    }
    if (chunk !== null && chunk !== undefined) {
        var ret = writeChunk(this, chunk, encoding);
        if (ret instanceof Error) err = ret;
    }
    if (state.corked) {
        state.corked = 1;
        this.uncork();
    }
    if (err) {
        /* the write's error is the callback's */
    } else if (!state.errored && !state.ending) {
        state.ending = true;
        finishMaybe(this, state);
        state.ended = true;
    } else if (state.finished) {
        err = streamError('ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
    } else if (state.destroyed) {
        err = destroyedError('end');
    }
    if (typeof cb === 'function') {
        if (err || state.finished) tick(cb, err);
        /* errored before or by this end (its _final): told after 'close' */
        else if (state.errored) tick(cb, state.errored);
        else state.onFinished.push(cb);
    }
    return this;
};

function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
        state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted &&
        !state.closeEmitted;
}

/* _final, if any, before 'prefinish'; then 'finish' once nothing is pending */
function prefinish(stream, state) {
    if (state.prefinished || state.finalCalled) return;
    if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
    } else {
        state.prefinished = true;
        stream.emit('prefinish');
    }
}

function callFinal(stream, state) {
    var called = false;
    function done(err) {
        if (called) {
            errorOrDestroy(stream, streamError('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
            return;
        }
        called = true;
        state.pendingcb--;
        if (err) {
            var fins = state.onFinished.splice(0, state.onFinished.length);
            for (var i = 0; i < fins.length; i++) fins[i](err);
            errorOrDestroy(stream, err, state.sync);
        } else if (needFinish(state)) {
            state.prefinished = true;
            stream.emit('prefinish');
            state.pendingcb++;
            tick(finish, stream, state);
        }
    }
    state.sync = true;
    state.pendingcb++;
    try {
        stream._final(done);
    } catch (e) {
        done(e);
    }
    state.sync = false;
}

/* 'finish' comes a tick after the last write's callback (or end()),
 * wherever finishMaybe is called from, as in Node */
function finishMaybe(stream, state) {
    if (!needFinish(state)) return;
    prefinish(stream, state);
    if (state.pendingcb !== 0) return;
    state.pendingcb++;
    tick(function () {
        if (needFinish(state)) finish(stream, state);
        else state.pendingcb--;
    });
}

function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    var fins = state.onFinished.splice(0, state.onFinished.length);
    for (var i = 0; i < fins.length; i++) fins[i](null);
    stream.emit('finish');
    if (state.autoDestroy) {
        /* a Duplex goes when its readable side has ended too */
        var rs = stream._readableState;
        if (!rs || (rs.autoDestroy && (rs.endEmitted || rs.readable === false))) stream.destroy();
    }
}

WP.destroy = function (err, cb) {
    var state = this._writableState;
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state.onFinished.length))
        tick(errorBuffer, state);
    destroy.call(this, err, cb);
    return this;
};
WP._undestroy = undestroy;
WP._destroy = function (err, cb) { cb(err); };

var writableGetters = {
    closed: function () { return this._writableState ? this._writableState.closed : false; },
    destroyed: {
        get: function () { return this._writableState ? this._writableState.destroyed : false; },
        set: function (v) { if (this._writableState) this._writableState.destroyed = v; }
    },
    writable: {
        get: function () {
            var w = this._writableState;
            return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
        },
        set: function (v) {
            if (this._writableState) this._writableState.writable = !!v;
        }
    },
    writableFinished: function () { return this._writableState ? this._writableState.finished : false; },
    writableObjectMode: function () { return this._writableState ? this._writableState.objectMode : false; },
    writableBuffer: function () { return this._writableState && this._writableState.getBuffer(); },
    writableEnded: function () { return this._writableState ? this._writableState.ending : false; },
    writableNeedDrain: function () {
        var w = this._writableState;
        return w ? !w.destroyed && !w.ending && w.needDrain : false;
    },
    writableHighWaterMark: function () { return this._writableState && this._writableState.highWaterMark; },
    writableCorked: function () { return this._writableState ? this._writableState.corked : 0; },
    writableLength: function () { return this._writableState && this._writableState.length; },
    errored: function () { return this._writableState ? this._writableState.errored : null; },
    writableAborted: function () {
        var w = this._writableState;
        return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
    }
};
getters(WP, writableGetters);

/* --- Duplex: a Readable that is a Writable too --- */

function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    Readable.call(this, options);
    Writable.call(this, options);
    if (options) {
        this.allowHalfOpen = options.allowHalfOpen !== false;
        if (options.readable === false) {
            this._readableState.readable = false;
            this._readableState.ended = true;
            this._readableState.endEmitted = true;
        }
        if (options.writable === false) {
            this._writableState.writable = false;
            this._writableState.ending = true;
            this._writableState.ended = true;
            this._writableState.finished = true;
        }
    } else this.allowHalfOpen = true;
    setup(this, options);
}
Object.setPrototypeOf(Duplex, Readable);
Duplex.prototype = Object.create(Readable.prototype);
def(Duplex.prototype, 'constructor', Duplex);

var DP = Duplex.prototype;
['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write'].forEach(function (k) {
    DP[k] = WP[k];
});
DP._writev = null;
DP.destroy = WP.destroy;
getters(DP, {
    writable: writableGetters.writable,
    writableHighWaterMark: writableGetters.writableHighWaterMark,
    writableObjectMode: writableGetters.writableObjectMode,
    writableBuffer: writableGetters.writableBuffer,
    writableLength: writableGetters.writableLength,
    writableFinished: writableGetters.writableFinished,
    writableCorked: writableGetters.writableCorked,
    writableEnded: writableGetters.writableEnded,
    writableNeedDrain: writableGetters.writableNeedDrain,
    destroyed: {
        get: function () {
            var r = this._readableState, w = this._writableState;
            return r && w ? r.destroyed && w.destroyed : false;
        },
        set: function (v) {
            if (this._readableState && this._writableState) {
                this._readableState.destroyed = v;
                this._writableState.destroyed = v;
            }
        }
    }
});

/* --- Transform and PassThrough --- */

var TRANSFORM_CB = Symbol('transformCallback');

function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    Duplex.call(this, options);
    /* a push from _transform is not inside _read: 'readable' at once */
    this._readableState.sync = false;
    this[TRANSFORM_CB] = null;
    if (options) {
        if (typeof options.transform === 'function') this._transform = options.transform;
        if (typeof options.flush === 'function') this._flush = options.flush;
    }
    /* a subclass's own _final replaces ours: flush at prefinish then */
    this.on('prefinish', transformPrefinish);
}
Object.setPrototypeOf(Transform, Duplex);
Transform.prototype = Object.create(Duplex.prototype);
def(Transform.prototype, 'constructor', Transform);

function transformFinal(cb) {
    var self = this;
    if (typeof this._flush === 'function' && !this.destroyed) {
        this._flush(function (er, data) {
            if (er) {
                if (cb) cb(er);
                else self.destroy(er);
                return;
            }
            if (data !== null && data !== undefined) self.push(data);
            self.push(null);
            if (cb) cb();
        });
    } else {
        this.push(null);
        if (cb) cb();
    }
}

function transformPrefinish() {
    if (this._final !== transformFinal) transformFinal.call(this);
}

var TP = Transform.prototype;
TP._final = transformFinal;

TP._transform = function () {
    throw notImplemented('_transform()');
};

/* The write callback waits while the readable side is full (backpressure
 * through the transform); _read releases it. */
TP._write = function (chunk, encoding, callback) {
    var self = this, rState = this._readableState, wState = this._writableState, length = rState.length;
    this._transform(chunk, encoding, function (err, val) {
        if (err) {
            callback(err);
            return;
        }
        if (val !== null && val !== undefined) self.push(val);
        if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
        else self[TRANSFORM_CB] = callback;
    });
};

TP._read = function () {
    var cb = this[TRANSFORM_CB];
    if (cb) {
        this[TRANSFORM_CB] = null;
        cb();
    }
};

function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype = Object.create(Transform.prototype);
def(PassThrough.prototype, 'constructor', PassThrough);
PassThrough.prototype._transform = function (chunk, encoding, cb) {
    cb(null, chunk);
};

/* --- finished (end-of-stream) --- */

function isReadableStream(s) {
    return !!s && typeof s.pipe === 'function' && typeof s.on === 'function' &&
        (!s._writableState || (s._readableState && s._readableState.readable !== false)) &&
        (!s._writableState || !!s._readableState);
}
function isWritableStream(s) {
    return !!s && typeof s.write === 'function' && typeof s.on === 'function' &&
        (!s._readableState || (s._writableState && s._writableState.writable !== false));
}
function isNodeStream(s) {
    return !!s && (s._readableState || s._writableState ||
        (typeof s.write === 'function' && typeof s.on === 'function') ||
        (typeof s.pipe === 'function' && typeof s.on === 'function'));
}

function eos(stream, options, callback) {
    if (arguments.length === 2) {
        callback = options;
        options = {};
    } else if (options === null || options === undefined) options = {};
    else validateObject(options, 'options');
    validateFunction(callback, 'callback');
    if (!isNodeStream(stream))
        throw argType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
    var called = false;
    function done(err) {
        if (called) return;
        called = true;
        cleanup();
        callback.call(stream, err);
    }
    var rState = stream._readableState, wState = stream._writableState;
    var readable = options.readable !== undefined ? options.readable : isReadableStream(stream);
    var writable = options.writable !== undefined ? options.writable : isWritableStream(stream);
    var readableDone = !!(rState && rState.endEmitted);
    var writableDone = !!(wState && wState.finished);

    function onlegacyfinish() {
        if (!stream.writable) onfinish();
    }
    function onfinish() {
        writableDone = true;
        if (!readable || readableDone || (rState && rState.readable === false && !stream.readable)) done();
    }
    function onend() {
        readableDone = true;
        if (!writable || writableDone || (wState && wState.writable === false)) done();
    }
    function onerror(err) {
        done(err);
    }
    function onclose() {
        var errored = (wState && wState.errored) || (rState && rState.errored);
        if (errored && typeof errored !== 'boolean') return done(errored);
        if (readable && !readableDone && isReadableStream(stream) && !(rState && rState.endEmitted))
            return done(prematureClose());
        if (writable && !writableDone && !(wState && wState.finished)) return done(prematureClose());
        done();
    }
    function cleanup() {
        stream.removeListener('end', onend);
        stream.removeListener('finish', onfinish);
        stream.removeListener('end', onlegacyfinish);
        stream.removeListener('error', onerror);
        stream.removeListener('close', onclose);
        if (options.signal && onabort) options.signal.removeEventListener('abort', onabort);
    }
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (!wState && !rState && writable) stream.on('end', onlegacyfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);

    var onabort = null;
    if (options.signal) {
        validateSignal(options.signal, 'options.signal');
        var signal = options.signal;
        onabort = function () {
            var cb = callback;
            cleanup();
            called = true;
            cb.call(stream, abortError(signal));
        };
        if (signal.aborted) tick(onabort);
        else signal.addEventListener('abort', onabort);
    }

    /* already over: told on the next tick */
    var s = wState || rState;
    if (s && s.closed) tick(onclose);
    else if (s && (s.errorEmitted) && (wState ? wState.errored : rState.errored))
        tick(onerror, (wState && wState.errored) || rState.errored);
    else if (wState && wState.finished && (!readable || !rState || rState.endEmitted)) tick(done);
    else if (!wState && rState && rState.endEmitted && !writable) tick(done);
    return cleanup;
}

/* --- pipeline --- */

function isIterable(v, asyncOnly) {
    if (!isObjectLike(v)) return false;
    if (typeof v[AITER] === 'function') return true;
    return !asyncOnly && typeof v[ITER] === 'function';
}

function destroyer(stream, err) {
    if (!stream || stream.destroyed) return;
    var r = stream._readableState, w = stream._writableState;
    /* finished streams are left alone (their autoDestroy closes them) */
    if (err === undefined && ((r && r.endEmitted) || (w && w.finished) || (!r && !w))) return;
    if (typeof stream.destroy === 'function') stream.destroy(err);
    else if (typeof stream.close === 'function') stream.close();
}

function pipeline() {
    var streams = slice.call(arguments);
    var callback = streams.length && typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
    validateFunction(callback, 'streams[' + streams.length + ']');
    return pipelineImpl(streams, callback, {});
}

function pipelineImpl(streams, callback, opts) {
    if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw streamError('ERR_MISSING_ARGS', 'The "streams" argument must be specified', TypeError);
    var signal = opts.signal, error, finishing = 0, called = false, value;
    var destroys = [], onabort = null;
    if (signal !== undefined) validateSignal(signal, 'options.signal');

    function finishAll(err, final) {
        if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
        if (!error && !final) return;
        while (destroys.length) destroys.shift()(error);
        if (signal && onabort) signal.removeEventListener('abort', onabort);
        if (final && !called) {
            called = true;
            var e = error, v = value;
            tick(function () { callback(e, v); });
        }
    }
    function finishOne(err) {
        finishAll(err, --finishing === 0);
    }

    var ret = null, last = streams.length - 1;
    for (var i = 0; i < streams.length; i++) {
        var stream = streams[i], reading = i < last, writing = i > 0, end = reading || opts.end !== false;
        if (i > 0 && isSink(stream)) stream = sinkOf(stream);
        if (isNodeStream(stream)) {
            if (end) destroys.push(watch(stream, reading, writing));
            /* an error after the pipeline's end is not an uncaught one */
            stream.on('error', nop);
        }
        if (i === 0) {
            if (typeof stream === 'function') {
                ret = stream({ signal: signal });
                if (!isIterable(ret) && !isNodeStream(ret))
                    throw streamError('ERR_INVALID_RETURN_VALUE', 'Expected Iterable, AsyncIterable or Stream to be returned from the "source" function.', TypeError);
            } else if (isIterable(stream) || isNodeStream(stream)) ret = stream;
            else ret = Readable.from(stream);
        } else if (typeof stream === 'function') {
            var src = isNodeStream(ret) ? ret : Readable.from(ret);
            ret = stream(src, { signal: signal });
            if (reading) {
                if (!isIterable(ret, true))
                    throw streamError('ERR_INVALID_RETURN_VALUE', 'Expected AsyncIterable to be returned from the "transform[' + (i - 1) + ']" function.', TypeError);
            } else {
                /* the last function's promise is the pipeline's value */
                var pt = new PassThrough({ objectMode: true });
                var then = ret && typeof ret.then === 'function' ? ret : null;
                if (isIterable(ret) || isNodeStream(ret)) {
                    finishing++;
                    pump(ret, pt, finishOne, { end: end });
                } else if (then) {
                    finishing++;
                    then.then(function (v) {
                        value = v;
                        if (v !== undefined && v !== null) pt.write(v);
                        if (end) pt.end();
                        finishOne();
                    }, function (err) {
                        pt.destroy(err);
                        finishOne(err);
                    });
                } else {
                    throw streamError('ERR_INVALID_RETURN_VALUE', 'Expected AsyncIterable or Promise to be returned from the "destination" function.', TypeError);
                }
                ret = pt;
                destroys.push(watch(ret, false, true));
            }
        } else if (isNodeStream(stream)) {
            if (isNodeStream(ret)) {
                ret.pipe(stream, { end: end });
            } else if (isIterable(ret)) {
                finishing++;
                pump(ret, stream, finishOne, { end: end });
            } else {
                throw argType('val', 'an instance of Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream', ret);
            }
            ret = stream;
        } else {
            ret = Readable.from(stream);
        }
    }

    /* counted until it is over; destroyed with the pipeline's error */
    function watch(stream, reading, writing) {
        var over = false;
        finishing++;
        eos(stream, { readable: reading, writable: writing }, function (err) {
            over = !err;
            finishOne(err);
        });
        return function (err) {
            if (!over) destroyer(stream, err || undefined);
        };
    }

    if (signal) {
        onabort = function () { finishAll(abortError(signal)); };
        if (signal.aborted) tick(onabort);
        else signal.addEventListener('abort', onabort);
    }
    return ret;
}

/* An (async) iterable written into a writable stream, with backpressure. */
function pump(iterable, writable, finishOne, opts) {
    var it = typeof iterable[AITER] === 'function' ? iterable[AITER]() : iterable[ITER](), isAsync = typeof iterable[AITER] === 'function';
    var failed = false;
    eos(writable, { readable: false }, function (err) {
        if (err && !failed) {
            failed = true;
            if (typeof it['return'] === 'function') Promise.resolve().then(function () { return it['return'](); }).then(nop, nop);
        }
    });
    function fail(err) {
        if (failed) return;
        failed = true;
        writable.destroy(err);
        finishOne(err);
    }
    function next() {
        if (failed) return;
        var r;
        try {
            r = it.next();
        } catch (e) {
            return fail(e);
        }
        Promise.resolve(isAsync ? r : r).then(function (step) {
            if (failed) return;
            if (step.done) {
                if (opts.end !== false) writable.end();
                eos(writable, { readable: false }, function (err) { if (!failed) finishOne(err); });
                return;
            }
            Promise.resolve(step.value).then(function (v) {
                if (writable.write(v) === false) {
                    writable.once('drain', next);
                } else next();
            }).then(null, fail);
        }, fail);
    }
    next();
}

/* --- addAbortSignal --- */

function addAbortSignal(signal, stream) {
    validateSignal(signal, 'signal');
    if (!isNodeStream(stream))
        throw argType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
    function onabort() {
        stream.destroy(abortError(signal));
    }
    if (signal.aborted) onabort();
    else {
        signal.addEventListener('abort', onabort);
        eos(stream, function () { signal.removeEventListener('abort', onabort); });
    }
    return stream;
}

/* --- the module --- */

var promises = {
    pipeline: function () {
        var streams = slice.call(arguments), opts = {};
        var lastArg = streams[streams.length - 1];
        if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) && !isSink(lastArg) &&
            !isIterable(lastArg) && !Array.isArray(lastArg))
            opts = streams.pop();
        return new Promise(function (resolve, reject) {
            pipelineImpl(streams, function (err, value) {
                if (err) reject(err);
                else resolve(value);
            }, opts);
        });
    },
    finished: function (stream, opts) {
        return new Promise(function (resolve, reject) {
            eos(stream, opts, function (err) {
                if (err) reject(err);
                else resolve();
            });
        });
    }
};

def(pipeline, PROMISIFY_KEY(), promises.pipeline);
def(eos, PROMISIFY_KEY(), promises.finished);

function PROMISIFY_KEY() {
    return Symbol['for']('nodejs.util.promisify.custom');
}

Stream.isDestroyed = function (s) {
    if (!isNodeStream(s)) return null;
    var r = s._readableState, w = s._writableState, st = w || r;
    return !!(s.destroyed || (st && st.destroyed));
};
Stream.isDisturbed = function (s) {
    return !!(s && (s._readableState ? s._readableState.dataEmitted || s._readableState.endEmitted : false));
};
/* errored once 'error' is emitted, not when destroy(err) is called */
Stream.isErrored = function (s) {
    return !!(s && ((s._readableState && s._readableState.errorEmitted) ||
                    (s._writableState && s._writableState.errorEmitted)));
};
Stream.isReadable = function (s) {
    if (!isReadableStream(s)) return null;
    var r = s._readableState;
    return !!(r && !r.destroyed && !r.errored && !r.endEmitted && s.readable !== false);
};
Stream.isWritable = function (s) {
    if (!isWritableStream(s)) return null;
    var w = s._writableState;
    return !!(w && !w.destroyed && !w.errored && !w.ending && s.writable !== false);
};
/* duplexPair([options]): two Duplexes, each reading what the other
 * writes.  A write waits (its callback held) until the other side's
 * reader asks for more, so the pair keeps Node's backpressure; end() on
 * one side ends the other's readable side. */
function duplexPair(options) {
    var a = new Duplex(options), b = new Duplex(options);
    function side(self, other) {
        var held = null;
        self._write = function (chunk, enc, cb) {
            if (other.push(chunk)) cb();
            else held = cb;
        };
        self._final = function (cb) {
            other.push(null);
            cb();
        };
        other._read = function () {
            var cb = held;
            held = null;
            if (cb) cb();
        };
    }
    side(a, b);
    side(b, a);
    return [a, b];
}
Stream.duplexPair = duplexPair;

/* compose(...streams): one Duplex that writes into the first stream and
 * reads from the last, the streams joined by pipeline (Node 20's
 * experimental stream.compose).  A function is an async generator of
 * its source, as in pipeline; a first one gets a PassThrough to write
 * into; a last one that returns a promise leaves the Duplex writable
 * only.  The first may be an iterable (read only).  An error in any of
 * them destroys them all and the Duplex; destroying the Duplex destroys
 * them.  Its 'finish' waits until the pipeline is over. */
var COMPOSE_BODY = 'of type function or an instance of Blob, ReadableStream, WritableStream, Stream, ' +
    'Iterable, AsyncIterable, or Promise or { readable, writable } pair';
function compose() {
    var list = slice.call(arguments), n = list.length, i;
    if (n === 0) throw streamError('ERR_MISSING_ARGS', 'The "streams" argument must be specified', TypeError);
    for (i = 0; i < n; i++) {
        var s = list[i];
        if (typeof s === 'function' || isNodeStream(s)) continue;
        if (i === 0 && isIterable(s)) list[0] = Readable.from(s);
        else throw argType('body', COMPOSE_BODY, s);
    }
    if (n === 1 && isNodeStream(list[0]) && list[0]._readableState && list[0]._writableState) return list[0];
    for (i = 0; i < n; i++) {
        if (!isNodeStream(list[i])) continue;
        if (i < n - 1 && !isReadableStream(list[i]))
            throw streamError('ERR_INVALID_ARG_VALUE', "The argument 'streams[" + i + "]' must be readable. Received " + rt.inspect(list[i]), TypeError);
        if (i > 0 && !isWritableStream(list[i]))
            throw streamError('ERR_INVALID_ARG_VALUE', "The argument 'streams[" + i + "]' must be writable. Received " + rt.inspect(list[i]), TypeError);
    }
    if (typeof list[0] === 'function') list.unshift(new PassThrough({ objectMode: true }));
    var lastFn = typeof list[list.length - 1] === 'function' ? list[list.length - 1] : null, tailReads = true;
    if (lastFn) {
        list[list.length - 1] = function (src, o) {
            var r = lastFn(src, o);
            tailReads = isIterable(r) || isNodeStream(r);
            return r;
        };
    }
    var head = list[0], onfinal = null, over = false, tail;
    function done(err) {
        if (err) return void d.destroy(err);
        over = true;
        if (onfinal) { var cb = onfinal; onfinal = null; cb(); }
    }
    if (list.length > 1) tail = pipelineImpl(list, done, {});
    else {
        tail = head;
        eos(head, done);
    }
    /* a Writable has the legacy Stream's pipe, but nothing to read */
    var writable = !!(isWritableStream(head) && (!head._writableState || head._writableState.writable !== false));
    var readable = !!(tailReads && (tail._readableState ? tail._readableState.readable !== false : isReadableStream(tail) && !tail._writableState));
    var d = new Duplex({
        writableObjectMode: !!(head._writableState && head._writableState.objectMode),
        readableObjectMode: !!(tail._readableState && tail._readableState.objectMode),
        writable: writable, readable: readable
    });
    if (writable) {
        d._write = function (chunk, enc, cb) {
            if (head.write(chunk, enc)) cb();
            else head.once('drain', function () { cb(); });
        };
        d._final = function (cb) {
            if (over) return cb();
            onfinal = cb;
            head.end();
        };
    }
    if (readable) {
        var pull = function () {
            var chunk;
            while ((chunk = tail.read()) !== null)
                if (!d.push(chunk)) return;
        };
        d._read = pull;
        tail.on('readable', pull);
        tail.on('end', function () { d.push(null); });
    }
    d._destroy = function (err, cb) {
        for (var j = 0; j < list.length; j++)
            if (isNodeStream(list[j])) destroyer(list[j], err || null);
        if (tail !== list[list.length - 1] && isNodeStream(tail)) destroyer(tail, err || null);
        cb(err);
    };
    return d;
}
Stream.compose = compose;

Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = function (stream, err) {
    destroyer(stream, err === undefined ? null : err);
};
Stream.setDefaultHighWaterMark = function (objectMode, value) {
    if (typeof value !== 'number' || value < 0 || Math.floor(value) !== value)
        throw streamError('ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + rt.inspect(value), TypeError);
    if (hwmDefaults.seq !== rt.seq) {
        hwmDefaults.seq = rt.seq;
        hwmDefaults.bytes = 16 * 1024;
        hwmDefaults.objects = 16;
    }
    if (objectMode) hwmDefaults.objects = value;
    else hwmDefaults.bytes = value;
};
Stream.getDefaultHighWaterMark = defaultHwm;
Stream.promises = promises;
Stream.Stream = Stream;
Stream._isUint8Array = function (v) { return v instanceof Uint8Array; };
Stream._isArrayBufferView = function (v) { return ArrayBuffer.isView(v); };
Stream._uint8ArrayToBuffer = function (v) { return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };

rt.builtins.stream = function () { return Stream; };
rt.builtins['stream/promises'] = function () { return promises; };

/* req is a Readable of the request body, as Node's IncomingMessage is:
 * req.on('data'), for await (const chunk of req), req.pipe(dest).  It
 * reads the body from the web server in 64 KB chunks as they are asked
 * for (or from memory when req.body read it whole first).  Its
 * state is made on first use: the requests that never read req as a
 * stream pay nothing for it. */
var REQ_CHUNK = 64 * 1024;
if (rt.requestPrototype) {
    var ReqP = rt.requestPrototype;
    Object.setPrototypeOf(ReqP, RP);
    var ownState = function (req, state) {
        Object.defineProperty(req, '_readableState', { value: state, writable: true, configurable: true });
        return state;
    };
    Object.defineProperty(ReqP, '_readableState', {
        get: function () {
            if (this === ReqP) return undefined;
            return ownState(this, new ReadableState({}, this, false));
        },
        set: function (v) { ownState(this, v); },
        enumerable: false, configurable: true
    });
    ReqP._read = function () {
        var chunk;
        try {
            chunk = rt.requestBodyChunk(this, REQ_CHUNK);
        } catch (e) {
            this.destroy(e);
            return;
        }
        this.push(chunk);
    };
}

/* every method overridable per instance (stream._read = f, as many do) */
if (rt.exposed)
    rt.exposed.push(Stream.prototype, RP, WP, DP, TP, PassThrough.prototype, StreamIterator.prototype);
