/* stdlib.js - the ES2015-ES2023 library a modern function takes for granted
 * and Duktape 2.7 lacks: Map, Set, WeakMap, WeakSet, Array.from, includes,
 * flat, at, Object.entries/fromEntries, padStart, replaceAll, String.raw…
 *
 * Hand-written rather than core-js-bundle (21 ms per worker start, and a
 * download at build time) because the set is small.  Only what is missing
 * is added, as non-enumerable properties, before harden.js freezes it all.
 * Map and Set keep insertion order in arrays and find keys through a
 * dictionary: primitives by type-tagged string, objects by an id kept in a
 * hidden symbol property (frozen objects, which cannot take one, are
 * searched linearly).  WeakMap and WeakSet hold their keys strongly: every
 * request's objects die with the request anyway.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var defProp = Object.defineProperty;
var ITER = Symbol.iterator;
var TAG = Symbol.toStringTag;
var ID = Symbol('id');
var nextId = 1;

function def(o, name, fn) {
    if (!Object.prototype.hasOwnProperty.call(o, name))
        defProp(o, name, { value: fn, writable: true, configurable: true });
}

function toInt(n) {
    n = Number(n);
    return n !== n ? 0 : n === Infinity || n === -Infinity ? n : n < 0 ? Math.ceil(n) : Math.floor(n);
}

function sameValueZero(a, b) {
    return a === b || (a !== a && b !== b);
}

/* --- Map and Set --- */

/* A string for primitive keys, an id for objects, null when the object
 * cannot carry one (frozen): those are searched for. */
function keyOf(k, create) {
    var t = typeof k;
    if (k === null || (t !== 'object' && t !== 'function')) {
        if (t === 'number') return k !== k ? 'nNaN' : 'n' + (k === 0 ? 0 : k);
        return t.charAt(0) + (t === 'symbol' ? '' : String(k));
    }
    if (Object.prototype.hasOwnProperty.call(k, ID)) return 'o' + k[ID];
    if (!create || !Object.isExtensible(k)) return null;
    defProp(k, ID, { value: nextId++ });
    return 'o' + k[ID];
}

function Store() {
    this.keys = [];
    this.vals = [];
    this.index = Object.create(null);
    this.size = 0;
}
Store.prototype.find = function (k) {
    if (typeof k === 'symbol') return this.keys.indexOf(k);
    var h = keyOf(k, false);
    if (h !== null) {
        var i = this.index[h];
        return i === undefined ? -1 : i;
    }
    for (var j = 0; j < this.keys.length; j++)
        if (this.keys[j] === k && j in this.keys) return j;
    return -1;
};
Store.prototype.set = function (k, v) {
    var i = this.find(k);
    if (i >= 0) {
        this.vals[i] = v;
        return;
    }
    if (k === 0) k = 0;     /* -0 becomes +0 */
    i = this.keys.length;
    this.keys.push(k);
    this.vals.push(v);
    if (typeof k !== 'symbol') {
        var h = keyOf(k, true);
        if (h !== null) this.index[h] = i;
    }
    this.size++;
};
Store.prototype.remove = function (k) {
    var i = this.find(k);
    if (i < 0) return false;
    var h = typeof k === 'symbol' ? null : keyOf(k, false);
    if (h !== null) delete this.index[h];
    delete this.keys[i];     /* a hole: live iterators keep their place */
    delete this.vals[i];
    this.size--;
    if (this.size === 0 && !this.iterating) this.reset();
    return true;
};
Store.prototype.reset = function () {
    this.keys.length = 0;
    this.vals.length = 0;
    this.index = Object.create(null);
    this.size = 0;
};

function StoreIterator(store, kind) {
    this._s = store;
    this._i = 0;
    this._k = kind;
}
defProp(StoreIterator.prototype, 'next', {
    value: function () {
        var s = this._s;
        while (s && this._i < s.keys.length) {
            var i = this._i++;
            if (!(i in s.keys)) continue;
            var k = s.keys[i];
            /* kind 0 keys, 1 values, 2 [key, value] */
            return { value: this._k === 0 ? k : this._k === 1 ? s.vals[i] : [k, s.vals[i]], done: false };
        }
        this._s = null;
        return { value: undefined, done: true };
    }, writable: true, configurable: true
});
defProp(StoreIterator.prototype, ITER, { value: function () { return this; }, writable: true, configurable: true });

function fill(target, iterable, adder) {
    if (iterable === null || iterable === undefined) return;
    var add = target[adder];
    var it = rt.iter(iterable), r;
    while (!(r = it.next()).done) {
        if (adder === 'set') {
            var e = r.value;
            if (e === null || typeof e !== 'object') throw new TypeError('Iterator value ' + e + ' is not an entry object');
            add.call(target, e[0], e[1]);
        } else {
            add.call(target, r.value);
        }
    }
}

function store(o, C) {
    if (!o || !o._store || !(o instanceof C)) throw new TypeError('Method called on incompatible receiver');
    return o._store;
}

function collection(name, isMap, weak) {
    var C = function () {
        if (!(this instanceof C)) throw new TypeError('Constructor ' + name + ' requires \'new\'');
        defProp(this, '_store', { value: new Store() });
        fill(this, arguments[0], isMap ? 'set' : 'add');
    };
    defProp(C, 'name', { value: name });
    var P = C.prototype;
    function checkWeak(k) {
        if (weak && (k === null || (typeof k !== 'object' && typeof k !== 'function')))
            throw new TypeError('Invalid value used ' + (isMap ? 'as weak map key' : 'in weak set'));
    }
    if (isMap) {
        def(P, 'get', function (k) { var s = store(this, C), i = s.find(k); return i < 0 ? undefined : s.vals[i]; });
        def(P, 'set', function (k, v) { checkWeak(k); store(this, C).set(k, v); return this; });
    } else {
        def(P, 'add', function (v) { checkWeak(v); store(this, C).set(v, v); return this; });
    }
    def(P, 'has', function (k) { return store(this, C).find(k) >= 0; });
    def(P, 'delete', function (k) { return store(this, C).remove(k); });
    if (!weak) {
        def(P, 'clear', function () { store(this, C).reset(); });
        defProp(P, 'size', { get: function () { return store(this, C).size; }, configurable: true });
        def(P, 'forEach', function (fn, thisArg) {
            var s = store(this, C);
            for (var i = 0; i < s.keys.length; i++)
                if (i in s.keys) fn.call(thisArg, s.vals[i], s.keys[i], this);
        });
        def(P, 'keys', function () { return new StoreIterator(store(this, C), 0); });
        def(P, 'values', function () { return new StoreIterator(store(this, C), 1); });
        /* a Set stores each value as its own key: its entries are [v, v] */
        def(P, 'entries', function () { return new StoreIterator(store(this, C), 2); });
        def(P, ITER, isMap ? P.entries : P.values);
    }
    defProp(P, TAG, { value: name, configurable: true });
    return C;
}

if (typeof G.Map !== 'function') {
    def(G, 'Map', collection('Map', true, false));
    def(G, 'Set', collection('Set', false, false));
    def(G, 'WeakMap', collection('WeakMap', true, true));
    def(G, 'WeakSet', collection('WeakSet', false, true));
    def(G.Map, 'groupBy', function (items, fn) {
        var m = new G.Map(), i = 0, it = rt.iter(items), r;
        while (!(r = it.next()).done) {
            var k = fn(r.value, i++);
            if (!m.has(k)) m.set(k, []);
            m.get(k).push(r.value);
        }
        return m;
    });
}
if (typeof G.WeakRef !== 'function') {
    var WeakRef = function (target) { defProp(this, '_t', { value: target }); };
    def(WeakRef.prototype, 'deref', function () { return this._t; });
    def(G, 'WeakRef', WeakRef);
}

/* --- Array --- */
var AP = Array.prototype;
def(Array, 'from', function (items, mapFn, thisArg) {
    var C = typeof this === 'function' && this !== Array ? this : null;
    var out = C ? new C() : [], i = 0, v;
    if (items === null || items === undefined) throw new TypeError(items + ' is not iterable');
    if (typeof items[ITER] === 'function') {
        var it = rt.iter(items), r;
        while (!(r = it.next()).done) {
            v = r.value;
            out[i] = mapFn ? mapFn.call(thisArg, v, i) : v;
            i++;
        }
    } else {
        var o = Object(items), n = toInt(o.length) || 0;
        for (; i < n; i++) out[i] = mapFn ? mapFn.call(thisArg, o[i], i) : o[i];
    }
    out.length = i;
    return out;
});
def(Array, 'of', function () { return AP.slice.call(arguments); });
def(AP, 'includes', function (x, from) {
    var o = Object(this), n = o.length >>> 0, i = toInt(from);
    if (i < 0) i = Math.max(n + i, 0);
    for (; i < n; i++) if (sameValueZero(o[i], x)) return true;
    return false;
});
function findIn(o, fn, thisArg, fromEnd) {
    var n = o.length >>> 0;
    for (var j = 0; j < n; j++) {
        var i = fromEnd ? n - 1 - j : j;
        if (fn.call(thisArg, o[i], i, o)) return i;
    }
    return -1;
}
function checkFn(fn) {
    if (typeof fn !== 'function') throw new TypeError(String(fn) + ' is not a function');
}
def(AP, 'find', function (fn, t) { checkFn(fn); var o = Object(this), i = findIn(o, fn, t, false); return i < 0 ? undefined : o[i]; });
def(AP, 'findIndex', function (fn, t) { checkFn(fn); return findIn(Object(this), fn, t, false); });
def(AP, 'findLast', function (fn, t) { checkFn(fn); var o = Object(this), i = findIn(o, fn, t, true); return i < 0 ? undefined : o[i]; });
def(AP, 'findLastIndex', function (fn, t) { checkFn(fn); return findIn(Object(this), fn, t, true); });
function flatten(out, a, depth) {
    for (var i = 0; i < a.length; i++) {
        if (!(i in a)) continue;
        if (depth > 0 && Array.isArray(a[i])) flatten(out, a[i], depth - 1);
        else out.push(a[i]);
    }
    return out;
}
def(AP, 'flat', function (depth) { return flatten([], Object(this), depth === undefined ? 1 : toInt(depth)); });
def(AP, 'flatMap', function (fn, t) { checkFn(fn); return flatten([], AP.map.call(Object(this), fn, t), 1); });
def(AP, 'at', function (i) {
    var o = Object(this), n = o.length >>> 0;
    i = toInt(i);
    if (i < 0) i += n;
    return i < 0 || i >= n ? undefined : o[i];
});
def(AP, 'fill', function (v, start, end) {
    var o = Object(this), n = o.length >>> 0;
    var s = start === undefined ? 0 : toInt(start), e = end === undefined ? n : toInt(end);
    if (s < 0) s = Math.max(n + s, 0);
    if (e < 0) e = Math.max(n + e, 0);
    for (var i = s; i < Math.min(e, n); i++) o[i] = v;
    return o;
});
/* ES2019 requires a stable sort; Duktape's is not.  A merge sort, with
 * undefined values and holes last as the spec orders them. */
function defaultCompare(a, b) {
    var x = String(a), y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
}
function mergeSort(a, cmp, tmp, lo, hi) {
    if (hi - lo < 2) return;
    if (hi - lo <= 8) {
        for (var i = lo + 1; i < hi; i++) {
            var v = a[i], j = i - 1;
            while (j >= lo && cmp(a[j], v) > 0) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
        return;
    }
    var mid = (lo + hi) >> 1;
    mergeSort(a, cmp, tmp, lo, mid);
    mergeSort(a, cmp, tmp, mid, hi);
    if (cmp(a[mid - 1], a[mid]) <= 0) return;
    var l = lo, r = mid, k = lo;
    while (l < mid && r < hi) tmp[k++] = cmp(a[r], a[l]) < 0 ? a[r++] : a[l++];
    while (l < mid) tmp[k++] = a[l++];
    while (r < hi) tmp[k++] = a[r++];
    for (k = lo; k < hi; k++) a[k] = tmp[k];
}
defProp(AP, 'sort', { value: function sort(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function')
        throw new TypeError('The comparison function must be either a function or undefined');
    var o = Object(this), n = o.length >>> 0, vals = [], undefs = 0, i;
    if (n < 2) return o;
    for (i = 0; i < n; i++) {
        if (!(i in o)) continue;
        if (o[i] === undefined) undefs++;
        else vals.push(o[i]);
    }
    var c = cmp ? function (a, b) { var r = +cmp(a, b); return r !== r ? 0 : r; } : defaultCompare;
    mergeSort(vals, c, new Array(vals.length), 0, vals.length);
    for (i = 0; i < vals.length; i++) o[i] = vals[i];
    for (var u = 0; u < undefs; u++) o[i++] = undefined;
    for (; i < n; i++) delete o[i];
    return o;
}, writable: true, configurable: true });

def(AP, 'toReversed', function () { return AP.slice.call(this).reverse(); });
def(AP, 'toSorted', function (cmp) { return AP.slice.call(this).sort(cmp); });
def(AP, 'toSpliced', function () { var a = AP.slice.call(this); AP.splice.apply(a, arguments); return a; });
def(AP, 'with', function (i, v) {
    var a = AP.slice.call(this), n = a.length;
    i = toInt(i);
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new RangeError('Invalid index : ' + i);
    a[i] = v;
    return a;
});

/* --- Object --- */
def(Object, 'entries', function (o) { return Object.keys(o).map(function (k) { return [k, o[k]]; }); });
def(Object, 'values', function (o) { return Object.keys(o).map(function (k) { return o[k]; }); });
def(Object, 'fromEntries', function (iterable) {
    var out = {}, it = rt.iter(iterable), r;
    while (!(r = it.next()).done)
        defProp(out, r.value[0], { value: r.value[1], writable: true, enumerable: true, configurable: true });
    return out;
});
def(Object, 'getOwnPropertyDescriptors', function (o) {
    var out = {};
    Object.getOwnPropertyNames(o).concat(Object.getOwnPropertySymbols ? Object.getOwnPropertySymbols(o) : [])
        .forEach(function (k) { out[k] = Object.getOwnPropertyDescriptor(o, k); });
    return out;
});
def(Object, 'hasOwn', function (o, k) { return Object.prototype.hasOwnProperty.call(Object(o), k); });
def(Object, 'is', function (a, b) {
    return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
});
def(Object, 'groupBy', function (items, fn) {
    var out = Object.create(null), i = 0, it = rt.iter(items), r;
    while (!(r = it.next()).done) {
        var k = fn(r.value, i++);
        (out[k] || (out[k] = [])).push(r.value);
    }
    return out;
});

/* --- String --- */
var SP = String.prototype;
function pad(s, n, filler, atStart) {
    s = String(s);
    n = toInt(n);
    filler = filler === undefined ? ' ' : String(filler);
    if (n <= s.length || filler === '') return s;
    var need = n - s.length, p = '';
    while (p.length < need) p += filler;
    p = p.slice(0, need);
    return atStart ? p + s : s + p;
}
def(SP, 'padStart', function (n, f) { return pad(this, n, f, true); });
def(SP, 'padEnd', function (n, f) { return pad(this, n, f, false); });
def(SP, 'trimStart', function () { return String(this).replace(/^[\s\uFEFF\xA0]+/, ''); });
def(SP, 'trimEnd', function () { return String(this).replace(/[\s\uFEFF\xA0]+$/, ''); });
def(SP, 'trimLeft', SP.trimStart);
def(SP, 'trimRight', SP.trimEnd);
def(SP, 'replaceAll', function (search, replacement) {
    var s = String(this);
    if (search instanceof RegExp) {
        if (!search.global) throw new TypeError('replaceAll must be called with a global RegExp');
        return s.replace(search, replacement);
    }
    search = String(search);
    var parts = s.split(search);
    if (typeof replacement === 'function') {
        var out = parts[0], pos = parts[0].length;
        for (var i = 1; i < parts.length; i++) {
            out += String(replacement(search, pos, s)) + parts[i];
            pos += search.length + parts[i].length;
        }
        return out;
    }
    if (String(replacement).indexOf('$') < 0) return parts.join(String(replacement));
    var re = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
    return s.replace(re, replacement);
});
def(SP, 'at', function (i) {
    var s = String(this);
    i = toInt(i);
    if (i < 0) i += s.length;
    return i < 0 || i >= s.length ? undefined : s.charAt(i);
});
def(SP, 'includes', function (x, from) {
    if (x instanceof RegExp) throw new TypeError('First argument to String.prototype.includes must not be a regular expression');
    return String(this).indexOf(String(x), from) >= 0;
});
def(SP, 'startsWith', function (x, pos) {
    var s = String(this), p = pos === undefined ? 0 : toInt(pos);
    return s.substr(p, String(x).length) === String(x);
});
def(SP, 'endsWith', function (x, end) {
    var s = String(this), e = end === undefined ? s.length : Math.min(toInt(end), s.length);
    x = String(x);
    return e - x.length >= 0 && s.slice(e - x.length, e) === x;
});
def(SP, 'repeat', function (n) {
    n = toInt(n);
    if (n < 0 || n === Infinity) throw new RangeError('Invalid count value: ' + n);
    var s = String(this), out = '';
    for (; n > 0; n >>= 1, s += s) if (n & 1) out += s;
    return out;
});
def(SP, 'codePointAt', function (i) {
    var s = String(this), c = s.charCodeAt(i);
    if (c !== c) return undefined;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000;
    }
    return c;
});
def(SP, 'matchAll', function (re) {
    if (!(re instanceof RegExp)) re = new RegExp(re, 'g');
    else if (!re.global) throw new TypeError('matchAll must be called with a global RegExp');
    var r = new RegExp(re.source, 'g' + (re.ignoreCase ? 'i' : '') + (re.multiline ? 'm' : '')), s = String(this), all = [], m;
    while ((m = r.exec(s)) !== null) {
        all.push(m);
        if (m[0] === '') r.lastIndex++;
    }
    return all[ITER]();
});
def(String, 'fromCodePoint', function () {
    var out = '';
    for (var i = 0; i < arguments.length; i++) {
        var c = Number(arguments[i]);
        if (c !== toInt(c) || c < 0 || c > 0x10ffff) throw new RangeError('Invalid code point ' + arguments[i]);
        if (c < 0x10000) out += String.fromCharCode(c);
        else { c -= 0x10000; out += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff)); }
    }
    return out;
});
def(String, 'raw', function (strings) {
    var raw = Object(strings.raw), n = raw.length >>> 0, out = '';
    for (var i = 0; i < n; i++) {
        out += String(raw[i]);
        if (i + 1 < n && i + 1 < arguments.length) out += String(arguments[i + 1]);
    }
    return out;
});

/* --- Number and Math --- */
def(Number, 'isInteger', function (x) { return typeof x === 'number' && isFinite(x) && Math.floor(x) === x; });
def(Number, 'isSafeInteger', function (x) { return Number.isInteger(x) && Math.abs(x) <= 9007199254740991; });
def(Number, 'isFinite', function (x) { return typeof x === 'number' && isFinite(x); });
def(Number, 'isNaN', function (x) { return typeof x === 'number' && x !== x; });
def(Number, 'parseFloat', parseFloat);
def(Number, 'parseInt', parseInt);
if (Number.EPSILON === undefined) {
    defProp(Number, 'EPSILON', { value: Math.pow(2, -52) });
    defProp(Number, 'MAX_SAFE_INTEGER', { value: 9007199254740991 });
    defProp(Number, 'MIN_SAFE_INTEGER', { value: -9007199254740991 });
}
def(Math, 'trunc', function (x) { return toInt(x); });
def(Math, 'sign', function (x) { x = Number(x); return x > 0 ? 1 : x < 0 ? -1 : x; });
/* Duktape's own cbrt is off by an ulp on perfect cubes (27 -> 3.0000000000000004) */
defProp(Math, 'cbrt', { value: function cbrt(x) {
    x = Number(x);
    var r = x < 0 ? -Math.pow(-x, 1 / 3) : Math.pow(x, 1 / 3), n = Math.round(r);
    return n * n * n === x ? n : r;
}, writable: true, configurable: true });
def(Math, 'log2', function (x) { return Math.log(x) / Math.LN2; });
def(Math, 'log10', function (x) { return Math.log(x) / Math.LN10; });
def(Math, 'log1p', function (x) { return Math.log(1 + x); });
def(Math, 'expm1', function (x) { return Math.exp(x) - 1; });
def(Math, 'hypot', function () {
    var s = 0;
    for (var i = 0; i < arguments.length; i++) s += arguments[i] * arguments[i];
    return Math.sqrt(s);
});
def(Math, 'fround', function (x) { return new Float32Array([x])[0]; });
def(Math, 'clz32', function (x) { x >>>= 0; return x ? 31 - Math.floor(Math.log(x) / Math.LN2) : 32; });
def(Math, 'sinh', function (x) { return (Math.exp(x) - Math.exp(-x)) / 2; });
def(Math, 'cosh', function (x) { return (Math.exp(x) + Math.exp(-x)) / 2; });
def(Math, 'tanh', function (x) { var a = Math.exp(x), b = Math.exp(-x); return a === Infinity ? 1 : b === Infinity ? -1 : (a - b) / (a + b); });

/* --- Symbol --- */
if (Symbol.prototype && !Object.getOwnPropertyDescriptor(Symbol.prototype, 'description'))
    defProp(Symbol.prototype, 'description', {
        get: function () { return Symbol.prototype.toString.call(this).slice(7, -1); }, configurable: true
    });

/* --- Promise extras --- */
if (G.Promise) {
    def(G.Promise, 'withResolvers', function () {
        var out = {};
        out.promise = new this(function (res, rej) { out.resolve = res; out.reject = rej; });
        return out;
    });
}

/* --- globalThis: the request's own global, set per request by the engine --- */
if (!('globalThis' in G)) defProp(G, 'globalThis', { value: G, writable: true, configurable: true });
