/* front-rt.js - what the code that front.js lowers calls at run time.
 *
 * The global `__invoke` holds small pure helpers (spread, destructuring,
 * template sites, classes, private names) and the coroutine drivers:
 * an async function or generator body runs in its own Duktape.Thread, and
 * `await x` / `yield x` yield that thread to the driver here, which resumes
 * it when the promise settles or when next() is called.  Frozen with the
 * rest of the global by harden.js.
 *
 * Needs: rt.promisePending, rt.promiseResolve, rt.promiseReject,
 *   rt.promiseAwait, rt.promiseResolved, rt.promiseRejected,
 *   rt.pendingMicrotasks (promise.js); when called: rt.promiseReactions
 *   (promise.js); rt.bigOps (bigint.js, not in the
 *   front end's heap).  When called: rt.dispatch,
 *   rt.asyncTop (dispatch.js); rt.resolveModule, rt.markEsm, rt.rerunModule,
 *   rt.path (module.js); sys.lower, sys.needsLower (in the worker's heap).
 * Provides: rt.iter, rt.isNamespace, rt.isClass, rt.pending (the modules a request
 *   waits for), rt.exposed, rt.asyncTop, rt.IteratorPrototype, rt.asyncAwaiter; the global __invoke; the
 *   iterators of arrays, typed arrays, Buffers and strings; the
 *   prototypes of async functions and generators, and the global
 *   Function that lowers a text of modern syntax.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var Thread = Duktape.Thread;
var ITER = Symbol.iterator;
var slice = Array.prototype.slice;
var hasOwn = Object.prototype.hasOwnProperty;
var defProp = Object.defineProperty;
var CLASS = Symbol('class');
/* what console.js prints as [class A] */
rt.isClass = function (f) { return typeof f === 'function' && Object.prototype.hasOwnProperty.call(f, CLASS); };

if (!Symbol.asyncIterator)
    defProp(Symbol, 'asyncIterator', { value: Symbol('Symbol.asyncIterator') });
var AITER = Symbol.asyncIterator;

function hidden(o, k, v) {
    defProp(o, k, { value: v, writable: true, configurable: true });
}

/* --- iteration of built-ins --- */
/* %IteratorPrototype%, which every built-in iterator's prototype inherits
 * (test262 finds it as the prototype of [][Symbol.iterator]()'s): its
 * [Symbol.iterator]() gives this back, as is (strict: a primitive is not
 * boxed), and is no constructor. */
var IteratorPrototype = {};
hidden(IteratorPrototype, ITER, sys.method(function () { 'use strict'; return this; }));
defProp(IteratorPrototype[ITER], 'name', { value: '[Symbol.iterator]', configurable: true });
rt.IteratorPrototype = IteratorPrototype;

function ArrayIterator(a, kind) { this._a = a; this._i = 0; this._k = kind; }
ArrayIterator.prototype = Object.create(IteratorPrototype);
hidden(ArrayIterator.prototype, 'constructor', ArrayIterator);
hidden(ArrayIterator.prototype, 'next', function () {
    var a = this._a;
    if (a === null || this._i >= a.length) {
        this._a = null;
        return { value: undefined, done: true };
    }
    var i = this._i++;
    return { value: this._k === 0 ? a[i] : this._k === 1 ? i : [i, a[i]], done: false };
});

function StringIterator(s) { this._s = s; this._i = 0; }
StringIterator.prototype = Object.create(IteratorPrototype);
hidden(StringIterator.prototype, 'constructor', StringIterator);
hidden(StringIterator.prototype, 'next', function () {
    var s = this._s, i = this._i;
    if (i >= s.length) return { value: undefined, done: true };
    var c = s.charCodeAt(i), n = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) n = 2;
    }
    this._i = i + n;
    return { value: s.substr(i, n), done: false };
});
/* what Object.prototype.toString says of them (kind-of tells them so) */
hidden(ArrayIterator.prototype, Symbol.toStringTag, 'Array Iterator');
hidden(StringIterator.prototype, Symbol.toStringTag, 'String Iterator');

/* strict, so that a null or undefined this is refused rather than taken
 * as the global object; methods, not constructors, as the specification's */
function arrayIterMethod(kind, name) {
    var f = sys.method(function () {
        'use strict';
        if (this === null || this === undefined)
            throw new TypeError('Array.prototype.' + name + ' called on null or undefined');
        return new ArrayIterator(Object(this), kind);
    });
    defProp(f, 'name', { value: name, configurable: true });
    return f;
}
var values = arrayIterMethod(0, 'values'), keys = arrayIterMethod(1, 'keys'), entries = arrayIterMethod(2, 'entries');
var arrayLikes = [Array.prototype];
['Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Int16Array', 'Uint32Array',
 'Int32Array', 'Float32Array', 'Float64Array'].forEach(function (n) {
    if (G[n]) arrayLikes.push(G[n].prototype);
});
if (G.Buffer && G.Buffer.prototype) arrayLikes.push(G.Buffer.prototype);
arrayLikes.forEach(function (p) {
    if (!hasOwn.call(p, ITER)) hidden(p, ITER, values);
    if (!hasOwn.call(p, 'values')) hidden(p, 'values', values);
    if (!hasOwn.call(p, 'keys')) hidden(p, 'keys', keys);
    if (!hasOwn.call(p, 'entries')) hidden(p, 'entries', entries);
});
if (!hasOwn.call(String.prototype, ITER))
    hidden(String.prototype, ITER, function () { return new StringIterator(String(this)); });

function iter(x) {
    if (x === null || x === undefined)
        throw new TypeError(x + ' is not iterable');
    return iterWith(x, x[ITER]);
}

/* x's iterator, f being what x[Symbol.iterator] gave */
function iterWith(x, f) {
    if (typeof f === 'function') {
        var it = f.call(x);
        if (it === null || typeof it !== 'object' && typeof it !== 'function')
            throw new TypeError('Result of the Symbol.iterator method is not an object');
        return it;
    }
    if (typeof x === 'object' && typeof x.length === 'number' && Object.prototype.toString.call(x) === '[object Arguments]')
        return new ArrayIterator(x, 0);
    throw new TypeError((typeof x === 'object' ? 'object' : String(x)) + ' is not iterable');
}

/* for…of: null when x is an array whose iteration is the built-in one, and
 * the lowered loop then indexes x itself as the array iterator would (the
 * length read at each step), without an iterator and a result object per
 * item (issue 20); else x's iterator.  Symbol.iterator is read once. */
var arrayNext = ArrayIterator.prototype.next;
function forOf(x) {
    if (!Array.isArray(x))
        return iter(x);
    var f = x[ITER];
    if (f === values && ArrayIterator.prototype.next === arrayNext)
        return null;
    return iterWith(x, f);
}

/* for…of left early: the iterator's return(), if the step was not done */
function close(it, step) {
    if (step && !step.done && it && typeof it['return'] === 'function')
        it['return']();
}

/* iterable -> array (at most n items when n >= 0) */
function arr(x, n) {
    if (Array.isArray(x) && x[ITER] === values) return x;
    var out = [], it = iter(x), r;
    while ((n < 0 || out.length < n) && !(r = it.next()).done) out.push(r.value);
    if (r && !r.done && typeof it['return'] === 'function') it['return']();
    return out;
}

/* [a, ...r] = x: r is x's items from i on (arr's result), one own
 * property each, as iterating gives them: a hole is undefined (slice
 * would keep it a hole, and Duktape's drops trailing ones from length) */
function restOf(a, i) {
    var out = [], n = a.length;
    for (; i < n; i++) out.push(a[i]);
    return out;
}

/* The dead zone (front.js tdzPass): what a let or const holds before its
 * declaration runs, where the front end could not prove every reference
 * comes after it; an object no script can name. */
var hole = { hole: true };
function tdz(name) {
    throw new ReferenceError('Cannot access \'' + name + '\' before initialization');
}
function tdzPut(cur, v, name) {
    if (cur === hole) tdz(name);
    return v;
}

function spread(x) {
    if (Array.isArray(x) && x[ITER] === values) return x;
    return arr(x, -1);
}

/* --- async functions and generators on coroutines --- */
var AWAIT = 1, YIELD = 2;
var yieldKind = 0;

function Ret(value) { this.value = value; }

/* Resumes t; returns { kind, value } (kind 0: the body returned). */
function resume(t, v, isErr) {
    yieldKind = 0;
    var r = Thread.resume(t, v, isErr);
    var k = yieldKind;
    yieldKind = 0;
    return { kind: k, value: r };
}

function body(self, args, fn) {
    return function () {
        try {
            return fn.apply(self, args);
        } catch (e) {
            if (e instanceof Ret) return e.value;
            throw e;
        }
    };
}

var threadYield = Thread.yield;

function await_(x) {
    yieldKind = 1;      /* AWAIT, written out: one lookup less per await */
    return threadYield(x);
}

/* An async function's body runs in a thread that carries its state: the
 * call (fn, self, args), the promise it returns (p) and, while it waits,
 * the record of what it awaits.  No closure or extra promise is made per
 * call or per await (each closure costs Duktape ~8k instructions): the
 * thread's function is shared, the first resume hands it the thread. */
function asyncBody(t) {
    try {
        return t.fn.apply(t.self, t.args);
    } catch (e) {
        if (e instanceof Ret) return e.value;
        throw e;
    }
}

/* promise.js's internals, looked up once (each rt.x is a lookup by name) */
var promisePending = rt.promisePending, promiseResolve = rt.promiseResolve,
    promiseReject = rt.promiseReject, promiseAwait = rt.promiseAwait, threadResume = Thread.resume,
    promiseResolved = rt.promiseResolved, promiseRejected = rt.promiseRejected,
    pendingMicrotasks = rt.pendingMicrotasks, act = Duktape.act;

/* the microtask that resumes t with what it awaited; it settles t's
 * promise when the body ends, or waits again (one call a step: the
 * driver is this job and async's first step).  An await of what has
 * settled already, with no other job queued, goes on here at once: the
 * job it would queue would be the very next one the drain runs. */
function asyncResume(t) {
    var rec = t.awaited, r;
    t.awaited = null;
    for (;;) {
        yieldKind = 0;
        try {
            r = threadResume(t, rec.value, rec.state === 2);
        } catch (e) {
            yieldKind = 0;
            promiseReject(t.p, e);
            return;
        }
        if (yieldKind === 0) {
            promiseResolve(t.p, r);
            return;
        }
        yieldKind = 0;
        rec = promiseAwait(r, asyncResume, t, true);
        if (rec.state === 0 || pendingMicrotasks()) {
            t.awaited = rec;
            return;
        }
    }
}

/* The first step runs here: a body that ends without awaiting (many
 * handlers) gets its promise made already settled, as Promise.resolve or
 * reject would make it, instead of a pending one settled afterwards
 * (~7k instructions a call).  The request's handler also goes on at once
 * past an await of what has settled, as asyncResume does, when no code of
 * the function's can run before the event loop would run the job: dispatch
 * set rt.asyncTop for the call, and the caller of this async (tail calls
 * take no frame: the handler's own `return __invoke.async(...)`, a bound
 * handler, `return other(req, res)`) is dispatch itself.  The usual
 * `await kv.incr(...)` handler saves ~12k instructions a request. */
function async(self, args, fn) {
    var t = new Thread(asyncBody), r, rec = null, top = false, a;
    t.fn = fn;
    t.self = self;
    t.args = args;
    for (;;) {
        yieldKind = 0;
        try {
            r = threadResume(t, rec === null ? t : rec.value, rec !== null && rec.state === 2);
        } catch (e) {
            yieldKind = 0;
            return promiseRejected(e);
        }
        if (yieldKind === 0)
            return promiseResolved(r);
        yieldKind = 0;
        if (rec === null && rt.asyncTop) {
            rt.asyncTop = false;
            a = act(-3);
            top = a !== undefined && a.function === rt.dispatch;
        }
        rec = promiseAwait(r, asyncResume, t, top);
        if (!top || rec.state === 0 || pendingMicrotasks())
            break;
    }
    t.p = promisePending();
    t.awaited = rec;
    return t.p;
}

/* the thread of the async function awaiting t's promise (a reaction
 * asyncResume(that thread) waits on it, maybe in an async_hooks frame),
 * or null: errors.js's `at async` frames, read when an error is made */
rt.asyncAwaiter = function (t) {
    var list = t && t.p ? rt.promiseReactions(t.p) : null;
    if (list === null) return null;
    for (var i = 0; i < list.length; i += 2) {
        var job = list[i], arg = list[i + 1];
        if (job !== asyncResume && arg && arg.job === asyncResume) arg = arg.arg;
        else if (job !== asyncResume) continue;
        if (arg instanceof Thread) return arg;
    }
    return null;
};

function Generator() {}
Generator.prototype = Object.create(IteratorPrototype);
hidden(Generator.prototype, 'constructor', Generator);
function genStep(g, v, mode) {
    if (g._done) {
        if (mode === 1) throw v;
        return { value: mode === 2 ? v : undefined, done: true };
    }
    if (g._running) throw new TypeError('Generator is already running');
    if (!g._t) {
        if (mode !== 0) {
            g._done = true;
            if (mode === 1) throw v;
            return { value: v, done: true };
        }
        g._t = new Thread(g._body);
        g._t.gen = true;    /* errors.js: its caller's frames follow */
    }
    var r;
    g._running = true;
    try {
        r = resume(g._t, mode === 2 ? new Ret(v) : v, mode !== 0);
    } catch (e) {
        g._done = true;
        throw e;
    } finally {
        g._running = false;
    }
    if (r.kind === 0) {
        g._done = true;
        g._t = null;
        return { value: r.value, done: true };
    }
    return { value: r.value, done: false };
}
hidden(Generator.prototype, 'next', function (v) { return genStep(this, v, 0); });
hidden(Generator.prototype, 'throw', function (e) { return genStep(this, e, 1); });
hidden(Generator.prototype, 'return', function (v) { return genStep(this, v, 2); });
hidden(Generator.prototype, Symbol.toStringTag || '@@toStringTag', 'Generator');

function gen(self, args, fn) {
    var g = new Generator();
    g._body = body(self, args, fn);
    g._t = null;
    g._done = false;
    g._running = false;
    return g;
}

function yield_(x) {
    yieldKind = YIELD;
    return Thread.yield(x);
}

/* yield* x: every next(), throw() and return() the outer generator gets is
 * forwarded to x's iterator (a return() runs the inner finally blocks, a
 * throw() reaches the inner catch); in an async generator each step of an
 * async (or sync) iterable is awaited. */
function delegate(it, isAsync) {
    /* the iterator's next is read once, as GetIterator does */
    var mode = 0, v, r, f, nx = it.next;
    for (;;) {
        if (mode === 0) {
            if (typeof nx !== 'function') throw new TypeError(typeof nx + ' is not a function');
            r = nx.call(it, v);
        } else {
            f = it[mode === 1 ? 'throw' : 'return'];
            if (f === undefined || f === null) {
                if (mode === 2) throw new Ret(v);
                /* no throw(): close the inner iterator, then complain */
                f = it['return'];
                if (typeof f === 'function') {
                    r = f.call(it);
                    if (isAsync) await_(r);
                }
                throw new TypeError('The iterator does not provide a \'throw\' method.');
            }
            r = f.call(it, v);
        }
        if (isAsync) r = await_(r);
        if (r === null || typeof r !== 'object' && typeof r !== 'function')
            throw new TypeError('Iterator result ' + r + ' is not an object');
        if (r.done) {
            if (mode === 2) throw new Ret(r.value);
            return r.value;
        }
        try {
            v = yield_(r.value);
            mode = 0;
        } catch (e) {
            if (e instanceof Ret) { mode = 2; v = e.value; } else { mode = 1; v = e; }
        }
    }
}
function yieldStar(x) { return delegate(iter(x), false); }
function yieldStarAsync(x) { return delegate(asyncIter(x), true); }

/* A catch clause inside a generator lets return() unwind through it. */
function ret(e) {
    if (e instanceof Ret) throw e;
}

function AsyncGenerator() {}
hidden(AsyncGenerator.prototype, AITER, function () { return this; });
function agRequest(g, mode, v) {
    return new Promise(function (resolve, reject) {
        g._queue.push({ mode: mode, v: v, resolve: resolve, reject: reject });
        if (!g._running) agPump(g);
    });
}
function agPump(g) {
    if (g._running || !g._queue.length) return;
    var req = g._queue[0];
    if (g._done || (!g._t && req.mode !== 0)) {
        g._done = true;
        g._queue.shift();
        if (req.mode === 1) req.reject(req.v);
        else req.resolve({ value: req.mode === 2 ? req.v : undefined, done: true });
        agPump(g);
        return;
    }
    if (!g._t) { g._t = new Thread(g._body); g._t.gen = true; }
    g._running = true;
    agStep(g, req.mode === 2 ? new Ret(req.v) : req.v, req.mode !== 0);
}
function agStep(g, v, isErr) {
    var r, req = g._queue[0];
    try {
        r = resume(g._t, v, isErr);
    } catch (e) {
        g._done = true;
        return agFinish(g, req, function () { req.reject(e); });
    }
    if (r.kind === AWAIT) {
        Promise.resolve(r.value).then(function (x) { agStep(g, x, false); },
                                      function (e) { agStep(g, e, true); });
    } else if (r.kind === YIELD) {
        Promise.resolve(r.value).then(function (x) {
            agFinish(g, req, function () { req.resolve({ value: x, done: false }); });
        }, function (e) { agStep(g, e, true); });
    } else {
        g._done = true;
        Promise.resolve(r.value).then(function (x) {
            agFinish(g, req, function () { req.resolve({ value: x, done: true }); });
        }, function (e) {
            agFinish(g, req, function () { req.reject(e); });
        });
    }
}
function agFinish(g, req, settle) {
    g._queue.shift();
    g._running = false;
    settle();
    agPump(g);
}
hidden(AsyncGenerator.prototype, 'next', function (v) { return agRequest(this, 0, v); });
hidden(AsyncGenerator.prototype, 'throw', function (e) { return agRequest(this, 1, e); });
hidden(AsyncGenerator.prototype, 'return', function (v) { return agRequest(this, 2, v); });

function asyncGen(self, args, fn) {
    var g = new AsyncGenerator();
    g._body = body(self, args, fn);
    g._t = null;
    g._done = false;
    g._running = false;
    g._queue = [];
    return g;
}

function asyncIter(x) {
    var af = x !== null && x !== undefined ? x[AITER] : undefined;
    if (af !== undefined && af !== null) {
        if (typeof af !== 'function') throw new TypeError('Symbol.asyncIterator is not a function');
        return af.call(x);
    }
    /* CreateAsyncFromSyncIterator: next is read once; what a step throws
     * is a rejected promise, as the specification's wrapper returns */
    var it = iter(x), nx = it.next;
    return {
        next: function (v) {
            var r;
            try { r = nx.call(it, v); } catch (e) { return Promise.reject(e); }
            return settled(r);
        },
        'return': function (v) {
            var f, r;
            try {
                f = it['return'];
                if (f === undefined || f === null) return Promise.resolve({ value: v, done: true });
                r = f.call(it, v);
            } catch (e) { return Promise.reject(e); }
            return settled(r);
        },
        'throw': function (e) {
            var f, r;
            try {
                f = it['throw'];
                if (f === undefined || f === null) return Promise.reject(e);
                r = f.call(it, e);
            } catch (e2) { return Promise.reject(e2); }
            return settled(r);
        }
    };
}
/* a sync iterator's step, its value awaited (AsyncFromSyncIteratorContinuation:
 * done read first, then value; an abrupt read or PromiseResolve rejects) */
function settled(r) {
    var done, p;
    try {
        if (r === null || typeof r !== 'object') throw new TypeError('Iterator result ' + r + ' is not an object');
        done = !!r.done;
        p = Promise.resolve(r.value);
    } catch (e) {
        return Promise.reject(e);
    }
    return p.then(function (value) { return { value: value, done: done }; });
}

/* --- objects, templates, construction --- */
function str(x) {
    if (typeof x === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(x);
}

function site(cooked, raw) {
    hidden(cooked, 'raw', Object.freeze(raw));
    return Object.freeze(cooked);
}

/* key: the first key of a pattern nested in another, which V8 reports
 * reading ({ user: { name } } = {}: reading 'name') */
function obj(x, key) {
    if (key !== undefined && (x === null || x === undefined))
        throw new TypeError('Cannot read properties of ' + x + ' (reading \'' + key + '\')');
    if (x === null || x === undefined) throw new TypeError('Cannot destructure \'' + x + '\' as it is ' + x + '.');
    return x;
}

function key(k) { return typeof k === 'symbol' ? k : String(k); }

function objRest(src, omit) {
    var out = {}, o = Object(src), ks = Object.keys(o), i;
    if (Object.getOwnPropertySymbols)
        ks = ks.concat(Object.getOwnPropertySymbols(o).filter(function (k) {
            return Object.prototype.propertyIsEnumerable.call(o, k);
        }));
    for (i = 0; i < ks.length; i++)
        if (omit.indexOf(ks[i]) < 0) out[ks[i]] = o[ks[i]];
    return out;
}

/* get [k]() {} of an object literal, for assign() to define in its place */
function Acc(k, kind, fn) { this.k = key(k); this.kind = kind; this.fn = fn; }
function acc(k, kind, fn) { return new Acc(k, kind, fn); }
/* a run of an object literal's own properties with an accessor among them,
 * after a computed accessor or a spread: defined as they are, an accessor
 * as an accessor (assign() would call its getter) */
function Lit(o) { this.o = o; }
function lit(o) { return new Lit(o); }

/* {...a, b} with the define semantics of object literals */
function assign(target) {
    for (var i = 1; i < arguments.length; i++) {
        var s = arguments[i];
        if (s === null || s === undefined) continue;
        if (s instanceof Acc) {
            var d = Object.getOwnPropertyDescriptor(target, s.k);
            var nd = { get: d && d.get, set: d && d.set, enumerable: true, configurable: true };
            nd[s.kind] = s.fn;
            defProp(target, s.k, nd);
            continue;
        }
        if (s instanceof Lit) {
            var lk = Object.getOwnPropertyNames(s.o), l;
            if (Object.getOwnPropertySymbols) lk = lk.concat(Object.getOwnPropertySymbols(s.o));
            for (l = 0; l < lk.length; l++) defProp(target, lk[l], Object.getOwnPropertyDescriptor(s.o, lk[l]));
            continue;
        }
        if (typeof s === 'string') s = s.split('');
        var ks = Object.keys(Object(s)), j;
        for (j = 0; j < ks.length; j++)
            defProp(target, ks[j], { value: s[ks[j]], writable: true, enumerable: true, configurable: true });
        if (Object.getOwnPropertySymbols) {
            var syms = Object.getOwnPropertySymbols(Object(s));
            for (j = 0; j < syms.length; j++)
                if (Object.prototype.propertyIsEnumerable.call(s, syms[j]))
                    defProp(target, syms[j], { value: s[syms[j]], writable: true, enumerable: true, configurable: true });
        }
    }
    return target;
}

function construct(C, args) {
    if (typeof C !== 'function') throw new TypeError(String(C) + ' is not a constructor');
    return new (Function.prototype.bind.apply(C, [null].concat(args)))();
}

/* V8's words; the name is not part of them */
function constAssign() {
    throw new TypeError('Assignment to constant variable.');
}

/* --- classes --- */
var pendingNt = null;

function nt(newTarget) {
    if (newTarget) return newTarget;
    if (pendingNt) {
        var t = pendingNt;
        pendingNt = null;
        return t;
    }
    /* V8 names the class: the function that called this one */
    var a = Duktape.act(-3), name = a && a['function'] && a['function'].name;
    throw new TypeError('Class constructor ' + (name ? name + ' ' : '') + 'cannot be invoked without \'new\'');
}

/* new.target in a plain function: the engine's, or the class a super()
 * call constructs through it (argparse's callable classes) */
function ntOf(newTarget) {
    if (newTarget !== undefined || !pendingNt) return newTarget;
    var t = pendingNt;
    pendingNt = null;
    return t;
}

function isNative(f) {
    /* the Function constructors here stand for Duktape's: extended, they
     * are constructed, and the result given the subclass's prototype */
    if (f === FunctionCtor || f === AsyncFunction || f === GeneratorFunction || f === AsyncGeneratorFunction)
        return true;
    return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
}

/* super(...) in a class C: GetSuperConstructor is C's prototype now, which
 * Object.setPrototypeOf(C, …) may have changed since the class was made */
function superNow(C, self, args, newTarget) {
    return superCall(C, self, getProtoOf(C), args, newTarget);
}
var getProtoOf = Object.getPrototypeOf;

function superCall(C, self, S, args, newTarget) {
    var target = newTarget || C, r;
    if (typeof S !== 'function') throw new TypeError('Super constructor is not a constructor');
    if (S[CLASS]) {
        pendingNt = target;
        try {
            r = S.apply(self, args);
        } finally {
            pendingNt = null;
        }
        /* a class extending Function makes functions (argparse's Action) */
        return r !== null && (typeof r === 'object' || typeof r === 'function') ? r : self;
    }
    if (isNative(S)) {
        r = construct(S, slice.call(args));
        Object.setPrototypeOf(r, target.prototype);
        return r;
    }
    /* a plain function: its new.target (lowered to ntOf) is the class
     * being constructed, as when node calls it from super() */
    pendingNt = target;
    try {
        r = S.apply(self, args);
    } finally {
        pendingNt = null;
    }
    return r !== null && (typeof r === 'object' || typeof r === 'function') ? r : self;
}

function setupClass(C, S, derived) {
    if (S !== null && typeof S !== 'function')
        throw new TypeError('Class extends value ' + String(S) + ' is not a constructor or null');
    var proto = Object.create(S ? S.prototype : derived ? null : Object.prototype);
    hidden(proto, 'constructor', C);
    defProp(C, 'prototype', { value: proto, writable: false });
    defProp(C, CLASS, { value: true });
    if (S) Object.setPrototypeOf(C, S);
}

/* A method's name, as a class gives it: its key ("[desc]" for a symbol),
 * "get x" / "set x" for an accessor.  The lowered method is an anonymous
 * function expression (a name in its text would be a binding in its
 * body, hiding an outer one of that name). */
function nameMethod(fn, k, kind) {
    var n = typeof k === 'symbol' ? (k.description === undefined ? '' : '[' + k.description + ']') : k;
    defProp(fn, 'name', { value: kind === 'get' || kind === 'set' ? kind + ' ' + n : n, configurable: true });
}

/* a class's method knows its class: errors.js names its stack frame as
 * V8 does, "at Foo.bar" (V8 names the receiver's class; the class the
 * method is written in is the same in all but inherited calls) */
var METHOD_OF = sys.hidden('methodOf');
function method(target, k, kind, fn) {
    nameMethod(fn, k, kind);
    if (kind === 'method') defProp(fn, METHOD_OF, { value: typeof target === 'function' ? target : target.constructor });
    defMethod(target, k, kind, fn);
}
function defMethod(target, k, kind, fn) {
    if (kind === 'get' || kind === 'set') {
        var d = Object.getOwnPropertyDescriptor(target, k) || {};
        var nd = { get: d.get, set: d.set, enumerable: false, configurable: true };
        nd[kind] = fn;
        defProp(target, k, nd);
    } else {
        hidden(target, k, fn);
    }
}

function field(target, k, v) {
    defProp(target, k, { value: v, writable: true, enumerable: true, configurable: true });
}

function privInit(o, k, v) {
    if (hasOwn.call(o, k)) throw new TypeError('Cannot initialize ' + (k.description || String(k)) + ' twice on the same object');
    hidden(o, k, v);
}
/* a private method cannot be assigned to: it is read-only */
function privMethod(target, k, kind, fn) {
    /* named "#m", its symbol's description */
    nameMethod(fn, k.description, kind);
    if (kind === 'method') defProp(target, k, { value: fn, writable: false, configurable: true });
    else defMethod(target, k, kind, fn);
}
/* o has the private name k: a field of its own, or a method or accessor
 * its class put on a prototype (a field found up the chain is another
 * object's: a subclass does not have its parent's static fields) */
function privCheck(o, k) {
    var d;
    if (o !== null && o !== undefined && !hasOwn.call(o, k) && k in Object(o)) {
        for (var p = Object.getPrototypeOf(o); p !== null && !d; p = Object.getPrototypeOf(p))
            d = Object.getOwnPropertyDescriptor(p, k);
        if (d && d.writable) d = null;
        else d = true;
    } else {
        d = o !== null && o !== undefined && hasOwn.call(o, k);
    }
    if (!d)
        throw new TypeError('Cannot read private member ' + String(k.description || k).replace(/^Symbol\(|\)$/g, '') +
                            ' from an object whose class did not declare it');
}
function privGet(o, k) { privCheck(o, k); return o[k]; }
/* o.#k = v: a field takes the value, an accessor's setter runs, a method
 * or a getter alone refuses */
function privSet(o, k, v) {
    privCheck(o, k);
    var d = Object.getOwnPropertyDescriptor(o, k), p = o;
    while (!d && (p = Object.getPrototypeOf(p)) !== null) d = Object.getOwnPropertyDescriptor(p, k);
    if (d.set) d.set.call(o, v);
    else if (d.get) throw new TypeError('\'' + (k.description || String(k)) + '\' was defined without a setter');
    else if (!d.writable) throw new TypeError('Private method is not writable');
    else hidden(o, k, v);
    return v;
}
function privHas(o, k) {
    if (o === null || typeof o !== 'object' && typeof o !== 'function') throw new TypeError('Cannot use \'in\' operator to search for a private field');
    return k in o;
}
function privUpd(o, k, d, prefix) {
    var old = Number(privGet(o, k));
    privSet(o, k, old + d);
    return prefix ? old + d : old;
}

/* what a derived constructor returns: super() must have run */
function derivedThis(self) {
    if (self === undefined)
        throw new ReferenceError('Must call super constructor in derived class before accessing \'this\' or returning from derived constructor');
    return self;
}

/* return v in a derived constructor (self: its $this, after v is evaluated) */
function derivedReturn(v, self) {
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) return v;
    if (v !== undefined) throw new TypeError('Derived constructors may only return object or undefined');
    return derivedThis(self);
}

/* super[k] = v: a setter up the chain runs on self, else self gets the value */
function superSet(base, k, v, self) {
    var d, p = base;
    while (p !== null && p !== undefined) {
        d = Object.getOwnPropertyDescriptor(p, k);
        if (d) {
            if (d.set) { d.set.call(self, v); return v; }
            if (d.get) throw new TypeError('Cannot set property ' + String(k) + ' which has only a getter');
            break;
        }
        p = Object.getPrototypeOf(p);
    }
    d = Object.getOwnPropertyDescriptor(self, k);
    if (d && !d.writable && !d.set) throw new TypeError('Cannot assign to read only property \'' + String(k) + '\'');
    if (d) self[k] = v;
    else defProp(self, k, { value: v, writable: true, enumerable: true, configurable: true });
    return v;
}

function superGet(base, k, self) {
    var d, p = base;
    while (p !== null && p !== undefined) {
        d = Object.getOwnPropertyDescriptor(p, k);
        if (d) return d.get ? d.get.call(self) : d.value;
        p = Object.getPrototypeOf(p);
    }
    return undefined;
}

/* --- ES modules (front.js lowers import and export onto these) --- */

/* A module namespace: its exports as properties, in the order of their
 * names, over a prototype of its own (no Object.prototype), as Node's
 * `[Module: null prototype]`. */
var NS_PROTO = Object.create(null);
defProp(NS_PROTO, Symbol.toStringTag, { value: 'Module' });

function isNs(v) {
    return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === NS_PROTO;
}

/* The namespace of the module being evaluated, with its export names made
 * (undefined until evaluated), replacing its module.exports. */
function esm(module, names, cjs) {
    var ns = module.exports;
    /* run again after the modules it waited for (waits): the same one */
    if (isNs(ns) && ns[DEFERRED] === true) return ns;
    if (cjs) {
        /* TypeScript's CommonJS (a .cts): module.exports itself, marked */
        defProp(ns, '__esModule', { value: true });
        for (var j = 0; j < names.length; j++) ns[names[j]] = undefined;
        return ns;
    }
    ns = Object.create(NS_PROTO);
    for (var i = 0; i < names.length; i++) ns[names[i]] = undefined;
    module.exports = ns;
    /* its imports take package.json's "import" conditions (the front
     * end's heap, which runs its plugin with this file, has no module.js) */
    if (rt.markEsm !== undefined) rt.markEsm(module);
    return ns;
}

/* import x from: an ES module's default export, a CommonJS module's
 * module.exports. */
function dflt(v) {
    return isNs(v) ? v['default'] : v;
}

/* import x from: what x is read from, as x["default"]: an ES module's
 * namespace (so x is live), or a CommonJS module's module.exports, taken
 * once. */
function dfltOf(v, cjs) {
    /* in a .cts, TypeScript's esModuleInterop: __esModule marks an object
     * whose default is its property */
    return isNs(v) || cjs && v !== null && v !== undefined && v.__esModule ? v : { 'default': v };
}

/* import * as ns from: an ES module's namespace as it is; a CommonJS
 * module's made of module.exports (its default) and its own enumerable
 * properties, taken once, as Node takes them. */
function ns(v) {
    if (isNs(v)) return v;
    var o = Object.create(NS_PROTO), keys = ['default'], k, i;
    if (v !== null && (typeof v === 'object' || typeof v === 'function'))
        for (k in v) if (hasOwn.call(v, k) && k !== 'default') keys.push(k);
    keys.sort();
    for (i = 0; i < keys.length; i++) o[keys[i]] = keys[i] === 'default' ? v : v[keys[i]];
    return o;
}

/* An export read live from its binding (one written after it is declared,
 * or one re-exported from another module). */
function live(ns, name, get) {
    defProp(ns, name, { get: get, enumerable: true, configurable: true });
}

/* export * from: every name of the other module but default, unless this
 * module exports that name itself. */
function star(target, v) {
    var src = ns(v), names = Object.keys(src), added = false, i;
    for (i = 0; i < names.length; i++) {
        var k = names[i];
        if (k === 'default' || hasOwn.call(target, k)) continue;
        live(target, k, starGetter(src, k));
        added = true;
    }
    if (!added) return;
    /* a namespace lists its names in order: made again in it (this runs
     * before the module's own exports have values) */
    names = Object.keys(target).sort();
    var ds = [];
    for (i = 0; i < names.length; i++) ds.push(Object.getOwnPropertyDescriptor(target, names[i]));
    for (i = 0; i < names.length; i++) delete target[names[i]];
    for (i = 0; i < names.length; i++) defProp(target, names[i], ds[i]);
}

function starGetter(src, k) {
    return { g() { return src[k]; } }.g;
}

/* import.meta */
function meta(filename) {
    var slash = filename.lastIndexOf('/'), dir = slash > 0 ? filename.slice(0, slash) : '/';
    return {
        url: 'file://' + encodeURI(filename).replace(/\?/g, '%3F').replace(/#/g, '%23'),
        filename: filename,
        dirname: dir,
        resolve(spec) {
            return 'file://' + encodeURI(rt.resolveModule(String(spec), dir, true, filename)).replace(/\?/g, '%3F').replace(/#/g, '%23');
        }
    };
}

/* The promise of a module's evaluation, when it awaits at its top level:
 * the dispatcher waits for it before calling the handler (rt.pending), an
 * import() before resolving. */
var TLA = Symbol('tla'), DONE = Symbol('done'), DEFERRED = Symbol('deferred');

function tla(ns, p) {
    defProp(ns, TLA, { value: p, configurable: true });
    p.then(function () { defProp(ns, DONE, { value: true, configurable: true }); }, function () {});
    (rt.pending || (rt.pending = [])).push(p);
    return p;
}

function pendingOf(n) {
    return isNs(n) && n[TLA] !== undefined && n[DONE] !== true ? n[TLA] : null;
}

/* An ES module whose imports are still evaluating (they await at their
 * top level) waits for them, as the specification has it: its wrapper
 * returns at once and runs again once they are done (module.js,
 * rt.rerunModule), its namespace pending meanwhile for its own importers
 * and for the dispatcher.  True when it must wait. */
function waits(module, require, deps) {
    var ps = null, i, p;
    for (i = 0; i < deps.length; i++)
        if ((p = pendingOf(deps[i])) !== null) (ps || (ps = [])).push(p);
    if (ps === null) return false;
    var ns = module.exports;
    defProp(ns, DEFERRED, { value: true, configurable: true });
    tla(ns, Promise.all(ps).then(function () {
        delete ns[TLA];
        rt.rerunModule(module, require);
        return ns[TLA];
    }));
    return true;
}

/* import(spec) from file: a promise of the module's namespace, resolved
 * as import resolves (package.json's "import" conditions, also from a
 * CommonJS module); what cannot be found is Node's ERR_MODULE_NOT_FOUND,
 * as import says it */
function dynImport(require, spec, file) {
    /* the module runs in a job of its own, after the code that asked */
    return Promise.resolve().then(function () { return new Promise(function (resolve) {
        if (typeof require !== 'function')
            throw new TypeError('import() is not available in this module');
        var n;
        spec = String(spec);
        try {
            n = ns(require(rt.resolveModule(spec, rt.path.dirname(file), true, file)));
        } catch (e) {
            if (e && e.code === 'MODULE_NOT_FOUND') {
                var rel = spec.charAt(0) === '.' || spec.charAt(0) === '/';
                e.code = 'ERR_MODULE_NOT_FOUND';
                e.message = rel ? "Cannot find module '" + rt.path.resolve(rt.path.dirname(file), spec) +
                                  "' imported from " + file
                                : "Cannot find package '" + spec + "' imported from " + file;
            }
            throw e;
        }
        var p = pendingOf(n);
        resolve(p ? p.then(function () { return n; }) : n);
    }); });
}

/* --- the kinds of function: AsyncFunction, GeneratorFunction --- */

/* A lowered async function or generator is a plain function (its body
 * runs in a thread); fnKind gives it the prototype node gives such a
 * function, so that what libraries test works: async's
 * fn[Symbol.toStringTag] === 'AsyncFunction', kind-of's
 * fn.constructor.name === 'GeneratorFunction'.  Each prototype inherits
 * from Function.prototype (call, apply and bind stay), with its
 * constructor and tag, as node's. */
var NativeFunction = Function, FunctionProto = Function.prototype;
var setProto = Object.setPrototypeOf;

function kindProto(tag) {
    var p = Object.create(FunctionProto);
    defProp(p, Symbol.toStringTag, { value: tag, configurable: true });
    return p;
}
var ASYNC_FN = kindProto('AsyncFunction'), GEN_FN = kindProto('GeneratorFunction'),
    ASYNC_GEN_FN = kindProto('AsyncGeneratorFunction');
var KIND_PROTOS = [FunctionProto, ASYNC_FN, GEN_FN, ASYNC_GEN_FN];
hidden(AsyncGenerator.prototype, Symbol.toStringTag, 'AsyncGenerator');

/* f made kind k (1 async, 2 generator, 3 async generator); name: an object
 * literal's method's, which lowering made a property's value */
/* f named name (NamedEvaluation of an arrow, or of a function whose own
 * text cannot carry the name: front.js, ownName) */
function named(f, name) {
    defProp(f, 'name', { value: name, configurable: true });
    return f;
}

function fnKind(f, k, name) {
    setProto(f, KIND_PROTOS[k]);
    if (name !== undefined) defProp(f, 'name', { value: name, configurable: true });
    return f;
}

/* The front end's lowering, in the worker's heap (this file also runs in
 * the front end's own, which has no sys.lower and runs no user code). */
var lowerText = typeof sys.lower === 'function' ? sys.lower : null;

/* eval(x) in lowered code is eval(__invoke.ev(x[, home])): x lowered when
 * it is a text that may hold modern syntax (one without any of its marks
 * is left to Duktape, as before), or when it is a method's (home: its home
 * object's text, for super), or when the caller's scope has names that
 * lowering renamed (names: name -> its ES5 name).  A direct eval still: the lowered text runs in
 * the caller's scope.  A wrong guess only costs a lowering. */
var MODERN = /=>|`|\.\.\.|\?\.|\?\?|\*\*|#|\b(?:let|const|class|super|async|await|yield|of|static|get|set|target|import)\b|\\u\{|\d[nN_]|0[bBoO]|[\[{][^\]}]*[\]}]\s*=[^=]|\*\s*\w*\s*\(/;
function ev(x, home, names) {
    if (typeof x !== 'string' || lowerText === null || home === undefined && names === undefined && !MODERN.test(x)) return x;
    return lowerText(JSON.stringify({ src: x, home: home, names: names }), '<eval>');
}

/* new Function(p1, …, body) and its async and generator kinds: Duktape
 * compiles an ES5 text itself, as before; a text of modern syntax (one
 * Duktape cannot parse, or gives its own meaning: const, a destructuring
 * assignment), or any async or generator one, goes through the front end
 * as a module would (front.js, dynamicSource), and the script it makes
 * returns the function.  Both compile in the calling thread, so the
 * function's free names are the calling request's globals. */
function dynamicFunction(k, args) {
    var n = args.length, params = [], body, i;
    /* each argument made a string once, in order, as the constructor does */
    for (i = 0; i < n - 1; i++) params.push(String(args[i]));
    body = n ? String(args[n - 1]) : '';
    if (k === 0 && (lowerText === null || !sys.needsLower(params.join(',') + '\n' + body))) {
        try {
            return NativeFunction.apply(null, params.concat([body]));
        } catch (e) {
            if (!(e instanceof SyntaxError) || lowerText === null) throw e;
        }
    }
    if (lowerText === null) throw new SyntaxError('no front end in this heap');
    var text = lowerText(JSON.stringify({ kind: k, params: params.join(','), body: body }), '<Function>');
    return NativeFunction(text)();
}

/* The constructors, each with its prototype (and, for Function, the one
 * Duktape made: instanceof Function and Function.prototype stay what
 * they were).  Function itself is replaced only where user code runs. */
function kindCtor(ctor, proto, parent) {
    defProp(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
    defProp(proto, 'constructor', { value: ctor, writable: false, enumerable: false, configurable: true });
    if (parent) setProto(ctor, parent);
    return ctor;
}
var FunctionCtor = lowerText === null ? NativeFunction :
    kindCtor(function Function(body) { return dynamicFunction(0, arguments); }, FunctionProto, null);
if (FunctionCtor !== NativeFunction) {
    /* as the global object's other constructors: writable, not enumerable */
    hidden(FunctionProto, 'constructor', FunctionCtor);
    hidden(G, 'Function', FunctionCtor);
}
var AsyncFunction = kindCtor(function AsyncFunction(body) { return dynamicFunction(1, arguments); }, ASYNC_FN, FunctionCtor);
var GeneratorFunction = kindCtor(function GeneratorFunction(body) { return dynamicFunction(2, arguments); }, GEN_FN, FunctionCtor);
var AsyncGeneratorFunction = kindCtor(function AsyncGeneratorFunction(body) { return dynamicFunction(3, arguments); },
                                      ASYNC_GEN_FN, FunctionCtor);
/* g.prototype's prototype, whose constructor is the kind's prototype */
hidden(GEN_FN, 'prototype', Generator.prototype);
hidden(Generator.prototype, 'constructor', GEN_FN);
hidden(ASYNC_GEN_FN, 'prototype', AsyncGenerator.prototype);
hidden(AsyncGenerator.prototype, 'constructor', ASYNC_GEN_FN);

/* require, module, exports, __filename, __dirname named in an ES module */
function notInModule(name) {
    throw new ReferenceError(name + ' is not defined in ES module scope' +
                             (name === 'require' ? ', you can use import instead' : ''));
}

var helpers = {
    esm: esm, dflt: dflt, dfltOf: dfltOf, ns: ns, live: live, star: star, meta: meta, tla: tla, dynImport: dynImport,
    notInModule: notInModule, waits: waits,
    iter: iter, forOf: forOf, close: close, arr: arr, restOf: restOf, superNow: superNow, derivedReturn: derivedReturn, ev: ev, hole: hole, tdz: tdz, tdzPut: tdzPut, spread: spread, await: await_, async: async, gen: gen, asyncGen: asyncGen,
    yield: yield_, yieldStar: yieldStar, yieldStarAsync: yieldStarAsync, ret: ret, asyncIter: asyncIter, str: str, site: site,
    obj: obj, key: key, objRest: objRest, assign: assign, construct: construct, nt: nt, ntOf: ntOf,
    superCall: superCall, setupClass: setupClass, method: method, field: field, privInit: privInit,
    privMethod: privMethod, privGet: privGet, privSet: privSet, privHas: privHas, privUpd: privUpd,
    superGet: superGet, constAssign: constAssign, superSet: superSet, derivedThis: derivedThis, acc: acc, lit: lit,
    fnKind: fnKind, named: named
};
/* the operators of files that use BigInt (bigint.js; not in the front
 * end's heap, whose code has none) */
if (rt.bigOps) Object.keys(rt.bigOps).forEach(function (k) { helpers[k] = rt.bigOps[k]; });
defProp(G, '__invoke', { value: helpers });
rt.iter = iter;
rt.isNamespace = isNs;
/* shared, and put back after each request, by harden.js (the kinds'
 * prototypes are reached from the generators' ones,
 * AsyncFunction.prototype from this list only) */
rt.exposed = (rt.exposed || []).concat([Generator.prototype, AsyncGenerator.prototype, NS_PROTO, ASYNC_FN]);
