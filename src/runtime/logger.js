/* logger.js - the global `logger`: Pino's API (written from Pino's
 * documentation of it), one JSON line per call in the responder's log.
 *
 *   logger.info('user %s logged in', name)
 *   logger.warn({ orderId, ms }, 'slow order')
 *   const log = logger.child({ module: 'billing' }); log.error(err)
 *
 * A line is {"level":30,"time":<ms since 1970>,"reqId":"<the request's
 * id>", ...the bindings of child(), ...the object passed, "msg":"..."}: the
 * request id is the one the log line's prefix carries, so a line can be
 * matched to its access line even once cut out of the log.  Pino's own pid
 * and hostname are left out (a function is told neither).  An Error (as
 * the first argument or under `err`) is written as Pino's serializer does:
 * type, message, stack and its own enumerable properties.
 *
 * The global is shared by every request (and put back after each by
 * harden.js), so the root logger's level lives in a per-request slot
 * (keyed by rt.seq): a request that turns on debug does not turn it on for
 * the next.  Children are objects of their request.
 *
 * Needs: sys.log, sys.reqid.  When called: rt.seq (dispatch.js), rt.typeOf
 *   (bigint.js), rt.enqueueMicrotask (promise.js).
 * Provides: the global logger, rt.exposed += its prototype.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;

var VALUES = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
var LABELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
var NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
var DEFAULT = 30;

function levelValue(level) {
    if (typeof level === 'string') {
        if (level === 'silent') return Infinity;
        if (hasOwn.call(VALUES, level)) return VALUES[level];
    }
    throw new Error('unknown level ' + level);
}

function levelLabel(v) {
    return v === Infinity ? 'silent' : LABELS[v];
}

/* The root logger's level, per request. */
var rootLevel = { seq: null, value: DEFAULT };

function Logger(bindings, level) {
    Object.defineProperty(this, '_bindings', { value: bindings, writable: true });
    Object.defineProperty(this, '_level', { value: level, writable: true });
}
var LP = Logger.prototype;
var root;

function getLevel(lg) {
    if (lg === root) return rootLevel.seq === rt.seq ? rootLevel.value : DEFAULT;
    return lg._level;
}

function setLevel(lg, label) {
    var v = levelValue(label);
    if (lg === root) {
        rootLevel.seq = rt.seq;
        rootLevel.value = v;
    } else {
        lg._level = v;
    }
}

Object.defineProperty(LP, 'level', {
    get: function () { return levelLabel(getLevel(this)); },
    set: function (label) { setLevel(this, label); },
    enumerable: true, configurable: true
});
Object.defineProperty(LP, 'levelVal', {
    get: function () { return getLevel(this); },
    enumerable: true, configurable: true
});
LP.levels = {
    values: { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 },
    labels: { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }
};

LP.isLevelEnabled = function (level) {
    if (typeof level !== 'string' || !hasOwn.call(VALUES, level)) return false;
    return VALUES[level] >= getLevel(this);
};

/* child(bindings[, { level }]): the parent's bindings and then these on
 * every line; the parent's level at this moment unless one is given. */
LP.child = function (bindings, options) {
    if (bindings === null || typeof bindings !== 'object')
        throw new Error('missing bindings for child Pino');
    var merged = {}, k, own = this._bindings;
    for (k in own) if (hasOwn.call(own, k)) merged[k] = own[k];
    for (k in bindings) if (hasOwn.call(bindings, k)) merged[k] = bindings[k];
    var child = new Logger(merged, getLevel(this));
    if (options && options.level !== undefined) setLevel(child, options.level);
    return child;
};

LP.bindings = function () {
    var out = {}, own = this._bindings;
    for (var k in own) if (hasOwn.call(own, k)) out[k] = own[k];
    return out;
};

LP.setBindings = function (bindings) {
    if (this === root) throw new TypeError('logger.setBindings() works on a child logger');
    for (var k in bindings) if (hasOwn.call(bindings, k)) this._bindings[k] = bindings[k];
};

LP.flush = function (cb) {
    if (typeof cb === 'function') rt.enqueueMicrotask(function () { cb(); });
};
LP.silent = function () {};

/* Pino's serializer for errors: what a reader needs to find the fault. */
function serializeError(e) {
    var out = {
        type: e && e.constructor && typeof e.constructor.name === 'string' ? e.constructor.name : 'Error',
        message: String(e.message),
        stack: String(e.stack)
    };
    for (var k in e) if (hasOwn.call(e, k) && !hasOwn.call(out, k)) out[k] = e[k];
    return out;
}

/* JSON that never throws: a BigInt is its digits, an Error under any key
 * has the shape of Pino's serializer, and only when that fails (a cycle)
 * is every object met a second time written "[Circular]". */
function stringify(obj) {
    function plain(key, v) {
        if (rt.typeOf(v) === 'bigint') return String(v);
        if (v instanceof Error) return serializeError(v);
        return v;
    }
    try {
        return JSON.stringify(obj, plain);
    } catch (e) {
        var seen = [];
        return JSON.stringify(obj, function (key, v) {
            v = plain(key, v);
            if (v !== null && typeof v === 'object') {
                if (seen.indexOf(v) >= 0) return '[Circular]';
                seen.push(v);
            }
            return v;
        });
    }
}

/* The message's printf-style specifiers, as Pino reads them: %s %d %i %f
 * %j %o %O and %%; arguments without a specifier are not appended. */
function formatMessage(fmt, args, from) {
    var i = from, out = '', last = 0;
    for (var p = 0; p < fmt.length - 1; p++) {
        if (fmt.charCodeAt(p) !== 37) continue;     /* '%' */
        var c = fmt.charAt(p + 1), rep;
        if (c === '%') {
            rep = '%';
        } else if (i >= args.length) {
            continue;
        } else if (c === 's') {
            var a = args[i++];
            rep = a !== null && typeof a === 'object' ? stringify(a) : String(a);
        } else if (c === 'd' || c === 'f') {
            rep = String(Number(args[i++]));
        } else if (c === 'i') {
            rep = String(parseInt(args[i++], 10));
        } else if (c === 'j' || c === 'o' || c === 'O') {
            rep = stringify(args[i++]);
        } else {
            continue;
        }
        out += fmt.slice(last, p) + rep;
        last = p + 2;
        p++;
    }
    return out + fmt.slice(last);
}

function write(lg, value, args) {
    var line = { level: value, time: Date.now() };
    var id = sys.reqid();
    if (id !== undefined) line.reqId = id;
    var k, b = lg._bindings;
    for (k in b) if (hasOwn.call(b, k)) line[k] = b[k];
    var first = args[0], msg;
    if (first !== null && typeof first === 'object') {
        if (first instanceof Error) {
            line.err = serializeError(first);
            msg = args.length > 1 ? args[1] : first.message;
        } else {
            for (k in first) if (hasOwn.call(first, k)) line[k] = first[k];
            msg = args[1];
            if (msg === undefined && first.err instanceof Error) msg = first.err.message;
        }
        if (typeof msg === 'string') msg = formatMessage(msg, args, 2);
        else if (msg !== undefined && msg !== null) msg = String(msg);
        else msg = undefined;
    } else if (first !== undefined) {
        msg = typeof first === 'string' ? formatMessage(first, args, 1) : String(first);
    }
    if (msg !== undefined) line.msg = msg;
    sys.log(LABELS[value], stringify(line));
}

NAMES.forEach(function (name) {
    var value = VALUES[name];
    LP[name] = function () {
        if (value < getLevel(this)) return;
        var args = new Array(arguments.length);
        for (var i = 0; i < args.length; i++) args[i] = arguments[i];
        write(this, value, args);
    };
});

root = new Logger({}, DEFAULT);
Object.defineProperty(G, 'logger', { value: root, writable: true, enumerable: false, configurable: true });

rt.exposed = (rt.exposed || []).concat([LP]);
