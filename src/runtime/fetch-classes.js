/* fetch-classes.js - the WHATWG fetch classes Headers, Request and Response
 * with Node 20's (undici's) behaviour and error messages; the
 * `fetch` global itself is fetch.js, evaluated later, which builds the
 * Response a fetch resolves with through rt.makeResponse(source, meta) and
 * reads a Request's body with req._bodyBytes().
 *
 * Every body reads from a "source": { read() -> Promise of the next chunk
 * (a Buffer) or null at the end, cancel(reason) }.  fetch.js hands over a
 * source that pulls from libcurl; a body built by `new Response(x)` is a
 * source over x's bytes; clone() tees a source into two.  text()/json()
 * collect the chunks and concatenate them once; `body` is a small
 * ReadableStream look-alike (getReader(), async iteration, cancel()) over
 * the same source, so a large upstream body can be streamed chunk by chunk.
 *
 * Instances keep their state under one hidden symbol, so console.log shows
 * `Headers {}` rather than the internals.  Blob and FormData do not exist
 * here: blob() and formData() reject with ERR_METHOD_NOT_IMPLEMENTED.
 *
 * Needs: rt.nodeError (buffer.js); rt.exposed (timers.js); URL,
 *   URLSearchParams, AbortSignal, AbortController (node.js).  When called:
 *   rt.decodeBytes (buffer.js).
 * Provides: rt.makeResponse, rt.Headers, rt.Request, rt.Response; the
 *   globals Headers, Request, Response; Symbol.asyncIterator.
 *
 * Runs as the body of function (sys, rt); ES5 only.  Symbol.iterator is
 * Duktape's own; Symbol.asyncIterator is made here when missing, as
 * front-rt.js would.
 */
var G = new Function('return this')();
var defProp = Object.defineProperty;
var nodeError = rt.nodeError;
var Buf = G.Buffer, URLc = G.URL, USP = G.URLSearchParams;
var AbortSignalC = G.AbortSignal, AbortControllerC = G.AbortController;
var STATE = Symbol('state');
var ITER = Symbol.iterator;
if (!Symbol.asyncIterator)
    defProp(Symbol, 'asyncIterator', { value: Symbol('Symbol.asyncIterator') });
var AITER = Symbol.asyncIterator;
var TAG = Symbol.toStringTag;
var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
var NULL_BODY_STATUS = { 101: 1, 103: 1, 204: 1, 205: 1, 304: 1 };
var INTERNAL = {};              /* the key that makes a ReadableStream */

function def(obj, name, value) {
    defProp(obj, name, { value: value, writable: true, configurable: true });
}

/* Methods and getters are enumerable on the prototypes, as undici makes
 * them; a method made by a helper still gets its name. */
function method(obj, name, fn) {
    if (fn.name !== name) defProp(fn, 'name', { value: name, configurable: true });
    defProp(obj, name, { value: fn, writable: true, enumerable: true, configurable: true });
}

function getter(obj, name, fn, hidden) {
    defProp(obj, name, { get: fn, enumerable: !hidden, configurable: true });
}

/* Function lengths as Node's (optional arguments do not count). */
function arity(fn, n) {
    defProp(fn, 'length', { value: n, configurable: true });
}

function tag(proto, name) {
    defProp(proto, TAG, { value: name, configurable: true });
}

function hide(obj, state) {
    defProp(obj, STATE, { value: state });
    return obj;
}

function illegal() {
    return nodeError(TypeError, 'ERR_INVALID_THIS', 'Illegal invocation');
}

/* The brand check: the state of an instance of `kind`, or Illegal invocation. */
function stateOf(o, kind) {
    var s = o !== null && typeof o === 'object' ? o[STATE] : undefined;
    if (!s || s.kind !== kind) throw illegal();
    return s;
}

function needArgs(ctx, n, min) {
    if (n < min)
        throw new TypeError(ctx + ': ' + min + ' argument' + (min !== 1 ? 's' : '') + ' required, but' +
                            (n ? ' only' : '') + ' ' + n + ' found.');
}

function byteString(v) {
    if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    var s = String(v), i = s.search(/[^\x00-\xff]/);
    if (i >= 0)
        throw new TypeError('Cannot convert argument to a ByteString because the character at index ' + i +
                            ' has a value of ' + s.charCodeAt(i) + ' which is greater than 255.');
    return s;
}

/* A WebIDL dictionary argument: undefined and null are {}. */
function dict(v, ctx) {
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' && typeof v !== 'function')
        throw new TypeError(ctx + ': Expected ' + String(v) + ' to be one of: Null, Undefined, Object.');
    return v;
}

/* A WebIDL enum member of init, or its default. */
function oneOf(v, list, ctx, dflt) {
    if (v === undefined) return dflt;
    v = String(v);
    if (list.indexOf(v) < 0)
        throw new TypeError(ctx + ': ' + v + ' is not an accepted type. Expected one of ' + list.join(', ') + '.');
    return v;
}

/* new URL(s), or Node's "Failed to parse URL from s" with the URL error as cause. */
function parseUrl(s) {
    try {
        return new URLc(s);
    } catch (e) {
        var err = new TypeError('Failed to parse URL from ' + s);
        err.cause = e;
        throw err;
    }
}

/* --- Headers --- */

/* map: lower-case name -> combined value; cookies: each Set-Cookie value
 * apart (they cannot be joined with ", "); sorted: the iteration list,
 * made again after a change. */
function HeadersState(guard) {
    this.kind = 'Headers';
    this.guard = guard;
    this.map = Object.create(null);
    this.cookies = null;
    this.sorted = null;
}

/* Strips HTTP whitespace around a value, then checks it (no NUL, CR, LF). */
function headerValue(ctx, v) {
    v = byteString(v);
    var n = v.length;
    if (n && (v.charCodeAt(0) <= 32 || v.charCodeAt(n - 1) <= 32))
        v = v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\0\r\n]/.test(v))
        throw new TypeError(ctx + ': "' + v + '" is an invalid header value.');
    return v;
}

function headerName(ctx, name) {
    name = byteString(name);
    if (!TOKEN.test(name))
        throw new TypeError(ctx + ': "' + name + '" is an invalid header name.');
    return name.toLowerCase();
}

function writable(s) {
    if (s.guard === 'immutable') throw new TypeError('immutable');
}

function hAppend(s, lower, value) {
    var old = s.map[lower];
    s.map[lower] = old === undefined ? value : old + ', ' + value;
    if (lower === 'set-cookie') (s.cookies || (s.cookies = [])).push(value);
    s.sorted = null;
}

function hSet(s, lower, value) {
    s.map[lower] = value;
    if (lower === 'set-cookie') s.cookies = [value];
    s.sorted = null;
}

/* The pairs iteration yields: sorted by name, Set-Cookie values apart. */
function sortedList(s) {
    if (s.sorted) return s.sorted;
    var names = Object.keys(s.map).sort(), out = [];
    for (var i = 0; i < names.length; i++) {
        if (names[i] === 'set-cookie')
            for (var j = 0; j < s.cookies.length; j++) out.push(['set-cookie', s.cookies[j]]);
        else
            out.push([names[i], s.map[names[i]]]);
    }
    return (s.sorted = out);
}

function copyHeaders(to, from) {
    var names = Object.keys(from.map);
    for (var i = 0; i < names.length; i++) to.map[names[i]] = from.map[names[i]];
    to.cookies = from.cookies && from.cookies.slice();
}

function notIterable(i, v) {
    return new TypeError('Headers contructor: init[' + i + '] (' +
                         (typeof v === 'string' ? JSON.stringify(v) : String(v)) + ') is not iterable.');
}

function toArray(v) {
    if (Array.isArray(v)) return v;
    var out = [], it = v[ITER](), step;
    while (!(step = it.next()).done) out.push(step.value);
    return out;
}

/* Fills s from a Headers, a sequence of pairs or a record, as the
 * constructor's one argument. */
function fillHeaders(s, init) {
    var i, other = init !== null && typeof init === 'object' ? init[STATE] : undefined;
    if (other && other.kind === 'Headers') return copyHeaders(s, other);
    if (init === null || (typeof init !== 'object' && typeof init !== 'function'))
        throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: ' +
                            'sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    if (typeof init[ITER] === 'function') {
        var pairs = toArray(init);
        for (i = 0; i < pairs.length; i++) {
            var p = pairs[i];
            if (p === null || typeof p !== 'object' || typeof p[ITER] !== 'function') throw notIterable(i, p);
            p = toArray(p);
            if (p.length !== 2)
                throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + p.length + '.');
            hAppend(s, headerName('Headers.append', p[0]), headerValue('Headers.append', p[1]));
        }
        return;
    }
    var syms = Object.getOwnPropertySymbols(init);
    for (i = 0; i < syms.length; i++)
        if (Object.getOwnPropertyDescriptor(init, syms[i]).enumerable)
            throw new TypeError('Headers contructor: init is a symbol, which cannot be converted to a DOMString.');
    var keys = Object.keys(init);
    for (i = 0; i < keys.length; i++)
        hAppend(s, headerName('Headers.append', keys[i]), headerValue('Headers.append', init[keys[i]]));
}

function Headers(init) {
    if (!(this instanceof Headers)) throw new TypeError("Class constructor Headers cannot be invoked without 'new'");
    var s = new HeadersState('none');
    if (init !== undefined) fillHeaders(s, init);
    hide(this, s);
}

function newHeaders(guard) {
    return hide(Object.create(Headers.prototype), new HeadersState(guard));
}

function cloneHeaders(h) {
    var c = newHeaders(h[STATE].guard);
    copyHeaders(c[STATE], h[STATE]);
    return c;
}

var HP = Headers.prototype;
/* append and set: the same checks, then store(s, lower-case name, value). */
function headerWriter(ctx, store) {
    return function (name, value) {
        var s = stateOf(this, 'Headers');
        needArgs(ctx, arguments.length, 2);
        var lower = headerName(ctx, name);
        value = headerValue(ctx, value);
        writable(s);
        store(s, lower, value);
    };
}
method(HP, 'append', headerWriter('Headers.append', hAppend));
method(HP, 'delete', function (name) {
    var s = stateOf(this, 'Headers');
    needArgs('Headers.delete', arguments.length, 1);
    var lower = headerName('Headers.delete', name);
    writable(s);
    if (s.map[lower] === undefined) return;
    delete s.map[lower];
    if (lower === 'set-cookie') s.cookies = null;
    s.sorted = null;
});
method(HP, 'get', function get(name) {
    var s = stateOf(this, 'Headers');
    needArgs('Headers.get', arguments.length, 1);
    var v = s.map[headerName('Headers.get', name)];
    return v === undefined ? null : v;
});
method(HP, 'has', function has(name) {
    var s = stateOf(this, 'Headers');
    needArgs('Headers.has', arguments.length, 1);
    return s.map[headerName('Headers.has', name)] !== undefined;
});
method(HP, 'set', headerWriter('Headers.set', hSet));
method(HP, 'getSetCookie', function getSetCookie() {
    var s = stateOf(this, 'Headers');
    return s.cookies ? s.cookies.slice() : [];
});

/* The iterator reads the sorted list afresh at every step, so headers
 * added during a loop are seen, as the spec's live iteration has it. */
function HeadersIterator(s, kind) {
    hide(this, { kind: 'Headers Iterator', headers: s, what: kind, next: 0 });
}
def(HeadersIterator.prototype, 'next', function next() {
    var it = stateOf(this, 'Headers Iterator'), list = sortedList(it.headers);
    if (it.next >= list.length) return { value: undefined, done: true };
    var p = list[it.next++];
    return { value: it.what === 0 ? p[0] : it.what === 1 ? p[1] : [p[0], p[1]], done: false };
});
def(HeadersIterator.prototype, ITER, function () { return this; });
tag(HeadersIterator.prototype, 'Headers Iterator');

method(HP, 'keys', function keys() { return new HeadersIterator(stateOf(this, 'Headers'), 0); });
method(HP, 'values', function values() { return new HeadersIterator(stateOf(this, 'Headers'), 1); });
method(HP, 'entries', function entries() { return new HeadersIterator(stateOf(this, 'Headers'), 2); });
method(HP, 'forEach', function forEach(callback, thisArg) {
    var s = stateOf(this, 'Headers');
    needArgs('Headers.forEach', arguments.length, 1);
    if (typeof callback !== 'function')
        throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
    for (var i = 0; i < sortedList(s).length; i++) {
        var p = sortedList(s)[i];
        callback.call(thisArg, p[1], p[0], this);
    }
});
def(HP, ITER, HP.entries);
tag(HP, 'Headers');
arity(Headers, 0);
arity(HP.forEach, 1);

/* --- sources --- */

/* A source over bytes already in memory (null or empty: no chunk at all). */
function bytesSource(buf) {
    return {
        read: function () {
            var b = buf;
            buf = null;
            return Promise.resolve(b && b.length ? b : null);
        },
        cancel: function () { buf = null; }
    };
}

function toBuffer(chunk) {
    if (typeof chunk === 'string') return Buf.from(chunk, 'utf8');
    if (chunk instanceof Buf) return chunk;
    if (chunk instanceof ArrayBuffer) return Buf.from(chunk);
    if (ArrayBuffer.isView(chunk)) return Buf.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw new TypeError('Received non-Uint8Array chunk');
}

/* A source over an async iterable (Node 20 takes one as a body). */
function iterableSource(iterable) {
    var it = null, done = false;
    return {
        read: function () {
            if (done) return Promise.resolve(null);
            if (!it) it = iterable[AITER]();
            return Promise.resolve(it.next()).then(function (r) {
                if (done || r.done) { done = true; return null; }
                return toBuffer(r.value);
            });
        },
        cancel: function () {
            if (done) return;
            done = true;
            if (it && typeof it['return'] === 'function') it['return']();
        }
    };
}

/* Two sources that each see every chunk of src.  A chunk is kept for a
 * branch until that branch reads it; src is cancelled when both are. */
function tee(src) {
    var queues = [[], []], cancelled = [false, false], pending = null, ended = false, failed = null;
    function pullOnce() {
        if (!pending)
            pending = src.read().then(function (c) {
                pending = null;
                if (c === null) ended = true;
                else for (var i = 0; i < 2; i++) if (!cancelled[i]) queues[i].push(c);
            }, function (e) {
                pending = null;
                failed = { error: e };
            });
        return pending;
    }
    function branch(i) {
        var b = {
            shared: true,
            read: function () {
                if (cancelled[i]) return Promise.resolve(null);
                if (queues[i].length) return Promise.resolve(queues[i].shift());
                if (failed) return Promise.reject(failed.error);
                if (ended) return Promise.resolve(null);
                return pullOnce().then(function () { return b.read(); });
            },
            cancel: function (reason) {
                if (cancelled[i]) return;
                cancelled[i] = true;
                queues[i] = [];
                if (cancelled[1 - i] && !ended) src.cancel(reason);
            }
        };
        return b;
    }
    return [branch(0), branch(1)];
}

/* --- bodies --- */

function Body(source) {
    this.source = source;
    this.stream = null;         /* the ReadableStream `body` hands out */
    this.disturbed = false;     /* read from or cancelled: bodyUsed */
    this.locked = false;
    this.done = false;
    this.failed = null;         /* { error } once the source rejected */
    this.busy = null;           /* the read in flight */
}

function unusable() {
    return new TypeError('Body is unusable: Body has already been read');
}

/* The next chunk of b, or null at the end; reads one at a time, so a
 * source is never asked twice at once, and an error stays the answer. */
function pull(b) {
    if (b.done) return Promise.resolve(null);
    if (b.failed) return Promise.reject(b.failed.error);
    if (b.busy) return b.busy.then(function () { return pull(b); }, function () { return pull(b); });
    var p = b.source.read().then(function (c) {
        b.busy = null;
        if (c === null || c === undefined) {
            b.done = true;
            return null;
        }
        return c.length ? c : pull(b);
    }, function (e) {
        b.busy = null;
        b.failed = { error: e };
        throw e;
    });
    b.busy = p;
    return p;
}

function cancelBody(b, reason) {
    b.disturbed = true;
    if (!b.done && !b.failed) {
        b.done = true;
        b.source.cancel(reason);
    }
    return Promise.resolve(undefined);
}

/* The whole body as one Buffer: the chunks are concatenated once (a lone
 * chunk no other body shares is taken as it is). */
function consume(b) {
    if (b === null) return Promise.resolve(Buf.alloc(0));
    if (b.disturbed || b.locked) return Promise.reject(unusable());
    b.disturbed = b.locked = true;
    var chunks = [], total = 0;
    return new Promise(function (resolve, reject) {
        function step(c) {
            if (c === null) {
                var own = chunks.length === 1 && !b.source.shared && chunks[0] instanceof Buf;
                resolve(own ? chunks[0] : Buf.concat(chunks, total));
                return;
            }
            chunks.push(c);
            total += c.length;
            pull(b).then(step, reject);
        }
        pull(b).then(step, reject);
    });
}

function utf8(buf) {
    var start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return rt.decodeBytes(buf, 'utf8', start, buf.length);
}

/* What a body init turns into: { source, type (the Content-Type it
 * implies, or null), stream (its length is unknown) }, or null. */
function extractBody(v) {
    if (v === undefined || v === null) return null;
    if (typeof v === 'string')
        return { source: bytesSource(Buf.from(v, 'utf8')), type: 'text/plain;charset=UTF-8', stream: false };
    if (typeof v === 'object') {
        if (v instanceof USP)
            return { source: bytesSource(Buf.from(String(v), 'utf8')),
                     type: 'application/x-www-form-urlencoded;charset=UTF-8', stream: false };
        if (v instanceof ArrayBuffer)
            return { source: bytesSource(Buf.from(new Uint8Array(v))), type: null, stream: false };
        if (ArrayBuffer.isView(v))
            return { source: bytesSource(Buf.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))),
                     type: null, stream: false };
        if (v instanceof ReadableStream) {
            var b = v[STATE];
            if (b.disturbed || b.locked) throw new TypeError('Response body object should not be disturbed or locked');
            return { source: { read: function () { b.disturbed = b.locked = true; return pull(b); },
                               cancel: function (r) { cancelBody(b, r); } }, type: null, stream: true };
        }
        if (typeof v[AITER] === 'function')
            return { source: iterableSource(v), type: null, stream: true };
    }
    if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return extractBody(String(v));
}

/* --- ReadableStream (only what a fetch body needs) --- */

function lockedError() {
    return nodeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: ReadableStream is locked');
}

function ReadableStream(key, b) {
    if (key !== INTERNAL) throw new TypeError('Illegal constructor');
    hide(this, b);
}
var RSP = ReadableStream.prototype;

function streamBody(o) {
    if (!(o instanceof ReadableStream)) throw illegal();
    return o[STATE];
}

getter(RSP, 'locked', function () { return streamBody(this).locked; });
method(RSP, 'getReader', function getReader() {
    var b = streamBody(this);
    if (b.locked) throw lockedError();
    b.locked = true;
    return new Reader(b);
});
method(RSP, 'cancel', function cancel(reason) {
    var b;
    try { b = streamBody(this); } catch (e) { return Promise.reject(e); }
    return b.locked ? Promise.reject(lockedError()) : cancelBody(b, reason);
});
method(RSP, 'tee', function () {
    var b = streamBody(this);
    if (b.locked) throw lockedError();
    b.locked = true;
    var pair = tee({ read: function () { b.disturbed = true; return pull(b); },
                     cancel: function (r) { cancelBody(b, r); } });
    return [new ReadableStream(INTERNAL, new Body(pair[0])), new ReadableStream(INTERNAL, new Body(pair[1]))];
});
/* Async iteration locks the stream; leaving a for await early cancels it
 * (and with it the transfer), unless values({ preventCancel: true }). */
method(RSP, 'values', function values(opts) {
    var reader = this.getReader(), keep = !!(opts && opts.preventCancel), finished = false;
    function finish() {
        finished = true;
        reader.releaseLock();
    }
    var it = {
        next: function () {
            if (finished) return Promise.resolve({ value: undefined, done: true });
            return reader.read().then(function (r) {
                if (r.done) finish();
                return r;
            }, function (e) {
                finish();
                throw e;
            });
        },
        'return': function (v) {
            if (finished) return Promise.resolve({ value: v, done: true });
            var p = keep ? Promise.resolve() : reader.cancel(v);
            finish();
            return p.then(function () { return { value: v, done: true }; });
        }
    };
    it[AITER] = function () { return this; };
    return it;
});
def(RSP, AITER, RSP.values);
tag(RSP, 'ReadableStream');

function Reader(b) {
    hide(this, { kind: 'Reader', body: b, released: false });
}
function readerState(o) {
    var s = stateOf(o, 'Reader');
    if (s.released)
        throw nodeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The reader is not attached to a stream');
    return s;
}
method(Reader.prototype, 'read', function read() {
    var s;
    try { s = readerState(this); } catch (e) { return Promise.reject(e); }
    s.body.disturbed = true;
    return pull(s.body).then(function (c) {
        return c === null ? { value: undefined, done: true } : { value: c, done: false };
    });
});
method(Reader.prototype, 'cancel', function cancel(reason) {
    var s;
    try { s = readerState(this); } catch (e) { return Promise.reject(e); }
    return cancelBody(s.body, reason);
});
method(Reader.prototype, 'releaseLock', function releaseLock() {
    var s = stateOf(this, 'Reader');
    if (s.released) return;
    s.released = true;
    s.body.locked = false;
});
tag(Reader.prototype, 'ReadableStreamDefaultReader');

/* --- the body mixin, shared by Request and Response --- */

function bodyMixin(proto, kind, clone) {
    function whole(self) {
        var s;
        try { s = stateOf(self, kind); } catch (e) { return Promise.reject(e); }
        return consume(s.body);
    }
    function missing(name) {
        return function () {
            return Promise.reject(nodeError(TypeError, 'ERR_METHOD_NOT_IMPLEMENTED',
                                            'The ' + name + '() method is not implemented'));
        };
    }
    getter(proto, 'body', function () {
        var b = stateOf(this, kind).body;
        return b === null ? null : b.stream || (b.stream = new ReadableStream(INTERNAL, b));
    });
    getter(proto, 'bodyUsed', function () {
        var b = stateOf(this, kind).body;
        return b !== null && b.disturbed;
    });
    /* In Node's order; buffer() last, it is ours. */
    method(proto, 'clone', clone);
    method(proto, 'blob', missing('blob'));
    method(proto, 'arrayBuffer', function arrayBuffer() {
        return whole(this).then(function (buf) {
            var ab = buf.buffer;
            return buf.byteOffset === 0 && ab.byteLength === buf.length ? ab :
                ab.slice(buf.byteOffset, buf.byteOffset + buf.length);
        });
    });
    method(proto, 'text', function text() { return whole(this).then(utf8); });
    method(proto, 'json', function json() {
        return whole(this).then(function (buf) { return JSON.parse(utf8(buf)); });
    });
    method(proto, 'formData', missing('formData'));
    method(proto, 'bytes', function bytes() {
        return whole(this).then(function (buf) { return new Uint8Array(buf.buffer, buf.byteOffset, buf.length); });
    });
    method(proto, 'buffer', function buffer() { return whole(this); });
}

/* The other body of a clone: s.body reads one branch of the tee, the
 * clone the other. */
function cloneBody(b, message) {
    if (b === null) return null;
    if (b.disturbed || b.locked) throw new TypeError(message);
    var pair = tee(b.source);
    b.source = pair[0];
    return new Body(pair[1]);
}

/* --- Response --- */

function ResponseState() {
    this.kind = 'Response';
    this.type = 'default';
    this.url = '';
    this.redirected = false;
    this.status = 200;
    this.statusText = '';
    this.headers = null;
    this.body = null;
}

/* init's status, statusText and headers, then the body, as the
 * constructor, Response.json() and friends apply them. */
function initResponse(s, init, body) {
    if (init.status !== undefined) {
        var n = Number(init.status);
        /* undici's unsigned short: a remainder, so a negative one stays out of range */
        n = isFinite(n) ? (n < 0 ? Math.ceil(n) : Math.floor(n)) % 65536 : 0;
        if (n < 200 || n > 599)
            throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
        s.status = n;
    }
    if (init.statusText !== undefined) {
        var t = byteString(init.statusText);
        if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(t)) throw new TypeError('Invalid statusText');
        s.statusText = t;
    }
    s.headers = newHeaders('response');
    if (init.headers !== undefined) fillHeaders(s.headers[STATE], init.headers);
    if (body !== null) {
        if (NULL_BODY_STATUS[s.status])
            throw new TypeError('Response constructor: Invalid response status code ' + s.status);
        s.body = new Body(body.source);
        var hs = s.headers[STATE];
        if (body.type && hs.map['content-type'] === undefined) hAppend(hs, 'content-type', body.type);
    }
}

function Response(body, init) {
    if (!(this instanceof Response)) throw new TypeError("Class constructor Response cannot be invoked without 'new'");
    var s = new ResponseState();
    init = dict(init, 'Response constructor');
    initResponse(s, init, extractBody(body));
    hide(this, s);
}

function newResponse(s) {
    return hide(Object.create(Response.prototype), s);
}

def(Response, 'error', function error() {
    var s = new ResponseState();
    s.type = 'error';
    s.status = 0;
    s.headers = newHeaders('immutable');
    return newResponse(s);
});
def(Response, 'json', function json(data, init) {
    needArgs('Response.json', arguments.length, 1);
    var text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    var s = new ResponseState();
    initResponse(s, dict(init, 'Response.json'),
                 { source: bytesSource(Buf.from(text, 'utf8')), type: 'application/json' });
    return newResponse(s);
});
def(Response, 'redirect', function redirect(url, status) {
    needArgs('Response.redirect', arguments.length, 1);
    var u = parseUrl(String(url));
    status = status === undefined ? 302 : Number(status);
    if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308)
        throw new RangeError('Invalid status code ' + status);
    var s = new ResponseState();
    s.status = status;
    s.headers = newHeaders('immutable');
    hAppend(s.headers[STATE], 'location', u.href);
    return newResponse(s);
});

var RP = Response.prototype;
getter(RP, 'type', function () { return stateOf(this, 'Response').type; });
getter(RP, 'url', function () { return stateOf(this, 'Response').url; });
getter(RP, 'redirected', function () { return stateOf(this, 'Response').redirected; });
getter(RP, 'status', function () { return stateOf(this, 'Response').status; });
getter(RP, 'ok', function () {
    var st = stateOf(this, 'Response').status;
    return st >= 200 && st <= 299;
});
getter(RP, 'statusText', function () { return stateOf(this, 'Response').statusText; });
getter(RP, 'headers', function () { return stateOf(this, 'Response').headers; });
bodyMixin(RP, 'Response', function clone() {
    var s = stateOf(this, 'Response'), c = new ResponseState();
    c.body = cloneBody(s.body, 'Response.clone: Body has already been consumed.');
    c.type = s.type;
    c.url = s.url;
    c.redirected = s.redirected;
    c.status = s.status;
    c.statusText = s.statusText;
    c.headers = cloneHeaders(s.headers);
    return newResponse(c);
});
tag(RP, 'Response');
arity(Response, 0);
arity(Response.json, 1);
arity(Response.redirect, 1);

/* The Response fetch() resolves with.  source: as above, or null for no
 * body (a null-body status cancels it: there is nothing to read); meta:
 * { status, statusText, headers: [[name, value], ...] as received,
 * url, redirected, type }.  The headers are immutable; a name that is not
 * a token is dropped, CR/LF/NUL in a value never get through. */
rt.makeResponse = function (source, meta) {
    var s = new ResponseState();
    s.type = meta.type || 'basic';
    s.url = meta.url ? String(meta.url).replace(/#.*$/, '') : '';
    s.redirected = !!meta.redirected;
    s.status = meta.status | 0;
    s.statusText = meta.statusText ? String(meta.statusText) : '';
    s.headers = newHeaders('immutable');
    var hs = s.headers[STATE], list = meta.headers || [];
    for (var i = 0; i < list.length; i++) {
        var name = String(list[i][0]);
        if (TOKEN.test(name))
            hAppend(hs, name.toLowerCase(), String(list[i][1]).replace(/^[\t ]+|[\t ]+$|[\0\r\n]/g, ''));
    }
    if (source && NULL_BODY_STATUS[s.status]) {
        source.cancel();
        source = null;
    }
    s.body = source ? new Body(source) : null;
    return newResponse(s);
};

/* --- Request --- */

var MODES = ['navigate', 'same-origin', 'no-cors', 'cors'];
var CREDENTIALS = ['omit', 'same-origin', 'include'];
var CACHES = ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'];
var REDIRECTS = ['follow', 'manual', 'error'];
var POLICIES = ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin',
                'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];
var NORMAL_METHODS = { DELETE: 1, GET: 1, HEAD: 1, OPTIONS: 1, POST: 1, PUT: 1 };
var FORBIDDEN_METHODS = { CONNECT: 1, TRACE: 1, TRACK: 1 };

function RequestState() {
    this.kind = 'Request';
    this.method = 'GET';
    this.url = '';
    this.headers = null;
    this.body = null;
    this.signal = null;
    this.mode = 'cors';
    this.credentials = 'same-origin';
    this.cache = 'default';
    this.redirect = 'follow';
    this.referrer = 'about:client';
    this.referrerPolicy = '';
    this.integrity = '';
    this.keepalive = false;
}

/* What a request made from another (or a clone) takes over as it is. */
function copyRequest(to, from) {
    for (var k in from)
        if (k !== 'body' && k !== 'headers' && k !== 'signal') to[k] = from[k];
}

/* A signal of the request's own that aborts when `from` does. */
function followSignal(from) {
    var c = new AbortControllerC();
    if (from) {
        if (from.aborted) c.abort(from.reason);
        else from.addEventListener('abort', function () { c.abort(from.reason); });
    }
    return c.signal;
}

function requestMethod(m) {
    m = byteString(m);
    if (!TOKEN.test(m)) throw new TypeError("'" + m + "' is not a valid HTTP method.");
    var upper = m.toUpperCase();
    if (FORBIDDEN_METHODS[upper] === 1) throw new TypeError("'" + m + "' HTTP method is unsupported.");
    return NORMAL_METHODS[upper] === 1 ? upper : m;
}

function requestReferrer(r) {
    r = String(r);
    if (r === '') return '';
    var u;
    try { u = new URLc(r); } catch (e) { throw new TypeError('Referrer "' + r + '" is not a valid URL.'); }
    return u.href;
}

function Request(input, init) {
    if (!(this instanceof Request)) throw new TypeError("Class constructor Request cannot be invoked without 'new'");
    needArgs('Request constructor', arguments.length, 1);
    init = dict(init, 'Request constructor');
    var s = new RequestState(), from = null;
    var inp = input !== null && typeof input === 'object' ? input[STATE] : undefined;
    if (inp && inp.kind === 'Request') {
        copyRequest(s, inp);
        if (s.mode === 'navigate') s.mode = 'same-origin';
        from = inp.signal;
    } else {
        inp = null;
        var text = String(input), u = parseUrl(text);
        if (u.username || u.password)
            throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + text);
        s.url = u.href;
    }
    if (init.referrer !== undefined) s.referrer = requestReferrer(init.referrer);
    s.referrerPolicy = oneOf(init.referrerPolicy, POLICIES, 'Request constructor', s.referrerPolicy);
    if (init.mode === 'navigate') throw new TypeError('Request constructor: invalid request mode navigate.');
    s.mode = oneOf(init.mode, MODES, 'Request constructor', s.mode);
    s.credentials = oneOf(init.credentials, CREDENTIALS, 'Request constructor', s.credentials);
    s.cache = oneOf(init.cache, CACHES, 'Request constructor', s.cache);
    if (s.cache === 'only-if-cached' && s.mode !== 'same-origin')
        throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
    s.redirect = oneOf(init.redirect, REDIRECTS, 'Request constructor', s.redirect);
    if (init.integrity !== undefined) s.integrity = String(init.integrity);
    if (init.keepalive !== undefined) s.keepalive = !!init.keepalive;
    if (init.method !== undefined) s.method = requestMethod(init.method);
    if (s.mode === 'no-cors' && s.method !== 'GET' && s.method !== 'HEAD' && s.method !== 'POST')
        throw new TypeError("'" + s.method + ' is unsupported in no-cors mode.');
    if (init.signal !== undefined && init.signal !== null) {
        if (!(init.signal instanceof AbortSignalC))
            throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
        from = init.signal;
    }
    var duplex = oneOf(init.duplex, ['half'], 'Request constructor', undefined);
    s.headers = newHeaders('request');
    var hs = s.headers[STATE];
    if (init.headers !== undefined) fillHeaders(hs, init.headers);
    else if (inp) copyHeaders(hs, inp.headers[STATE]);

    var hasInit = init.body !== undefined && init.body !== null;
    if ((hasInit || (inp && inp.body)) && (s.method === 'GET' || s.method === 'HEAD'))
        throw new TypeError('Request with GET/HEAD method cannot have body.');
    if (hasInit) {
        var body = extractBody(init.body);
        if (body.stream && duplex === undefined)
            throw new TypeError('RequestInit: duplex option is required when sending a body.');
        if (body.type && hs.map['content-type'] === undefined) hAppend(hs, 'content-type', body.type);
        s.body = new Body(body.source);
    } else if (inp && inp.body) {
        /* The new request takes the input's body over; the input is used. */
        var ib = inp.body;
        if (ib.disturbed || ib.locked)
            throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        s.body = new Body(ib.source);
        ib.disturbed = ib.locked = true;
    }
    s.signal = followSignal(from);
    hide(this, s);
}

var QP = Request.prototype;
['method', 'url', 'headers', 'mode', 'credentials', 'cache', 'redirect', 'referrer', 'referrerPolicy',
 'integrity', 'keepalive', 'signal'].forEach(function (name) {
    getter(QP, name, function () { return stateOf(this, 'Request')[name]; });
});
getter(QP, 'destination', function () { stateOf(this, 'Request'); return ''; });
getter(QP, 'isReloadNavigation', function () { stateOf(this, 'Request'); return false; });
getter(QP, 'isHistoryNavigation', function () { stateOf(this, 'Request'); return false; });
getter(QP, 'duplex', function () { stateOf(this, 'Request'); return 'half'; });
bodyMixin(QP, 'Request', function clone() {
    var s = stateOf(this, 'Request'), c = new RequestState();
    c.body = cloneBody(s.body, 'unusable');
    copyRequest(c, s);
    c.headers = cloneHeaders(s.headers);
    c.signal = followSignal(s.signal);
    return hide(Object.create(Request.prototype), c);
});
tag(QP, 'Request');
arity(Request, 1);

/* For fetch.js: the body's bytes (Promise of a Buffer, or of null when
 * there is none), which uses the body up; the redirect mode; the signal. */
def(QP, '_bodyBytes', function () {
    var s;
    try { s = stateOf(this, 'Request'); } catch (e) { return Promise.reject(e); }
    return s.body === null ? Promise.resolve(null) : consume(s.body);
});
getter(QP, '_redirect', function () { return stateOf(this, 'Request').redirect; }, true);
getter(QP, '_signal', function () { return stateOf(this, 'Request').signal; }, true);

rt.Headers = Headers;
rt.Request = Request;
rt.Response = Response;
G.Headers = Headers;
G.Request = Request;
G.Response = Response;
if (rt.exposed) rt.exposed.push(HP, QP, RP, RSP, Reader.prototype, HeadersIterator.prototype);
