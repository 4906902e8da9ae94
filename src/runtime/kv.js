/* kv.js - the `kv` global (doc/contract.md §5, doc/api.md): the shared key-value store.
 *
 * Validation and JSON live here; the store work is done by the natives of
 * src/bindings/js_kv.c, synchronously, so every method returns a promise that is
 * already settled.  A native reports a store failure as { error } and it
 * is thrown here; each method catches what it throws and returns it as a
 * rejection.  The promises are made with promise.js's internal calls:
 * no executor or work closure per call (a closure costs Duktape ~8k
 * instructions, about a third of a whole kv.incr), and fulfilled at once
 * (rt.promiseFulfilled): what a method answers is JSON or a plain
 * object, never a thenable to follow.
 *
 * Needs: rt.promiseFulfilled, rt.promiseRejected (promise.js).  When
 *   called: the natives of bindings/js_kv.c; rt.typeOf (bigint.js).
 * Provides: the global kv.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var MAX_KEY = 1024;
var MAX_LIST = 1000;

var fulfilled = rt.promiseFulfilled, rejected = rt.promiseRejected;

/* A native without a store answers { error } with the reason (no --data,
 * or the open failed), like any other store failure. */
function checked(r) {
    if (r !== null && typeof r === 'object' && typeof r.error === 'string') {
        var e = new Error(r.error);
        /* a replicated store with no master: uncaught, a 503 (dispatch.js) */
        if (r.unavailable) {
            e.code = 'KV_UNAVAILABLE';
            e.status = 503;
        }
        throw e;
    }
    return r;
}

/* UTF-8 length without building the bytes. */
function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
}

function checkKey(key) {
    if (typeof key !== 'string' || key.length === 0)
        throw new TypeError('kv: a key must be a non-empty string');
    if (key.length > MAX_KEY / 3 && utf8Length(key) > MAX_KEY)
        throw new TypeError('kv: a key must be at most ' + MAX_KEY + ' bytes');
    return key;
}

function checkTtl(ttl) {
    if (ttl === undefined || ttl === null)
        return 0;
    if (typeof ttl !== 'number' || !(ttl > 0) || ttl === Infinity)
        throw new TypeError('kv: ttlSeconds must be a positive number');
    return ttl;
}

/* JSON that round-trips, or a TypeError: functions and symbols anywhere,
 * cycles, and a top-level undefined are refused rather than silently
 * dropped. */
function refuseFunctions(k, v) {
    var t = rt.typeOf(v);
    if (t === 'function' || t === 'symbol' || t === 'bigint')
        throw new TypeError('kv: a ' + t + ' cannot be stored (JSON has no such value)');
    return v;
}

function encode(value) {
    var text;
    if (value === undefined)
        throw new TypeError('kv: undefined cannot be stored (use kv.delete)');
    try {
        text = JSON.stringify(value, refuseFunctions);
    } catch (e) {
        if (e instanceof TypeError && /^kv: /.test(e.message))
            throw e;
        throw new TypeError('kv: the value cannot be stored as JSON: ' + e.message);
    }
    if (text === undefined)
        throw new TypeError('kv: the value cannot be stored as JSON');
    return text;
}

function get(key) {
    try {
        checkKey(key);
        var text = checked(sys.kvGet(key));
        return fulfilled(text === undefined ? null : JSON.parse(text));
    } catch (e) {
        return rejected(e);
    }
}

function set(key, value, ttlSeconds) {
    try {
        checkKey(key);
        var text = encode(value), ttl = checkTtl(ttlSeconds);
        checked(sys.kvSet(key, text, ttl));
        return fulfilled(undefined);
    } catch (e) {
        return rejected(e);
    }
}

function has(key) {
    try {
        checkKey(key);
        return fulfilled(checked(sys.kvGet(key)) !== undefined);
    } catch (e) {
        return rejected(e);
    }
}

function del(key) {
    try {
        checkKey(key);
        return fulfilled(checked(sys.kvDelete(key)));
    } catch (e) {
        return rejected(e);
    }
}

function clear() {
    try {
        checked(sys.kvClear());
        return fulfilled(undefined);
    } catch (e) {
        return rejected(e);
    }
}

function incr(key, by, ttlSeconds) {
    try {
        checkKey(key);
        if (by === undefined)
            by = 1;
        if (typeof by !== 'number' || by - by !== 0)  /* NaN and ±Infinity */
            throw new TypeError('kv: incr needs a finite number to add');
        var n = sys.kvIncr(key, by, ttlSeconds === undefined ? 0 : checkTtl(ttlSeconds));
        return fulfilled(typeof n === 'number' ? n : checked(n));
    } catch (e) {
        return rejected(e);
    }
}

/* Keys in byte order; `cursor` is the last key of the previous page (the
 * returned array's `cursor` property, null on the last page). */
function list(options) {
    try {
        var o = options === undefined || options === null ? {} : options;
        if (typeof o !== 'object')
            throw new TypeError('kv: list takes { prefix, limit, cursor }');
        var prefix = o.prefix === undefined ? '' : o.prefix;
        var limit = o.limit === undefined ? MAX_LIST : o.limit;
        var cursor = o.cursor === undefined || o.cursor === null ? null : o.cursor;
        if (typeof prefix !== 'string')
            throw new TypeError('kv: list prefix must be a string');
        if (typeof limit !== 'number' || !(limit >= 1) || Math.floor(limit) !== limit)
            throw new TypeError('kv: list limit must be a positive integer');
        if (cursor !== null && typeof cursor !== 'string')
            throw new TypeError('kv: list cursor must be a string');
        var keys = checked(sys.kvList(prefix, Math.min(limit, MAX_LIST), cursor));
        var out = keys.slice();
        out.cursor = keys.more && out.length ? out[out.length - 1] : null;
        return fulfilled(out);
    } catch (e) {
        return rejected(e);
    }
}

function rateLimit(key, options) {
    try {
        checkKey(key);
        var o = options || {};
        var limit = o.limit, window = o.window;
        if (typeof limit !== 'number' || !(limit >= 0) || Math.floor(limit) !== limit)
            throw new TypeError('kv: rateLimit needs an integer limit >= 0');
        if (typeof window !== 'number' || !(window > 0) || window === Infinity)
            throw new TypeError('kv: rateLimit needs a window in seconds > 0');
        var r = checked(sys.kvRate(key, limit, window));
        var wait = Math.max(0, Math.ceil((r.resetAt - Date.now()) / 1000));
        return fulfilled({
            allowed: r.allowed,
            remaining: r.remaining,
            resetAt: r.resetAt,
            retryAfter: r.allowed ? 0 : Math.max(1, wait)
        });
    } catch (e) {
        return rejected(e);
    }
}

G.kv = {
    get: get,
    set: set,
    has: has,
    'delete': del,
    clear: clear,
    incr: incr,
    list: list,
    rateLimit: rateLimit
};
