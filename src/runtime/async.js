/* async.js - the Node built-ins about time and async context: `timers`,
 * `timers/promises` and `async_hooks`.
 *
 * `timers` is the globals timers.js made.  `timers/promises` gives
 * promises (and an async iterator for setInterval) over the same timers,
 * rejected with Node's AbortError when their signal aborts.
 * `async_hooks`' AsyncLocalStorage keeps its stores in the async frame
 * that promise.js and timers.js carry from where a continuation is
 * scheduled (then, await, queueMicrotask, setTimeout, setImmediate,
 * process.nextTick) to where it runs, so a store set around a request's
 * work is there after every await of that work.  A frame is an immutable
 * list, { key, store, next }: entering a store makes a new head, so a
 * frame captured earlier never changes.  createHook is there for the
 * libraries that call it, but its hooks are never called.
 *
 * Module objects are made on first require in a request; the functions are
 * shared (put back after each request, harden.js).  Per-request state
 * lives in the frames and the objects a request makes.
 *
 * Needs: rt.nodeError, rt.received (buffer.js); rt.builtins (module.js);
 *   Symbol.asyncIterator (fetch-classes.js).
 *   When called: rt.asyncFrame, rt.setAsyncFrame (promise.js).
 * Provides: rt.builtins.timers, rt.builtins.timers/promises,
 *   rt.builtins.async_hooks, rt.AbortError; util.promisify.custom on the global
 *   setTimeout and setImmediate.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var nodeError = rt.nodeError, received = rt.received;
var PROMISIFY = Symbol['for']('nodejs.util.promisify.custom');

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

/* --- validation, in Node's words --- */

function invalidArg(name, expected, v) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' +
                     (name.indexOf('.') >= 0 ? 'property' : 'argument') + ' must be ' + expected + '. ' + received(v));
}

/* The options of a timers/promises call; throws what Node rejects with. */
function timerOptions(options) {
    if (options === undefined) options = {};
    if (options === null || typeof options !== 'object')
        throw invalidArg('options', 'of type object', options);
    var signal = options.signal, ref = options.ref === undefined ? true : options.ref;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal)))
        throw invalidArg('options.signal', 'an instance of AbortSignal', signal);
    if (typeof ref !== 'boolean')
        throw invalidArg('options.ref', 'of type boolean', ref);
    return { signal: signal, ref: ref };
}

/* Node's internal AbortError (not the DOMException fetch rejects with). */
function AbortError(message, options) {
    var e = new Error(message === undefined ? 'The operation was aborted' : message);
    Object.setPrototypeOf(e, AbortError.prototype);
    e.code = 'ABORT_ERR';
    e.name = 'AbortError';
    if (options && 'cause' in options)
        Object.defineProperty(e, 'cause', { value: options.cause, writable: true, configurable: true });
    return e;
}
AbortError.prototype = Object.create(Error.prototype);
def(AbortError.prototype, 'constructor', AbortError);
/* stream.js rejects and destroys with the same error */
rt.AbortError = AbortError;

function aborted(signal) {
    return new AbortError(undefined, { cause: signal.reason });
}

/* --- timers/promises --- */

/* A promise settled by a timer made with start(resolve) and cancelled
 * with stop(timer) when the signal aborts first; options the caller's
 * (bad ones reject it, as node's do). */
function timerPromise(options, start, stop) {
    var opts;
    try {
        opts = timerOptions(options);
    } catch (e) {
        return Promise.reject(e);
    }
    var signal = opts.signal;
    if (signal && signal.aborted)
        return Promise.reject(aborted(signal));
    var onAbort, p = new Promise(function (resolve, reject) {
        var t = start(resolve);
        if (!opts.ref) t.unref();
        if (signal) {
            onAbort = function () {
                stop(t);
                reject(aborted(signal));
            };
            signal.addEventListener('abort', onAbort);
        }
    });
    if (!onAbort) return p;
    return p['finally'](function () { signal.removeEventListener('abort', onAbort); });
}

function setTimeoutP(delay, value, options) {
    return timerPromise(options, function (resolve) {
        return G.setTimeout(resolve, delay, value);
    }, G.clearTimeout);
}

function setImmediateP(value, options) {
    return timerPromise(options, function (resolve) {
        return G.setImmediate(resolve, value);
    }, G.clearImmediate);
}

function done(value) {
    return { value: value, done: true };
}

/* setInterval(delay, value, options): an async iterator yielding value at
 * every tick, as Node's async generator does: it starts at the first
 * next(), ticks not yet taken are kept, and an abort rejects the next()
 * that waits (or the one after the ticks kept) with an AbortError. */
function IntervalIterator(delay, value, options) {
    this._delay = delay;
    this._value = value;
    this._options = options;
    this._started = false;
    this._done = false;
    this._ticks = 0;
    this._waiting = [];
    this._timer = null;
    this._signal = undefined;
    this._onAbort = null;
    this._abortPending = false;
}

function intervalStop(it) {
    it._done = true;
    if (it._timer) G.clearInterval(it._timer);
    it._timer = null;
    if (it._signal && it._onAbort) it._signal.removeEventListener('abort', it._onAbort);
    it._onAbort = null;
}

function intervalStart(it) {
    it._started = true;
    var opts = timerOptions(it._options);
    if (opts.signal && opts.signal.aborted)
        throw aborted(opts.signal);
    it._timer = G.setInterval(function () {
        it._ticks++;
        var w = it._waiting.shift();
        if (w) {
            it._ticks--;
            w.resolve({ value: it._value, done: false });
        }
    }, it._delay);
    if (!opts.ref) it._timer.unref();
    if (opts.signal) {
        it._signal = opts.signal;
        /* the next() waiting rejects (those after it end), or else the
         * first next() after the ticks kept */
        it._onAbort = function () {
            var waiting = it._waiting.splice(0, it._waiting.length);
            intervalStop(it);
            if (waiting.length === 0)
                it._abortPending = true;
            for (var i = 0; i < waiting.length; i++) {
                if (i === 0) waiting[i].reject(aborted(opts.signal));
                else waiting[i].resolve(done(undefined));
            }
        };
        opts.signal.addEventListener('abort', it._onAbort);
    }
}

def(IntervalIterator.prototype, 'next', function () {
    var it = this;
    return new Promise(function (resolve, reject) {
        if (!it._started) {
            try {
                intervalStart(it);
            } catch (e) {
                intervalStop(it);
                reject(e);
                return;
            }
        }
        if (it._ticks > 0) {
            it._ticks--;
            resolve({ value: it._value, done: false });
        } else if (it._abortPending) {
            it._abortPending = false;
            reject(aborted(it._signal));
        } else if (it._done) {
            resolve(done(undefined));
        } else {
            it._waiting.push({ resolve: resolve, reject: reject });
        }
    });
});
def(IntervalIterator.prototype, 'return', function (v) {
    var waiting = this._waiting.splice(0, this._waiting.length);
    intervalStop(this);
    this._ticks = 0;
    this._abortPending = false;
    for (var i = 0; i < waiting.length; i++) waiting[i].resolve(done(undefined));
    return Promise.resolve(done(v));
});
def(IntervalIterator.prototype, 'throw', function (e) {
    this['return']();
    return Promise.reject(e);
});
def(IntervalIterator.prototype, Symbol.asyncIterator, function () {
    return this;
});
if (Symbol.toStringTag) def(IntervalIterator.prototype, Symbol.toStringTag, 'AsyncGenerator');

function setIntervalP(delay, value, options) {
    return new IntervalIterator(delay, value, options);
}

/* Node's Scheduler: not constructible; one instance, timers/promises'. */
function Scheduler() {
    throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}
def(Scheduler.prototype, 'yield', function () {
    if (this !== scheduler) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
    return setImmediateP();
});
def(Scheduler.prototype, 'wait', function (delay, options) {
    if (this !== scheduler) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Scheduler');
    return setTimeoutP(delay, undefined, { signal: options ? options.signal : undefined });
});
var scheduler = Object.freeze(Object.create(Scheduler.prototype));

/* one object, so require('timers').promises is it: frozen, as it is
 * shared by every request */
var timersPromises = Object.freeze({
    setTimeout: setTimeoutP,
    setImmediate: setImmediateP,
    setInterval: setIntervalP,
    scheduler: scheduler
});

/* util.promisify(setTimeout) is timers/promises' setTimeout, as in Node */
def(G.setTimeout, PROMISIFY, setTimeoutP);
def(G.setImmediate, PROMISIFY, setImmediateP);

/* --- timers --- */

/* The legacy "enroll" API of Node 0.x: objects as timers. */
function active(item) {
    if (item && typeof item._onTimeout === 'function' && item._idleTimeout >= 0) {
        unenroll(item);
        item._idleTimer = G.setTimeout(function () { item._onTimeout(); }, item._idleTimeout);
    }
}
function unenroll(item) {
    if (item && item._idleTimer) {
        G.clearTimeout(item._idleTimer);
        item._idleTimer = null;
    }
}
function enroll(item, msecs) {
    unenroll(item);
    item._idleTimeout = msecs;
}

function timersModule() {
    return {
        setTimeout: G.setTimeout,
        clearTimeout: G.clearTimeout,
        setImmediate: G.setImmediate,
        clearImmediate: G.clearImmediate,
        setInterval: G.setInterval,
        clearInterval: G.clearInterval,
        _unrefActive: active,
        active: active,
        unenroll: unenroll,
        enroll: enroll,
        promises: timersPromises
    };
}

/* --- async_hooks --- */

/* The store of key in frame f (undefined: none, or exited). */
function storeIn(f, key) {
    for (; f !== null; f = f.next)
        if (f.key === key) return f.store;
    return undefined;
}

/* Calls fn(args) with this undefined in frame f, then returns to the
 * frame it was called in. */
function runIn(f, fn, self, args) {
    var outer = rt.setAsyncFrame(f);
    try {
        return fn.apply(self, args);
    } finally {
        rt.setAsyncFrame(outer);
    }
}

function checkFunction(fn, name) {
    if (typeof fn !== 'function') throw invalidArg(name || 'fn', 'of type function', fn);
}

function AsyncLocalStorage() {
    if (!(this instanceof AsyncLocalStorage))
        throw new TypeError("Class constructor AsyncLocalStorage cannot be invoked without 'new'");
    /* the key of this instance's stores; `this` itself would make the
     * frames keep the instance */
    this._key = {};
    this._disabled = false;
}
def(AsyncLocalStorage.prototype, 'getStore', function () {
    return this._disabled ? undefined : storeIn(rt.asyncFrame(), this._key);
});
def(AsyncLocalStorage.prototype, 'run', function (store, callback) {
    var args = Array.prototype.slice.call(arguments, 2);
    this._disabled = false;
    return runIn({ key: this._key, store: store, next: rt.asyncFrame() }, callback, undefined, args);
});
def(AsyncLocalStorage.prototype, 'exit', function (callback) {
    var args = Array.prototype.slice.call(arguments, 1);
    return runIn({ key: this._key, store: undefined, next: rt.asyncFrame() }, callback, undefined, args);
});
/* The store for the rest of this synchronous run, and for what it
 * schedules. */
def(AsyncLocalStorage.prototype, 'enterWith', function (store) {
    this._disabled = false;
    rt.setAsyncFrame({ key: this._key, store: store, next: rt.asyncFrame() });
});
def(AsyncLocalStorage.prototype, 'disable', function () {
    this._disabled = true;
});
def(AsyncLocalStorage, 'bind', function (fn) {
    checkFunction(fn);
    var f = rt.asyncFrame();
    return function () { return runIn(f, fn, this, arguments); };
});
def(AsyncLocalStorage, 'snapshot', function () {
    var f = rt.asyncFrame();
    return function (fn) {
        checkFunction(fn);
        return runIn(f, fn, this, Array.prototype.slice.call(arguments, 1));
    };
});

var asyncIds = 1;

function AsyncResource(type, opts) {
    if (!(this instanceof AsyncResource))
        throw new TypeError("Class constructor AsyncResource cannot be invoked without 'new'");
    if (typeof type !== 'string') throw invalidArg('type', 'of type string', type);
    this._frame = rt.asyncFrame();
    this._id = ++asyncIds;
    this._trigger = opts && typeof opts === 'object' && typeof opts.triggerAsyncId === 'number' ? opts.triggerAsyncId :
                    typeof opts === 'number' ? opts : 1;
}
def(AsyncResource.prototype, 'runInAsyncScope', function (fn, thisArg) {
    return runIn(this._frame, fn, thisArg, Array.prototype.slice.call(arguments, 2));
});
def(AsyncResource.prototype, 'bind', function (fn, thisArg) {
    checkFunction(fn);
    var self = this, bound = function () {
        return runIn(self._frame, fn, thisArg === undefined ? this : thisArg, arguments);
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    Object.defineProperty(bound, 'asyncResource', { value: this, configurable: true, enumerable: true, writable: true });
    return bound;
});
def(AsyncResource.prototype, 'emitDestroy', function () { return this; });
def(AsyncResource.prototype, 'asyncId', function () { return this._id; });
def(AsyncResource.prototype, 'triggerAsyncId', function () { return this._trigger; });
def(AsyncResource, 'bind', function (fn, type, thisArg) {
    return new AsyncResource(typeof type === 'string' ? type : fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
});

/* Hooks are never called: the runtime has no async resources to report. */
function AsyncHook(callbacks) {
    this._callbacks = callbacks;
}
def(AsyncHook.prototype, 'enable', function () { return this; });
def(AsyncHook.prototype, 'disable', function () { return this; });

function createHook(callbacks) {
    if (callbacks === null || typeof callbacks !== 'object')
        throw invalidArg('callbacks', 'of type object', callbacks);
    ['init', 'before', 'after', 'destroy', 'promiseResolve'].forEach(function (k) {
        if (callbacks[k] !== undefined && typeof callbacks[k] !== 'function')
            throw nodeError(TypeError, 'ERR_ASYNC_CALLBACK', 'hook.' + k + ' must be a function');
    });
    return new AsyncHook(callbacks);
}

var PROVIDERS = ['NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ',
                 'BLOBREADER', 'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP',
                 'GETNAMEINFOREQWRAP', 'HEAPSNAPSHOT', 'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING',
                 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE', 'HTTPCLIENTREQUEST', 'JSSTREAM', 'JSUDPWRAP',
                 'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'PROCESSWRAP', 'PROMISE',
                 'QUERYWRAP', 'SHUTDOWNWRAP', 'SIGNALWRAP', 'STATWATCHER', 'STREAMPIPE', 'TCPCONNECTWRAP',
                 'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP', 'UDPWRAP', 'SIGINTWATCHDOG', 'WORKER',
                 'WORKERHEAPSNAPSHOT', 'WRITEWRAP', 'ZLIB'];
var asyncWrapProviders = Object.create(null);
PROVIDERS.forEach(function (p, i) { asyncWrapProviders[p] = i; });
Object.freeze(asyncWrapProviders);

function asyncHooksModule() {
    return {
        AsyncLocalStorage: AsyncLocalStorage,
        createHook: createHook,
        executionAsyncId: function executionAsyncId() { return 1; },
        triggerAsyncId: function triggerAsyncId() { return 0; },
        executionAsyncResource: function executionAsyncResource() { return {}; },
        asyncWrapProviders: asyncWrapProviders,
        AsyncResource: AsyncResource
    };
}

/* --- registry --- */

rt.builtins.timers = timersModule;
rt.builtins['timers/promises'] = function () { return timersPromises; };
rt.builtins.async_hooks = asyncHooksModule;
