/* promise.js - Promise and the microtask queue.
 *
 * Duktape 2.7 has no Promise.  This one follows the ECMAScript algorithm
 * (resolving functions, thenable jobs, reaction jobs) closely enough that
 * `await` and `.then` callbacks run as microtasks in spec order.  The queue
 * is drained by the request's event loop (timers.js) after the handler
 * returns and after every timer; rejections nobody handled by the end of a
 * drain are logged, as Node does.
 *
 * A job queued while an async context is current (a frame of async.js's
 * AsyncLocalStorage stores) runs in that frame: a reaction in the one of
 * its then() or await, a microtask in the one of its queueMicrotask, so a
 * store follows the request's continuations.  Every other job runs in
 * none.  Timers do the same (timers.js).
 *
 * Needs: sys.hidden.  When called: rt.onUncaughtException,
 *   rt.onUnhandledRejection (dispatch.js, front-exec.js: per request).
 * Provides: rt.drainMicrotasks, rt.pendingMicrotasks, rt.resetMicrotasks,
 *   rt.enqueueTick, rt.asyncFrame, rt.setAsyncFrame,
 *   rt.listOf, rt.isPromise, rt.enqueueMicrotask, rt.promisePending,
 *   rt.promiseResolve, rt.promiseReject, rt.promiseResolved,
 *   rt.promiseFulfilled, rt.promiseRejected, rt.promiseWatch,
 *   rt.promiseAwait, rt.promiseReactions; the globals Promise, AggregateError, queueMicrotask.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
/* States.  The hot paths below write them as the literals 0, 1 and 2, and
 * push to `queue` themselves: in Duktape each use of an outer name is a
 * lookup by name (~400 instructions), each call ~1k. */
var PENDING = 0, FULFILLED = 1, REJECTED = 2;
/* A Duktape hidden symbol (a key whose first byte is 0xFF): no enumeration,
 * not even getOwnPropertySymbols, sees it. */
var REC = sys.hidden('prom');
var queue = [];
var head = 0;
var unhandled = [];
/* The async context now: null, or async.js's frame (an immutable list of
 * AsyncLocalStorage stores).  Per request: reset with the queue.  A job
 * queued in a frame is queued as inFrame with the frame beside it: a job
 * queued in none (every job, unless a function uses AsyncLocalStorage)
 * costs no more than the read of `frame` (keeping the frame in every entry
 * of the queue cost ~1k instructions an await). */
var frame = null;

function inFrame(w) {
    frame = w.frame;
    w.job(w.arg);
}

function enqueue(job, arg) {
    if (frame !== null)
        queue.push(inFrame, { job: job, arg: arg, frame: frame });
    else
        queue.push(job, arg);
}

/* process.nextTick's queue: Node runs all of it before the microtasks,
 * and again after them when they queued more (processTicksAndRejections).
 * A tick carries its async frame as a job does. */
var ticks = [];
var tickHead = 0;

rt.enqueueTick = function (job, arg) {
    if (frame !== null)
        ticks.push(inFrame, { job: job, arg: arg, frame: frame });
    else
        ticks.push(job, arg);
};

/* Runs every queued tick and job, including those queued while draining:
 * the ticks, then the microtasks, until neither has any; each in its frame
 * (inFrame) or in none. */
rt.drainMicrotasks = function () {
    var q = queue, t = ticks, outer = frame;   /* the same arrays all along: jobs push onto them */
    frame = null;
    do {
        while (tickHead < t.length) {
            var tick = t[tickHead], targ = t[tickHead + 1];
            t[tickHead] = t[tickHead + 1] = undefined;
            tickHead += 2;
            tick(targ);
            frame = null;
        }
        t.length = 0;
        tickHead = 0;
        while (head < q.length) {
            var job = q[head], arg = q[head + 1];
            q[head] = q[head + 1] = undefined;
            head += 2;
            job(arg);
            frame = null;
        }
        queue.length = 0;
        head = 0;
    } while (t.length);
    frame = outer;
    if (unhandled.length)
        reportUnhandled();
};

rt.asyncFrame = function () {
    return frame;
};

/* Makes f the current frame; returns the one it replaces. */
rt.setAsyncFrame = function (f) {
    var old = frame;
    frame = f;
    return old;
};

rt.pendingMicrotasks = function () {
    return head < queue.length || tickHead < ticks.length;
};

/* Forgets everything a previous request left queued. */
rt.resetMicrotasks = function () {
    queue.length = 0;
    head = 0;
    ticks.length = 0;
    tickHead = 0;
    unhandled.length = 0;
    frame = null;
};

function reportUnhandled() {
    var list = unhandled.splice(0, unhandled.length);
    for (var i = 0; i < list.length; i++) {
        if (!list[i][REC].handled && rt.onUnhandledRejection)
            rt.onUnhandledRejection(list[i][REC].value, list[i]);
    }
}

/* Property lookups of the record go through a local: in Duktape every use
 * of an outer name (REC, the state constants) is a lookup by name, and
 * every closure made costs ~8k instructions (it gets a prototype object),
 * so the hot paths below make none. */
function settle(p, state, value) {
    var rec = p[REC];
    if (rec.state !== 0)
        return;
    var reactions = rec.reactions;
    rec.state = state;
    rec.value = value;
    rec.reactions = null;
    /* pairs of job and argument, in the order they were added */
    if (reactions !== null)
        for (var i = 0; i < reactions.length; i += 2)
            queue.push(reactions[i], reactions[i + 1]);
    if (state === 2 && !rec.handled)
        unhandled.push(p);
}

function resolveWith(p, x) {
    if (x === p)
        return settle(p, REJECTED, new TypeError('Chaining cycle detected for promise #<Promise>'));
    if (x !== null && (typeof x === 'object' || typeof x === 'function')) {
        var then;
        try {
            then = x.then;
        } catch (e) {
            return settle(p, REJECTED, e);
        }
        if (typeof then === 'function') {
            enqueue(thenableJob, { p: p, x: x, then: then });
            return;
        }
    }
    settle(p, 1, x);
}

/* The pair of functions handed to an executor or a thenable: only the
 * first call of either counts. */
function resolvers(p) {
    var done = false;
    return {
        resolve: function (v) {
            if (done) return;
            done = true;
            resolveWith(p, v);
        },
        reject: function (r) {
            if (done) return;
            done = true;
            settle(p, REJECTED, r);
        }
    };
}

function thenableJob(a) {
    var f = resolvers(a.p);
    try {
        a.then.call(a.x, f.resolve, f.reject);
    } catch (e) {
        f.reject(e);
    }
}

/* r.parent is the settled promise's record */
function reactionJob(r) {
    var rec = r.parent, ok = rec.state === 1;
    var handler = ok ? r.onFulfilled : r.onRejected;
    if (typeof handler !== 'function') {
        if (r.child) {
            if (ok) resolveWith(r.child, rec.value);
            else settle(r.child, 2, rec.value);
        }
        return;
    }
    var v;
    try {
        v = handler(rec.value);
    } catch (e) {
        if (r.child) settle(r.child, 2, e);
        return;
    }
    if (r.child)
        resolveWith(r.child, v);
}

/* reactionJob for a promise made by another constructor (then() of a
 * subclass): its capability's functions settle it */
function capabilityJob(r) {
    var rec = r.parent, ok = rec.state === 1;
    var handler = ok ? r.onFulfilled : r.onRejected, v;
    if (typeof handler !== 'function') {
        (ok ? r.cap.resolve : r.cap.reject)(rec.value);
        return;
    }
    try {
        v = handler(rec.value);
    } catch (e) {
        r.cap.reject(e);
        return;
    }
    r.cap.resolve(v);
}

/* A promise's internal slots live in one record under a hidden symbol: one
 * property store instead of four defineProperty calls (those were most of
 * the cost of an await), invisible to every enumeration.  _state and
 * _value stay readable for console.js's inspect.  `reactions` is null
 * until a reaction waits. */
function init(p) {
    p[REC] = { state: PENDING, value: undefined, reactions: null, handled: false };
}

function Promise(executor) {
    if (!(this instanceof Promise))
        throw new TypeError("Promise constructor cannot be invoked without 'new'");
    if (typeof executor !== 'function')
        throw new TypeError('Promise resolver ' + String(executor) + ' is not a function');
    init(this);
    var f = resolvers(this);
    try {
        executor(f.resolve, f.reject);
    } catch (e) {
        f.reject(e);
    }
}

/* A promise of ours without resolving functions, already in `state`: what
 * the runtime settles itself (then's result, an async function's, kv's). */
function Own(state, value) {
    this[REC] = { state: state, value: value, reactions: null, handled: false };
}
Own.prototype = Promise.prototype;

/* A promise resolved with v, as Promise.resolve(v) makes one. */
function resolved(v) {
    if (v === null || typeof v !== 'object' && typeof v !== 'function')
        return new Own(1, v);
    var p = new Own(0);
    resolveWith(p, v);
    return p;
}

function rejected(e) {
    var p = new Own(PENDING);
    settle(p, REJECTED, e);
    return p;
}

function newPromise(C) {
    if (C === Promise || C === undefined) {
        var p = new Own(PENDING);
        var f = resolvers(p);
        return { promise: p, resolve: f.resolve, reject: f.reject };
    }
    var cap = {};
    cap.promise = new C(function (res, rej) { cap.resolve = res; cap.reject = rej; });
    return cap;
}

/* job(arg) runs as a microtask once p has settled (at once if it has),
 * in the async frame current now. */
function subscribe(p, job, arg) {
    var rec = p[REC];
    if (frame !== null) {
        arg = { job: job, arg: arg, frame: frame };
        job = inFrame;
    }
    if (rec.state === 0) {
        if (rec.reactions === null)
            rec.reactions = [job, arg];
        else
            rec.reactions.push(job, arg);
    } else {
        queue.push(job, arg);
    }
    rec.handled = true;
}

Object.defineProperty(Promise.prototype, 'then', {
    value: function then(onFulfilled, onRejected) {
        /* the record makes a promise (IsPromise): `instanceof` would cost
         * ~2.5k here, and would accept Object.create(Promise.prototype) */
        var rec = this !== null && typeof this === 'object' ? this[REC] : undefined;
        if (rec === undefined)
            throw new TypeError('Method Promise.prototype.then called on incompatible receiver');
        /* SpeciesConstructor: a subclass's promise (or its species') is
         * made through its constructor; one property read for a Promise */
        var C = this.constructor;
        if (C !== Promise && C !== undefined) {
            if (C === null || typeof C !== 'object' && typeof C !== 'function')
                throw new TypeError('The .constructor property is not an object');
            C = C[Symbol.species];
            if (C !== undefined && C !== null && C !== Promise) {
                var cap = newPromise(C);
                subscribe(this, capabilityJob, { parent: rec, onFulfilled: onFulfilled, onRejected: onRejected, cap: cap });
                return cap.promise;
            }
        }
        var child = new Own(0);
        subscribe(this, reactionJob, { parent: rec, onFulfilled: onFulfilled, onRejected: onRejected, child: child });
        return child;
    }, writable: true, configurable: true
});

Object.defineProperty(Promise.prototype, 'catch', {
    value: function (onRejected) {
        return this.then(undefined, onRejected);
    }, writable: true, configurable: true
});

Object.defineProperty(Promise.prototype, 'finally', {
    value: function (onFinally) {
        if (typeof onFinally !== 'function')
            return this.then(onFinally, onFinally);
        return this.then(function (v) {
            return Promise.resolve(onFinally()).then(function () { return v; });
        }, function (e) {
            return Promise.resolve(onFinally()).then(function () { throw e; });
        });
    }, writable: true, configurable: true
});

if (typeof Symbol === 'function' && Symbol.toStringTag)
    Object.defineProperty(Promise.prototype, Symbol.toStringTag,
                          { value: 'Promise', configurable: true });

function staticMethod(name, fn) {
    Object.defineProperty(Promise, name, { value: fn, writable: true, configurable: true });
}

staticMethod('resolve', function resolve(v) {
    if (v !== null && typeof v === 'object' && v[REC] !== undefined && v.constructor === this)
        return v;
    if (this === Promise || this === undefined)
        return resolved(v);
    var cap = newPromise(this);
    cap.resolve(v);
    return cap.promise;
});

staticMethod('reject', function reject(r) {
    if (this === Promise || this === undefined)
        return rejected(r);
    var cap = newPromise(this);
    cap.reject(r);
    return cap.promise;
});

/* Arrays, strings and anything with Symbol.iterator, as a plain array. */
function listOf(iterable) {
    if (Array.isArray(iterable))
        return iterable.slice();
    if (iterable !== null && iterable !== undefined && typeof Symbol === 'function' &&
        typeof iterable[Symbol.iterator] === 'function') {
        var out = [], it = iterable[Symbol.iterator](), step;
        while (!(step = it.next()).done)
            out.push(step.value);
        return out;
    }
    if (typeof iterable === 'string')
        return iterable.split('');
    throw new TypeError(typeof iterable + ' ' + String(iterable) + ' is not iterable (cannot read property Symbol(Symbol.iterator))');
}
rt.listOf = listOf;

/* A combinator's element function, with the own name "" that a built-in
 * anonymous function has (the runtime's are compiled without one). */
function element(f) {
    Object.defineProperty(f, 'name', { value: '', configurable: true });
    return f;
}

function combinator(name, onItem, onEmpty) {
    staticMethod(name, function (iterable) {
        var C = this, cap = newPromise(C), items;
        try {
            items = listOf(iterable);
        } catch (e) {
            cap.reject(e);
            return cap.promise;
        }
        var state = { remaining: items.length, values: new Array(items.length), cap: cap };
        if (items.length === 0) {
            onEmpty(cap, state);
            return cap.promise;
        }
        for (var i = 0; i < items.length; i++)
            onItem(C.resolve(items[i]), i, state);
        return cap.promise;
    });
}

combinator('all', function (p, i, s) {
    p.then(element(function (v) {
        s.values[i] = v;
        if (--s.remaining === 0) s.cap.resolve(s.values);
    }), s.cap.reject);
}, function (cap) { cap.resolve([]); });

combinator('allSettled', function (p, i, s) {
    p.then(element(function (v) {
        s.values[i] = { status: 'fulfilled', value: v };
        if (--s.remaining === 0) s.cap.resolve(s.values);
    }), element(function (e) {
        s.values[i] = { status: 'rejected', reason: e };
        if (--s.remaining === 0) s.cap.resolve(s.values);
    }));
}, function (cap) { cap.resolve([]); });

combinator('race', function (p, i, s) {
    p.then(s.cap.resolve, s.cap.reject);
}, function () { /* never settles, as the spec says */ });

function AggregateError(errors, message) {
    if (!(this instanceof AggregateError))
        return new AggregateError(errors, message);
    if (message !== undefined)
        Object.defineProperty(this, 'message', { value: String(message), writable: true, configurable: true });
    Object.defineProperty(this, 'errors', { value: listOf(errors), writable: true, configurable: true });
    /* the frames of where it was made (errors.js), as V8's .stack has */
    if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, AggregateError);
}
AggregateError.prototype = Object.create(Error.prototype, {
    constructor: { value: AggregateError, writable: true, configurable: true },
    name: { value: 'AggregateError', writable: true, configurable: true }
});

combinator('any', function (p, i, s) {
    p.then(s.cap.resolve, element(function (e) {
        s.values[i] = e;
        if (--s.remaining === 0)
            s.cap.reject(new AggregateError(s.values, 'All promises were rejected'));
    }));
}, function (cap) { cap.reject(new AggregateError([], 'All promises were rejected')); });

staticMethod('withResolvers', function () {
    return newPromise(this);
});

function queueMicrotask(callback) {
    if (typeof callback !== 'function')
        throw new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
    enqueue(function () {
        try {
            callback();
        } catch (e) {
            if (rt.onUncaughtException) rt.onUncaughtException(e);
        }
    });
}

['state', 'value'].forEach(function (k) {
    Object.defineProperty(Promise.prototype, '_' + k, {
        get: function () { return this[REC] ? this[REC][k] : undefined; }, configurable: true
    });
});

rt.isPromise = function (x) {
    return x instanceof Promise;
};
rt.enqueueMicrotask = enqueue;

/* For the runtime's own promises (front-rt.js's async functions, kv.js):
 * no resolving functions, no closures. */
rt.promisePending = function () {
    return new Own(0);
};
rt.promiseResolve = resolveWith;
rt.promiseReject = function (p, e) {
    settle(p, 2, e);
};
rt.promiseResolved = resolved;
/* v must not be a thenable (kv's values: JSON, whose objects inherit only
 * from the Object and Array prototypes, which have no `then` unless the
 * request itself gave them one). */
rt.promiseFulfilled = function (v) {
    return new Own(1, v);
};
rt.promiseRejected = rejected;

/* dispatch's watch of a handler's result: null when x is no promise of
 * ours; its record, with nothing subscribed, when x is already fulfilled
 * (nothing left to wait for: no microtask round, ~6k instructions a
 * request); else its record, as promiseAwait. */
rt.promiseWatch = function (x, job, arg) {
    var rec = x !== null && typeof x === 'object' ? x[REC] : undefined;
    if (rec === undefined || x.constructor !== Promise)
        return null;
    if (rec.state !== 1)
        subscribe(x, job, arg);
    return rec;
};

/* `await x`: job(arg) runs as a microtask once x has settled, as
 * PerformPromiseThen(PromiseResolve(%Promise%, x)) would run it but with no
 * promise made for the result (so one tick for a promise of ours, as in
 * V8).  Returns the record whose `state` (1 fulfilled, 2 rejected) and
 * `value` the job then reads.  With `now` (front-rt.js's drivers, when
 * nothing of the caller's can run before the drain), a settled x with no
 * job or tick queued gets no job: the caller goes on at once, and knows it by the
 * settled record and the empty queue. */
rt.promiseAwait = function (x, job, arg, now) {
    var p = x !== null && typeof x === 'object' && x[REC] !== undefined && x.constructor === Promise ?
            x : resolved(x);
    var rec = p[REC];
    /* the callers go on when nothing is pending (rt.pendingMicrotasks):
     * a queued tick counts too, or the await would be lost */
    if (now === true && rec.state !== 0 && head === queue.length && tickHead === ticks.length)
        rec.handled = true;
    else
        subscribe(p, job, arg);
    return rec;
};

/* the pairs of job and argument waiting on p, or null: front-rt.js's
 * rt.asyncAwaiter looks for an async function awaiting it (errors.js) */
rt.promiseReactions = function (p) {
    var rec = p !== null && typeof p === 'object' ? p[REC] : undefined;
    return rec !== undefined && rec.state === 0 ? rec.reactions : null;
};

G.Promise = Promise;
G.AggregateError = AggregateError;
G.queueMicrotask = queueMicrotask;
