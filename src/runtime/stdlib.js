/* stdlib.js - the ES2015-ES2023 library a modern function takes for granted
 * and Duktape 2.7 lacks: Map, Set, WeakMap, WeakSet, Array.from, includes,
 * flat, at, Object.entries/fromEntries, padStart, replaceAll, String.raw…
 *
 * Hand-written rather than core-js-bundle (21 ms per worker start, and a
 * download at build time) because the set is small.  Only what is missing
 * is added, as non-enumerable properties, before harden.js freezes it all.
 * Map and Set keep insertion order in arrays and find keys through
 * dictionaries: strings and numbers as themselves (see Store), other
 * primitives by type-tagged string, objects by an id kept in a hidden
 * symbol property (frozen objects, which cannot take one, are searched
 * linearly).  WeakMap and WeakSet hold their keys strongly: every
 * request's objects die with the request anyway.
 *
 * Needs: __invoke, rt.IteratorPrototype (front-rt.js); rt.exposed (timers.js); Promise
 *   (promise.js); sys.hidden.  When called: rt.iter (front-rt.js); sys.sort;
 *   sys.global; rt.stackOf (errors.js);
 *   sys.icuSet (js_icu.c; not in the front end's heap, which needs no
 *   \p{…}).
 * Provides: rt.exposed, rt.annexB, rt.traceLimitSet, rt.resetTraceLimit; Map, Set, WeakMap, WeakSet, WeakRef, RegExp's
 *   modern flags (__invoke.re), and the ES2015+ library Duktape lacks.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var defProp = Object.defineProperty;
var ITER = Symbol.iterator;
var TAG = Symbol.toStringTag;
/* hidden keys (sys.hidden): no getOwnPropertyNames or Reflect.ownKeys
 * sees them, so code that copies an object's own keys (@hapi/hoek's clone
 * of a Map) does not copy the collection's state or a key's id */
var ID = sys.hidden('id');
/* a bigint's value text (bigint.js, js_bigint.c): bigints are frozen
 * objects, one per value, found by that text rather than searched */
var BIG = sys.hidden('bigint');
var STORE = sys.hidden('store');
var nextId = 1;

function def(o, name, fn) {
    if (!Object.prototype.hasOwnProperty.call(o, name)) {
        /* a built-in method's name is its key (test262, stack traces):
         * Duktape names a function expression '' */
        if (typeof fn === 'function' && fn.name === '')
            defProp(fn, 'name', { value: typeof name === 'symbol' ? '[' + String(name).slice(7, -1) + ']' : name,
                                  configurable: true });
        /* and no constructor, but for the global's (Map, Set...) */
        if (typeof fn === 'function' && o !== G) sys.method(fn);
        defProp(o, name, { value: fn, writable: true, configurable: true });
    }
}

/* The abstract operations the ES2015+ methods below are specified with. */
function coercible(v, method) {
    if (v === null || v === undefined) throw new TypeError(method + ' called on null or undefined');
    return v;
}
/* ToString: a symbol throws (String(sym) does not) */
function toStr(v) {
    if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(v);
}
function toLength(n) {
    n = toInt(n);
    return n <= 0 ? 0 : Math.min(n, 9007199254740991);
}
/* IteratorClose after a throw: the iterator's return() is called, what it
 * throws or returns is dropped, the first error stands */
function closeOnThrow(it) {
    try {
        var f = it['return'];
        if (f !== undefined && f !== null) f.call(it);
    } catch (ignore) { }
}
function createData(o, k, v) {
    defProp(o, k, { value: v, writable: true, enumerable: true, configurable: true });
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
    if (!Object.isExtensible(k)) return typeof k[BIG] === 'string' ? 'b' + k[BIG] : null;
    if (!create) return null;
    defProp(k, ID, { value: nextId++ });
    return 'o' + k[ID];
}

/* Strings and numbers, most keys, are found without building a key string
 * (issue 20): strings in a dictionary of their own as themselves, numbers
 * in another one as property keys, where -0 and +0 are both "0" and NaN is
 * "NaN", which is SameValueZero.  Other keys go through keyOf. */
function Store(C) {
    this.C = C;     /* whose store it is: a Map's methods refuse a Set's */
    this.keys = [];
    this.vals = [];
    this.str = Object.create(null);
    this.num = Object.create(null);
    this.index = Object.create(null);
    this.size = 0;
    this.base = 0;
}
Store.prototype.find = function (k) {
    var t = typeof k, i;
    if (t === 'string') i = this.str[k];
    else if (t === 'number') i = this.num[k];
    else if (t === 'symbol') return this.keys.indexOf(k);
    else {
        var h = keyOf(k, false);
        if (h === null) {
            for (var j = 0; j < this.keys.length; j++)
                if (this.keys[j] === k && j in this.keys) return j;
            return -1;
        }
        i = this.index[h];
    }
    return i === undefined ? -1 : i;
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
    var t = typeof k;
    if (t === 'string') this.str[k] = i;
    else if (t === 'number') this.num[k] = i;
    else if (t !== 'symbol') {
        var h = keyOf(k, true);
        if (h !== null) this.index[h] = i;
    }
    this.size++;
};
/* Store.set for a string key not in s */
function addString(s, k, v) {
    var i = s.keys.length;
    s.keys[i] = k;
    s.vals[i] = v;
    s.str[k] = i;
    s.size++;
}
Store.prototype.remove = function (k) {
    var i = this.find(k);
    if (i < 0) return false;
    var t = typeof k;
    if (t === 'string') delete this.str[k];
    else if (t === 'number') delete this.num[k];
    else if (t !== 'symbol') {
        var h = keyOf(k, false);
        if (h !== null) delete this.index[h];
    }
    delete this.keys[i];     /* a hole: live iterators keep their place */
    delete this.vals[i];
    this.size--;
    if (this.size === 0 && !this.iterating) this.reset();
    return true;
};
/* Emptied, the arrays start again; base counts the places dropped, so that
 * an iterator (which keeps base + index) that was anywhere in them goes on
 * with what is added afterwards, as the spec's iterators do. */
Store.prototype.reset = function () {
    this.base += this.keys.length;
    this.keys.length = 0;
    this.vals.length = 0;
    this.str = Object.create(null);
    this.num = Object.create(null);
    this.index = Object.create(null);
    this.size = 0;
};

/* state under hidden keys: Object.keys(map.entries()) is [] as in node */
var IT_S = sys.hidden('itStore'), IT_I = sys.hidden('itIndex'), IT_K = sys.hidden('itKind');
function StoreIterator(store, kind) {
    this[IT_S] = store;
    this[IT_I] = store.base;
    this[IT_K] = kind;
}
defProp(StoreIterator.prototype, 'next', {
    value: function next() {
        var s = this[IT_S], kind = this[IT_K];
        while (s && this[IT_I] - s.base < s.keys.length) {
            var i = this[IT_I] - s.base;
            if (i < 0) i = 0;
            this[IT_I] = s.base + i + 1;
            if (!(i in s.keys)) continue;
            var k = s.keys[i];
            /* kind 0 keys, 1 values, 2 [key, value] */
            return { value: kind === 0 ? k : kind === 1 ? s.vals[i] : [k, s.vals[i]], done: false };
        }
        this[IT_S] = null;
        return { value: undefined, done: true };
    }, writable: true, configurable: true
});
/* its [Symbol.iterator] is %IteratorPrototype%'s (front-rt.js) */
Object.setPrototypeOf(StoreIterator.prototype, rt.IteratorPrototype);
/* a Map's and a Set's iterators, told apart by what toString says of them */
function iteratorKind(tag) {
    var I = function (store, kind) { StoreIterator.call(this, store, kind); };
    I.prototype = Object.create(StoreIterator.prototype);
    defProp(I.prototype, TAG, { value: tag, configurable: true });
    return I;
}
var MapIterator = iteratorKind('Map Iterator'), SetIterator = iteratorKind('Set Iterator');

function fill(target, iterable, adder) {
    if (iterable === null || iterable === undefined) return;
    var add = target[adder];
    if (typeof add !== 'function') throw new TypeError('\'' + String(add) + '\' returned for property \'' + adder + '\' of object is not a function');
    var it = rt.iter(iterable), r;
    while (!(r = it.next()).done) {
        /* an entry or an add that throws closes the iterator */
        try {
            if (adder === 'set') {
                var e = r.value;
                if (e === null || (typeof e !== 'object' && typeof e !== 'function'))
                    throw new TypeError('Iterator value ' + String(e) + ' is not an entry object');
                add.call(target, e[0], e[1]);
            } else {
                add.call(target, r.value);
            }
        } catch (err) {
            closeOnThrow(it);
            throw err;
        }
    }
}

/* the receiver's store: the constructor that made it (the spec's internal
 * slot), not the prototype chain, says whose it is */
function incompatible() {
    throw new TypeError('Method called on incompatible receiver');
}
function store(o, C) {
    var s = o ? o[STORE] : undefined;
    if (s === undefined || s.C !== C) incompatible();
    return s;
}

function collection(name, isMap, weak) {
    var C = function () {
        if (!(this instanceof C)) throw new TypeError('Constructor ' + name + ' requires \'new\'');
        defProp(this, STORE, { value: new Store(C) });
        fill(this, arguments[0], isMap ? 'set' : 'add');
    };
    defProp(C, 'name', { value: name });
    var P = C.prototype, Iter = isMap ? MapIterator : SetIterator;
    function checkWeak(k) {
        if (weak && (k === null || (typeof k !== 'object' && typeof k !== 'function')))
            throw new TypeError('Invalid value used ' + (isMap ? 'as weak map key' : 'in weak set'));
    }
    /* get, set, add and has with a string key, the most common, in one call
     * each (issue 20: a call is what costs on Duktape); find returns -1
     * where s.str has undefined, and both fail i >= 0 */
    if (isMap) {
        def(P, 'get', function (k) {
            var s = this ? this[STORE] : undefined, i;
            if (s === undefined || s.C !== C) incompatible();
            i = typeof k === 'string' ? s.str[k] : s.find(k);
            return i >= 0 ? s.vals[i] : undefined;
        });
        def(P, 'set', function (k, v) {
            var s = this ? this[STORE] : undefined, i;
            if (s === undefined || s.C !== C) incompatible();
            if (typeof k === 'string' && !weak) {
                i = s.str[k];
                if (i === undefined) addString(s, k, v);
                else s.vals[i] = v;
            } else {
                checkWeak(k);
                s.set(k, v);
            }
            return this;
        });
    } else {
        def(P, 'add', function (v) {
            var s = this ? this[STORE] : undefined;
            if (s === undefined || s.C !== C) incompatible();
            if (typeof v === 'string' && !weak) {
                if (s.str[v] === undefined) addString(s, v, v);
            } else {
                checkWeak(v);
                s.set(v, v);
            }
            return this;
        });
    }
    def(P, 'has', function (k) {
        var s = this ? this[STORE] : undefined;
        if (s === undefined || s.C !== C) incompatible();
        return (typeof k === 'string' ? s.str[k] : s.find(k)) >= 0;
    });
    def(P, 'delete', function (k) { return store(this, C).remove(k); });
    if (!weak) {
        def(P, 'clear', function () { store(this, C).reset(); });
        defProp(P, 'size', { get: function () { return store(this, C).size; }, configurable: true });
        def(P, 'forEach', function (fn, thisArg) {
            var s = store(this, C), b = s.base;
            for (var i = 0; i < s.keys.length; ) {
                if (i in s.keys) fn.call(thisArg, s.vals[i], s.keys[i], this);
                i = s.base === b ? i + 1 : 0;   /* emptied meanwhile: see reset */
                b = s.base;
            }
        });
        if (isMap) def(P, 'keys', function () { return new Iter(store(this, C), 0); });
        def(P, 'values', function () { return new Iter(store(this, C), 1); });
        /* a Set's keys is its values, the same function */
        if (!isMap) def(P, 'keys', P.values);
        /* a Set stores each value as its own key: its entries are [v, v] */
        def(P, 'entries', function () { return new Iter(store(this, C), 2); });
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
def(Array, 'from', function (items) {
    var mapFn = arguments[1], thisArg = arguments[2], C = this, out, i = 0, v;
    if (mapFn !== undefined) checkFn(mapFn);
    var ctor = C !== Array && isConstructor(C);
    if (items === null || items === undefined) throw new TypeError((items === null ? 'object null' : 'undefined') + ' is not iterable (cannot read property Symbol(Symbol.iterator))');
    var using = items[ITER];
    if (using !== undefined && using !== null) {
        checkFn(using);
        out = ctor ? new C() : [];
        var it = rt.iter(items), r;
        while (!(r = it.next()).done) {
            v = r.value;
            /* a map or a define that throws closes the iterator */
            try {
                createData(out, i, mapFn ? mapFn.call(thisArg, v, i) : v);
            } catch (e) {
                closeOnThrow(it);
                throw e;
            }
            i++;
        }
        out.length = i;
        return out;
    }
    var o = Object(items), n = toLength(o.length);
    out = ctor ? new C(n) : new Array(n);
    for (; i < n; i++) createData(out, i, mapFn ? mapFn.call(thisArg, o[i], i) : o[i]);
    out.length = n;
    return out;
});
/* Array.of: this, when a constructor, makes the result (new C(n)), whose
 * elements are defined, not assigned, and whose length is set last */
def(Array, 'of', function () {
    'use strict';
    var n = arguments.length, C = this;
    if (C === Array || !isConstructor(C)) return AP.slice.call(arguments);
    var out = new C(n);
    for (var i = 0; i < n; i++) defProp(out, i, { value: arguments[i], writable: true, enumerable: true, configurable: true });
    out.length = n;
    return out;
});
/* indexOf (native) finds what includes does but NaN, and but undefined
 * in a hole (which indexOf skips): a call per element is left to those */
var apIndexOf = AP.indexOf;
def(AP, 'includes', function (x, from) {
    'use strict';     /* a null or undefined this is refused */
    var o = Object(coercible(this, 'Array.prototype.includes')), n = toLength(o.length);
    /* length is read once, and a zero one answers before from is converted */
    if (n === 0) return false;
    var i = toInt(from);
    if (i < 0) i = Math.max(n + i, 0);
    /* the native indexOf reads length again: on an array that is not seen */
    if (x === x && x !== undefined && Array.isArray(o)) return apIndexOf.call(o, x, i) >= 0;
    for (; i < n; i++) if (sameValueZero(o[i], x)) return true;
    return false;
});
function findIn(o, fn, thisArg, fromEnd) {
    var n = toLength(o.length);
    for (var j = 0; j < n; j++) {
        var i = fromEnd ? n - 1 - j : j;
        if (fn.call(thisArg, o[i], i, o)) return i;
    }
    return -1;
}
function checkFn(fn) {
    if (typeof fn !== 'function') throw new TypeError(String(fn) + ' is not a function');
}
/* length 1 (the thisArg read from arguments), and as the specification
 * orders it: this is converted and its length read before fn is checked */
def(AP, 'find', function (fn) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.find')), n = toLength(o.length);
    checkFn(fn);
    for (var i = 0; i < n; i++) {
        var v = o[i];
        if (fn.call(arguments[1], v, i, o)) return v;
    }
    return undefined;
});
def(AP, 'findIndex', function (fn) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.findIndex')), n = toLength(o.length);
    checkFn(fn);
    for (var i = 0; i < n; i++) if (fn.call(arguments[1], o[i], i, o)) return i;
    return -1;
});
def(AP, 'findLast', function (fn, t) { checkFn(fn); var o = Object(this), i = findIn(o, fn, t, true); return i < 0 ? undefined : o[i]; });
def(AP, 'findLastIndex', function (fn, t) { checkFn(fn); return findIn(Object(this), fn, t, true); });
/* ArraySpeciesCreate: an Array subclass's flat() makes its own kind (its
 * Symbol.species, defined further down) */
function speciesCreate(o, n) {
    if (!Array.isArray(o)) return new Array(n);
    var C = o.constructor;
    if (C === Array) return new Array(n);
    if (C !== null && (typeof C === 'object' || typeof C === 'function')) {
        C = C[Symbol.species];
        if (C === null) C = undefined;
    }
    if (C === undefined) return new Array(n);
    if (typeof C !== 'function') throw new TypeError('object.constructor[Symbol.species] is not a constructor');
    return new C(n);
}
/* FlattenIntoArray: properties defined, not assigned (a frozen or
 * non-extensible target throws), holes skipped, depth counted down */
function flatten(out, n, a, len, depth, fn, thisArg) {
    for (var i = 0; i < len; i++) {
        if (!(i in a)) continue;
        var v = a[i];
        if (fn) v = fn.call(thisArg, v, i, a);
        if (depth > 0 && Array.isArray(v)) n = flatten(out, n, v, toLength(v.length), depth - 1);
        else {
            if (n >= 9007199254740991) throw new TypeError('array too long');
            createData(out, n++, v);
        }
    }
    return n;
}
def(AP, 'flat', function () {
    'use strict';     /* this stays null or undefined, to be refused */
    var o = Object(coercible(this, 'Array.prototype.flat')), len = toLength(o.length);
    var depth = arguments[0] === undefined ? 1 : toInt(arguments[0]);
    var out = speciesCreate(o, 0);
    flatten(out, 0, o, len, depth);
    return out;
});
def(AP, 'flatMap', function (fn) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.flatMap')), len = toLength(o.length);
    checkFn(fn);
    var out = speciesCreate(o, 0);
    flatten(out, 0, o, len, 1, fn, arguments[1]);
    return out;
});
def(AP, 'at', function (i) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.at')), n = toLength(o.length);
    i = toInt(i);
    if (i < 0) i += n;
    return i < 0 || i >= n ? undefined : o[i];
});
def(AP, 'fill', function (v) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.fill')), n = toLength(o.length);
    var start = arguments[1], end = arguments[2];
    var s = start === undefined ? 0 : toInt(start), e = end === undefined ? n : toInt(end);
    if (s < 0) s = Math.max(n + s, 0);
    if (e < 0) e = Math.max(n + e, 0);
    for (var i = s; i < Math.min(e, n); i++) o[i] = v;
    return o;
});
/* copyWithin (ES2015), which Duktape lacks: strict, so that a failed set
 * or delete throws as the specification's Set and DeletePropertyOrThrow
 * do; copied backward when the ranges overlap with the target after the
 * source, holes carried over as holes */
def(AP, 'copyWithin', function (target, start) {
    'use strict';
    var o = Object(coercible(this, 'Array.prototype.copyWithin')), n = toLength(o.length);
    var to = relIndex(target, n, 0), from = relIndex(start, n, 0);
    var end = arguments[2], last = end === undefined ? n : relIndex(end, n, n);
    var count = Math.min(last - from, n - to), dir = 1;
    if (from < to && to < from + count) {
        dir = -1;
        from += count - 1;
        to += count - 1;
    }
    for (; count > 0; count--, from += dir, to += dir) {
        if (from in o) o[to] = o[from];
        else delete o[to];
    }
    return o;
});
/* ES2019 requires a stable sort; Duktape's is not.  A merge sort
 * (sys.sort, js_sys.c: in C, issue 20), with undefined values and holes
 * last as the spec orders them; the comparator's result is converted by
 * ToNumber, NaN counting as 0. */
function defaultCompare(a, b) {
    var x = String(a), y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
}
defProp(AP, 'sort', { value: function sort(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function')
        throw new TypeError('The comparison function must be either a function or undefined');
    var o = Object(this), n = toLength(o.length), vals = [], undefs = 0, i;
    if (n < 2) return o;
    for (i = 0; i < n; i++) {
        if (!(i in o)) continue;
        if (o[i] === undefined) undefs++;
        else vals.push(o[i]);
    }
    vals = sys.sort(vals, cmp || defaultCompare);
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

/* --- Typed arrays: the ES2015+ methods of %TypedArray%.prototype ---
 * Duktape's typed arrays have set and subarray only; `new
 * TextEncoder().encode(s).slice(0, 3)` and libraries that fill() a
 * Uint8Array (entities, markdown-it) need the rest.  Buffer.prototype
 * keeps its own (Buffer's slice is a view). */
var TA = Object.getPrototypeOf(Uint8Array.prototype), TAC = Object.getPrototypeOf(Uint8Array);
var TA_NAMES = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
                'Uint32Array', 'Float32Array', 'Float64Array'];
var objToString = Object.prototype.toString;

function taCheck(o) {
    var t = o !== null && typeof o === 'object' ? objToString.call(o).slice(8, -1) : '';
    if (TA_NAMES.indexOf(t) < 0) throw new TypeError('this is not a typed array.');
    return o.length;
}
/* a new typed array like o (its species: Buffer makes Buffers) */
function taLike(o, n) {
    var C = o.constructor;
    if (C === G.Buffer && typeof C.alloc === 'function') return C.alloc(n);
    if (typeof C !== 'function' || TA_NAMES.indexOf(C.name) < 0 && !(C.prototype instanceof TAC))
        C = G[objToString.call(o).slice(8, -1)];
    return new C(n);
}
function relIndex(i, len, dflt) {
    if (i === undefined) return dflt;
    i = toInt(i);
    return i < 0 ? Math.max(len + i, 0) : Math.min(i, len);
}
function taMethod(name, fn) {
    defProp(TA, name, { value: fn, writable: true, configurable: true });
}
/* the Array methods above work on any length and indices: a typed array
 * only checks what it is first */
taMethod('at', function at(i) { taCheck(this); return AP.at.call(this, i); });
taMethod('includes', function includes(v, from) { taCheck(this); return AP.includes.call(this, v, from); });
taMethod('fill', function fill(v, start, end) {
    var n = taCheck(this), a = relIndex(start, n, 0), b = relIndex(end, n, n);
    v = Number(v);
    for (var i = a; i < b; i++) this[i] = v;
    return this;
});
taMethod('slice', function slice(start, end) {
    var n = taCheck(this), a = relIndex(start, n, 0), b = relIndex(end, n, n), out = taLike(this, Math.max(b - a, 0));
    for (var i = a; i < b; i++) out[i - a] = this[i];
    return out;
});
taMethod('copyWithin', function copyWithin(target, start, end) {
    var n = taCheck(this), t = relIndex(target, n, 0), a = relIndex(start, n, 0), b = relIndex(end, n, n);
    var count = Math.min(b - a, n - t);
    if (count > 0) this.set(this.subarray(a, a + count), t);
    return this;
});
function taIter(name, body) {
    taMethod(name, function (fn, thisArg) {
        var n = taCheck(this);
        checkFn(fn);
        return body(this, n, fn, thisArg);
    });
}
taIter('forEach', function (o, n, fn, t) { for (var i = 0; i < n; i++) fn.call(t, o[i], i, o); });
taIter('every', function (o, n, fn, t) { for (var i = 0; i < n; i++) if (!fn.call(t, o[i], i, o)) return false; return true; });
taIter('some', function (o, n, fn, t) { for (var i = 0; i < n; i++) if (fn.call(t, o[i], i, o)) return true; return false; });
taIter('find', function (o, n, fn, t) { var i = findIn(o, fn, t, false); return i < 0 ? undefined : o[i]; });
taIter('findIndex', function (o, n, fn, t) { return findIn(o, fn, t, false); });
taIter('findLast', function (o, n, fn, t) { var i = findIn(o, fn, t, true); return i < 0 ? undefined : o[i]; });
taIter('findLastIndex', function (o, n, fn, t) { return findIn(o, fn, t, true); });
taIter('map', function (o, n, fn, t) {
    var out = taLike(o, n);
    for (var i = 0; i < n; i++) out[i] = fn.call(t, o[i], i, o);
    return out;
});
taIter('filter', function (o, n, fn, t) {
    var kept = [];
    for (var i = 0; i < n; i++) if (fn.call(t, o[i], i, o)) kept.push(o[i]);
    var out = taLike(o, kept.length);
    for (i = 0; i < kept.length; i++) out[i] = kept[i];
    return out;
});
function taReduce(name, step) {
    taMethod(name, function (fn) {
        var n = taCheck(this), i = step > 0 ? 0 : n - 1, acc;
        if (typeof fn !== 'function') throw new TypeError(String(fn) + ' is not a function');
        if (arguments.length > 1) acc = arguments[1];
        else if (n === 0) throw new TypeError('Reduce of empty array with no initial value');
        else { acc = this[i]; i += step; }
        for (; i >= 0 && i < n; i += step) acc = fn(acc, this[i], i, this);
        return acc;
    });
}
taReduce('reduce', 1);
taReduce('reduceRight', -1);
taMethod('indexOf', function indexOf(v, from) {
    var n = taCheck(this);
    for (var i = relIndex(from, n, 0); i < n; i++) if (this[i] === v) return i;
    return -1;
});
taMethod('lastIndexOf', function lastIndexOf(v, from) {
    var n = taCheck(this), i = arguments.length > 1 ? toInt(from) : n - 1;
    for (i = i < 0 ? n + i : Math.min(i, n - 1); i >= 0; i--) if (this[i] === v) return i;
    return -1;
});
taMethod('join', function join(sep) {
    var n = taCheck(this), parts = new Array(n);
    for (var i = 0; i < n; i++) parts[i] = String(this[i]);
    return parts.join(sep === undefined ? ',' : String(sep));
});
taMethod('reverse', function reverse() {
    var n = taCheck(this);
    for (var i = 0, j = n - 1; i < j; i++, j--) { var t = this[i]; this[i] = this[j]; this[j] = t; }
    return this;
});
/* numbers in order, -0 before +0, NaN last (not Array's string order) */
function taCompare(a, b) {
    if (a !== a) return b !== b ? 0 : 1;
    if (b !== b) return -1;
    if (a < b) return -1;
    if (a > b) return 1;
    return a === 0 && b === 0 ? (1 / a < 0 ? (1 / b < 0 ? 0 : -1) : (1 / b < 0 ? 1 : 0)) : 0;
}
function taSorted(o, n, fn) {
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError('The comparison function must be either a function or undefined');
    var vals = Array.prototype.slice.call(o, 0, n);
    vals.sort(fn === undefined ? taCompare : function (a, b) { var r = Number(fn(a, b)); return r !== r ? 0 : r; });
    return vals;
}
taMethod('sort', function sort(fn) {
    var n = taCheck(this), vals = taSorted(this, n, fn);
    for (var i = 0; i < n; i++) this[i] = vals[i];
    return this;
});
taMethod('toSorted', function toSorted(fn) {
    var n = taCheck(this), vals = taSorted(this, n, fn), out = new G[objToString.call(this).slice(8, -1)](n);
    for (var i = 0; i < n; i++) out[i] = vals[i];
    return out;
});
taMethod('toReversed', function toReversed() {
    var n = taCheck(this), out = new G[objToString.call(this).slice(8, -1)](n);
    for (var i = 0; i < n; i++) out[i] = this[n - 1 - i];
    return out;
});
taMethod('with', function (index, value) {
    var n = taCheck(this), k = toInt(index);
    if (k < 0) k += n;
    if (k < 0 || k >= n) throw new RangeError('Invalid typed array index');
    var out = new G[objToString.call(this).slice(8, -1)](n);
    out.set(this);
    out[k] = value;
    return out;
});
taMethod('toString', Array.prototype.toString);
taMethod('toLocaleString', function toLocaleString() {
    var n = taCheck(this), parts = [];
    for (var i = 0; i < n; i++) parts.push(this[i].toLocaleString());
    return parts.join(',');
});
defProp(TAC, 'from', { value: function from(src, fn, thisArg) {
    if (typeof this !== 'function') throw new TypeError(String(this) + ' is not a constructor');
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError(String(fn) + ' is not a function');
    var vals, i, o;
    if (src !== null && src !== undefined && typeof src[Symbol.iterator] === 'function') vals = Array.from(src);
    else {
        /* an array-like: its length counts, holes too (Duktape's slice
         * of { length: 16 } is empty) */
        o = Object(src);
        vals = new Array(toInt(o.length) > 0 ? Math.min(toInt(o.length), 4294967295) : 0);
        for (i = 0; i < vals.length; i++) vals[i] = o[i];
    }
    var out = new this(vals.length);
    for (i = 0; i < vals.length; i++) out[i] = fn ? fn.call(thisArg, vals[i], i) : vals[i];
    return out;
}, writable: true, configurable: true });
defProp(TAC, 'of', { value: function of() {
    if (typeof this !== 'function') throw new TypeError(String(this) + ' is not a constructor');
    var out = new this(arguments.length);
    for (var i = 0; i < arguments.length; i++) out[i] = arguments[i];
    return out;
}, writable: true, configurable: true });

/* The rest of %TypedArray%.prototype as the specification lays it out:
 * constructor, length, the iterators (front-rt.js put them on each
 * concrete prototype, where Node's Object.getOwnPropertyNames(
 * Uint8Array.prototype) has only constructor and BYTES_PER_ELEMENT) and
 * the Symbol.toStringTag getter that tells the kind of any typed array.
 * Duktape's own Uint8Array.allocPlain and plainOf are no Node API: gone. */
(function () {
    var U8P = Uint8Array.prototype, iters = ['values', 'keys', 'entries'];
    defProp(TA, 'constructor', { value: TAC, writable: true, configurable: true });
    defProp(TA, 'length', { get: function () { taCheck(this); return this.length; }, configurable: true });
    for (var i = 0; i < iters.length; i++)
        defProp(TA, iters[i], { value: U8P[iters[i]], writable: true, configurable: true });
    defProp(TA, ITER, { value: TA.values, writable: true, configurable: true });
    /* by the prototype chain: Object.prototype.toString, which taCheck
     * asks, consults this very getter */
    var ctors = TA_NAMES.map(function (n) { return G[n]; });
    defProp(TA, Symbol.toStringTag, { get: function () {
        for (var k = 0; k < ctors.length; k++) if (this instanceof ctors[k]) return TA_NAMES[k];
        return undefined;
    }, configurable: true });
    TA_NAMES.forEach(function (n) {
        var P = G[n].prototype;
        for (var j = 0; j < iters.length; j++) if (P[iters[j]] === TA[iters[j]]) delete P[iters[j]];
        if (P[ITER] === TA.values) delete P[ITER];
    });
    delete Uint8Array.allocPlain;
    delete Uint8Array.plainOf;
    /* Node 20's ArrayBuffer.prototype names the resizable buffers' members
     * too; an ArrayBuffer here is never resizable, as one made without
     * maxByteLength is not in Node */
    defProp(DataView.prototype, Symbol.toStringTag, { value: 'DataView', configurable: true });
    var ABP = ArrayBuffer.prototype;
    function abCheck(o, what) {
        if (!(o instanceof ArrayBuffer))
            throw new TypeError('Method ArrayBuffer.prototype.' + what + ' called on incompatible receiver ' + String(o));
    }
    defProp(ABP, 'resizable', { get: function () { abCheck(this, 'resizable'); return false; }, configurable: true });
    defProp(ABP, 'maxByteLength', { get: function () { abCheck(this, 'maxByteLength'); return this.byteLength; }, configurable: true });
    defProp(ABP, 'resize', { value: function resize() {
        abCheck(this, 'resize');
        throw new TypeError('Method ArrayBuffer.prototype.resize called on incompatible receiver #<ArrayBuffer>');
    }, writable: true, configurable: true });
})();

/* --- Object --- */
/* EnumerableOwnProperties: every own key ([[OwnPropertyKeys]]: a Proxy's
 * ownKeys trap), each checked when reached ([[GetOwnProperty]]:
 * propertyIsEnumerable, a Proxy's getOwnPropertyDescriptor trap), so a
 * getter that deletes a later key or makes it non-enumerable leaves it out */
var isEnum = Object.prototype.propertyIsEnumerable, ownKeys = Reflect.ownKeys;
function ownEnumerable(o, entries) {
    o = Object(coercible(o, entries ? 'Object.entries' : 'Object.values'));
    var keys = ownKeys(o), out = [];
    for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (typeof k !== 'string' || !isEnum.call(o, k)) continue;
        out.push(entries ? [k, o[k]] : o[k]);
    }
    return out;
}
def(Object, 'entries', function (o) { return ownEnumerable(o, true); });
def(Object, 'values', function (o) { return ownEnumerable(o, false); });
def(Object, 'fromEntries', function (iterable) {
    coercible(iterable, 'Object.fromEntries');
    var out = {}, it = rt.iter(iterable), r;
    while (!(r = it.next()).done) {
        try {
            var e = r.value;
            if (e === null || (typeof e !== 'object' && typeof e !== 'function'))
                throw new TypeError('Iterator value ' + String(e) + ' is not an entry object');
            var k = e[0], v = e[1];
            createData(out, typeof k === 'symbol' ? k : toStr(k), v);
        } catch (err) {
            closeOnThrow(it);
            throw err;
        }
    }
    return out;
});
def(Object, 'getOwnPropertyDescriptors', function (o) {
    o = Object(coercible(o, 'Object.getOwnPropertyDescriptors'));
    var out = {}, keys = ownKeys(o), d;
    for (var i = 0; i < keys.length; i++)
        if ((d = Object.getOwnPropertyDescriptor(o, keys[i])) !== undefined) createData(out, keys[i], d);
    return out;
});
/* Duktape's Object.assign leaves out symbol keys; the keys in
 * [[OwnPropertyKeys]] order, strings and symbols as they come */
defProp(Object, 'assign', { value: sys.method(function assign(target, sources) {
    'use strict';
    void sources;
    var to = Object(target), i, j, k, keys, from;
    for (i = 1; i < arguments.length; i++) {
        if (arguments[i] === null || arguments[i] === undefined) continue;
        from = Object(arguments[i]);
        keys = ownKeys(from);
        for (j = 0; j < keys.length; j++) {
            k = keys[j];
            if (isEnum.call(from, k)) to[k] = from[k];
        }
    }
    return to;
}), writable: true, configurable: true });
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
/* The well-known symbols of the String methods' protocol (ES2015), which
 * Duktape lacks: a search argument's [Symbol.replace] (and so on) does
 * the work when it has one; RegExp.prototype's are the regex ones. */
['match', 'matchAll', 'replace', 'search', 'split'].forEach(function (n) {
    if (Symbol[n] === undefined) defProp(Symbol, n, { value: Symbol('Symbol.' + n) });
});
/* IsRegExp: Symbol.match says, else being a RegExp */
function isRegExp(o) {
    if (o === null || typeof o !== 'object' && typeof o !== 'function') return false;
    var m = o[Symbol.match];
    return m !== undefined ? !!m : o instanceof RegExp;
}
function pad(s, n, filler, atStart) {
    s = toStr(s);
    n = toLength(n);
    filler = filler === undefined ? ' ' : toStr(filler);
    if (n <= s.length || filler === '') return s;
    var need = n - s.length, p = '';
    while (p.length < need) p += filler;
    p = p.slice(0, need);
    return atStart ? p + s : s + p;
}
def(SP, 'padStart', function (n) { 'use strict'; return pad(coercible(this, 'String.prototype.padStart'), n, arguments[1], true); });
def(SP, 'padEnd', function (n) { 'use strict'; return pad(coercible(this, 'String.prototype.padEnd'), n, arguments[1], false); });
def(SP, 'trimStart', function () { return String(this).replace(/^[\s\uFEFF\xA0]+/, ''); });
def(SP, 'trimEnd', function () { return String(this).replace(/[\s\uFEFF\xA0]+$/, ''); });
def(SP, 'trimLeft', SP.trimStart);
def(SP, 'trimRight', SP.trimEnd);
/* GetSubstitution for a match without captures (replaceAll's string
 * search): $$, $&, $` and $' are replaced, $n and $<name> stay as written */
function substitute(matched, str, pos, tpl) {
    if (tpl.indexOf('$') < 0) return tpl;
    var out = '', i = 0, c;
    while (i < tpl.length) {
        c = tpl.charAt(i);
        if (c === '$' && i + 1 < tpl.length) {
            var d = tpl.charAt(i + 1);
            if (d === '$') { out += '$'; i += 2; continue; }
            if (d === '&') { out += matched; i += 2; continue; }
            if (d === '`') { out += str.slice(0, pos); i += 2; continue; }
            if (d === '\'') { out += str.slice(pos + matched.length); i += 2; continue; }
        }
        out += c;
        i++;
    }
    return out;
}
/* replaceAll's and matchAll's search argument (not null or undefined):
 * a RegExp must be global; its [sym] method, when it has one, does the
 * work (undefined when not) */
function allMethod(search, sym, name) {
    if (isRegExp(search)) {
        var flags = search.flags;
        coercible(flags, 'String.prototype.' + name);
        if (toStr(flags).indexOf('g') < 0)
            throw new TypeError('String.prototype.' + name + ' called with a non-global RegExp argument');
    }
    var f = search[sym];
    return f === null ? undefined : f;
}
def(SP, 'replaceAll', function (search, replacement) {
    'use strict';
    coercible(this, 'String.prototype.replaceAll');
    if (search !== null && search !== undefined) {
        var replacer = allMethod(search, Symbol.replace, 'replaceAll');
        if (replacer !== undefined) return replacer.call(search, this, replacement);
    }
    var s = toStr(this), needle = toStr(search), fn = typeof replacement === 'function';
    if (!fn) replacement = toStr(replacement);
    var step = Math.max(1, needle.length), at = [], p = s.indexOf(needle, 0);
    while (p !== -1) {
        at.push(p);
        p = p + step > s.length ? -1 : s.indexOf(needle, p + step);
    }
    var out = '', end = 0;
    for (var i = 0; i < at.length; i++) {
        out += s.slice(end, at[i]) +
            (fn ? toStr(replacement(needle, at[i], s)) : substitute(needle, s, at[i], replacement));
        end = at[i] + needle.length;
    }
    return end < s.length ? out + s.slice(end) : out;
});
def(SP, 'at', function (i) {
    'use strict';
    var s = toStr(coercible(this, 'String.prototype.at'));
    i = toInt(i);
    if (i < 0) i += s.length;
    return i < 0 || i >= s.length ? undefined : s.charAt(i);
});
/* includes, startsWith and endsWith: Duktape's own, after IsRegExp
 * (Symbol.match, else the class) refused a RegExp argument; Duktape tells
 * one by its class alone, and its search is a string here */
['includes', 'startsWith', 'endsWith'].forEach(function (n) {
    var nat = SP[n];
    var method = function (search) {
        'use strict';
        var s = toStr(coercible(this, 'String.prototype.' + n));
        if (isRegExp(search))
            throw new TypeError('First argument to String.prototype.' + n + ' must not be a regular expression');
        return nat.call(s, toStr(search), arguments[1]);
    };
    defProp(method, 'name', { value: n, configurable: true });
    defProp(SP, n, { value: sys.method(method), writable: true, configurable: true });
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
/* matchAll: the argument's [Symbol.matchAll] when it has one, else a
 * global RegExp made of it; a RegExp argument must be global */
def(SP, 'matchAll', function (re) {
    'use strict';
    coercible(this, 'String.prototype.matchAll');
    if (re !== null && re !== undefined) {
        var f = allMethod(re, Symbol.matchAll, 'matchAll');
        if (f !== undefined) return f.call(re, this);
    }
    var s = toStr(this);
    return new RegExp(re, 'g')[Symbol.matchAll](s);
});
def(RegExp.prototype, Symbol.matchAll, function (str) {
    'use strict';
    if (this === null || typeof this !== 'object' && typeof this !== 'function')
        throw new TypeError('RegExp.prototype[Symbol.matchAll] called on non-object ' + String(this));
    var re = this, r = new RegExp(re, re.flags), s = toStr(str), all = [], m;
    r.lastIndex = toLength(re.lastIndex);
    if (!r.global) { m = r.exec(s); return (m ? [m] : [])[ITER](); }
    while ((m = r.exec(s)) !== null) {
        all.push(m);
        if (m[0] === '') r.lastIndex = advance(s, lastIndexOf(r), r.unicode);
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
    var raw = Object(strings.raw), n = toLength(raw.length), out = '';
    for (var i = 0; i < n; i++) {
        out += toStr(raw[i]);
        if (i + 1 < n && i + 1 < arguments.length) out += toStr(arguments[i + 1]);
    }
    return out;
});

/* --- RegExp: named groups, the s, y, u and v flags --- */

/* Duktape's regex engine is ES5's.  A pattern with named groups, or with
 * the s, y, u or v flag, is rewritten into one it runs (rxLower below); the
 * RegExp it makes inherits from RXP, whose exec() adds `groups` and keeps
 * the sticky rule, and the String methods below send such a RegExp to
 * their own implementations.  Plain patterns never come near this code
 * except for one property read in each String method.
 * Regex literals reach here through __invoke.re (front.js emits it),
 * `new RegExp(p, f)` through the RegExp wrapper further down.  Lookbehind
 * is Duktape's (src/duk-fixes.sed) and stays as written.  With the d flag,
 * exec() runs the native RegExp through sys.execIndices, which has
 * Duktape's executor tell where each capture began and ended (lowering
 * keeps the capture groups and their numbers). */
var NativeRegExp = RegExp;
var nativeExec = RegExp.prototype.exec;
var RX = Symbol('rx');
var slice = Array.prototype.slice;
var PAIR = '[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]';

function hex4(c) { return '\\u' + ('000' + c.toString(16)).slice(-4); }
/* a code point as pattern text: BMP as \uXXXX, astral as its surrogate pair */
function cpText(c) {
    if (c < 0x10000) return hex4(c);
    c -= 0x10000;
    return hex4(0xd800 + (c >> 10)) + hex4(0xdc00 + (c & 0x3ff));
}
/* the astral range lo..hi (both > 0xFFFF) as alternatives over surrogate pairs */
function astralRange(lo, hi) {
    var l = lo - 0x10000, h = hi - 0x10000;
    var lh = 0xd800 + (l >> 10), ll = 0xdc00 + (l & 0x3ff), hh = 0xd800 + (h >> 10), hl = 0xdc00 + (h & 0x3ff);
    if (lh === hh) return [hex4(lh) + '[' + hex4(ll) + '-' + hex4(hl) + ']'];
    var out = [hex4(lh) + '[' + hex4(ll) + '-\\udfff]'];
    if (hh - lh > 1) out.push('[' + hex4(lh + 1) + '-' + hex4(hh - 1) + '][\\udc00-\\udfff]');
    out.push(hex4(hh) + '[\\udc00-' + hex4(hl) + ']');
    return out;
}

/* the flags of the pattern being lowered (rxLower is not re-entered with
 * others), for rxError: V8's messages name them */
var rxFlagsNow = '';
function rxError(msg, src) { return new SyntaxError('Invalid regular expression: /' + src + '/' + rxFlagsNow + ': ' + msg); }

/* A group's name as written (\uXXXX and \u{X} escapes allowed, in any
 * mode) -> the name; one past U+FFFF as its two surrogates, as a script's
 * own text gives it. */
function rxGroupName(raw) {
    if (raw.indexOf('\\') < 0) return raw;
    return raw.replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})/g, function (all, wide, four) {
        var cp = parseInt(wide || four, 16);
        if (cp > 0x10ffff) return all;
        if (cp < 0x10000) return String.fromCharCode(cp);
        cp -= 0x10000;
        return String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023));
    });
}

/* Whether a group's name (rxGroupName's) is an identifier: past ASCII, by
 * the Unicode properties (made once, when a name first needs them: the
 * RegExp is this file's own u-mode lowering, with no named group in it). */
var rxIdName = null;
function rxIsName(n) {
    if (/^[A-Za-z_$][\w$]*$/.test(n)) return true;
    if (!/^[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*$/.test(n)) return false;
    if (rxIdName === null) rxIdName = new RegExp('^[\\p{ID_Start}$_][\\p{ID_Continue}$\\u200c\\u200d]*$', 'u');
    return rxIdName.test(n);
}

/* The names of the capturing groups, by number (null where unnamed). */
function rxNames(src) {
    var names = [null], named = false, i, c, inClass = false, m;
    for (i = 0; i < src.length; i++) {
        c = src.charAt(i);
        if (c === '\\') { i++; continue; }
        if (inClass) { if (c === ']') inClass = false; continue; }
        if (c === '[') { inClass = true; continue; }
        if (c !== '(') continue;
        if (src.charAt(i + 1) !== '?') { names.push(null); continue; }
        m = /^\(\?<([^=!>][^>]*)>/.exec(src.slice(i, i + 200));
        if (m) { names.push(rxGroupName(m[1])); named = true; }
    }
    return named ? names : null;
}

/* The properties of strings (v mode only: sets of emoji sequences). */
var STRING_PROPS = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence', 'RGI_Emoji_Flag_Sequence',
                    'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji'];

/* \p{…} or \P{…} at i: { r: the code point ranges [lo, hi, lo, hi, …],
 * end }.  The property's code points come from ICU (as ranges of the
 * UnicodeSet it makes of the name), not from tables of our own.  A
 * property of strings is not one of code points: rxVProperty takes those
 * in v mode, and u mode has none. */
function rxPropertyRanges(src, i, inClass) {
    var m = /^\\([pP])\{([A-Za-z0-9_]+(?:=[A-Za-z0-9_]+)?)\}/.exec(src.slice(i, i + 80)), r;
    var bad = inClass ? 'Invalid property name in character class' : 'Invalid property name';
    if (!m || !sys.icuSet || STRING_PROPS.indexOf(m[2]) >= 0) throw rxError(bad, src);
    try { r = sys.icuSet('[\\' + m[1] + '{' + m[2] + '}]'); } catch (e) { throw rxError(bad, src); }
    return { r: r, end: i + m[0].length };
}

/* Code point ranges as pattern text: { bmp: class text, astral:
 * [alternatives] }; surrogates are left out, a pair is one character in
 * u mode. */
function rangesText(r) {
    var bmp = '', byHigh = {}, highs = [], k, lo, hi, c;
    for (k = 0; k < r.length; k += 2) {
        lo = r[k]; hi = r[k + 1];
        if (lo < 0xd800) { bmp += hex4(lo) + (hi > lo ? '-' + hex4(Math.min(hi, 0xd7ff)) : ''); }
        if (hi > 0xdfff && lo < 0x10000) { var l2 = Math.max(lo, 0xe000); bmp += hex4(l2) + (Math.min(hi, 0xffff) > l2 ? '-' + hex4(Math.min(hi, 0xffff)) : ''); }
        /* astral: low-surrogate ranges grouped by their high surrogate */
        for (c = Math.max(lo, 0x10000); c <= hi; ) {
            var h = 0xd800 + ((c - 0x10000) >> 10), top = 0x10000 + ((h - 0xd800 + 1) << 10) - 1, e = Math.min(hi, top);
            if (!byHigh[h]) { byHigh[h] = []; highs.push(h); }
            byHigh[h].push(hex4(0xdc00 + ((c - 0x10000) & 0x3ff)) + '-' + hex4(0xdc00 + ((e - 0x10000) & 0x3ff)));
            c = e + 1;
        }
    }
    /* runs of high surrogates whose every low one belongs become one class */
    var astral = [], full = '\\udc00-\\udfff', run = -1;
    for (k = 0; k <= highs.length; k++) {
        var hs = highs[k], isFull = k < highs.length && byHigh[hs].length === 1 && byHigh[hs][0] === full;
        if (isFull && run >= 0 && highs[k - 1] === hs - 1 && byHigh[highs[k - 1]][0] === full) continue;
        if (run >= 0) { astral.push('[' + hex4(highs[run]) + '-' + hex4(highs[k - 1]) + '][' + full + ']'); run = -1; }
        if (k === highs.length) break;
        if (isFull) run = k;
        else astral.push(hex4(hs) + '[' + byHigh[hs].join('') + ']');
    }
    return { bmp: bmp, astral: astral };
}

/* \p{…} or \P{…} at i (u mode): { cp: -2, bmp: class text, astral:
 * [alternatives], end } */
function rxProperty(src, i, inClass) {
    var p = rxPropertyRanges(src, i, inClass), t = rangesText(p.r);
    return { cp: -2, bmp: t.bmp, astral: t.astral, end: p.end };
}

/* One code point of a u-mode pattern at i: { cp, end } (an escape such as
 * \d returns cp -1 and its text).  inClass: inside a class, where u mode
 * allows \- and no backreference.  u mode refuses the escapes that
 * Annex B lets through elsewhere (\a, \q, \u12): a SyntaxError with V8's
 * message. */
function rxAtom(src, i, u, inClass) {
    var c = src.charCodeAt(i), m;
    if (c !== 0x5c) {
        if (u && c >= 0xd800 && c <= 0xdbff && i + 1 < src.length) {
            var d = src.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff) return { cp: (c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000, end: i + 2 };
        }
        return { cp: c, end: i + 1 };
    }
    var rest = src.slice(i, i + 16);
    if (u && (m = /^\\u\{([0-9a-fA-F]+)\}/.exec(rest))) {
        if (parseInt(m[1], 16) > 0x10ffff) throw rxError('Invalid Unicode escape', src);
        return { cp: parseInt(m[1], 16), end: i + m[0].length };
    }
    if (u && (m = /^\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(rest)))
        return { cp: (parseInt(m[1], 16) - 0xd800) * 0x400 + parseInt(m[2], 16) - 0xdc00 + 0x10000, end: i + 12 };
    if (u && /^\\[pP]/.test(rest)) return rxProperty(src, i, inClass);
    /* in u mode an escape that names one character is that character, so
     * that it can end a class range ([\x20-\x7E]: js-yaml) */
    if (u && (m = /^\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/.exec(rest)))
        return { cp: parseInt(m[1] || m[2], 16), end: i + m[0].length };
    if (u && (m = /^\\c([A-Za-z])/.exec(rest))) return { cp: m[1].charCodeAt(0) % 32, end: i + 3 };
    if (u && (m = /^\\([tnvfr0])/.exec(rest)) && !(m[1] === '0' && /[0-9]/.test(rest.charAt(2))))
        return { cp: { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 }[m[1]], end: i + 2 };
    if (u && /^\\[\^$\\.*+?()[\]{}|\/]/.test(rest)) return { cp: rest.charCodeAt(1), end: i + 2 };
    if (u && rest.charAt(1) === '-' && inClass) return { cp: 0x2d, end: i + 2 };
    if (u && !/^\\[dDsSwW]/.test(rest) && !(inClass ? /^\\b/ : /^\\[bB1-9]/).test(rest)) {
        var e = rest.charAt(1);
        throw rxError(e === 'u' || e === 'c' ? 'Invalid Unicode escape' : e === '0' ? 'Invalid decimal escape' :
                      e === 'k' ? 'Invalid named reference' : /[1-9]/.test(e) ? 'Invalid class escape' :
                      e === '' ? '\\ at end of pattern' : 'Invalid escape', src);
    }
    if ((m = /^\\u[0-9a-fA-F]{4}|^\\x[0-9a-fA-F]{2}|^\\c[A-Za-z]/.exec(rest))) return { cp: -1, text: m[0], end: i + m[0].length };
    return { cp: -1, text: src.substr(i, 2), end: i + 2 };
}

/* [ … ] at i in u mode: the BMP part stays a class, astral members become
 * alternatives, and a negated class (or one with \D, \S, \W) takes a
 * surrogate pair as one character. */
function rxClass(src, i, ignoreCase, bmpOnly) {
    var neg = src.charAt(i + 1) === '^', j = i + (neg ? 2 : 1), bmp = '', astral = [], wide = false, a, b;
    while (j < src.length && src.charAt(j) !== ']') {
        a = rxAtom(src, j, true, true);
        j = a.end;
        /* a class escape cannot begin or end a range */
        if (a.cp < 0 && src.charAt(j) === '-' && j + 1 < src.length && src.charAt(j + 1) !== ']')
            throw rxError('Invalid character class', src);
        if (a.cp === -2) {
            bmp += a.bmp;
            astral = astral.concat(a.astral);
            continue;
        }
        if (a.cp < 0) {
            if (/^\\[DSW]$/.test(a.text)) wide = true;
            bmp += a.text;
            continue;
        }
        if (src.charAt(j) === '-' && j + 1 < src.length && src.charAt(j + 1) !== ']') {
            b = rxAtom(src, j + 1, true, true);
            if (b.cp < 0) throw rxError('Invalid character class', src);
            if (b.cp < a.cp) throw rxError('Range out of order in character class', src);
            j = b.end;
            if (b.cp < 0x10000) bmp += hex4(a.cp) + '-' + hex4(b.cp);
            else {
                if (a.cp < 0x10000) { bmp += hex4(a.cp) + '-\\uffff'; a.cp = 0x10000; }
                astral = astral.concat(astralRange(a.cp, b.cp));
            }
            continue;
        }
        if (a.cp < 0x10000) bmp += hex4(a.cp);
        else astral.push(cpText(a.cp));
    }
    if (j >= src.length) throw rxError('Unterminated character class', src);
    var end = j + 1;
    /* for input without surrogates: the class as Duktape knows it */
    if (bmpOnly) return { text: '[' + (neg ? '^' : '') + bmp + ']', end: end };
    if (!neg && !astral.length) return { text: wide ? '(?:' + PAIR + '|[' + bmp + '])' : '[' + bmp + ']', end: end };
    if (!neg) return { text: '(?:' + (bmp ? '[' + bmp + ']|' : '') + astral.join('|') + (wide ? '|' + PAIR : '') + ')', end: end };
    void ignoreCase;
    /* surrogates are not in the BMP part: a match may not begin with the
     * second half of a pair */
    return { text: '(?:' + (astral.length ? '(?!' + astral.join('|') + ')' : '') + '(?:' + PAIR + '|[^' + bmp + '\\ud800-\\udfff]))', end: end };
}

/* --- the v flag: classes as sets of code points and strings --- */

/* In v mode (unicodeSets) a class is a set expression: a union of
 * characters, ranges, nested classes, \q{abc|d} strings and properties
 * (of code points, or of strings: \p{RGI_Emoji}), or an intersection
 * [A&&B] or a subtraction [A--B] of such operands.  It is evaluated here
 * into a set { r, s, may }: r the code points as sorted, disjoint ranges
 * [lo, hi, lo, hi, …], s a dictionary of the strings that are not one code
 * point ('$' + string, '' among them), may whether the specification's
 * MayContainStrings holds (what a negated class may not).  The set is then
 * written as a pattern Duktape runs (vSetText). */
var V_SYNTAX = '()[]{}/-\\|', V_DOUBLE = '&!#$%*+,.:;<=>?@^`~', V_RESERVED = '&-!#%,:;<=>@`~';

/* sorted, merged ranges of any list of ranges */
function rNorm(r) {
    var pairs = [], out = [], k;
    for (k = 0; k < r.length; k += 2) pairs.push([r[k], r[k + 1]]);
    pairs.sort(function (a, b) { return a[0] - b[0]; });
    for (k = 0; k < pairs.length; k++) {
        var n = out.length;
        if (n && pairs[k][0] <= out[n - 1] + 1) out[n - 1] = Math.max(out[n - 1], pairs[k][1]);
        else out.push(pairs[k][0], pairs[k][1]);
    }
    return out;
}
function rComplement(r) {
    var out = [], next = 0, k;
    for (k = 0; k < r.length; k += 2) {
        if (r[k] > next) out.push(next, r[k] - 1);
        next = r[k + 1] + 1;
    }
    if (next <= 0x10ffff) out.push(next, 0x10ffff);
    return out;
}
function vSet(r, s, may) { return { r: r, s: s || Object.create(null), may: !!may }; }
function vUnion(a, b) {
    var s = Object.create(null), k;
    for (k in a.s) s[k] = true;
    for (k in b.s) s[k] = true;
    return vSet(rNorm(a.r.concat(b.r)), s, a.may || b.may);
}
function vIntersect(a, b) {
    var s = Object.create(null), k;
    for (k in a.s) if (b.s[k]) s[k] = true;
    return vSet(rComplement(rNorm(rComplement(a.r).concat(rComplement(b.r)))), s, a.may && b.may);
}
function vSubtract(a, b) {
    var s = Object.create(null), k;
    for (k in a.s) if (!b.s[k]) s[k] = true;
    return vSet(rComplement(rNorm(rComplement(a.r).concat(b.r))), s, a.may);
}

function cpString(c) {
    if (c < 0x10000) return String.fromCharCode(c);
    c -= 0x10000;
    return String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
}

/* \d \D \s \S \w \W as ranges */
var V_ESCAPES = { d: [0x30, 0x39], w: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
    s: [9, 13, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f,
        0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff] };

/* The properties of strings, from ICU, kept: a worker asks for the same
 * few (string-width's RGI_Emoji) again and again. */
var stringProps = Object.create(null);
function rxVProperty(src, i, inClass) {
    var m = /^\\([pP])\{([A-Za-z_]+)\}/.exec(src.slice(i, i + 40));
    if (!m || STRING_PROPS.indexOf(m[2]) < 0) {
        var p = rxPropertyRanges(src, i, inClass);
        return { set: vSet(p.r), end: p.end };
    }
    if (m[1] === 'P' || !sys.icuSet) throw rxError(inClass ? 'Invalid property name in character class' : 'Invalid property name', src);
    var set = stringProps[m[2]];
    if (!set) {
        var r = sys.icuSet('[\\p{' + m[2] + '}]', true), s = Object.create(null);
        for (var k = 0; k < r.strings.length; k++) s['$' + r.strings[k]] = true;
        set = stringProps[m[2]] = vSet(r.slice(), s, true);
    }
    return { set: set, end: i + m[0].length };
}

/* A ClassSetCharacter at i: { cp, end }, or null when what is there is
 * not one (an operand, or a character that must be escaped). */
function vChar(src, i) {
    var c = src.charAt(i), d;
    if (c === '') throw rxError('Unterminated character class', src);
    if (c === '\\') {
        d = src.charAt(i + 1);
        if (d === 'b') return { cp: 8, end: i + 2 };
        if (d !== '' && V_RESERVED.indexOf(d) >= 0) return { cp: d.charCodeAt(0), end: i + 2 };
        if (/[dDsSwWpPq]/.test(d)) return null;
        var a = rxAtom(src, i, true, true);
        if (a.cp < 0) throw rxError('Invalid escape', src);
        return a;
    }
    if (V_SYNTAX.indexOf(c) >= 0) return null;
    if (V_DOUBLE.indexOf(c) >= 0 && src.charAt(i + 1) === c) throw rxError('Invalid set operation in character class', src);
    return rxAtom(src, i, true);
}

/* A ClassSetOperand at i: { set, end, cp when it is one character } */
function vOperand(src, i) {
    var c = src.charAt(i), d = src.charAt(i + 1), ch;
    if (c === '[') return vClass(src, i);
    if (c === '\\' && d === 'q') {
        if (src.charAt(i + 2) !== '{') throw rxError('Invalid escape', src);
        var r = [], s = Object.create(null), str = '', n = 0, last = 0, may = false, j = i + 3;
        for (;;) {
            c = src.charAt(j);
            if (c === '}' || c === '|') {
                /* one code point is a character; '' and longer are strings */
                if (n === 1) r.push(last, last);
                else { s['$' + str] = true; may = true; }
                str = ''; n = 0; j++;
                if (c === '}') break;
                continue;
            }
            ch = vChar(src, j);
            if (!ch) throw rxError('Invalid character in character class', src);
            str += cpString(ch.cp); n++; last = ch.cp;
            j = ch.end;
        }
        return { set: vSet(rNorm(r), s, may), end: j };
    }
    if (c === '\\' && /[dDsSwW]/.test(d)) {
        var e = V_ESCAPES[d.toLowerCase()];
        return { set: vSet(d === d.toLowerCase() ? e.slice() : rComplement(e)), end: i + 2 };
    }
    if (c === '\\' && (d === 'p' || d === 'P')) return rxVProperty(src, i, true);
    ch = vChar(src, i);
    if (!ch) throw rxError('Invalid character in character class', src);
    return { set: vSet([ch.cp, ch.cp]), end: ch.end, cp: ch.cp };
}

/* an operand, or a range a-b: { set, end, range } */
function vOperandOrRange(src, i) {
    var a = vOperand(src, i);
    if (src.charAt(a.end) !== '-' || src.charAt(a.end + 1) === '-') return a;
    if (a.cp === undefined) throw rxError('Invalid character class', src);
    var b = vChar(src, a.end + 1);
    if (!b) throw rxError(/[\\[]/.test(src.charAt(a.end + 1)) ? 'Invalid character class' : 'Invalid character in character class', src);
    if (b.cp < a.cp) throw rxError('Range out of order in character class', src);
    /* [a-z-…]: a range cannot begin a range either */
    if (src.charAt(b.end) === '-' && src.charAt(b.end + 1) !== '-') throw rxError('Invalid character class', src);
    return { set: vSet([a.cp, b.cp]), end: b.end, range: true };
}

/* [ … ] at i in v mode: { set, end } */
function vClass(src, i) {
    var neg = src.charAt(i + 1) === '^', j = i + (neg ? 2 : 1), set = vSet([]), a, op;
    if (src.charAt(j) !== ']') {
        a = vOperandOrRange(src, j);
        j = a.end;
        set = a.set;
        op = src.substr(j, 2);
        if (op === '&&' || op === '--') {
            if (a.range) throw rxError('Invalid set operation in character class', src);
            while (src.substr(j, 2) === op) {
                j += 2;
                if (op === '&&' && src.charAt(j) === '&') throw rxError('Invalid character in character class', src);
                a = vOperand(src, j);
                j = a.end;
                set = op === '&&' ? vIntersect(set, a.set) : vSubtract(set, a.set);
            }
            if (src.charAt(j) === '') throw rxError('Unterminated character class', src);
            if (src.charAt(j) !== ']') throw rxError('Invalid set operation in character class', src);
        } else {
            while (src.charAt(j) !== ']') {
                op = src.substr(j, 2);
                if (op === '&&' || op === '--') throw rxError('Invalid set operation in character class', src);
                a = vOperandOrRange(src, j);
                j = a.end;
                set = vUnion(set, a.set);
            }
        }
    }
    if (neg) {
        if (set.may) throw rxError('Negated character class may contain strings', src);
        set = vSet(rComplement(set.r));
    }
    return { set: set, end: j + 1 };
}

/* The strings as one group that tries the longest first: a trie over
 * their UTF-16 units, each node's longer continuations before its end.
 * The strings a match can take at one place are prefixes of each other,
 * all on one path of the trie, so this is the specification's order
 * (longest first) in far fewer alternatives than one per string. */
function vTrie(strs) {
    var root = { kids: Object.create(null), keys: [], end: false }, k, i, n, c;
    for (k = 0; k < strs.length; k++) {
        n = root;
        for (i = 0; i < strs[k].length; i++) {
            c = strs[k].charAt(i);
            if (!n.kids[c]) { n.kids[c] = { kids: Object.create(null), keys: [], end: false }; n.keys.push(c); }
            n = n.kids[c];
        }
        n.end = true;
    }
    function emit(node) {
        var alts = [], leaves = '';
        node.keys.sort();
        for (var j = 0; j < node.keys.length; j++) {
            var kid = node.kids[node.keys[j]], t = hex4(node.keys[j].charCodeAt(0));
            if (kid.keys.length) alts.push(t + emit(kid));
            else leaves += t;
        }
        if (leaves) alts.push(leaves.length > 6 ? '[' + leaves + ']' : leaves);
        if (node.end) alts.push('');
        return alts.length === 1 ? alts[0] : '(?:' + alts.join('|') + ')';
    }
    /* a look at the first unit, so that input no string begins with is
     * refused by one class, not by trying each alternative in turn */
    var first = '';
    root.keys.sort();
    for (k = 0; k < root.keys.length; k++) first += hex4(root.keys[k].charCodeAt(0));
    return (root.keys.length > 4 ? '(?=[' + first + '])' : '') + emit(root);
}

/* A set as one atom of pattern text: its strings (longest first), then its
 * characters, then the empty string when it holds that.  bmpOnly: for
 * input without surrogates (rxLower's pb), where nothing astral can match. */
function vSetText(set, bmpOnly) {
    /* kept on the set: a property's set is shared (stringProps), and
     * writing \p{RGI_Emoji}'s 2,500 strings out costs some 50 ms */
    var memo = bmpOnly ? 'textB' : 'text';
    if (set[memo] === undefined) set[memo] = vSetTextOf(set, bmpOnly);
    return set[memo];
}
function vSetTextOf(set, bmpOnly) {
    var strs = [], alts = [], empty = false, k, t = rangesText(set.r), lone = '';
    for (k in set.s) {
        var str = k.slice(1);
        if (str === '') empty = true;
        else if (!bmpOnly || !/[\ud800-\udfff]/.test(str)) strs.push(str);
    }
    if (strs.length) alts.push(vTrie(strs));
    if (t.bmp) alts.push('[' + t.bmp + ']');
    if (!bmpOnly) {
        alts = alts.concat(t.astral);
        /* lone surrogates in the set: a high one only where no low one
         * follows (else it is half of a character) */
        for (k = 0; k < set.r.length; k += 2) {
            var lo = Math.max(set.r[k], 0xd800), hi = Math.min(set.r[k + 1], 0xdfff);
            if (lo > hi) continue;
            if (lo <= 0xdbff) lone += '[' + hex4(lo) + '-' + hex4(Math.min(hi, 0xdbff)) + '](?![\\udc00-\\udfff])|';
            if (hi >= 0xdc00) lone += '[' + hex4(Math.max(lo, 0xdc00)) + '-' + hex4(hi) + ']|';
        }
        if (lone) alts.push(lone.slice(0, -1));
    }
    if (empty) alts.push('');
    if (!alts.length) return '[]';
    /* a plain class is an atom as it is; anything else is grouped */
    return alts.length === 1 && alts[0] === '[' + t.bmp + ']' ? alts[0] : '(?:' + alts.join('|') + ')';
}

/* pattern + flags -> { p, f: what Duktape compiles, names, and the flags;
 * pb: in u mode, the pattern for input without surrogates }.
 * u mode makes every . and class a group that takes a surrogate pair as
 * one character, and Duktape's executor recurses once per repetition of a
 * group (and is slower on it); input without surrogates, nearly all input,
 * runs pb, where they stay single characters. */
function rxLower(src, flags, bmpOnly) {
    if (!/^[dgimsuvy]*$/.test(flags) || /(.).*\1/.test(flags) || /u.*v|v.*u/.test(flags))
        throw new SyntaxError('Invalid flags supplied to RegExp constructor \'' + flags + '\'');
    rxFlagsNow = flags;
    /* v mode is u mode with other classes: u below stands for both */
    var v = flags.indexOf('v') >= 0, u = v || flags.indexOf('u') >= 0, s = flags.indexOf('s') >= 0, y = flags.indexOf('y') >= 0;
    var names = rxNames(src), out = '', i = 0, c, m, a, wideU = u && !bmpOnly;
    var dot = s ? (wideU ? '(?:' + PAIR + '|[\\s\\S])' : '[\\s\\S]') : (wideU ? '(?:' + PAIR + '|.)' : '.');
    while (i < src.length) {
        c = src.charAt(i);
        if (c === '\\') {
            if (src.charAt(i + 1) === 'k' && names && (m = /^\\k<([^>]+)>/.exec(src.slice(i, i + 200)))) {
                var n = names.indexOf(m[1]);
                if (n < 0) throw rxError('Invalid named capture referenced', src);
                out += '(?:\\' + n + ')';
                i += m[0].length;
                continue;
            }
            if (v && /^\\[pPq]/.test(src.substr(i, 2))) {
                if (src.charAt(i + 1) === 'q') throw rxError('Invalid escape', src);
                a = rxVProperty(src, i, false);
                out += vSetText(a.set, bmpOnly);
                i = a.end;
                continue;
            }
            a = rxAtom(src, i, u);
            if (a.cp === -2) out += bmpOnly ? '[' + a.bmp + ']' : '(?:' + (a.bmp ? '[' + a.bmp + ']' : '[]') +
                (a.astral.length ? '|(?=[\\ud800-\\udbff])(?:' + a.astral.join('|') + ')' : '') + ')';
            else if (!u || a.cp < 0 && !/^\\[DSW]$/.test(a.text)) out += a.cp < 0 ? a.text : src.slice(i, a.end);
            else if (a.cp < 0) out += bmpOnly ? a.text : '(?:' + PAIR + '|' + a.text + ')';
            /* an astral character cannot match input without surrogates */
            else out += a.cp < 0x10000 ? src.slice(i, a.end).replace(/^\\u\{.*\}$/, hex4(a.cp)) : bmpOnly ? '[]' : '(?:' + cpText(a.cp) + ')';
            i = a.end;
        } else if (c === '[') {
            if (v) {
                a = vClass(src, i);
                out += vSetText(a.set, bmpOnly);
                i = a.end;
            } else if (u) {
                a = rxClass(src, i, flags.indexOf('i') >= 0, bmpOnly);
                out += a.text;
                i = a.end;
            } else {
                m = /^\[(?:\\[\s\S]|[^\]\\])*\]/.exec(src.slice(i));
                out += m[0];
                i += m[0].length;
            }
        } else if (c === '(' && src.charAt(i + 1) === '?' && src.charAt(i + 2) === '<') {
            /* a lookbehind is Duktape's own (src/duk-fixes.sed); a named group becomes a plain one */
            if (/[=!]/.test(src.charAt(i + 3))) {
                out += src.substr(i, 4);
                i += 4;
                continue;
            }
            /* (?<a) has no name's end: without the check the loop began again at 0 */
            var close = src.indexOf('>', i);
            if (close < 0 || !rxIsName(rxGroupName(src.slice(i + 3, close))))
                throw rxError('Invalid capture group name', src);
            out += '(';
            i = close + 1;
        } else if (u && (c === ']' || c === '{' || c === '}')) {
            /* Annex B reads a bracket that is no quantifier as a character;
             * u mode does not */
            m = /^\{\d+(?:,\d*)?\}/.exec(src.slice(i, i + 40));
            if (!m) throw rxError(c === '{' ? 'Incomplete quantifier' : 'Lone quantifier brackets', src);
            out += m[0];
            i += m[0].length;
        } else if (c === '.') {
            out += dot;
            i++;
        } else if (u && (a = rxAtom(src, i, true)).cp > 0xffff) {
            out += bmpOnly ? '[]' : '(?:' + src.slice(i, a.end) + ')';
            i = a.end;
        } else {
            out += c;
            i++;
        }
    }
    return { p: out, f: flags.replace(/[dsuvy]/g, '') + (y && flags.indexOf('g') < 0 ? 'g' : ''), names: names,
             pb: wideU ? rxLower(src, flags, true).p : undefined,
             source: src, flags: flags, global: flags.indexOf('g') >= 0, sticky: y, unicode: u, unicodeSets: v,
             dotAll: s, hasIndices: flags.indexOf('d') >= 0 };
}

var rxCache = {}, rxCached = 0;
/* a RegExp for pattern + flags, lowered when it has to be */
function rxMake(src, flags) {
    var key = flags + '/' + src, info = rxCache[key];
    if (!info) {
        info = rxLower(src, flags);
        try { new NativeRegExp(info.p, info.f); } catch (e) { rxFlagsNow = flags; throw rxError(e.message, src); }
        if (++rxCached > 500) { rxCache = {}; rxCached = 1; }
        /* shared by every request of the worker: nobody may change it */
        if (info.names) Object.freeze(info.names);
        rxCache[key] = Object.freeze(info);
    }
    var r = new NativeRegExp(info.p, info.f);
    Object.setPrototypeOf(r, RXP);
    defProp(r, RX, { value: info });
    return r;
}

function lastIndexOf(r) {
    var n = toInt(r.lastIndex);
    return n < 0 ? 0 : n;
}
/* the index after i, one code point on in u mode */
function advance(s, i, u) {
    if (u && i + 1 < s.length) {
        var c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) return i + 2;
    }
    return i + 1;
}

/* Whether s holds a surrogate, remembered for the last string asked
 * about: a global replace asks once per match. */
var SURROGATE = /[\ud800-\udfff]/, lastAsked = '', lastHas = false;
function hasSurrogate(s) {
    if (s !== lastAsked) { lastHas = SURROGATE.test(s); lastAsked = s; }
    return lastHas;
}
var RXB = Symbol('rxb');
/* the native RegExp that runs r on s: r itself, or in u mode and for s
 * without surrogates r's BMP twin (rxLower's pb) */
function runner(r, info, s) {
    if (info.pb === undefined || hasSurrogate(s)) return r;
    var b = r[RXB];
    if (!b) defProp(r, RXB, { value: (b = new NativeRegExp(info.pb, info.f)) });
    return b;
}

var RXP = Object.create(RegExp.prototype);
def(RXP, 'exec', function (s) {
    var info = this[RX], m;
    s = String(s);
    var re = runner(this, info, s);
    if (info.sticky) {
        var at = lastIndexOf(this);
        if (at > s.length) { this.lastIndex = 0; return null; }
        re.lastIndex = at;
        m = info.hasIndices ? sys.execIndices(re, s) : nativeExec.call(re, s);
        if (m && m.index !== at) m = null;
        if (re !== this) this.lastIndex = re.lastIndex;
        if (!m) { this.lastIndex = 0; return null; }
    } else {
        if (re !== this) re.lastIndex = this.lastIndex;
        m = info.hasIndices ? sys.execIndices(re, s) : nativeExec.call(re, s);
        if (re !== this) this.lastIndex = re.lastIndex;
        if (!m) return null;
    }
    var g;
    if (info.names) {
        g = Object.create(null);
        for (var i = 1; i < info.names.length; i++) if (info.names[i] !== null) g[info.names[i]] = m[i];
    }
    /* defined (CreateDataProperty), not assigned: a setter on
     * Array.prototype does not see them */
    createData(m, 'groups', g);
    if (info.hasIndices) {
        /* after groups, as the specification creates them; the pairs
         * named too, as the captures are */
        var ind = m.indices, ig;
        delete m.indices;
        if (info.names) {
            ig = Object.create(null);
            for (var k = 1; k < info.names.length; k++) if (info.names[k] !== null) createData(ig, info.names[k], ind[k]);
        }
        createData(ind, 'groups', ig);
        createData(m, 'indices', ind);
    }
    return m;
});
def(RXP, 'test', function (s) { return this.exec(s) !== null; });
def(RXP, 'toString', function () { return '/' + this.source + '/' + this.flags; });
/* an accessor named as the specification names it ("get flags") */
function getter(o, name, fn) {
    defProp(fn, 'name', { value: 'get ' + name, configurable: true });
    defProp(o, name, { get: sys.method(fn), configurable: true });
}
function rxGetter(name, fn) { getter(RXP, name, fn); }
rxGetter('source', function () { return this[RX].source; });
rxGetter('global', function () { return this[RX].global; });
/* The flags Duktape does not know, on RegExp.prototype for every regex:
 * a lowered one answers from its own info, a native one false (it cannot
 * have them), RegExp.prototype itself undefined, and any other this is a
 * TypeError, as the specification's RegExpHasFlag says.  Duktape's own
 * global getter tells a native regex apart (it throws for anything else). */
var nativeGlobal = Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get;
function flagGetter(name, fromInfo) {
    getter(RegExp.prototype, name, function () {
        'use strict';
        if (this === null || typeof this !== 'object' && typeof this !== 'function')
            throw new TypeError('RegExp.prototype.' + name + ' getter called on non-object ' + String(this));
        if (Object.prototype.hasOwnProperty.call(this, RX)) return fromInfo(this[RX]);
        if (this === RegExp.prototype) return undefined;
        nativeGlobal.call(this);
        return false;
    });
}
flagGetter('sticky', function (info) { return info.sticky; });
/* info.unicode is also true in v mode, where a pair is one character too */
flagGetter('unicode', function (info) { return info.unicode && !info.unicodeSets; });
flagGetter('unicodeSets', function (info) { return info.unicodeSets; });
flagGetter('dotAll', function (info) { return info.dotAll; });
flagGetter('hasIndices', function (info) { return info.hasIndices; });
/* flags reads each flag's getter, in the specification's order, of any
 * object (a bigint, an object here, is a primitive there) */
getter(RegExp.prototype, 'flags', function () {
    'use strict';
    if (this === null || typeof this !== 'object' && typeof this !== 'function' || typeof this[BIG] === 'string')
        throw new TypeError('RegExp.prototype.flags getter called on non-object ' + String(this));
    var out = '';
    if (this.hasIndices) out += 'd';
    if (this.global) out += 'g';
    if (this.ignoreCase) out += 'i';
    if (this.multiline) out += 'm';
    if (this.dotAll) out += 's';
    if (this.unicode) out += 'u';
    if (this.unicodeSets) out += 'v';
    if (this.sticky) out += 'y';
    return out;
});

/* every match of a lowered RegExp (one unless global), as String.prototype.replace walks them */
function rxAll(r, s) {
    var info = r[RX], out = [], m;
    if (!info.global) { m = r.exec(s); return m ? [m] : out; }
    r.lastIndex = 0;
    while ((m = r.exec(s)) !== null) {
        out.push(m);
        if (m[0] === '') r.lastIndex = advance(s, lastIndexOf(r), info.unicode);
    }
    return out;
}

/* $$, $&, $`, $', $n, $nn and $<name> in a replacement string */
function expand(tpl, m, s) {
    var ncap = m.length - 1;
    /* without named groups $< is no reference: what follows it is read on */
    return tpl.replace(m.groups === undefined ? /\$(\$|&|`|'|\d\d?)/g : /\$(\$|&|`|'|\d\d?|<([^>]*)>)/g, function (all, t, name) {
        if (t === '$') return '$';
        if (t === '&') return m[0];
        if (t === '`') return s.slice(0, m.index);
        if (t === "'") return s.slice(m.index + m[0].length);
        if (t.charAt(0) === '<') {
            var v = m.groups[name];
            return v === undefined ? '' : String(v);
        }
        var n = parseInt(t, 10);
        if (t.length === 2 && (n > ncap || n === 0)) {
            var one = parseInt(t.charAt(0), 10);
            if (one >= 1 && one <= ncap) return (m[one] === undefined ? '' : m[one]) + t.charAt(1);
            return all;
        }
        if (n < 1 || n > ncap) return all;
        return m[n] === undefined ? '' : m[n];
    });
}

/* Without y or u, Duktape's own replace runs the lowered pattern: $<name>
 * becomes $nn, and a function gets the groups object appended. */
function rxNativeReplace(r, s, repl, info) {
    var names = info.names;
    if (typeof repl === 'function') {
        if (!names) return nativeReplace.call(s, r, repl);
        var fn = repl;
        repl = function () {
            var args = slice.call(arguments), g = Object.create(null);
            for (var i = 1; i < names.length; i++) if (names[i] !== null) g[names[i]] = args[i];
            args.push(g);
            return fn.apply(undefined, args);
        };
    } else if (names && (repl = String(repl)).indexOf('$<') >= 0) {
        var key = names.join('>') + '\u0000' + repl, t = tplCache[key];
        if (t === undefined) {
            t = repl.replace(/\$(\$|<([^>]*)>)/g, function (all, d, name) {
                if (d === '$') return '$$';
                var n = names.indexOf(name);
                return n < 1 ? '' : n < 10 ? '$0' + n : '$' + n;
            });
            if (++tplCached > 500) { tplCache = {}; tplCached = 1; }
            tplCache[key] = t;
        }
        repl = t;
    }
    return nativeReplace.call(s, r, repl);
}

function rxReplace(r, s, repl) {
    var info = r[RX];
    if (!info.sticky && !info.unicode) return rxNativeReplace(r, s, repl, info);
    var ms = rxAll(r, s), out = '', pos = 0, fn = typeof repl === 'function';
    if (!fn) repl = String(repl);
    for (var i = 0; i < ms.length; i++) {
        var m = ms[i], rep;
        if (fn) {
            var args = slice.call(m);
            args.push(m.index, s);
            if (m.groups !== undefined) args.push(m.groups);
            rep = String(repl.apply(undefined, args));
        } else {
            rep = expand(repl, m, s);
        }
        if (m.index >= pos) {
            out += s.slice(pos, m.index) + rep;
            pos = m.index + m[0].length;
        }
    }
    return out + s.slice(pos);
}

function rxSplit(r, s, limit) {
    var info = r[RX], lim = limit === undefined ? 4294967295 : limit >>> 0, out = [];
    if (lim === 0) return out;
    var sp = new NativeRegExp(info.pb !== undefined && !hasSurrogate(s) ? info.pb : info.p, info.f.replace('g', '') + 'g');
    if (s.length === 0) return nativeExec.call(sp, s) ? out : [s];
    var p = 0, q = 0, m, e, i;
    while (q < s.length) {
        sp.lastIndex = q;
        m = nativeExec.call(sp, s);
        if (!m || m.index >= s.length) break;
        e = m.index + m[0].length;
        if (e === p || m[0] === '' && m.index === p) { q = advance(s, m.index, info.unicode); continue; }
        out.push(s.slice(p, m.index));
        if (out.length === lim) return out;
        for (i = 1; i < m.length; i++) {
            out.push(m[i]);
            if (out.length === lim) return out;
        }
        p = e;
        q = e === m.index ? advance(s, e, info.unicode) : e;
    }
    out.push(s.slice(p));
    return out;
}

var nativeReplace = SP.replace, nativeMatch = SP.match, nativeSplit = SP.split, nativeSearch = SP.search;
var tplCache = {}, tplCached = 0;
/* String.prototype[name]: an object argument's [Symbol[name]] does the
 * work (one property read more than before); RegExp.prototype's, the
 * regex one, runs here without a call through it.  A RegExp whose method
 * was taken away is searched for as its text. */
function strMethod(name, lowered, nativeFn) {
    var sym = Symbol[name];
    function viaRegExp(s, b) {
        'use strict';
        if (this === null || typeof this !== 'object' && typeof this !== 'function')
            throw new TypeError('RegExp.prototype[Symbol.' + name + '] called on non-object ' + String(this));
        if (this[RX] !== undefined) return lowered(toStr(s), this, b);
        return nativeFn.call(toStr(s), this, b);
    }
    defProp(viaRegExp, 'name', { value: '[Symbol.' + name + ']', configurable: true });
    defProp(RegExp.prototype, sym, { value: sys.method(viaRegExp), writable: true, configurable: true });
    /* strict: this goes to the argument's method as it is (a string, not
     * a String object), and a null or undefined one is refused */
    var one = name === 'match' || name === 'search';
    var method = function (re, b) {
        'use strict';
        coercible(this, 'String.prototype.' + name);
        if (typeof re === 'object' && re !== null) {
            var f = re[sym];
            if (f === viaRegExp) {
                if (re[RX] !== undefined) return lowered(String(this), re, b);
            } else if (f !== undefined && f !== null) {
                return one ? f.call(re, this) : f.call(re, this, b);
            } else if (re instanceof NativeRegExp) {
                re = String(re);
            }
        }
        return nativeFn.call(this, re, b);
    };
    defProp(method, 'name', { value: name, configurable: true });
    if (one) defProp(method, 'length', { value: 1, configurable: true });
    defProp(SP, name, { value: sys.method(method), writable: true, configurable: true });
}
/* A replacer function may use the same global RegExp again
 * (highlight.js, markdown-it); Duktape's replace walks matches on the
 * RegExp's own lastIndex, which the inner use resets, and loops for ever
 * ("buffer too long").  V8 finds every match before calling the replacer;
 * here Duktape walks a copy of the RegExp instead, and the RegExp's
 * lastIndex ends at 0 as V8 leaves it. */
strMethod('replace', function (s, re, repl) { return rxReplace(re, s, repl); }, function (re, repl) {
    if (typeof repl === 'function' && re instanceof NativeRegExp && re.global) {
        var r = nativeReplace.call(this, new NativeRegExp(re), repl);
        re.lastIndex = 0;
        return r;
    }
    return nativeReplace.call(this, re, repl);
});
strMethod('match', function (s, re) {
    var info = re[RX];
    if (!info.global) return re.exec(s);
    if (!info.sticky && !info.unicode) return nativeMatch.call(s, re);
    var ms = rxAll(re, s);
    return ms.length ? ms.map(function (m) { return m[0]; }) : null;
}, nativeMatch);
strMethod('split', function (s, re, limit) {
    var info = re[RX];
    /* Duktape's split recompiles its argument from .source: give it the lowered pattern */
    return info.unicode ? rxSplit(re, s, limit) : nativeSplit.call(s, new NativeRegExp(info.p, info.f.replace('g', '')), limit);
}, nativeSplit);
strMethod('search', function (s, re) {
    var saved = re.lastIndex;
    re.lastIndex = 0;
    var m = re.exec(s);
    re.lastIndex = saved;
    return m ? m.index : -1;
}, nativeSearch);

/* Duktape escapes every / of a pattern in source, also inside a class,
 * where V8 keeps what was written: new RegExp('[^/]').source is [^/] in
 * node (picomatch compares it) and new RegExp('[^\\/]') [^\/]
 * (path-to-regexp).  A RegExp made from a string keeps V8's form of it
 * (EscapeRegExpPattern: a / outside a class escaped, nothing else touched);
 * a literal's source stays Duktape's, the text it was written in being
 * gone. */
var SOURCE = sys.hidden('source');
var nativeSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source'), nativeSourceGet = null;
function v8Source(src) {
    var out = '', inClass = false, c;
    for (var i = 0; i < src.length; i++) {
        c = src.charAt(i);
        if (c === '\\') { out += c + src.charAt(i + 1); i++; continue; }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) { out += '\\/'; continue; }
        else if (c === '\n') { out += '\\n'; continue; }
        else if (c === '\r') { out += '\\r'; continue; }
        else if (c === '\u2028') { out += '\\u2028'; continue; }
        else if (c === '\u2029') { out += '\\u2029'; continue; }
        out += c;
    }
    return out;
}
if (nativeSource && nativeSource.get) {
    nativeSourceGet = nativeSource.get;
    defProp(RegExp.prototype, 'source', { get: function () {
        var own = this !== null && typeof this === 'object' ? this[SOURCE] : undefined;
        return own !== undefined ? own : nativeSourceGet.call(this);
    }, configurable: true });
}
/* a native RegExp of src (a string) whose source reads as V8's, with
 * Annex B's legacy syntax when Duktape refuses src */
function nativeFromString(src, f) {
    var r, v;
    try {
        r = new NativeRegExp(src, f);
    } catch (err) {
        var b = annexB(src);
        if (b === src) throw err;
        r = new NativeRegExp(b, f);
        defProp(r, SOURCE, { value: v8Source(src) });
        return r;
    }
    if (nativeSourceGet && /[\/\n\r\u2028\u2029]/.test(src) && (v = v8Source(src)) !== nativeSourceGet.call(r))
        defProp(r, SOURCE, { value: v });
    return r;
}

/* new RegExp(p, flags) and RegExp(p, flags): the lowering too, when needed */
var RegExpW = function RegExp(pattern, flags) {
    var isRe = pattern instanceof NativeRegExp;
    if (!(this instanceof RegExpW) && isRe && flags === undefined) return pattern;
    var src = isRe ? pattern.source : pattern === undefined ? '' : String(pattern);
    var f = flags === undefined ? (isRe ? pattern.flags : '') : String(flags);
    var r = /[suvyd]/.test(f) || /\(\?<[^=!]/.test(src) ? rxMake(src, f) :
        isRe && flags === undefined ? new NativeRegExp(pattern) :
        isRe ? new NativeRegExp(src, f) : nativeFromString(src, f);
    /* super() of a class extending RegExp: a native one is the subclass's
     * instance (one made by rxMake keeps RXP's methods: not yet) */
    var proto = this instanceof RegExpW ? Object.getPrototypeOf(this) : NativeRegExp.prototype;
    if (proto !== NativeRegExp.prototype && Object.getPrototypeOf(r) === NativeRegExp.prototype)
        Object.setPrototypeOf(r, proto);
    return r;
};
RegExpW.prototype = RegExp.prototype;
defProp(RegExp.prototype, 'constructor', { value: RegExpW, writable: true, configurable: true });
defProp(G, 'RegExp', { value: RegExpW, writable: true, configurable: true });
G.__invoke.re = rxMake;
rt.exposed = (rt.exposed || []).concat([RXP]);

/* Annex B's web-legacy pattern syntax, which V8 accepts outside u mode and
 * Duktape refuses, rewritten into what Duktape runs: \N past the number of
 * groups is an octal escape (\1 is U+0001; \8 and \9 are the digits), \c
 * without a letter is a backslash and a c, and a quantified lookahead
 * ((?=x)? in ua-parser-js) is wrapped in a group.  Used by the front end
 * for literals (rt.annexB) and by new RegExp when Duktape refuses a pattern.
 * Returns the pattern unchanged when none of that is in it. */
function octalEscape(src, i, max) {
    var j = i, v = 0;
    while (j < src.length && j - i < 3 && /[0-7]/.test(src.charAt(j)) && v * 8 + +src.charAt(j) <= max) { v = v * 8 + +src.charAt(j); j++; }
    return { text: '\\x' + ('0' + v.toString(16)).slice(-2), end: j };
}
function annexB(src) {
    if (!/\\[0-9c]|\(\?[=!]/.test(src)) return src;
    var groups = 0, i, c, inClass = false;
    for (i = 0; i < src.length; i++) {
        c = src.charAt(i);
        if (c === '\\') { i++; continue; }
        if (inClass) { if (c === ']') inClass = false; continue; }
        if (c === '[') inClass = true;
        else if (c === '(' && (src.charAt(i + 1) !== '?' || (src.charAt(i + 2) === '<' && !/[=!]/.test(src.charAt(i + 3))))) groups++;
    }
    var out = '', stack = [], m, e;
    inClass = false;
    for (i = 0; i < src.length; i++) {
        c = src.charAt(i);
        if (c === '\\') {
            var d = src.charAt(i + 1);
            if (d === 'c' && !/[A-Za-z]/.test(src.charAt(i + 2))) { out += '\\\\c'; i++; continue; }
            if (/[0-9]/.test(d)) {
                m = /^\d+/.exec(src.slice(i + 1));
                if (d === '0') {
                    if (/[0-9]/.test(src.charAt(i + 2))) { e = octalEscape(src, i + 1, 255); out += e.text; i = e.end - 1; }
                    else { out += '\\0'; i++; }
                    continue;
                }
                if (!inClass && +m[0] <= groups) { out += '\\' + m[0]; i += m[0].length; continue; }
                if (d === '8' || d === '9') { out += d; i++; continue; }
                e = octalEscape(src, i + 1, 255);
                out += e.text;
                i = e.end - 1;
                continue;
            }
            out += c + d;
            i++;
            continue;
        }
        if (inClass) { if (c === ']') inClass = false; out += c; continue; }
        if (c === '[') { inClass = true; out += c; continue; }
        if (c === '(') { stack.push({ at: out.length, look: /^\(\?[=!]/.test(src.slice(i, i + 3)) }); out += c; continue; }
        if (c === ')') {
            var g = stack.pop();
            out += c;
            if (g && g.look && /^(?:[?*+]|\{\d+(?:,\d*)?\})/.test(src.slice(i + 1)))
                out = out.slice(0, g.at) + '(?:' + out.slice(g.at) + ')';
            continue;
        }
        out += c;
    }
    return out;
}
rt.annexB = annexB;

/* --- Date: the formats V8 reads besides ISO 8601 ---
 * Duktape's Date.parse and new Date(string) read ISO 8601 only; V8 also
 * reads what HTTP, e-mail and toString()/toLocaleString() print:
 * "Sat, 01 Jan 2000 00:00:00 GMT", "Sat Jan 01 2000 00:00:00 GMT+0100
 * (CET)", "2/29/2024, 8:45:30 AM", "Jan 2, 2024", "2024-01-02 10:00".
 * Without a zone the time is local, as in V8. */
var NativeDate = Date, nativeParse = Date.parse, dateValue = Date.prototype.valueOf;
var MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
var ZONES = { est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
              gmt: 0, utc: 0, ut: 0, z: 0 };
function legacyParse(str) {
    var s = ' ' + String(str).replace(/\([^)]*\)/g, ' ') + ' ', m, h = 0, mi = 0, sec = 0, ms = 0, off, i;
    /* the time, then the zone (an offset after it, or GMT+hhmm), then words and numbers */
    m = /[\sT,](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(?:([ap])\.?m\.?(?=[\s,]))?/i.exec(s);
    if (m) {
        h = +m[1]; mi = +m[2]; sec = m[3] ? +m[3] : 0; ms = m[4] ? Math.floor(+('0.' + m[4]) * 1000) : 0;
        if (m[5]) {
            if (h < 1 || h > 12) return NaN;
            h = h % 12 + (m[5].toLowerCase() === 'p' ? 12 : 0);
        }
        s = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
    }
    m = /\s(?:(gmt|utc|ut|z)\s*)?([+-])(\d{2}):?(\d{2})(?=\s)|\s(gmt|utc|ut|z|[ecmp][sd]t)(?=\s)/i.exec(s);
    if (m) {
        off = m[2] ? (m[2] === '-' ? -1 : 1) * (+m[3] * 60 + +m[4]) : ZONES[m[5].toLowerCase()];
        s = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
    }
    var words = s.match(/[A-Za-z]+/g) || [], nums = s.match(/\d+/g) || [], month = -1, day, year;
    for (i = 0; i < words.length; i++) {
        var w = words[i].toLowerCase(), k = MONTHS.indexOf(w.slice(0, 3));
        if (k >= 0 && w.length >= 3 && ('january february march april may june july august september october november december'
            .indexOf(w) >= 0 || w === 'sept')) { if (month >= 0) return NaN; month = k; continue; }
        if (/^(mon|tue|wed|thu|fri|sat|sun)/.test(w)) continue;
        return NaN;
    }
    if (/[^\s\d,./-]/.test(s.replace(/[A-Za-z]+/g, ''))) return NaN;
    if (month >= 0) {
        if (nums.length !== 2) return NaN;
        if (nums[0].length >= 3 || +nums[0] > 31) { year = nums[0]; day = nums[1]; }
        else { day = nums[0]; year = nums[1]; }
    } else {
        if (nums.length !== 3) return NaN;
        if (nums[0].length >= 3 || +nums[0] > 31) { year = nums[0]; month = +nums[1] - 1; day = nums[2]; }
        else { month = +nums[0] - 1; day = nums[1]; year = nums[2]; }
    }
    var y = +year;
    if (year.length <= 2) y += y < 50 ? 2000 : 1900;
    day = +day;
    if (month < 0 || month > 11 || day < 1 || day > 31 || h > 24 || mi > 59 || sec > 59) return NaN;
    if (off !== undefined) return NativeDate.UTC(y, month, day, h, mi, sec, ms) - off * 60000;
    return new NativeDate(y, month, day, h, mi, sec, ms).getTime();
}
/* ECMAScript's own format goes to Duktape; anything else, which Duktape
 * may read differently ("2024-01-02 10:00" as UTC, V8 as local time), here */
var ISO_DATE = /^[+-]?\d{4,6}(?:-\d\d(?:-\d\d)?)?(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?$/;
function parseDate(str) {
    return ISO_DATE.test(str) ? nativeParse(str) : legacyParse(str);
}
/* ToPrimitive of an object: its Symbol.toPrimitive, else valueOf and
 * toString in the hint's order, each only when callable */
function isPrim(r) { return r === null || typeof r !== 'object' && typeof r !== 'function'; }
function toPrimitive(v, hint) {
    var f = v[Symbol.toPrimitive], r, i, order;
    if (f !== undefined && f !== null) {
        if (typeof f !== 'function') throw new TypeError('Symbol.toPrimitive is not a function');
        if (isPrim(r = f.call(v, hint))) return r;
    } else {
        order = hint === 'string' ? ['toString', 'valueOf'] : ['valueOf', 'toString'];
        for (i = 0; i < 2; i++)
            if (typeof (f = v[order[i]]) === 'function' && isPrim(r = f.call(v))) return r;
    }
    throw new TypeError('Cannot convert object to primitive value');
}
var DateW = function Date(year, month, date, hours, minutes, seconds, ms) {
    if (!(this instanceof DateW)) return NativeDate();
    void month; void date; void hours; void minutes; void seconds; void ms;
    var n = arguments.length, d, v = year;
    if (n === 1) {
        /* a Date gives its time (ES2015; ES5's ToPrimitive would read the
         * string toString prints), another object its primitive */
        if (v !== null && typeof v === 'object') {
            if (objToString.call(v) === '[object Date]') v = dateValue.call(v);
            else v = toPrimitive(v, 'default');
        }
        d = new NativeDate(typeof v === 'string' ? parseDate(v) : v);
    } else if (n === 0) d = new NativeDate();
    else d = new (Function.prototype.bind.apply(NativeDate, [null].concat(slice.call(arguments))))();
    /* a subclass's constructor calls this on its own instance */
    if (Object.getPrototypeOf(this) !== DateW.prototype) Object.setPrototypeOf(d, Object.getPrototypeOf(this));
    return d;
};
defProp(DateW, 'length', { value: 7 });
DateW.prototype = NativeDate.prototype;
defProp(NativeDate.prototype, 'constructor', { value: DateW, writable: true, configurable: true });
defProp(DateW, 'parse', { value: function parse(s) { return parseDate(String(s)); }, writable: true, configurable: true });
defProp(DateW, 'UTC', { value: NativeDate.UTC, writable: true, configurable: true });
defProp(DateW, 'now', { value: NativeDate.now, writable: true, configurable: true });
defProp(G, 'Date', { value: DateW, writable: true, configurable: true });

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

/* --- Error, Proxy ---
 * V8's Error.captureStackTrace and Error.stackTraceLimit, which libraries
 * use to shape their own errors (http-errors, react).  Setting
 * stackTraceLimit also sets how many frames Duktape records; it is kept on
 * the request's own global (a function made now sees it as its global), not
 * on the frozen Error all requests share. */
var LIMIT = sys.hidden('stackTraceLimit'), PREPARE = sys.hidden('prepareStackTrace');
/* a per-request setting of Error's, kept on the request's own global */
function requestSetting(name, key, dflt, onSet) {
    defProp(Error, name, {
        get: function () { var v = sys.global()[key]; return v === undefined ? dflt : v; },
        set: function (v) { defProp(sys.global(), key, { value: v, writable: true, configurable: true }); if (onSet) onSet(v); },
        enumerable: name === 'stackTraceLimit', configurable: true
    });
}
/* more than 10 frames: errors made from now on record what the limit
 * asks for (js_sys.c; the front end's heap has no such setting) */
requestSetting('stackTraceLimit', LIMIT, 10, typeof sys.tracebackDepth === 'function' ? function (v) {
    sys.tracebackDepth(typeof v === 'number' ? v : 0);
    /* errors.js keeps the limit on each error made from now on */
    rt.traceLimitSet = true;
} : null);
/* a new request starts with V8's 10 (its own global has no setting):
 * Duktape records 10 frames again, and errors.js no longer keeps a limit
 * on each error (dispatch.js, between requests) */
rt.resetTraceLimit = function () {
    if (!rt.traceLimitSet) return;
    rt.traceLimitSet = false;
    if (typeof sys.tracebackDepth === 'function') sys.tracebackDepth(10);
};
/* V8's structured stack trace API (depd, which express and body-parser
 * use, asks where it was called from): Error.prepareStackTrace(error,
 * callSites) makes what captureStackTrace puts in .stack.  The call sites
 * come from Duktape's activations (Duktape.act); Duktape knows no columns. */
requestSetting('prepareStackTrace', PREPARE, undefined);
function CallSite(fn, line) {
    this.fn = fn;
    this.line = line;
}
[['getThis', function () { return undefined; }], ['getTypeName', function () { return null; }],
 ['getFunction', function () { return undefined; }],
 ['getFunctionName', function () { return this.fn && this.fn.name ? this.fn.name : null; }],
 ['getMethodName', function () { return null; }],
 ['getFileName', function () { return this.fn && this.fn.fileName !== undefined ? this.fn.fileName : undefined; }],
 ['getLineNumber', function () { return this.line; }], ['getColumnNumber', function () { return 1; }],
 ['getEvalOrigin', function () { return undefined; }], ['getScriptNameOrSourceURL', function () { return this.getFileName(); }],
 ['isToplevel', function () { return !(this.fn && this.fn.name); }], ['isEval', function () { return false; }],
 ['isNative', function () { return false; }], ['isConstructor', function () { return false; }],
 ['isAsync', function () { return false; }], ['isPromiseAll', function () { return false; }],
 ['getPromiseIndex', function () { return null; }],
 ['toString', function () {
     var name = this.getFunctionName(), where = (this.getFileName() || '<anonymous>') + ':' + this.line + ':1';
     return name ? name + ' (' + where + ')' : where;
 }]].forEach(function (m) { defProp(CallSite.prototype, m[0], { value: m[1], writable: true, configurable: true }); });
function callSites(skipTo) {
    var out = [], limit = Error.stackTraceLimit, seen = skipTo === undefined, a;
    /* -1 is Duktape.act, -2 this function, -3 captureStackTrace */
    for (var level = -4; out.length < limit && (a = Duktape.act(level)); level--) {
        if (!seen) { seen = a['function'] === skipTo; continue; }
        out.push(new CallSite(a['function'], a.lineNumber));
    }
    return out;
}
defProp(Error, 'captureStackTrace', { value: function captureStackTrace(o, constructorOpt) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function')) throw new TypeError('Invalid argument');
    var prepare = Error.prepareStackTrace, stack;
    if (typeof prepare === 'function') {
        stack = prepare(o, callSites(typeof constructorOpt === 'function' ? constructorOpt : undefined));
    } else {
        /* errors.js: V8's text, from the caller's frames (after
         * constructorOpt's, when given) */
        stack = rt.stackOf ? rt.stackOf(o, typeof constructorOpt === 'function' ? constructorOpt : undefined) : String(o);
    }
    defProp(o, 'stack', { value: stack, writable: true, configurable: true });
}, writable: true, configurable: true });

/* Reflect.construct with a newTarget (argparse's callable classes):
 * Duktape's throws "unsupported"; __invoke.superCall already makes an
 * instance of newTarget from a lowered class, a native constructor or a
 * plain function, with new.target set. */
var nativeConstruct = Reflect.construct;
/* A proxy is a constructor only when its target is, and its construct
 * trap runs nothing of the target: the only test of [[Construct]] that
 * Duktape's JavaScript has (the test262 harness's isConstructor asks
 * Reflect.construct with newTarget) */
var probeTraps = { construct: function () { return probeTraps; } };
function isConstructor(f) {
    if (typeof f !== 'function') return false;
    try {
        new (new Proxy(f, probeTraps))();
        return true;
    } catch (e) {
        return false;
    }
}
if (!Object.prototype.hasOwnProperty.call(Reflect, TAG)) defProp(Reflect, TAG, { value: 'Reflect', configurable: true });
/* length 2, as the specification's: newTarget is read from arguments */
defProp(Reflect, 'construct', { value: sys.method(function construct(target, args) {
    var newTarget = arguments[2];
    if (arguments.length < 3 || newTarget === target) return nativeConstruct(target, args);
    if (typeof target !== 'function') throw new TypeError(String(target) + ' is not a constructor');
    if (!isConstructor(newTarget)) throw new TypeError(String(newTarget) + ' is not a constructor');
    var proto = newTarget.prototype;
    if (proto === null || (typeof proto !== 'object' && typeof proto !== 'function')) proto = Object.prototype;
    return G.__invoke.superCall(newTarget, Object.create(proto), target, Array.prototype.slice.call(args), newTarget);
}), writable: true, configurable: true });

if (G.Proxy && !G.Proxy.revocable) {
    var TRAPS = ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'apply', 'construct', 'defineProperty',
                 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions'];
    defProp(G.Proxy, 'revocable', { value: function revocable(target, handler) {
        if (handler === null || typeof handler !== 'object') throw new TypeError('Cannot create proxy with a non-object as target or handler');
        var state = { handler: handler }, traps = {};
        TRAPS.forEach(function (t) {
            traps[t] = function () {
                if (!state.handler) throw new TypeError('Cannot perform \'' + t + '\' on a proxy that has been revoked');
                var f = state.handler[t];
                return typeof f === 'function' ? f.apply(state.handler, arguments) : Reflect[t].apply(null, arguments);
            };
        });
        return { proxy: new G.Proxy(target, traps), revoke: function () { state.handler = null; } };
    }, writable: true, configurable: true });
}

/* --- Symbol --- */
if (Symbol.prototype && !Object.getOwnPropertyDescriptor(Symbol.prototype, 'description'))
    defProp(Symbol.prototype, 'description', {
        get: function () { return Symbol.prototype.toString.call(this).slice(7, -1); }, configurable: true
    });

/* --- Symbol.species (ES2015), which Duktape lacks: the symbol, and each
 * constructor's `get [Symbol.species]` returning this.  Duktape's own
 * methods make their results without it; flat and flatMap ask it
 * (speciesCreate above). --- */
if (Symbol.species === undefined) defProp(Symbol, 'species', { value: Symbol('Symbol.species') });
var speciesGet = sys.method(function () { return this; });
defProp(speciesGet, 'name', { value: 'get [Symbol.species]', configurable: true });
[Array, G.Promise, G.Map, G.Set, RegExp, G.ArrayBuffer,
 G.Int8Array && Object.getPrototypeOf(G.Int8Array)].forEach(function (C) {
    if (typeof C === 'function' && C !== Function.prototype && !Object.prototype.hasOwnProperty.call(C, Symbol.species))
        defProp(C, Symbol.species, { get: speciesGet, configurable: true });
});

/* a built-in constructor's prototype is read-only and fixed; the
 * runtime's own are function expressions, whose prototype is writable */
[G.Map, G.Set, G.WeakMap, G.WeakSet, G.Promise].forEach(function (C) {
    var d = C && Object.getOwnPropertyDescriptor(C, 'prototype');
    if (d && d.writable) defProp(C, 'prototype', { writable: false });
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
