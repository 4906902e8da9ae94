/* perf.js - the global `performance` and `perf_hooks`, written from Node
 * 20's documentation: now() in milliseconds since timeOrigin (monotonic,
 * with a fraction), timeOrigin, mark/measure and the entry lists,
 * timerify, eventLoopUtilization, toJSON; PerformanceEntry, PerformanceMark,
 * PerformanceMeasure, PerformanceObserver (told of the marks and measures
 * of its request), constants.  Duktape's own performance object has
 * now() only, counted from 1970.
 *
 * timeOrigin is when the worker started, as Node's is when the process
 * did.  The marks, measures and observers belong to the request that made
 * them (the shared object is put back after each request by harden.js):
 * each request starts
 * with none.
 *
 * Needs: sys.now; rt.builtins (module.js).  When called: rt.domException,
 *   rt.nodeError, rt.argTypeError (buffer.js).  When called: rt.seq
 *   (dispatch.js), rt.enqueueMicrotask (promise.js).
 * Provides: the global performance, rt.builtins.perf_hooks, rt.exposed
 *   (its prototypes added).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var monoBase = sys.now(), timeOrigin = Date.now();

function now() {
    return sys.now() - monoBase;
}

/* the request's entries and observers */
var current = { seq: undefined, entries: [], observers: [] };
function state() {
    if (current.seq !== rt.seq) current = { seq: rt.seq, entries: [], observers: [] };
    return current;
}

function PerformanceEntry() {
    throw new TypeError('Illegal constructor');
}
function entry(proto, name, type, start, duration, detail) {
    var e = Object.create(proto);
    Object.defineProperty(e, '_v', { value: { name: name, entryType: type, startTime: start, duration: duration, detail: detail } });
    return e;
}
['name', 'entryType', 'startTime', 'duration', 'detail'].forEach(function (k) {
    Object.defineProperty(PerformanceEntry.prototype, k, {
        get: function () { return this._v[k]; }, enumerable: true, configurable: true
    });
});
PerformanceEntry.prototype.toJSON = function () {
    var v = this._v;
    return { name: v.name, entryType: v.entryType, startTime: v.startTime, duration: v.duration, detail: v.detail };
};

function PerformanceMark(name, options) {
    if (arguments.length === 0) throw rt.nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
    options = options || {};
    var start = options.startTime !== undefined ? Number(options.startTime) : now();
    if (start < 0) throw rt.nodeError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', start + ' is not a valid timestamp');
    Object.defineProperty(this, '_v', { value: { name: String(name), entryType: 'mark', startTime: start, duration: 0,
                                                  detail: options.detail === undefined ? null : options.detail } });
}
PerformanceMark.prototype = Object.create(PerformanceEntry.prototype);
PerformanceMark.prototype.constructor = PerformanceMark;
function PerformanceMeasure() {
    throw new TypeError('Illegal constructor');
}
PerformanceMeasure.prototype = Object.create(PerformanceEntry.prototype);
PerformanceMeasure.prototype.constructor = PerformanceMeasure;

function record(e) {
    var st = state();
    st.entries.push(e);
    st.observers.forEach(function (o) {
        if (o._types.indexOf(e.entryType) < 0) return;
        o._queue.push(e);
        if (!o._scheduled) {
            o._scheduled = true;
            rt.enqueueMicrotask(function () { deliver(o); });
        }
    });
    return e;
}

/* a mark's time by its name (the last of that name), or a number */
function timeOf(v, what) {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    var list = state().entries;
    for (var i = list.length - 1; i >= 0; i--)
        if (list[i].entryType === 'mark' && list[i].name === v) return list[i].startTime;
    throw rt.domException('SyntaxError', 12, 'The "' + v + '" performance mark has not been set');
}

function list(filter) {
    return state().entries.filter(filter).sort(function (a, b) { return a.startTime - b.startTime; });
}

var performance = {
    now: now,
    mark: function (name, options) {
        return record(new PerformanceMark(name, options));
    },
    measure: function (name, start, end) {
        var detail = null, s, e, dur;
        if (start !== null && typeof start === 'object') {
            var o = start;
            detail = o.detail === undefined ? null : o.detail;
            s = timeOf(o.start, 'start');
            e = timeOf(o.end, 'end');
            dur = o.duration;
            if (s === undefined && e !== undefined && dur !== undefined) s = e - dur;
            if (e === undefined && s !== undefined && dur !== undefined) e = s + dur;
        } else {
            s = timeOf(start, 'start');
            e = timeOf(end, 'end');
        }
        if (s === undefined) s = 0;
        if (e === undefined) e = now();
        return record(entry(PerformanceMeasure.prototype, String(name), 'measure', s, e - s, detail));
    },
    getEntries: function () {
        return list(function () { return true; });
    },
    getEntriesByName: function (name, type) {
        return list(function (e) { return e.name === String(name) && (type === undefined || e.entryType === type); });
    },
    getEntriesByType: function (type) {
        return list(function (e) { return e.entryType === type; });
    },
    clearMarks: function (name) {
        var st = state();
        st.entries = st.entries.filter(function (e) { return e.entryType !== 'mark' || (name !== undefined && e.name !== name); });
    },
    clearMeasures: function (name) {
        var st = state();
        st.entries = st.entries.filter(function (e) { return e.entryType !== 'measure' || (name !== undefined && e.name !== name); });
    },
    timerify: function (fn) {
        if (typeof fn !== 'function') throw rt.argTypeError('fn', 'of type function', fn);
        return fn;
    },
    eventLoopUtilization: function () {
        return { idle: 0, active: 0, utilization: 0 };
    },
    toJSON: function () {
        return { nodeTiming: {}, timeOrigin: timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
    }
};
Object.defineProperty(performance, 'timeOrigin', { value: timeOrigin, enumerable: true });

function PerformanceObserverEntryList(entries) {
    Object.defineProperty(this, '_e', { value: entries });
}
PerformanceObserverEntryList.prototype.getEntries = function () { return this._e.slice(); };
PerformanceObserverEntryList.prototype.getEntriesByType = function (t) {
    return this._e.filter(function (e) { return e.entryType === t; });
};
PerformanceObserverEntryList.prototype.getEntriesByName = function (n, t) {
    return this._e.filter(function (e) { return e.name === n && (t === undefined || e.entryType === t); });
};

function deliver(o) {
    o._scheduled = false;
    if (!o._queue.length) return;
    var batch = o._queue;
    o._queue = [];
    o._cb(new PerformanceObserverEntryList(batch), o);
}

function PerformanceObserver(cb) {
    if (typeof cb !== 'function') throw rt.argTypeError('callback', 'of type function', cb);
    this._cb = cb;
    this._types = [];
    this._queue = [];
    this._scheduled = false;
}
PerformanceObserver.supportedEntryTypes = ['mark', 'measure'];
PerformanceObserver.prototype.observe = function (options) {
    options = options || {};
    var types = options.entryTypes || (options.type ? [options.type] : []);
    this._types = types.filter(function (t) { return t === 'mark' || t === 'measure'; });
    var st = state();
    if (st.observers.indexOf(this) < 0) st.observers.push(this);
};
PerformanceObserver.prototype.disconnect = function () {
    var st = state(), i = st.observers.indexOf(this);
    if (i >= 0) st.observers.splice(i, 1);
    this._queue = [];
};
PerformanceObserver.prototype.takeRecords = function () {
    var q = this._queue;
    this._queue = [];
    return q;
};

var perfHooks = {
    performance: performance,
    PerformanceEntry: PerformanceEntry,
    PerformanceMark: PerformanceMark,
    PerformanceMeasure: PerformanceMeasure,
    PerformanceObserver: PerformanceObserver,
    PerformanceObserverEntryList: PerformanceObserverEntryList,
    constants: {
        NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1,
        NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16,
        NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
        NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
        NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
        NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64
    }
};

Object.defineProperty(G, 'performance', { value: performance, writable: true, enumerable: true, configurable: true });
G.PerformanceEntry = PerformanceEntry;
G.PerformanceMark = PerformanceMark;
G.PerformanceMeasure = PerformanceMeasure;
G.PerformanceObserver = PerformanceObserver;
G.PerformanceObserverEntryList = PerformanceObserverEntryList;
rt.builtins.perf_hooks = function () { return perfHooks; };
rt.exposed = (rt.exposed || []).concat([PerformanceEntry.prototype, PerformanceObserver.prototype]);
