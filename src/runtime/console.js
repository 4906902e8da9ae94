/* console.js - console.* and the value formatting behind it (util.inspect
 * and util.format, exposed as rt.inspect and rt.format).
 *
 * One call is one log line (sys.log), never part of a response.  Values are
 * printed the way Node 20's util.inspect prints them: strings quoted inside
 * objects, nested objects to depth 2, short objects on one line and longer
 * ones broken over lines at Node's 80 columns, arrays of more
 * than six short items grouped into columns, cycles as <ref *1> and
 * [Circular *1], sparse arrays as <n empty items>, errors with their stack.
 * A string argument is written as it is, so
 * console.log(JSON.stringify(obj)) yields a clean JSON line.
 *
 * Needs: rt.typeOf (bigint.js).  When called: rt.isBigTypedArray
 *   (bigint.js); rt.isPromise (promise.js); rt.isClass (front-rt.js);
 *   Map, Set (stdlib.js,
 *   if there); sys.log, sys.now.
 * Provides: rt.inspect, rt.format, rt.strEscape, rt.resetConsole, rt.log,
 *   rt.consoleTable; the global console.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;
var IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
var BREAK = 80;

var META = {
    '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\\': '\\\\'
};

/* Node's quoting: single quotes unless the string holds one, then double
 * quotes, then backticks; control characters (C0, DEL and C1) escaped. */
function strEscape(s) {
    var q = "'";
    if (s.indexOf("'") >= 0) {
        if (s.indexOf('"') < 0) q = '"';
        else if (s.indexOf('`') < 0 && s.indexOf('${') < 0) q = '`';
    }
    var out = '';
    for (var i = 0; i < s.length; i++) {
        var c = s.charAt(i), code = s.charCodeAt(i);
        if (c === q) out += '\\' + c;
        else if (META[c]) out += META[c];
        else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
            out += '\\x' + (code < 16 ? '0' : '') + code.toString(16).toUpperCase();
        else if (code >= 0xd800 && code <= 0xdfff) {
            var next = s.charCodeAt(i + 1);
            if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
                out += c + s.charAt(i + 1);
                i++;
            } else out += '\\u' + code.toString(16).toUpperCase();
        } else out += c;
    }
    return q + out + q;
}

function repeat(s, n) {
    var out = '';
    while (n-- > 0) out += s;
    return out;
}

function isError(v) {
    return v instanceof Error || toStr.call(v) === '[object Error]';
}

function protoName(v) {
    var p = Object.getPrototypeOf(v);
    while (p !== null) {
        /* harden.js turns a shared prototype's constructor into an
         * accessor, so read it rather than its descriptor's value. */
        if (hasOwn.call(p, 'constructor')) {
            var c = p.constructor;
            if (typeof c === 'function' && c.name) return c.name;
        }
        p = Object.getPrototypeOf(p);
    }
    return null;
}

function fnBase(f) {
    var n = f.name;
    if (rt.isClass && rt.isClass(f)) {
        var sup = Object.getPrototypeOf(f);
        return '[class ' + (n || '(anonymous)') +
            (typeof sup === 'function' && sup !== Function.prototype && sup.name ? ' extends ' + sup.name : '') + ']';
    }
    return n ? '[Function: ' + n + ']' : '[Function (anonymous)]';
}

function formatNumber(n) {
    return n === 0 && 1 / n < 0 ? '-0' : String(n);
}

/* typeof, 'bigint' for a bigint (bigint.js), which is an object here */
var typeOf = rt.typeOf;

function formatPrimitive(v, ctx) {
    switch (typeOf(v)) {
    case 'string':
        var trailer = '', max = ctx.maxStringLength;
        if (v.length > max) {
            trailer = '... ' + (v.length - max) + ' more character' + (v.length - max > 1 ? 's' : '');
            v = v.slice(0, max);
        }
        if (v.length > 16 && v.length > BREAK - ctx.indentationLvl - 4 && v.indexOf('\n') >= 0 && v.indexOf('\n') < v.length - 1) {
            var lines = v.match(/[^\n]*\n|[^\n]+$/g);
            return lines.map(strEscape).join(' +\n' + repeat(' ', ctx.indentationLvl + 2)) + trailer;
        }
        return strEscape(v) + trailer;
    case 'number': return formatNumber(v);
    case 'bigint': return String(v) + 'n';
    case 'boolean': return String(v);
    case 'undefined': return 'undefined';
    case 'symbol': return String(v);
    }
    return String(v);
}

function newCtx(opts) {
    opts = opts || {};
    var depth = opts.depth === undefined ? 2 : opts.depth === null ? Infinity : opts.depth;
    return {
        depth: depth, seen: [], circular: [], indentationLvl: 0, currentDepth: 0,
        showHidden: !!opts.showHidden, breakLength: opts.breakLength === undefined ? BREAK : opts.breakLength,
        compact: opts.compact === undefined ? 3 : opts.compact,
        maxArrayLength: opts.maxArrayLength === undefined ? 100 : opts.maxArrayLength === null ? Infinity : opts.maxArrayLength,
        maxStringLength: opts.maxStringLength === undefined ? 10000 : opts.maxStringLength === null ? Infinity : opts.maxStringLength,
        sorted: opts.sorted === true || typeof opts.sorted === 'function' ? opts.sorted : false,
        customInspect: opts.customInspect === undefined ? true : !!opts.customInspect, user: opts
    };
}

function inspect(value, opts) {
    if (typeof opts !== 'object' || opts === null) opts = {};
    return formatValue(newCtx(opts), value, 0);
}

/* util.inspect.custom: an object's own formatting, as Node calls it. */
var CUSTOM = Symbol['for']('nodejs.util.inspect.custom');
inspect.custom = CUSTOM;

function stylize(s) {
    return s;
}

/* The options a custom inspect function is given: every option, with the
 * caller's own over the defaults. */
function userOptions(ctx) {
    var o = {
        stylize: stylize, showHidden: ctx.showHidden, depth: ctx.depth === Infinity ? null : ctx.depth,
        colors: false, customInspect: ctx.customInspect, showProxy: false,
        maxArrayLength: ctx.maxArrayLength === Infinity ? null : ctx.maxArrayLength, maxStringLength: ctx.maxStringLength === Infinity ? null : ctx.maxStringLength,
        breakLength: ctx.breakLength, compact: ctx.compact, sorted: ctx.sorted, getters: false, numericSeparator: false
    }, k;
    for (k in ctx.user)
        if (hasOwn.call(ctx.user, k)) o[k] = ctx.user[k];
    return o;
}

function formatValue(ctx, v, recurseTimes) {
    if (v === null) return 'null';
    if (typeof v !== 'object' && typeof v !== 'function' || typeOf(v) === 'bigint') return formatPrimitive(v, ctx);
    if (ctx.customInspect) {
        var custom = v[CUSTOM];
        if (typeof custom === 'function' && custom !== inspect && !(v.constructor && v.constructor.prototype === v)) {
            var ret = custom.call(v, ctx.depth === Infinity ? null : ctx.depth - recurseTimes, userOptions(ctx), inspect);
            if (ret !== v) {
                if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
                return ret.split('\n').join('\n' + repeat(' ', ctx.indentationLvl));
            }
        }
    }
    if (ctx.seen.indexOf(v) >= 0) {
        var idx = -1;
        for (var i = 0; i < ctx.circular.length; i++) if (ctx.circular[i] === v) idx = i;
        if (idx < 0) {
            ctx.circular.push(v);
            idx = ctx.circular.length - 1;
        }
        return '[Circular *' + (idx + 1) + ']';
    }
    return formatRaw(ctx, v, recurseTimes);
}

/* sorted (util.inspect's option): the keys in order, or in the caller's
 * order (Node sorts the entries it prints, which start with the keys) */
function keysOf(v, skipIndices, ctx) {
    var keys = Object.keys(v);
    if (ctx && ctx.sorted) keys.sort(typeof ctx.sorted === 'function' ? ctx.sorted : undefined);
    if (skipIndices) keys = keys.filter(function (k) { return !/^(0|[1-9]\d*)$/.test(k) || +k >= v.length; });
    if (Object.getOwnPropertySymbols) {
        var syms = Object.getOwnPropertySymbols(v);
        for (var i = 0; i < syms.length; i++) {
            var d = Object.getOwnPropertyDescriptor(v, syms[i]);
            if (d && d.enumerable) keys.push(syms[i]);
        }
    }
    return keys;
}

function formatProperty(ctx, v, recurseTimes, key, isArrayItem) {
    var d = Object.getOwnPropertyDescriptor(v, key) || { value: v[key] };
    var str;
    if ('value' in d || d.get === undefined && d.set === undefined) {
        ctx.indentationLvl += 2;
        str = formatValue(ctx, d.value, recurseTimes + 1);
        ctx.indentationLvl -= 2;
    } else {
        str = d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]';
    }
    if (isArrayItem) return str;
    var name = typeof key === 'symbol' ? '[' + String(key) + ']' : IDENT.test(key) ? key : strEscape(key);
    /* a non-enumerable one shown all the same (an error's cause) */
    if (d.enumerable === false) name = '[' + name + ']';
    return name + ': ' + str;
}

function groupArrayElements(ctx, output, value) {
    var total = 0, maxLen = 0, i, n = output.length;
    if (ctx.extraLine) n--;
    var lens = [];
    for (i = 0; i < n; i++) {
        lens.push(output[i].length);
        total += output[i].length + 2;
        if (output[i].length > maxLen) maxLen = output[i].length;
    }
    var actualMax = maxLen + 2;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (total / actualMax > 5 || maxLen <= 6)) {
        var bias = Math.sqrt(actualMax - total / output.length), biasedMax = Math.max(actualMax - 3 - bias, 1);
        var columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * n) / biasedMax),
                               Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax), ctx.compact * 4, 15);
        if (columns <= 1) return output;
        var widths = [], rows = [];
        for (i = 0; i < columns; i++) {
            var w = 0;
            for (var j = i; j < n; j += columns) if (lens[j] > w) w = lens[j];
            widths.push(w + 2);
        }
        var padStart = true;
        if (value !== undefined) {
            for (i = 0; i < n; i++) {
                if (typeof value[i] !== 'number' && typeOf(value[i]) !== 'bigint') {
                    padStart = false;
                    break;
                }
            }
        }
        for (i = 0; i < n; i += columns) {
            var max = Math.min(i + columns, n), line = '', k = i;
            for (; k < max - 1; k++) {
                var cell = output[k] + ', ';
                line += padStart ? repeat(' ', widths[k - i] - cell.length) + cell : cell + repeat(' ', widths[k - i] - cell.length);
            }
            line += padStart ? repeat(' ', widths[k - i] - 2 - output[k].length) + output[k] : output[k];
            rows.push(line);
        }
        if (ctx.extraLine) rows.push(output[n]);
        return rows;
    }
    return output;
}

function reduceToSingleString(ctx, output, base, braces, isArray, recurseTimes, value) {
    var entries = output.length;
    if (isArray && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        var start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        var total = output.length + start, fits = total + output.length <= ctx.breakLength;
        for (var i = 0; fits && i < output.length; i++) {
            total += output[i].length;
            if (total > ctx.breakLength) fits = false;
        }
        if (fits && base.indexOf('\n') < 0) {
            var joined = output.join(', ');
            if (joined.indexOf('\n') < 0)
                return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
        }
    }
    var ind = '\n' + repeat(' ', ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + ind + '  ' + output.join(',' + ind + '  ') + ind + braces[1];
}

function prefix(name, fallback, size) {
    if (name === null) return '[' + fallback + (size || '') + ': null prototype] ';
    return name + (size || '') + ' ';
}

function hexBytes(u8, max) {
    var out = [];
    for (var i = 0; i < u8.length && i < max; i++) out.push((u8[i] < 16 ? '0' : '') + u8[i].toString(16));
    return out.join(' ') + (u8.length > max ? ' ... ' + (u8.length - max) + ' more byte' + (u8.length - max > 1 ? 's' : '') : '');
}

function formatError(ctx, err) {
    var stack = err.stack ? String(err.stack) : '[' + Error.prototype.toString.call(err) + ']';
    if (err.stack && typeof err.message === 'string' && stack.indexOf(err.message) < 0 && err.message)
        stack = Error.prototype.toString.call(err) + '\n' + stack.replace(/^[^\n]*\n?/, '');
    if (ctx.indentationLvl)
        stack = stack.split('\n').join('\n' + repeat(' ', ctx.indentationLvl));
    return stack;
}

function formatRaw(ctx, v, recurseTimes) {
    var name = protoName(v), keys, base = '', braces, output = [], isArr = false, i;
    var formatter = null, extraKeys = true, noBraceIfEmpty = false;

    if (Array.isArray(v)) {
        isArr = true;
        keys = keysOf(v, true, ctx);
        braces = [(name === 'Array' ? '' : prefix(name, 'Array', '(' + v.length + ')')) + '[', ']'];
        if (v.length === 0 && keys.length === 0) return braces[0] + ']';
        formatter = formatArray;
    } else if (typeof Buffer === 'function' && v instanceof Buffer) {
        var hb = hexBytes(v, 50);
        keys = keysOf(v, true, ctx);
        if (!keys.length) return '<Buffer ' + hb + '>';
        base = '<Buffer ' + hb + '>';
        braces = ['{', '}'];
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        /* a BigInt64Array is a Proxy (bigint.js), which has no prototype to Duktape */
        if (rt.isBigTypedArray(v)) name = v[Symbol.toStringTag];
        isArr = true;
        keys = keysOf(v, true, ctx);
        braces = [prefix(name, 'TypedArray', '(' + v.length + ')') + '[', ']'];
        if (v.length === 0 && keys.length === 0) return braces[0] + ']';
        formatter = formatTypedArray;
    } else if (typeof Map === 'function' && v instanceof Map) {
        keys = keysOf(v, false, ctx);
        braces = [prefix(name, 'Map', '(' + v.size + ')') + '{', '}'];
        if (v.size === 0 && keys.length === 0) return braces[0] + '}';
        formatter = formatMap;
    } else if (typeof Set === 'function' && v instanceof Set) {
        keys = keysOf(v, false, ctx);
        braces = [prefix(name, 'Set', '(' + v.size + ')') + '{', '}'];
        if (v.size === 0 && keys.length === 0) return braces[0] + '}';
        formatter = formatSet;
    } else {
        keys = keysOf(v, false, ctx);
        braces = ['{', '}'];
        if (typeof v === 'function') {
            base = fnBase(v);
            if (!keys.length) return base;
        } else if (isError(v)) {
            base = formatError(ctx, v);
            /* as node: name and message when the stack shows them, and the
             * non-enumerable cause and AggregateError's errors as [cause]
             * and [errors] */
            var shown = String(v.stack || '');
            keys = keys.filter(function (k) {
                return k !== 'stack' && !((k === 'message' || k === 'name') && typeof v[k] === 'string' && shown.indexOf(v[k]) >= 0);
            });
            if ('cause' in v && keys.indexOf('cause') < 0) keys.push('cause');
            if (Array.isArray(v.errors) && keys.indexOf('errors') < 0) keys.push('errors');
            if (!keys.length) return base;
        } else if (v instanceof Date) {
            base = isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
            if (!keys.length) return base;
        } else if (v instanceof RegExp) {
            base = String(v);
            if (!keys.length) return base;
        } else if (rt.isPromise && rt.isPromise(v)) {
            braces[0] = prefix(name, 'Promise') + '{';
            formatter = function (c, val, rec) {
                if (val._state === 0) return ['<pending>'];
                c.indentationLvl += 2;
                var s = formatValue(c, val._value, rec + 1);
                c.indentationLvl -= 2;
                return [val._state === 1 ? s : '<rejected> ' + s];
            };
        } else if (v instanceof ArrayBuffer) {
            braces[0] = prefix(name, 'ArrayBuffer') + '{';
            formatter = function (c, val) {
                return ['[Uint8Contents]: <' + hexBytes(new Uint8Array(val), 50) + '>', 'byteLength: ' + val.byteLength];
            };
        } else if (/^\[object (Number|String|Boolean|BigInt)\]$/.test(toStr.call(v))) {
            var t = toStr.call(v).slice(8, -1), prim = v.valueOf();
            base = '[' + t + (name !== t ? ' (' + name + ')' : '') + ': ' + formatPrimitive(prim, newCtx()) + ']';
            if (t === 'String') keys = keys.filter(function (k) { return !/^\d+$/.test(k) || +k >= prim.length; });
            if (!keys.length) return base;
        } else if (toStr.call(v) === '[object Arguments]') {
            braces[0] = '[Arguments] {';
        } else if ((typeof WeakMap === 'function' && v instanceof WeakMap) || (typeof WeakSet === 'function' && v instanceof WeakSet)) {
            /* what they hold cannot be listed, as node says */
            braces[0] = prefix(name, v instanceof WeakMap ? 'WeakMap' : 'WeakSet') + '{';
            formatter = function () { return ['<items unknown>']; };
        } else if (name === null) {
            braces[0] = '[Object: null prototype] {';
            noBraceIfEmpty = true;
        } else if (name !== 'Object') {
            braces[0] = name + ' {';
        }
        if (!keys.length && !formatter)
            return braces[0] + '}';
    }
    if (recurseTimes > ctx.depth)
        return isArr && name === 'Array' ? '[Array]' : '[' + (name === null ? 'Object: null prototype' : name || 'Object') + ']';
    ctx.seen.push(v);
    ctx.currentDepth = recurseTimes;
    ctx.extraLine = false;
    if (formatter) output = formatter(ctx, v, recurseTimes);
    if (extraKeys)
        for (i = 0; i < keys.length; i++) output.push(formatProperty(ctx, v, recurseTimes, keys[i], false));
    ctx.seen.pop();
    var refIdx = ctx.circular.indexOf(v);
    if (refIdx >= 0) {
        var ref = '<ref *' + (refIdx + 1) + '>';
        if (base) base = ref + ' ' + base;
        else braces[0] = ref + ' ' + braces[0];
    }
    void noBraceIfEmpty;
    return reduceToSingleString(ctx, output, base, braces, isArr, recurseTimes, isArr ? v : undefined);
}

function formatArray(ctx, v, recurseTimes) {
    var out = [], len = v.length, max = Math.min(ctx.maxArrayLength, len), holes = 0, i;
    for (i = 0; i < len && out.length < max; i++) {
        if (!hasOwn.call(v, i)) {
            holes++;
            continue;
        }
        if (holes) {
            out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
            holes = 0;
            if (out.length >= max) break;
        }
        out.push(formatProperty(ctx, v, recurseTimes, i, true));
    }
    if (holes) out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
    var rest = len - i;
    if (rest > 0 && out.length >= max) {
        out.push('... ' + rest + ' more item' + (rest > 1 ? 's' : ''));
        ctx.extraLine = true;
    }
    if (ctx.showHidden) out.push('[length]: ' + len);
    return out;
}

function formatTypedArray(ctx, v) {
    var out = [], max = Math.min(ctx.maxArrayLength, v.length);
    for (var i = 0; i < max; i++) out.push(typeOf(v[i]) === 'bigint' ? String(v[i]) + 'n' : formatNumber(v[i]));
    if (v.length > max) {
        out.push('... ' + (v.length - max) + ' more item' + (v.length - max > 1 ? 's' : ''));
        ctx.extraLine = true;
    }
    return out;
}

function formatMap(ctx, v, recurseTimes) {
    var out = [];
    ctx.indentationLvl += 2;
    v.forEach(function (val, k) {
        out.push(formatValue(ctx, k, recurseTimes + 1) + ' => ' + formatValue(ctx, val, recurseTimes + 1));
    });
    ctx.indentationLvl -= 2;
    return out;
}

function formatSet(ctx, v, recurseTimes) {
    var out = [];
    ctx.indentationLvl += 2;
    v.forEach(function (val) { out.push(formatValue(ctx, val, recurseTimes + 1)); });
    ctx.indentationLvl -= 2;
    return out;
}

/* Whether %s should inspect the object rather than call its toString():
 * Node inspects unless the object has a toString of its own making. */
var BUILTIN_TOSTRING = [Object.prototype.toString, Error.prototype.toString, Date.prototype.toString,
                        RegExp.prototype.toString, Array.prototype.toString, Function.prototype.toString,
                        Number.prototype.toString, String.prototype.toString, Boolean.prototype.toString];

function hasBuiltInToString(o) {
    return BUILTIN_TOSTRING.indexOf(o.toString) >= 0 || typeof o.toString !== 'function' ||
           (typeof Buffer === 'function' && o instanceof Buffer) || o instanceof Date || isError(o);
}

/* util.format: %s %d %i %f %j %o %O %c %%, then the rest inspected. */
function format() {
    var args = arguments, first = args[0], a = 1, out = '', i;
    if (typeof first !== 'string') {
        for (i = 0; i < args.length; i++)
            out += (i ? ' ' : '') + (typeof args[i] === 'string' ? args[i] : inspect(args[i]));
        return out;
    }
    out = first.replace(/%[sdifjoOc%]/g, function (m) {
        if (m === '%%') return '%';
        if (a >= args.length) return m;
        var v = args[a++];
        switch (m) {
        case '%s':
            if (typeof v === 'number') return formatNumber(v);
            if (typeOf(v) === 'bigint') return String(v) + 'n';
            if (typeof v !== 'object' || v === null || !hasBuiltInToString(v)) return String(v);
            return inspect(v, { depth: 0 });
        case '%d':
            if (typeOf(v) === 'bigint') return String(v) + 'n';
            if (typeof v === 'symbol') return 'NaN';
            return formatNumber(Number(v));
        case '%i':
            if (typeOf(v) === 'bigint') return String(v) + 'n';
            if (typeof v === 'symbol') return 'NaN';
            return formatNumber(parseInt(v, 10));
        case '%f':
            if (typeof v === 'symbol') return 'NaN';
            return formatNumber(parseFloat(v));
        case '%j':
            try {
                var j = JSON.stringify(v);
                return j === undefined ? 'undefined' : j;
            } catch (e) {
                return '[Circular]';
            }
        case '%o': return inspect(v, { showHidden: true, depth: 4 });
        case '%O': return inspect(v);
        case '%c': return '';
        }
        return m;
    });
    for (; a < args.length; a++)
        out += ' ' + (typeof args[a] === 'string' ? args[a] : inspect(args[a]));
    return out;
}

rt.inspect = inspect;
rt.format = format;
rt.strEscape = strEscape;

/* --- console.table --- */

/* Node 20 left-aligns cells, one space from the rule. */
function cellText(s, width) {
    return ' ' + s + repeat(' ', width - s.length - 1);
}

function renderTable(head, rows) {
    var widths = head.map(function (h) { return h.length + 2; }), i, j;
    for (i = 0; i < rows.length; i++)
        for (j = 0; j < head.length; j++)
            widths[j] = Math.max(widths[j], (rows[i][j] || '').length + 2);
    function line(l, m, r) {
        return l + widths.map(function (w) { return repeat('─', w); }).join(m) + r;
    }
    function row(cells) {
        return '│' + cells.map(function (c, k) { return cellText(c || '', widths[k]); }).join('│') + '│';
    }
    var out = [line('┌', '┬', '┐'), row(head), line('├', '┼', '┤')];
    for (i = 0; i < rows.length; i++) out.push(row(rows[i]));
    out.push(line('└', '┴', '┘'));
    return out.join('\n');
}

function table(data, columns) {
    if (data === null || typeof data !== 'object') return format(data);
    var cell = function (v) { return inspect(v, { depth: 1, maxArrayLength: 3, breakLength: Infinity }); };
    var head = ['(index)'], rows = [], cols = [], hasValues = false, keys = Object.keys(data);
    var isMapLike = typeof Map === 'function' && data instanceof Map;
    if (isMapLike) {
        keys = [];
        data.forEach(function (v, k) { keys.push(k); });
        head = ['(iteration index)', 'Key', 'Values'];
        var n = 0;
        data.forEach(function (v, k) { rows.push([String(n++), cell(k), cell(v)]); });
        return renderTable(head, rows);
    }
    var records = keys.map(function (k) { return [k, data[k]]; });
    records.forEach(function (r) {
        var v = r[1];
        if (v !== null && typeOf(v) === 'object') {
            Object.keys(v).forEach(function (c) {
                if (cols.indexOf(c) < 0 && (!columns || columns.indexOf(c) >= 0)) cols.push(c);
            });
        } else hasValues = true;
    });
    if (columns) cols = columns.filter(function (c) { return cols.indexOf(c) >= 0 || true; });
    head = head.concat(cols);
    if (hasValues) head.push('Values');
    records.forEach(function (r) {
        var v = r[1], line = [String(r[0])];
        var isObj = v !== null && typeOf(v) === 'object';
        for (var c = 0; c < cols.length; c++)
            line.push(isObj && hasOwn.call(v, cols[c]) ? cell(v[cols[c]]) : '');
        if (hasValues) line.push(isObj ? '' : cell(v));
        rows.push(line);
    });
    return renderTable(head, rows);
}

/* --- console --- */

var counts = {}, timersByLabel = {}, groupIndent = '';
var labelled = false;   /* counts or timersByLabel touched since the last reset */

function emit(level, text) {
    if (groupIndent) text = groupIndent + text.split('\n').join('\n' + groupIndent);
    sys.log(level, text);
}

function writer(level) {
    return function () {
        emit(level, format.apply(null, arguments));
    };
}

/* every user of counts and timersByLabel names its label through here */
function label(l) {
    labelled = true;
    return l === undefined ? 'default' : String(l);
}

/* "1.234ms", or seconds/minutes as Node switches units for long spans. */
function duration(ms) {
    if (ms >= 60000) return (ms / 60000).toFixed(3) + 'min';
    if (ms >= 1000) return (ms / 1000).toFixed(3) + 's';
    return ms.toFixed(3) + 'ms';
}

var console = {
    log: writer('info'),
    info: writer('info'),
    warn: writer('warn'),
    error: writer('error'),
    debug: writer('debug'),
    trace: function () {
        var e = new Error(format.apply(null, arguments));
        emit('debug', 'Trace: ' + String(e.stack).replace(/^Error: ?/, ''));
    },
    dir: function (v, opts) {
        emit('info', inspect(v, opts));
    },
    dirxml: function () {
        emit('info', format.apply(null, arguments));
    },
    table: function (data, columns) {
        emit('info', table(data, columns));
    },
    assert: function (cond) {
        if (!cond) {
            var rest = Array.prototype.slice.call(arguments, 1);
            if (rest.length && typeof rest[0] === 'string') rest[0] = 'Assertion failed: ' + rest[0];
            else rest.unshift('Assertion failed');
            emit('error', format.apply(null, rest));
        }
    },
    count: function (l) {
        l = label(l);
        counts[l] = (hasOwn.call(counts, l) ? counts[l] : 0) + 1;
        emit('info', l + ': ' + counts[l]);
    },
    countReset: function (l) {
        l = label(l);
        if (!hasOwn.call(counts, l)) emit('warn', "Warning: Count for '" + l + "' does not exist");
        else counts[l] = 0;
    },
    group: function () {
        if (arguments.length) emit('info', format.apply(null, arguments));
        groupIndent += '  ';
    },
    groupEnd: function () {
        groupIndent = groupIndent.slice(2);
    },
    time: function (l) {
        l = label(l);
        if (hasOwn.call(timersByLabel, l)) emit('warn', "Warning: Label '" + l + "' already exists for console.time()");
        else timersByLabel[l] = sys.now();
    },
    timeLog: function (l) {
        l = label(l);
        if (!hasOwn.call(timersByLabel, l)) {
            emit('warn', "Warning: No such label '" + l + "' for console.timeLog()");
            return;
        }
        var extra = Array.prototype.slice.call(arguments, 1);
        emit('info', l + ': ' + duration(sys.now() - timersByLabel[l]) + (extra.length ? ' ' + format.apply(null, extra) : ''));
    },
    timeEnd: function (l) {
        l = label(l);
        if (!hasOwn.call(timersByLabel, l)) {
            emit('warn', "Warning: No such label '" + l + "' for console.timeEnd()");
            return;
        }
        emit('info', l + ': ' + duration(sys.now() - timersByLabel[l]));
        delete timersByLabel[l];
    }
};
console.groupCollapsed = console.group;

/* Counters, timers and groups belong to one request. */
rt.resetConsole = function () {
    /* fresh objects only after a request used them (two allocations saved
     * per request otherwise) */
    if (labelled) {
        counts = {};
        timersByLabel = {};
        labelled = false;
    }
    groupIndent = '';
};

rt.log = function (level, msg) {
    sys.log(level, msg);
};
rt.consoleTable = table;

G.console = console;
