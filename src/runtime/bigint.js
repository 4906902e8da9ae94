/* bigint.js - BigInt, which Duktape 2.7 lacks, on js_bigint.c's arithmetic.
 *
 * A bigint is a frozen object of BigInt.prototype holding its value under
 * a hidden key, one object per value (js_bigint.c interns them), so `===`,
 * Object.is, switch, indexOf and Map keys compare them as node does.  What
 * an object cannot do by itself (typeof 'bigint', 0n being falsy, `a + b`,
 * `a < 1`, `a == '1'`) is done by the helpers here, which the front end
 * (front.js) calls in place of the operators in every file that mentions
 * BigInt; they fall back to the native operator at once when no operand is
 * an object.  Code that was not rewritten sees an object: typeof says
 * 'object', and every conversion but to a string throws a TypeError
 * (Symbol.toPrimitive below) rather than compute something else.
 *
 * Needs: sys.hidden; sys.big* (js_bigint.c).  When called: Array.from
 *   (stdlib.js), the Array methods front-rt.js and stdlib.js add;
 *   rt.jsonCycle (errors.js).
 * Provides: BigInt, BigInt64Array, BigUint64Array; rt.isBigInt, rt.typeOf,
 *   rt.bigValue (thisBigIntValue), rt.bigFrom64, rt.bigTo64, rt.toBigInt,
 *   rt.isBigTypedArray; rt.bigOps, the operator
 *   helpers that front-rt.js adds to __invoke; JSON.stringify's TypeError
 *   for a bigint (and V8's message for a cycle); DataView's getBigInt64 and friends.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var V = sys.hidden('bigint'), BOX = sys.hidden('bigintBox');
var defProp = Object.defineProperty;
var bigOp = sys.bigOp, bigCmp = sys.bigCmp, bigCmpNum = sys.bigCmpNum, bigParse = sys.bigParse;
var TO_PRIMITIVE = Symbol.toPrimitive;

/* js_bigint.c's operations */
var ADD = 0, SUB = 1, MUL = 2, DIV = 3, MOD = 4, POW = 5, AND = 6, OR = 7, XOR = 8, SHL = 9, SHR = 10,
    NEG = 11, NOT = 12, USHR = 13;

function hidden(o, k, v) {
    defProp(o, k, { value: v, writable: true, configurable: true });
}

function isBig(x) {
    return typeof x === 'object' && x !== null && x[V] !== undefined;
}
function isBox(x) {
    return typeof x === 'object' && x !== null && x[BOX] !== undefined;
}

/* typeof, knowing bigints */
function typeOf(x) {
    var t = typeof x;
    return t === 'object' && x !== null && x[V] !== undefined ? 'bigint' : t;
}

function mixError() {
    return new TypeError('Cannot mix BigInt and other types, use explicit conversions');
}
function toNumberError() {
    return new TypeError('Cannot convert a BigInt value to a number');
}
function symbolNumber() {
    return new TypeError('Cannot convert a Symbol value to a number');
}

/* --- BigInt and its prototype --- */

function BigInt(value) {
    if (new.target !== undefined) throw new TypeError('BigInt is not a constructor');
    var p = toPrimitive(value, 'number');
    return typeof p === 'number' ? fromNumber(p) : toBigInt(p);
}
var BP = BigInt.prototype;
sys.bigSetup(BP);
defProp(BigInt, 'prototype', { writable: false });

/* kept for good: 0n and 1n stay interned, so `x === ZERO` is a test */
var ZERO = sys.bigFromNumber(0), ONE = sys.bigFromNumber(1);

function fromNumber(n) {
    if (n !== n || n === Infinity || n === -Infinity || Math.floor(n) !== n)
        throw new RangeError('The number ' + n + ' cannot be converted to a BigInt because it is not an integer');
    return sys.bigFromNumber(n);
}

/* StringToBigInt: a bigint, or undefined when the text is not one */
var DIGITS = { x: /^[0-9a-f]+$/i, o: /^[0-7]+$/, b: /^[01]+$/ }, RADIX = { x: 16, o: 8, b: 2 };
function parse(s) {
    s = String.prototype.trim.call(s);
    if (s === '') return ZERO;
    var m = /^0([xob])(.*)$/i.exec(s), k;
    if (m) {
        k = m[1].toLowerCase();
        return DIGITS[k].test(m[2]) ? bigParse(m[2], RADIX[k], false) : undefined;
    }
    m = /^([+-]?)([0-9]+)$/.exec(s);
    return m ? bigParse(m[2], 10, m[1] === '-') : undefined;
}

/* ToBigInt */
function toBigInt(v) {
    var p = toPrimitive(v, 'number');
    switch (typeof p) {
    case 'boolean': return p ? ONE : ZERO;
    case 'string':
        var b = parse(p);
        if (b === undefined) throw new SyntaxError('Cannot convert ' + p + ' to a BigInt');
        return b;
    case 'object':
        if (p !== null) return p;   /* a bigint: toPrimitive gives no other object */
    }
    throw new TypeError('Cannot convert ' + String(p) + ' to a BigInt');
}

/* thisBigIntValue */
function bigValue(v, method) {
    if (isBig(v)) return v;
    if (isBox(v)) return v[BOX];
    throw new TypeError('BigInt.prototype.' + method + " requires that 'this' be a BigInt");
}

/* ToIntegerOrInfinity of a number */
function toInteger(n) {
    return n !== n ? 0 : n === Infinity || n === -Infinity ? n : n < 0 ? Math.ceil(n) : Math.floor(n);
}

function toIndex(v) {
    if (v === undefined) return 0;
    var n = toInteger(toNumber(v));
    if (n < 0 || n > 9007199254740991) throw new RangeError('Invalid value: not (convertible to) a safe integer');
    return n;
}

hidden(BP, 'toString', function toString(radix) {
    var b = bigValue(this, 'toString');
    var r = radix === undefined ? 10 : toInteger(toNumber(radix));
    if (r < 2 || r > 36) throw new RangeError('toString() radix argument must be between 2 and 36');
    return sys.bigToString(b, r);
});
/* intl.js gives it the locale's grouping */
hidden(BP, 'toLocaleString', function toLocaleString() {
    return sys.bigToString(bigValue(this, 'toLocaleString'), 10);
});
hidden(BP, 'valueOf', function valueOf() {
    return bigValue(this, 'valueOf');
});
defProp(BP, Symbol.toStringTag, { value: 'BigInt', configurable: true });
/* Not in node: what code that was not rewritten gets from a bigint.  Its
 * text, where a string is wanted (String(b), a property key, join); a
 * TypeError for anything numeric (b + 1, b * 2, Math.max(b)), which would
 * otherwise compute with NaN or the text. */
defProp(BP, TO_PRIMITIVE, {
    value: function (hint) {
        var b = bigValue(this, 'valueOf');
        if (hint === 'string') return sys.bigToString(b, 10);
        throw hint === 'number' ? toNumberError() : mixError();
    }, configurable: true
});
/* Not in node either: JSON.stringify's TypeError, while its fast path
 * stays on for the objects that hold no bigint (below) */
var replacing = 0;
hidden(BP, 'toJSON', function toJSON() {
    if (replacing > 0) return this;
    throw new TypeError('Do not know how to serialize a BigInt');
});

hidden(BigInt, 'asUintN', function asUintN(bits, bigint) {
    var n = toIndex(bits);
    return sys.bigAsN(n, toBigInt(bigint), false);
});
hidden(BigInt, 'asIntN', function asIntN(bits, bigint) {
    var n = toIndex(bits);
    return sys.bigAsN(n, toBigInt(bigint), true);
});
/* Duktape gives a compiled function its file's name; a built-in has none */
[BigInt, BigInt.asUintN, BigInt.asIntN].forEach(function (f) { delete f.fileName; });
hidden(G, 'BigInt', BigInt);

/* a replacer sees a bigint as it is (toJSON above hands it on); what it
 * leaves a bigint is the TypeError */
var stringify = JSON.stringify;
hidden(JSON, 'stringify', function stringify_(value, replacer, space) {
    if (typeof replacer !== 'function') {
        /* on a cycle, V8's message says where it is (errors.js: found
         * only then, the one wrapper of JSON.stringify staying this one) */
        try { return stringify(value, replacer, space); } catch (e) { throw rt.jsonCycle ? rt.jsonCycle(e, value) : e; }
    }
    var user = replacer;
    replacing++;
    try {
        return stringify(value, function (k, v) {
            v = user.call(this, k, v);
            if (isBig(v) || isBox(v)) throw new TypeError('Do not know how to serialize a BigInt');
            return v;
        }, space);
    } finally {
        replacing--;
    }
});
defProp(JSON.stringify, 'name', { value: 'stringify' });

/* --- conversions --- */

/* ToPrimitive, a bigint being one */
function toPrimitive(v, hint) {
    if (typeof v !== 'object' && typeof v !== 'function' || v === null || v[V] !== undefined) return v;
    if (v[BOX] !== undefined) return hint === 'string' ? sys.bigToString(v[BOX], 10) : v[BOX];
    var ex = v[TO_PRIMITIVE], r;
    if (ex !== undefined && ex !== null) {
        if (typeof ex !== 'function') throw new TypeError('Symbol.toPrimitive is not a function');
        r = ex.call(v, hint);
        if (typeof r !== 'object' && typeof r !== 'function' || r === null || r[V] !== undefined) return r;
        throw new TypeError('Cannot convert object to primitive value');
    }
    var first = hint === 'string' ? 'toString' : 'valueOf', second = hint === 'string' ? 'valueOf' : 'toString';
    var f = v[first];
    if (typeof f === 'function') {
        r = f.call(v);
        if (typeof r !== 'object' && typeof r !== 'function' || r === null || r[V] !== undefined) return r;
    }
    f = v[second];
    if (typeof f === 'function') {
        r = f.call(v);
        if (typeof r !== 'object' && typeof r !== 'function' || r === null || r[V] !== undefined) return r;
    }
    throw new TypeError('Cannot convert object to primitive value');
}

/* ToNumeric: a number or a bigint */
function toNumeric(v) {
    if (typeof v === 'number') return v;
    v = toPrimitive(v, 'number');
    if (typeof v === 'symbol') throw symbolNumber();
    return isBig(v) ? v : +v;
}

/* Number(v) */
function toNumber(v) {
    if (arguments.length === 0) return 0;
    if (typeof v === 'number') return v;
    v = toPrimitive(v, 'number');
    if (typeof v === 'symbol') throw symbolNumber();
    return isBig(v) ? sys.bigToNumber(v) : +v;
}

/* String(v) for what toPrimitive gave */
function toStr(v) {
    if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return isBig(v) ? sys.bigToString(v, 10) : String(v);
}

/* Object(v): a bigint's wrapper, as node makes it */
function toObject(v) {
    if (isBig(v)) {
        var o = Object.create(BP);
        defProp(o, BOX, { value: v });
        return o;
    }
    return arguments.length ? Object(v) : Object();
}

/* ToBoolean: 0n is the one falsy object */
function truthy(v) {
    return v === ZERO ? false : !!v;
}

/* --- operators --- */

/* - * / % ** & | ^ << >> >>> once an operand is not a number */
function arith(op, a, b) {
    if (!isBig(a) || !isBig(b)) {
        a = toNumeric(a);
        b = toNumeric(b);
    }
    var ba = isBig(a), bb = isBig(b);
    if (ba && bb) {
        if (op === USHR) throw new TypeError('BigInts have no unsigned right shift, use >> instead');
        if (op === POW && bigCmp(b, ZERO) < 0) throw new RangeError('undefined must be positive');
        return bigOp(op, a, b);
    }
    if (ba || bb) throw mixError();
    switch (op) {
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case MOD: return a % b;
    case POW: return Math.pow(a, b);
    case AND: return a & b;
    case OR: return a | b;
    case XOR: return a ^ b;
    case SHL: return a << b;
    case SHR: return a >> b;
    }
    return a >>> b;
}

function add(a, b) {
    if (typeof a === 'number' && typeof b === 'number' || typeof a === 'string' && typeof b === 'string' ||
        (typeof a !== 'object' || a === null) && (typeof b !== 'object' || b === null))
        return a + b;
    if (isBig(a) && isBig(b)) return bigOp(ADD, a, b);
    a = toPrimitive(a, 'default');
    b = toPrimitive(b, 'default');
    if (typeof a === 'string' || typeof b === 'string') return toStr(a) + toStr(b);
    return addNumeric(toNumeric(a), toNumeric(b));
}
function addNumeric(a, b) {
    var ba = isBig(a), bb = isBig(b);
    if (ba && bb) return bigOp(ADD, a, b);
    if (ba || bb) throw mixError();
    return a + b;
}

/* IsLessThan(x, y): true, false or undefined (NaN, a text that is no
 * bigint) */
function less(x, y, leftFirst) {
    var px, py;
    if (leftFirst) {
        px = toPrimitive(x, 'number');
        py = toPrimitive(y, 'number');
    } else {
        py = toPrimitive(y, 'number');
        px = toPrimitive(x, 'number');
    }
    if (typeof px === 'string' && typeof py === 'string') return px < py;
    var bx = isBig(px), by = isBig(py), c;
    if (bx && typeof py === 'string') {
        py = parse(py);
        return py === undefined ? undefined : bigCmp(px, py) < 0;
    }
    if (by && typeof px === 'string') {
        px = parse(px);
        return px === undefined ? undefined : bigCmp(px, py) < 0;
    }
    px = toNumeric(px);
    py = toNumeric(py);
    if (bx && by) return bigCmp(px, py) < 0;
    if (bx) {
        c = bigCmpNum(px, py);
        return c !== c ? undefined : c < 0;
    }
    if (by) {
        c = bigCmpNum(py, px);
        return c !== c ? undefined : c > 0;
    }
    return px < py ? true : px >= py ? false : undefined;
}

function plain(a, b) {
    return typeof a === 'number' && typeof b === 'number' || typeof a === 'string' && typeof b === 'string';
}
/* -1, 0, 1 for two bigints, else NaN: the slow way (less) */
function cmpBig(a, b) {
    return isBig(a) && isBig(b) ? bigCmp(a, b) : NaN;
}
function lt(a, b) {
    if (plain(a, b)) return a < b;
    var c = cmpBig(a, b);
    return c === c ? c < 0 : less(a, b, true) === true;
}
function gt(a, b) {
    if (plain(a, b)) return a > b;
    var c = cmpBig(a, b);
    return c === c ? c > 0 : less(b, a, false) === true;
}
function le(a, b) {
    if (plain(a, b)) return a <= b;
    var c = cmpBig(a, b);
    return c === c ? c <= 0 : less(b, a, false) === false;
}
function ge(a, b) {
    if (plain(a, b)) return a >= b;
    var c = cmpBig(a, b);
    return c === c ? c >= 0 : less(a, b, true) === false;
}

/* the type IsLooselyEqual goes by */
function kind(x) {
    var t = typeof x;
    if (t === 'object') return x === null ? 'null' : x[V] !== undefined ? 'bigint' : 'object';
    return t === 'function' ? 'object' : t;
}

/* IsLooselyEqual */
function looseEq(x, y) {
    var tx = kind(x), ty = kind(y);
    if (tx === ty) return x === y || (tx === 'number' && x == y);
    if ((tx === 'null' || tx === 'undefined') && (ty === 'null' || ty === 'undefined')) return true;
    if (tx === 'null' || tx === 'undefined' || ty === 'null' || ty === 'undefined') return false;
    if (tx === 'number' && ty === 'string' || tx === 'string' && ty === 'number') return x == y;
    if (tx === 'bigint' && ty === 'string') return parse(y) === x;
    if (tx === 'string' && ty === 'bigint') return parse(x) === y;
    if (tx === 'boolean') return looseEq(+x, y);
    if (ty === 'boolean') return looseEq(x, +y);
    if (ty === 'object') return looseEq(x, toPrimitive(y, 'default'));
    if (tx === 'object') return looseEq(toPrimitive(x, 'default'), y);
    if (tx === 'bigint' && ty === 'number') return bigCmpNum(x, y) === 0;
    if (tx === 'number' && ty === 'bigint') return bigCmpNum(y, x) === 0;
    return false;
}

function eq(a, b) {
    return (typeof a !== 'object' || a === null) && (typeof b !== 'object' || b === null) ? a == b : looseEq(a, b);
}

function binary(op, native) {
    return function (a, b) {
        return typeof a === 'number' && typeof b === 'number' ? native(a, b) : arith(op, a, b);
    };
}

rt.bigOps = {
    big: function (text) { return parse(text); },
    add: add,
    sub: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a - b : arith(SUB, a, b); },
    mul: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a * b : arith(MUL, a, b); },
    div: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a / b : arith(DIV, a, b); },
    mod: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a % b : arith(MOD, a, b); },
    pow: binary(POW, Math.pow),
    band: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a & b : arith(AND, a, b); },
    bor: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a | b : arith(OR, a, b); },
    bxor: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a ^ b : arith(XOR, a, b); },
    shl: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a << b : arith(SHL, a, b); },
    shr: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a >> b : arith(SHR, a, b); },
    ushr: function (a, b) { return typeof a === 'number' && typeof b === 'number' ? a >>> b : arith(USHR, a, b); },
    lt: lt, gt: gt, le: le, ge: ge,
    eq: eq,
    ne: function (a, b) { return !eq(a, b); },
    neg: function (a) {
        if (typeof a === 'number') return -a;
        a = toNumeric(a);
        return isBig(a) ? bigOp(NEG, a) : -a;
    },
    bnot: function (a) {
        if (typeof a === 'number') return ~a;
        a = toNumeric(a);
        return isBig(a) ? bigOp(NOT, a) : ~a;
    },
    pos: function (a) {
        if (typeof a === 'number') return a;
        a = toPrimitive(a, 'number');
        if (isBig(a)) throw toNumberError();
        if (typeof a === 'symbol') throw symbolNumber();
        return +a;
    },
    /* x++ and friends: the old value (ToNumeric), the new one */
    num: toNumeric,
    inc: function (a) {
        if (typeof a === 'number') return a + 1;
        if (!isBig(a)) a = toNumeric(a);
        return isBig(a) ? bigOp(ADD, a, ONE) : a + 1;
    },
    dec: function (a) {
        if (typeof a === 'number') return a - 1;
        if (!isBig(a)) a = toNumeric(a);
        return isBig(a) ? bigOp(SUB, a, ONE) : a - 1;
    },
    /* v instanceof C: false for a bigint, which is no object to node
     * (after the native operator's TypeError for a C that is no function) */
    inst: function (v, C) { return isBig(v) ? (v instanceof C) && false : v instanceof C; },
    tt: truthy,
    type: typeOf,
    Number: toNumber,
    Boolean: function (v) { return truthy(v); },
    Object: toObject
};

rt.isBigInt = isBig;
rt.typeOf = typeOf;
rt.bigValue = bigValue;
rt.toBigInt = toBigInt;
rt.bigTo64 = function (v) { return sys.bigTo64(toBigInt(v)); };
rt.bigFrom64 = sys.bigFrom64;

/* --- DataView --- */

if (typeof G.DataView === 'function') {
    var DVP = G.DataView.prototype;
    var getBig = function (signed) {
        return function (offset, little) {
            var hi = this.getUint32(offset + (little ? 4 : 0), little), lo = this.getUint32(offset + (little ? 0 : 4), little);
            return sys.bigFrom64(hi, lo, signed);
        };
    };
    var setBig = function () {
        return function (offset, value, little) {
            var w = sys.bigTo64(toBigInt(value));
            /* the range check of the whole 8 bytes before either half is written */
            this.getUint32(offset + 4);
            this.setUint32(offset + (little ? 4 : 0), w[0], little);
            this.setUint32(offset + (little ? 0 : 4), w[1], little);
        };
    };
    hidden(DVP, 'getBigInt64', getBig(true));
    hidden(DVP, 'getBigUint64', getBig(false));
    hidden(DVP, 'setBigInt64', setBig());
    hidden(DVP, 'setBigUint64', setBig());
}

/* --- BigInt64Array, BigUint64Array --- */

/* Duktape's typed arrays hold numbers: these two are a Proxy over an
 * object of their prototype, whose elements a DataView reads and writes
 * as bigints (little-endian, as on every machine node runs on here).  The
 * Array methods that only read and write elements work on them as they
 * are; what must make an array of the same kind (map, filter, slice,
 * subarray) or compare (sort) is their own. */
var TA = sys.hidden('bigTyped');
var INDEX = /^(?:0|[1-9][0-9]*)$/;
var AP = Array.prototype;

function taState(o, name) {
    var s = o !== null && typeof o === 'object' ? o[TA] : undefined;
    if (s === undefined) throw new TypeError('this is not a typed array.');
    return s;
}

var taHandler = {
    get: function (t, k) {
        if (typeof k === 'number') k = String(k);
        if (typeof k === 'string' && INDEX.test(k)) {
            var s = t[TA], i = +k;
            return i < s.length ? sys.bigFrom64(s.view.getUint32(i * 8 + 4, true), s.view.getUint32(i * 8, true), s.signed) : undefined;
        }
        return t[k];
    },
    set: function (t, k, v) {
        if (typeof k === 'number') k = String(k);
        if (typeof k === 'string' && INDEX.test(k)) {
            var s = t[TA], i = +k, w = sys.bigTo64(toBigInt(v));
            if (i < s.length) {
                s.view.setUint32(i * 8 + 4, w[0], true);
                s.view.setUint32(i * 8, w[1], true);
            }
            return true;
        }
        t[k] = v;
        return true;
    },
    has: function (t, k) {
        return INDEX.test(k) ? +k < t[TA].length : k in t;
    }
};

function bigTyped(name, signed) {
    var C = function (arg, byteOffset, length) {
        if (new.target === undefined) throw new TypeError("Constructor " + name + " requires 'new'");
        var buf, off = 0, len, values = null;
        if (arg instanceof ArrayBuffer) {
            buf = arg;
            off = toIndex(byteOffset);
            if (off % 8) throw new RangeError('start offset of ' + name + ' should be a multiple of 8');
            if (length === undefined) {
                if ((buf.byteLength - off) % 8) throw new RangeError('byte length of ' + name + ' should be a multiple of 8');
                len = (buf.byteLength - off) / 8;
            } else {
                len = toIndex(length);
            }
            if (off + len * 8 > buf.byteLength) throw new RangeError('Invalid typed array length: ' + len);
        } else if (arg !== null && typeof arg === 'object' && arg[V] === undefined) {
            values = AP.slice.call(arg[TA] !== undefined || typeof arg.length === 'number' ? arg : G.Array.from(arg));
            len = values.length;
        } else {
            len = toIndex(arg);
        }
        if (!buf) buf = new ArrayBuffer(len * 8);
        var t = Object.create(C.prototype);
        defProp(t, TA, { value: { view: new DataView(buf, off, len * 8), length: len, signed: signed, offset: off } });
        var p = new Proxy(t, taHandler);
        for (var i = 0; values && i < values.length; i++) p[i] = values[i];
        return p;
    };
    defProp(C, 'name', { value: name });
    var P = C.prototype;
    defProp(C, 'BYTES_PER_ELEMENT', { value: 8 });
    defProp(P, 'BYTES_PER_ELEMENT', { value: 8 });
    defProp(P, Symbol.toStringTag, { get: function () { return this !== null && typeof this === 'object' && this[TA] ? name : undefined; }, configurable: true });
    defProp(P, 'length', { get: function () { return taState(this).length; }, configurable: true });
    defProp(P, 'byteLength', { get: function () { return taState(this).length * 8; }, configurable: true });
    defProp(P, 'byteOffset', { get: function () { return taState(this).offset; }, configurable: true });
    defProp(P, 'buffer', { get: function () { return taState(this).view.buffer; }, configurable: true });
    ['join', 'indexOf', 'lastIndexOf', 'includes', 'forEach', 'reduce', 'reduceRight', 'every', 'some', 'find',
     'findIndex', 'findLast', 'findLastIndex', 'reverse', 'at', 'keys', 'values', 'entries'].forEach(function (m) {
        /* found when called: front-rt.js and stdlib.js add some later */
        hidden(P, m, function () { taState(this); return AP[m].apply(this, arguments); });
    });
    hidden(P, Symbol.iterator, P.values);
    hidden(P, 'toString', function toString() { return AP.join.call(this, ','); });
    hidden(P, 'toLocaleString', function toLocaleString() { return AP.map.call(this, function (x) { return x.toLocaleString(); }).join(','); });
    hidden(P, 'fill', function fill(v, start, end) {
        var s = taState(this), b = toBigInt(v);
        start = start === undefined ? 0 : toInteger(toNumber(start));
        end = end === undefined ? s.length : toInteger(toNumber(end));
        if (start < 0) start = Math.max(s.length + start, 0);
        if (end < 0) end = Math.max(s.length + end, 0);
        for (var i = start; i < Math.min(end, s.length); i++) this[i] = b;
        return this;
    });
    hidden(P, 'set', function set(src, offset) {
        var s = taState(this), o = offset === undefined ? 0 : toInteger(toNumber(offset)), a = AP.slice.call(src);
        if (o < 0 || o + a.length > s.length) throw new RangeError('offset is out of bounds');
        for (var i = 0; i < a.length; i++) this[o + i] = a[i];
    });
    hidden(P, 'subarray', function subarray(begin, end) {
        var s = taState(this), n = s.length;
        var b = begin === undefined ? 0 : toInteger(toNumber(begin)), e = end === undefined ? n : toInteger(toNumber(end));
        b = b < 0 ? Math.max(n + b, 0) : Math.min(b, n);
        e = e < 0 ? Math.max(n + e, 0) : Math.min(e, n);
        return new C(s.view.buffer, s.offset + b * 8, Math.max(e - b, 0));
    });
    hidden(P, 'slice', function slice(begin, end) {
        taState(this);
        return new C(AP.slice.call(this, begin, end));
    });
    hidden(P, 'map', function map(fn, self) {
        taState(this);
        return new C(AP.map.call(this, fn, self));
    });
    hidden(P, 'filter', function filter(fn, self) {
        taState(this);
        return new C(AP.filter.call(this, fn, self));
    });
    hidden(P, 'sort', function sort(cmp) {
        taState(this);
        var a = AP.slice.call(this);
        a.sort(cmp === undefined ? function (x, y) { return bigCmp(x, y); } : cmp);
        for (var i = 0; i < a.length; i++) this[i] = a[i];
        return this;
    });
    hidden(C, 'from', function from(src, fn, self) {
        var a = G.Array.from(src);
        return new C(fn === undefined ? a : a.map(fn, self));
    });
    hidden(C, 'of', function of() { return new C(AP.slice.call(arguments)); });
    hidden(G, name, C);
    return C;
}
var BigInt64Array = bigTyped('BigInt64Array', true), BigUint64Array = bigTyped('BigUint64Array', false);

/* what inspect and Buffer take for a typed array */
rt.isBigTypedArray = function (v) { return v !== null && typeof v === 'object' && v[TA] !== undefined; };
var isView = ArrayBuffer.isView;
hidden(ArrayBuffer, 'isView', function isView_(v) { return isView(v) || rt.isBigTypedArray(v); });
defProp(ArrayBuffer.isView, 'name', { value: 'isView' });
