/* timers.js - setTimeout and friends, and the request's event loop.
 *
 * Each request has its own loop: run the microtasks, then the immediates,
 * then the earliest due timer (sleeping until it is due, never past the
 * request's deadline), until the response is done and the handler has
 * settled, or nothing is left to wait for.  Whatever a request leaves
 * pending is dropped before the next one starts.
 *
 * A timer or an immediate runs in the async frame (promise.js) that was
 * current when it was set, as a promise's reaction does.
 *
 * Needs: when called: rt.drainMicrotasks, rt.asyncFrame, rt.setAsyncFrame
 *   (promise.js);
 *   rt.onUncaughtException (dispatch.js, front-exec.js: per request);
 *   sys.now, sys.sleep, sys.queued, sys.outputWait; rt.emitDrain,
 *   rt.emitFinish (express.js).
 * Provides: rt.runLoop, rt.resetTimers, rt.timeoutError, rt.exposed,
 *   rt.awaitDrain, rt.awaitFinish;
 *   rt.fetchBusy, rt.fetchPoll, rt.fetchReset (defaults for a runtime
 *   without fetch: fetch.js replaces them, and they are read only when
 *   called); the globals setTimeout, setInterval, setImmediate, their
 *   clear*, and sleep.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var timers = [];        /* sorted by due time, then by creation */
var immediates = [];
var nextId = 1;
var MAX_DELAY = 2147483647;

function Timeout(fn, args, delay, repeat) {
    this._id = nextId++;
    this._fn = fn;
    this._args = args;
    this._delay = delay;
    this._repeat = repeat;
    this._when = 0;
    this._ref = true;
    this._active = false;
    this._frame = rt.asyncFrame();
}
Timeout.prototype.ref = function () { this._ref = true; return this; };
Timeout.prototype.unref = function () { this._ref = false; return this; };
Timeout.prototype.hasRef = function () { return this._ref; };
Timeout.prototype.refresh = function () {
    if (this._active) {
        remove(this);
        schedule(this);
    }
    return this;
};
Timeout.prototype.close = function () { remove(this); return this; };
Timeout.prototype.valueOf = function () { return this._id; };
Timeout.prototype.toString = function () { return String(this._id); };
if (typeof Symbol === 'function' && Symbol.toPrimitive)
    Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };

function schedule(t) {
    t._when = sys.now() + t._delay;
    t._active = true;
    var i = timers.length;
    while (i > 0 && timers[i - 1]._when > t._when)
        i--;
    timers.splice(i, 0, t);
}

function remove(t) {
    var i = timers.indexOf(t);
    if (i >= 0)
        timers.splice(i, 1);
    t._active = false;
}

function delayOf(ms) {
    ms = Number(ms);
    /* Node: anything not in [1, 2^31-1] becomes 1. */
    return (ms >= 1 && ms <= MAX_DELAY) ? ms : 1;
}

function checkCallback(fn) {
    if (typeof fn !== 'function')
        throw new TypeError('The "callback" argument must be of type function. Received ' +
                            (fn === null ? 'null' : typeof fn));
}

function setTimeout(fn, ms) {
    checkCallback(fn);
    var t = new Timeout(fn, Array.prototype.slice.call(arguments, 2), delayOf(ms), false);
    schedule(t);
    return t;
}

function setInterval(fn, ms) {
    checkCallback(fn);
    var t = new Timeout(fn, Array.prototype.slice.call(arguments, 2), delayOf(ms), true);
    schedule(t);
    return t;
}

function findTimer(id) {
    if (id instanceof Timeout)
        return id;
    for (var i = 0; i < timers.length; i++)
        if (timers[i]._id === Number(id))
            return timers[i];
    return null;
}

function clearTimeout(id) {
    var t = id === undefined || id === null ? null : findTimer(id);
    if (t)
        remove(t);
}

function Immediate(fn, args) {
    this._fn = fn;
    this._args = args;
    this._ref = true;
    this._frame = rt.asyncFrame();
}
Immediate.prototype.ref = function () { this._ref = true; return this; };
Immediate.prototype.unref = function () { this._ref = false; return this; };
Immediate.prototype.hasRef = function () { return this._ref; };

function setImmediate(fn) {
    checkCallback(fn);
    var im = new Immediate(fn, Array.prototype.slice.call(arguments, 1));
    immediates.push(im);
    return im;
}

function clearImmediate(im) {
    var i = immediates.indexOf(im);
    if (i >= 0)
        immediates.splice(i, 1);
}

function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

/* Runs fn in the async frame f. */
function invoke(fn, args, f) {
    var outer = rt.setAsyncFrame(f);
    try {
        fn.apply(undefined, args);
    } catch (e) {
        if (rt.onUncaughtException) rt.onUncaughtException(e);
    }
    rt.setAsyncFrame(outer);
}

function hasRefs() {
    var i;
    for (i = 0; i < immediates.length; i++)
        if (immediates[i]._ref) return true;
    for (i = 0; i < timers.length; i++)
        if (timers[i]._ref) return true;
    return false;
}

/* An Error that the engine recognises as the request running out of time. */
function timeoutError() {
    var e = new RangeError('execution timeout');
    e.code = 'ETIMEDOUT';
    return e;
}
rt.timeoutError = timeoutError;

/* fetch.js replaces these: whether transfers run, and a wait in libcurl's
 * poll for at most ms (false once the request's time is up). */
rt.fetchBusy = function () { return false; };
rt.fetchPoll = function (ms) { return sys.sleep(ms); };
rt.fetchReset = function () {};

/* Runs the loop until done() says so or there is nothing left to wait for
 * (a running fetch counts as something).  Returns true when done() ended
 * it.  While fetches run, the wait between timers is spent in libcurl's
 * poll, so a slow upstream never holds a timer back. */
/* The responses whose write() returned false (express.js): each gets
 * 'drain' once the client has taken all that waits. */
var drainers = [], drainFrames = [];
rt.awaitDrain = function (res) {
    if (drainers.indexOf(res) >= 0) return;
    drainers.push(res);
    drainFrames.push(rt.asyncFrame());
};

/* The responses ended while records of theirs still waited in the
 * request layer (express.js): each gets 'finish' once the web server has
 * taken the last of them. */
var finishers = [], finishFrames = [];
rt.awaitFinish = function (res) {
    if (finishers.indexOf(res) >= 0) return;
    finishers.push(res);
    finishFrames.push(rt.asyncFrame());
};

/* Sends the waiting output for at most ms (a slow client is what there
 * is to wait for), then 'drain' to the responses that wait for it if the
 * client took it all (or left), then 'finish' to those that ended.
 * Returns false when the request's time ran out while the request was
 * otherwise over (quiet): only an ended response's 'finish' was still to
 * come, and the request layer sends the rest as it always does; throws
 * the timeout when it was not over. */
function pumpOutput(ms, quiet) {
    if (!sys.outputWait(ms, 0)) {
        if (quiet) return false;
        throw timeoutError();
    }
    if (sys.queued() > 0)
        return;
    var list = drainers.splice(0, drainers.length), frames = drainFrames.splice(0, drainFrames.length), i;
    for (i = 0; i < list.length; i++) {
        invoke(rt.emitDrain, [list[i]], frames[i]);
        rt.drainMicrotasks();
    }
    list = finishers.splice(0, finishers.length);
    frames = finishFrames.splice(0, finishFrames.length);
    for (i = 0; i < list.length; i++) {
        invoke(rt.emitFinish, [list[i]], frames[i]);
        rt.drainMicrotasks();
    }
}

rt.runLoop = function (done) {
    for (;;) {
        rt.drainMicrotasks();
        /* an ended response's 'finish' still to come is part of the request */
        var over = done();
        if (over && !finishers.length)
            return true;
        if (immediates.length) {
            var batch = immediates.splice(0, immediates.length);
            for (var i = 0; i < batch.length; i++) {
                invoke(batch[i]._fn, batch[i]._args, batch[i]._frame);
                rt.drainMicrotasks();
            }
            continue;
        }
        var busy = rt.fetchBusy(), draining = drainers.length > 0 || finishers.length > 0;
        if (!busy && !draining && !hasRefs())
            return false;
        var t = timers[0], wait = t ? t._when - sys.now() : 60000;
        if (draining) {
            /* with transfers running too, in short turns between both */
            if (pumpOutput(wait <= 0 ? 0 : busy && wait > 10 ? 10 : wait, over) === false)
                return true;
            if (busy && !rt.fetchPoll(0))
                throw timeoutError();
            if (wait > 0)
                continue;
        } else if (wait > 0) {
            if (!(busy ? rt.fetchPoll(wait) : sys.sleep(wait)))
                throw timeoutError();
            continue;
        }
        timers.shift();
        t._active = false;
        if (t._repeat)
            schedule(t);
        invoke(t._fn, t._args, t._frame);
    }
};

rt.resetTimers = function () {
    timers.length = 0;
    immediates.length = 0;
    drainers.length = 0;
    drainFrames.length = 0;
    finishers.length = 0;
    finishFrames.length = 0;
    rt.fetchReset();
};

rt.exposed = (rt.exposed || []).concat([Timeout.prototype, Immediate.prototype]);

G.setTimeout = setTimeout;
G.setInterval = setInterval;
G.clearTimeout = clearTimeout;
G.clearInterval = clearTimeout;
G.setImmediate = setImmediate;
G.clearImmediate = clearImmediate;
G.sleep = sleep;
