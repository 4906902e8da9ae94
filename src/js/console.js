/* console.js - console.* and the value formatting behind it.
 *
 * One call is one log line (sys.log), never part of a response.  Values are
 * printed the way Node's util.inspect prints them (strings bare at the top
 * level and quoted inside objects, nested objects to depth 2, cycles as
 * [Circular *1], errors with their stack), and a string argument is written
 * as it is, so console.log(JSON.stringify(obj)) yields a clean JSON line.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;
var IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(s) {
    return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')
                  .replace(/\r/g, '\\r').replace(/\t/g, '\\t') + "'";
}

function isError(v) {
    return v instanceof Error || toStr.call(v) === '[object Error]';
}

function fnName(f) {
    var n = f.name;
    return n ? '[Function: ' + n + ']' : '[Function (anonymous)]';
}

function ctorName(v) {
    var p = Object.getPrototypeOf(v);
    if (p === null) return null;
    var c = p.constructor;
    return typeof c === 'function' && c.name ? c.name : '';
}

function keyText(k) {
    return IDENT.test(k) ? k : quote(k);
}

function inspect(value, opts) {
    opts = opts || {};
    var depth = opts.depth === undefined ? 2 : opts.depth;
    var seen = [], circular = [];
    var out = fmt(value, depth, seen, circular, true);
    if (circular.length)
        out = '<ref *1> ' + out;
    return out;
}

function fmt(v, depth, seen, circular, top) {
    switch (typeof v) {
    case 'string':
        return top ? v : quote(v);
    case 'number':
        return v === 0 && 1 / v < 0 ? '-0' : String(v);
    case 'bigint':
        return String(v) + 'n';
    case 'boolean':
    case 'undefined':
        return String(v);
    case 'symbol':
        return String(v);
    case 'function':
        if (!Object.keys(v).length) return fnName(v);
        break;
    }
    if (v === null)
        return 'null';
    if (seen.indexOf(v) >= 0) {
        if (!circular.length) circular.push(v);
        return '[Circular *1]';
    }
    if (isError(v))
        return v.stack ? String(v.stack) : String(v);
    if (v instanceof Date)
        return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    if (v instanceof RegExp)
        return String(v);
    if (rt.isPromise && rt.isPromise(v))
        return 'Promise { ' + (v._state === 0 ? '<pending>' : v._state === 1 ?
               fmt(v._value, depth - 1, seen, circular, false) :
               '<rejected> ' + fmt(v._value, depth - 1, seen, circular, false)) + ' }';
    if (typeof Buffer === 'function' && Buffer.isBuffer && Buffer.isBuffer(v)) {
        var hex = [];
        for (var b = 0; b < v.length && b < 50; b++)
            hex.push((v[b] < 16 ? '0' : '') + v[b].toString(16));
        return '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') +
               (v.length > 50 ? ' ... ' + (v.length - 50) + ' more bytes' : '') + '>';
    }
    var isArr = Array.isArray(v);
    var name = isArr ? 'Array' : ctorName(v);
    if (depth < 0)
        return isArr ? '[Array]' : '[' + (name || 'Object') + ']';
    seen.push(v);
    var parts = [], keys = Object.keys(v), i;
    if (isArr) {
        for (i = 0; i < v.length && i < 100; i++)
            parts.push(hasOwn.call(v, i) ? fmt(v[i], depth - 1, seen, circular, false) : '<empty>');
        if (v.length > 100)
            parts.push('... ' + (v.length - 100) + ' more items');
        for (i = 0; i < keys.length; i++)
            if (!/^\d+$/.test(keys[i]))
                parts.push(keyText(keys[i]) + ': ' + fmt(v[keys[i]], depth - 1, seen, circular, false));
    } else if (typeof Map === 'function' && v instanceof Map) {
        v.forEach(function (val, k) {
            parts.push(fmt(k, depth - 1, seen, circular, false) + ' => ' + fmt(val, depth - 1, seen, circular, false));
        });
    } else if (typeof Set === 'function' && v instanceof Set) {
        v.forEach(function (val) { parts.push(fmt(val, depth - 1, seen, circular, false)); });
    } else {
        for (i = 0; i < keys.length; i++) {
            var d = Object.getOwnPropertyDescriptor(v, keys[i]);
            var shown = d && (d.get || d.set) ? (d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]') :
                        fmt(v[keys[i]], depth - 1, seen, circular, false);
            parts.push(keyText(keys[i]) + ': ' + shown);
        }
    }
    seen.pop();
    var open = isArr ? '[' : '{', close = isArr ? ']' : '}';
    var prefix = '';
    if (typeof v === 'function')
        prefix = fnName(v) + ' ';
    else if (typeof Map === 'function' && v instanceof Map)
        prefix = 'Map(' + v.size + ') ';
    else if (typeof Set === 'function' && v instanceof Set)
        prefix = 'Set(' + v.size + ') ';
    else if (isArr)
        prefix = v.length > 6 && !parts.length ? '' : '';
    else if (name === null)
        prefix = '[Object: null prototype] ';
    else if (name && name !== 'Object')
        prefix = name + ' ';
    if (!parts.length)
        return prefix + open + close;
    var one = prefix + open + ' ' + parts.join(', ') + ' ' + close;
    return one;
}

/* util.format: %s %d %i %f %j %o %O %c %%, then the rest inspected. */
function format() {
    var args = arguments, first = args[0], i = 1, out;
    if (typeof first !== 'string') {
        i = 0;
        out = '';
    } else {
        out = first.replace(/%[sdifjoOc%]/g, function (m) {
            if (m === '%%') return '%';
            if (i >= args.length) return m;
            var a = args[i++];
            switch (m) {
            case '%s': return typeof a === 'string' ? a : typeof a === 'object' && a !== null ? inspect(a, { depth: 1 }) : String(a);
            case '%d': return typeof a === 'object' ? 'NaN' : String(Number(a));
            case '%i': return String(parseInt(a, 10));
            case '%f': return String(parseFloat(a));
            case '%j': try { return JSON.stringify(a); } catch (e) { return '[Circular]'; }
            case '%c': return '';
            default: return inspect(a);
            }
        });
    }
    for (; i < args.length; i++)
        out += (out.length || i > 0 ? ' ' : '') + (typeof args[i] === 'string' ? args[i] : inspect(args[i]));
    return out;
}

rt.inspect = inspect;
rt.format = format;

var counts = {}, timersByLabel = {};

function writer(level) {
    return function () {
        sys.log(level, format.apply(null, arguments));
    };
}

var console = {
    log: writer('info'),
    info: writer('info'),
    warn: writer('warn'),
    error: writer('error'),
    debug: writer('debug'),
    trace: function () {
        var e = new Error(format.apply(null, arguments));
        sys.log('debug', 'Trace: ' + String(e.stack).replace(/^Error: /, ''));
    },
    dir: function (v, opts) {
        sys.log('info', inspect(v, opts));
    },
    assert: function (cond) {
        if (!cond) {
            var rest = Array.prototype.slice.call(arguments, 1);
            sys.log('error', 'Assertion failed' + (rest.length ? ': ' + format.apply(null, rest) : ''));
        }
    },
    count: function (label) {
        label = label === undefined ? 'default' : String(label);
        counts[label] = (counts[label] || 0) + 1;
        sys.log('info', label + ': ' + counts[label]);
    },
    countReset: function (label) {
        counts[label === undefined ? 'default' : String(label)] = 0;
    },
    time: function (label) {
        timersByLabel[label === undefined ? 'default' : String(label)] = sys.now();
    },
    timeLog: function (label) {
        label = label === undefined ? 'default' : String(label);
        if (hasOwn.call(timersByLabel, label))
            sys.log('info', label + ': ' + (sys.now() - timersByLabel[label]).toFixed(3) + 'ms');
    },
    timeEnd: function (label) {
        label = label === undefined ? 'default' : String(label);
        if (hasOwn.call(timersByLabel, label)) {
            sys.log('info', label + ': ' + (sys.now() - timersByLabel[label]).toFixed(3) + 'ms');
            delete timersByLabel[label];
        }
    }
};

/* Counters and timers belong to one request. */
rt.resetConsole = function () {
    counts = {};
    timersByLabel = {};
};

rt.log = function (level, msg) {
    sys.log(level, msg);
};

G.console = console;
