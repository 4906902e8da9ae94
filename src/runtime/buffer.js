/* buffer.js - Node's Buffer, as a Uint8Array subclass with Node 20's
 * semantics, over Duktape's own Buffer.
 *
 * Duktape ships Node v6's Buffer: a real Uint8Array subclass whose
 * constructor and prototype the natives already recognise (a request's
 * rawBody is one), but without from/alloc, the hex/base64 codecs, indexOf,
 * and with its own errors.  This file keeps Duktape's constructor and
 * prototype (so `instanceof Buffer` holds for every Buffer, whichever side
 * made it) and defines every method again in JavaScript with Node's
 * behaviour and error codes.  New Buffers are plain Uint8Arrays given
 * Buffer.prototype, which is what lets Buffer.from(arrayBuffer) and
 * buf.slice() share memory as Node's do.
 *
 * readBigInt64LE and friends read and write bigints through bigint.js,
 * this file not being rewritten by the front end (its operators would not
 * know a bigint).
 *
 * Needs: when called: rt.isBigInt, rt.typeOf, rt.bigFrom64, rt.bigTo64, rt.bigOps
 *   (bigint.js); rt.inspect (console.js); rt.outOfRange (crypto.js);
 *   atob, btoa (node.js).
 * Provides: rt.bufferModule, rt.utf8Encode, rt.utf8Decode,
 *   rt.bytesFromString, rt.decodeBytes, rt.nodeError, rt.domException,
 *   rt.received, rt.argTypeError; the global Buffer, rebuilt in place;
 *   the global DOMException.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var Buf = Buffer;
var proto = Buf.prototype;
var U8 = Uint8Array.prototype;
var u8subarray = U8.subarray;
var setProto = Object.setPrototypeOf;
var K_MAX_LENGTH = 4294967296;

/* Node's errors, shared by the runtime's files through rt (crypto.js and
 * node.js use these too): an Error of class Ctor with Node's .code. */
function nodeError(Ctor, code, msg) {
    var e = new Ctor(msg);
    if (code) e.code = code;
    return e;
}

/* Web APIs' DOMException, a global in Node: an Error (instanceof Error,
 * with Error's stack) whose class is DOMException, its name the kind
 * (DataCloneError) and its code the legacy number of that kind (issue 26:
 * code that tells errors apart by class or name sees Node's). */
var DOM_CODES = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
                  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
                  SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
                  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
                  QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25 };
function DOMException(message, name) {
    if (!(this instanceof DOMException)) throw new TypeError("Class constructor DOMException cannot be invoked without 'new'");
    /* made by Error so that Duktape records its traceback */
    var e = new Error(message === undefined ? '' : String(message));
    setProto(e, DOMException.prototype);
    name = name === undefined ? 'Error' : String(name);
    Object.defineProperty(e, 'name', { value: name, writable: true, configurable: true });
    Object.defineProperty(e, 'code', { value: DOM_CODES[name] || 0, writable: true, configurable: true });
    return e;
}
DOMException.prototype = Object.create(Error.prototype, {
    constructor: { value: DOMException, writable: true, configurable: true }
});

/* A DOMException, as Web APIs throw (code: the legacy number, kept as
 * the callers give it) */
function domException(name, code, msg) {
    var e = new DOMException(msg, name);
    if (code !== e.code) Object.defineProperty(e, 'code', { value: code, writable: true, configurable: true });
    return e;
}

function received(v) {
    if (v === null || v === undefined) return 'Received ' + v;
    if (typeof v === 'function') return 'Received function ' + (v.name || '(anonymous)');
    /* a bigint is an object here (bigint.js) */
    if (rt.typeOf && rt.typeOf(v) === 'bigint') return 'Received type bigint (' + String(v) + 'n)';
    if (typeof v === 'object') {
        var p = Object.getPrototypeOf(v), c = p && p.constructor;
        return c && c.name ? 'Received an instance of ' + c.name : 'Received ' + rt.inspect(v, { depth: -1 });
    }
    var shown = typeof v === 'string' ? "'" + (v.length > 28 ? v.slice(0, 25) + '...' : v) + "'" : String(v);
    return 'Received type ' + typeof v + ' (' + shown + ')';
}

/* Node says "property" for a dotted name ("options.namedCurve") */
function argType(name, expected, v) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' + (name.indexOf('.') >= 0 ? 'property' : 'argument') +
                     ' must be ' + expected + '. ' + received(v));
}

/* Node prints large numbers in range errors with _ every three digits. */
/* n, or the decimal text of a bigint that is known to be that large */
function separated(n) {
    var s = String(n);
    if (typeof n === 'number' && Math.abs(n) < 4294967296 || !/^-?\d+$/.test(s)) return s;
    var neg = s.charAt(0) === '-', d = neg ? s.slice(1) : s, out = '';
    while (d.length > 3) {
        out = '_' + d.slice(-3) + out;
        d = d.slice(0, -3);
    }
    return (neg ? '-' : '') + d + out;
}

function rangeErr(name, range, v) {
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' +
                     range + '. Received ' + separated(v));
}

function isU8(v) {
    return v instanceof Uint8Array;
}

function mk(u8) {
    setProto(u8, proto);
    return u8;
}

/* --- encodings --- */

var ENCODINGS = {
    'utf8': 'utf8', 'utf-8': 'utf8', 'hex': 'hex', 'base64': 'base64', 'base64url': 'base64url',
    'latin1': 'latin1', 'binary': 'latin1', 'ascii': 'ascii', 'ucs2': 'utf16le', 'ucs-2': 'utf16le',
    'utf16le': 'utf16le', 'utf-16le': 'utf16le'
};

function encodingOf(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    var e = ENCODINGS[String(enc).toLowerCase()];
    if (typeof enc !== 'string' || !e)
        throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
    return e;
}

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
var B64DEC = {};
(function () {
    for (var i = 0; i < 64; i++) B64DEC[B64.charAt(i)] = B64DEC[B64URL.charAt(i)] = i;
})();

/* string -> Uint8Array, as Node's decoders read it (bad hex stops the
 * decoding, characters outside the base64 alphabets are skipped). */
/* Well-formed hex and base64, however short, go through Duktape's C
 * codecs (Duktape.enc/dec): the loops below, which handle the rest as Node
 * does, cost ~3.5k instructions a byte (a 32-byte digest as hex: 120k). */

function fromPlain(plain) {
    return new Uint8Array(plain);
}

function bytesFromString(s, enc) {
    var out, i, n = 0, e = encodingOf(enc);
    if (s.length > 0 && e !== 'utf8') {
        if (e === 'hex' && s.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(s))
            return fromPlain(Duktape.dec('hex', s));
        if ((e === 'base64' || e === 'base64url') && /^[A-Za-z0-9+\/]*={0,2}$/.test(s) && s.length % 4 === 0)
            return fromPlain(Duktape.dec('base64', s));
        if ((e === 'base64' || e === 'base64url') && /^[A-Za-z0-9\-_]*$/.test(s) && s.length % 4 !== 1) {
            var std = s.replace(/-/g, '+').replace(/_/g, '/');
            while (std.length % 4) std += '=';
            return fromPlain(Duktape.dec('base64', std));
        }
    }
    switch (e) {
    case 'hex':
        out = new Uint8Array(s.length >> 1);
        for (i = 0; i + 1 < s.length; i += 2) {
            var h = parseInt(s.substr(i, 2), 16);
            if (!/^[0-9a-fA-F]{2}$/.test(s.substr(i, 2))) break;
            out[n++] = h;
        }
        return n === out.length ? out : u8subarray.call(out, 0, n);
    case 'base64':
    case 'base64url':
        out = new Uint8Array((s.length * 3 >> 2) + 3);
        var acc = 0, bits = 0;
        for (i = 0; i < s.length; i++) {
            var c = s.charAt(i);
            if (c === '=') break;
            var v = B64DEC[c];
            if (v === undefined) continue;
            acc = ((acc << 6) | v) & 0xffffff;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (acc >> bits) & 0xff;
            }
        }
        return u8subarray.call(out, 0, n);
    case 'latin1':
    case 'ascii':
        out = new Uint8Array(s.length);
        for (i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
        return out;
    case 'utf16le':
        out = new Uint8Array(s.length * 2);
        for (i = 0; i < s.length; i++) {
            out[2 * i] = s.charCodeAt(i) & 0xff;
            out[2 * i + 1] = s.charCodeAt(i) >> 8;
        }
        return out;
    default:
        return utf8Encode(s);
    }
}

var encoder = new TextEncoder(), decoder = new TextDecoder();

/* UTF-8 with lone surrogates as U+FFFD, as V8 writes them.  Duktape's
 * TextEncoder (C) does the same and is the fast path; the loop below is
 * kept for strings the encoder would refuse. */
function utf8Encode(s) {
    if (s.length > 32) {
        try { return encoder.encode(s); } catch (e) { /* below */ }
    }
    var out = new Uint8Array(s.length * 3), n = 0;
    for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c < 0x80) {
            out[n++] = c;
            continue;
        }
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
            var d = s.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff) {
                var cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
                out[n++] = 0xf0 | (cp >> 18);
                out[n++] = 0x80 | ((cp >> 12) & 63);
                out[n++] = 0x80 | ((cp >> 6) & 63);
                out[n++] = 0x80 | (cp & 63);
                i++;
                continue;
            }
        }
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        if (c < 0x800) {
            out[n++] = 0xc0 | (c >> 6);
            out[n++] = 0x80 | (c & 63);
        } else {
            out[n++] = 0xe0 | (c >> 12);
            out[n++] = 0x80 | ((c >> 6) & 63);
            out[n++] = 0x80 | (c & 63);
        }
    }
    return u8subarray.call(out, 0, n);
}

function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length &&
                 s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
            n += 4;
            i++;
        } else n += 3;
    }
    return n;
}

/* UTF-8 decoding with WHATWG's replacement rules (what Node does):
 * Duktape's TextDecoder (C) for anything long, the loop for short runs. */
function utf8Decode(b, start, end) {
    if (end - start > 32) {
        var view = start === 0 && end === b.length ? b : u8subarray.call(b, start, end);
        return decoder.decode(view);
    }
    var s = '', parts = [], i = start;
    while (i < end) {
        var c = b[i], need = 0, cp = 0, lo = 0x80, hi = 0xbf;
        if (c < 0x80) {
            s += String.fromCharCode(c);
            i++;
        } else {
            if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
            else if (c >= 0xe0 && c <= 0xef) {
                need = 2; cp = c & 0x0f;
                if (c === 0xe0) lo = 0xa0;
                if (c === 0xed) hi = 0x9f;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3; cp = c & 0x07;
                if (c === 0xf0) lo = 0x90;
                if (c === 0xf4) hi = 0x8f;
            }
            i++;
            if (!need) {
                s += '\ufffd';
            } else {
                var k = 0;
                for (; k < need && i < end; k++) {
                    var d = b[i];
                    if (d < lo || d > hi) break;
                    lo = 0x80;
                    hi = 0xbf;
                    cp = (cp << 6) | (d & 0x3f);
                    i++;
                }
                if (k < need) s += '\ufffd';
                else if (cp >= 0x10000) {
                    cp -= 0x10000;
                    s += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
                } else s += String.fromCharCode(cp);
            }
        }
        if (s.length > 8192) {
            parts.push(s);
            s = '';
        }
    }
    parts.push(s);
    return parts.join('');
}

function base64Encode(b, start, end, url) {
    var alpha = url ? B64URL : B64, out = [], i;
    for (i = start; i + 2 < end; i += 3) {
        var v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
        out.push(alpha.charAt(v >> 18) + alpha.charAt((v >> 12) & 63) + alpha.charAt((v >> 6) & 63) + alpha.charAt(v & 63));
    }
    if (end - i === 1) {
        out.push(alpha.charAt(b[i] >> 2) + alpha.charAt((b[i] & 3) << 4) + (url ? '' : '=='));
    } else if (end - i === 2) {
        var w = (b[i] << 8) | b[i + 1];
        out.push(alpha.charAt(w >> 10) + alpha.charAt((w >> 4) & 63) + alpha.charAt((w & 15) << 2) + (url ? '' : '='));
    }
    return out.join('');
}

var HEXDIGITS = [];
(function () {
    for (var i = 0; i < 256; i++) HEXDIGITS.push((i < 16 ? '0' : '') + i.toString(16));
})();

function decodeBytes(b, enc, start, end) {
    var out = [], i, s = '';
    if (end > start && (enc === 'hex' || enc === 'base64' || enc === 'base64url')) {
        var view = start === 0 && end === b.length ? b : u8subarray.call(b, start, end);
        if (enc === 'hex') return Duktape.enc('hex', view);
        s = Duktape.enc('base64', view);
        return enc === 'base64' ? s : s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    switch (enc) {
    case 'hex':
        for (i = start; i < end; i++) out.push(HEXDIGITS[b[i]]);
        return out.join('');
    case 'base64':
        return base64Encode(b, start, end, false);
    case 'base64url':
        return base64Encode(b, start, end, true);
    case 'latin1':
    case 'ascii':
        for (i = start; i < end; i++) {
            s += String.fromCharCode(enc === 'ascii' ? b[i] & 0x7f : b[i]);
            if (s.length > 8192) { out.push(s); s = ''; }
        }
        out.push(s);
        return out.join('');
    case 'utf16le':
        for (i = start; i + 1 < end; i += 2) {
            s += String.fromCharCode(b[i] | (b[i + 1] << 8));
            if (s.length > 8192) { out.push(s); s = ''; }
        }
        out.push(s);
        return out.join('');
    default:
        return utf8Decode(b, start, end);
    }
}

/* --- construction --- */

function checkSize(size) {
    if (typeof size !== 'number')
        throw argType('size', 'of type number', size);
    if (!(size >= 0 && size <= K_MAX_LENGTH))
        throw rangeErr('size', '>= 0 && <= ' + K_MAX_LENGTH, size);
}

function alloc(size, fill, enc) {
    checkSize(size);
    var b = mk(new Uint8Array(size));
    if (fill !== undefined && fill !== 0 && size > 0)
        b.fill(fill, enc);
    return b;
}

function allocUnsafe(size) {
    checkSize(size);
    return mk(new Uint8Array(size));
}

function from(value, encOrOffset, length) {
    if (typeof value === 'string')      /* new bytes: no copy needed */
        return mk(encOrOffset === undefined ? utf8Encode(value) : bytesFromString(value, encOrOffset));
    if (value instanceof ArrayBuffer) {
        var off = encOrOffset === undefined ? 0 : +encOrOffset || 0;
        if (off > value.byteLength || off < 0)
            throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
        var len = length === undefined ? value.byteLength - off : +length || 0;
        if (len > value.byteLength - off)
            throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
        return mk(new Uint8Array(value, off, len < 0 ? 0 : len));
    }
    if (value !== null && typeof value === 'object') {
        if (isU8(value)) {
            var copy = new Uint8Array(value.length);
            copy.set(value);
            return mk(copy);
        }
        if (ArrayBuffer.isView(value) || Array.isArray(value) || typeof value.length === 'number') {
            var n = value.length >>> 0, b = mk(new Uint8Array(n));
            for (var i = 0; i < n; i++) b[i] = value[i] & 0xff;
            return b;
        }
        if (value.type === 'Buffer' && Array.isArray(value.data))
            return from(value.data);
        if (typeof value.valueOf === 'function') {
            var prim = value.valueOf();
            if (prim !== value && prim !== null && (typeof prim === 'string' || typeof prim === 'object'))
                return from(prim, encOrOffset, length);
        }
    }
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The first argument must be of type string or an instance of ' +
                    'Buffer, ArrayBuffer, or Array or an Array-like Object. ' + received(value));
}

function isBuffer(v) {
    return v instanceof Buf;
}

function concat(list, total) {
    if (!Array.isArray(list))
        throw argType('list', 'an instance of Array', list);
    var i, n = 0;
    for (i = 0; i < list.length; i++) {
        if (!isU8(list[i]))
            throw argType('list[' + i + ']', 'an instance of Buffer or Uint8Array', list[i]);
        n += list[i].length;
    }
    if (total !== undefined) {
        if (typeof total !== 'number') throw argType('length', 'of type number', total);
        n = total;
    }
    var out = alloc(n), off = 0;
    for (i = 0; i < list.length && off < n; i++) {
        var part = list[i];
        if (part.length > n - off) part = u8subarray.call(part, 0, n - off);
        out.set(part, off);
        off += part.length;
    }
    return out;
}

function byteLength(s, enc) {
    if (typeof s !== 'string') {
        if (ArrayBuffer.isView(s) || s instanceof ArrayBuffer) return s.byteLength;
        throw argType('string', 'of type string or an instance of Buffer or ArrayBuffer', s);
    }
    var e = ENCODINGS[String(enc).toLowerCase()] || 'utf8';
    switch (e) {
    case 'hex': return s.length >>> 1;
    case 'base64':
    case 'base64url':
        var n = s.length;
        while (n > 0 && s.charAt(n - 1) === '=') n--;
        return (n * 3) >>> 2;
    case 'latin1':
    case 'ascii': return s.length;
    case 'utf16le': return s.length * 2;
    default: return utf8Length(s);
    }
}

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    var n = Math.min(aEnd - aStart, bEnd - bStart);
    for (var i = 0; i < n; i++) {
        if (a[aStart + i] !== b[bStart + i])
            return a[aStart + i] < b[bStart + i] ? -1 : 1;
    }
    var la = aEnd - aStart, lb = bEnd - bStart;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

function compare(a, b) {
    if (!isU8(a)) throw argType('buf1', 'an instance of Buffer or Uint8Array', a);
    if (!isU8(b)) throw argType('buf2', 'an instance of Buffer or Uint8Array', b);
    return compareBytes(a, 0, a.length, b, 0, b.length);
}

/* --- methods --- */

function clampIndex(v, len, dflt) {
    if (v === undefined) return dflt;
    v = +v;
    if (v !== v) return 0;
    v = v < 0 ? Math.ceil(v) : Math.floor(v);
    return v < 0 ? 0 : v > len ? len : v;
}

function toString(enc, start, end) {
    if (arguments.length === 0) return utf8Decode(this, 0, this.length);
    var e = encodingOf(enc), len = this.length;
    start = clampIndex(start, len, 0);
    end = clampIndex(end, len, len);
    if (end <= start) return '';
    return decodeBytes(this, e, start, end);
}

function toJSON() {
    var data = [];
    for (var i = 0; i < this.length; i++) data.push(this[i]);
    return { type: 'Buffer', data: data };
}

function equals(other) {
    if (!isU8(other)) throw argType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
    return this.length === other.length && compareBytes(this, 0, this.length, other, 0, other.length) === 0;
}

function optIndex(v, name, dflt, max) {
    if (v === undefined) return dflt;
    if (typeof v !== 'number') throw argType(name, 'of type number', v);
    if (v !== Math.floor(v)) throw rangeErr(name, 'an integer', v);
    if (v < 0 || v > max) throw rangeErr(name, '>= 0 and <= ' + max, v);
    return v;
}

function bufCompare(target, tStart, tEnd, sStart, sEnd) {
    if (!isU8(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    tStart = optIndex(tStart, 'targetStart', 0, target.length);
    tEnd = optIndex(tEnd, 'targetEnd', target.length, target.length);
    sStart = optIndex(sStart, 'sourceStart', 0, this.length);
    sEnd = optIndex(sEnd, 'sourceEnd', this.length, this.length);
    if (sStart >= sEnd) return tStart >= tEnd ? 0 : -1;
    if (tStart >= tEnd) return 1;
    return compareBytes(this, sStart, sEnd, target, tStart, tEnd);
}

function copy(target, tStart, sStart, sEnd) {
    if (!isU8(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    tStart = tStart === undefined ? 0 : Math.floor(+tStart) || 0;
    sStart = sStart === undefined ? 0 : Math.floor(+sStart) || 0;
    sEnd = sEnd === undefined ? this.length : Math.floor(+sEnd) || 0;
    if (tStart < 0) throw rangeErr('targetStart', '>= 0 && <= ' + target.length, tStart);
    if (sStart < 0 || sStart > this.length) throw rangeErr('sourceStart', '>= 0 && <= ' + this.length, sStart);
    if (sEnd < 0) throw rangeErr('sourceEnd', '>= 0 && <= ' + this.length, sEnd);
    if (sEnd > this.length) sEnd = this.length;
    if (tStart >= target.length || sStart >= sEnd) return 0;
    var n = Math.min(sEnd - sStart, target.length - tStart);
    target.set(u8subarray.call(this, sStart, sStart + n), tStart);
    return n;
}

function fill(value, offset, end, enc) {
    if (typeof offset === 'string') {
        enc = offset;
        offset = 0;
        end = this.length;
    } else if (typeof end === 'string') {
        enc = end;
        end = this.length;
    }
    offset = optIndex(offset, 'offset', 0, this.length);
    end = optIndex(end, 'end', this.length, this.length);
    if (end <= offset) return this;
    var pattern;
    if (typeof value === 'number' || typeof value === 'boolean') {
        pattern = [+value & 255];
    } else if (typeof value === 'string') {
        var e = encodingOf(enc);
        if (value.length === 0) pattern = [0];
        else {
            pattern = bytesFromString(value, e);
            if (!pattern.length)
                throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received '" + value + "'");
        }
    } else if (isU8(value)) {
        pattern = value;
        if (!pattern.length)
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + rt.inspect(value));
    } else {
        pattern = [0];
    }
    for (var i = offset, j = 0; i < end; i++, j++) {
        if (j === pattern.length) j = 0;
        this[i] = pattern[j];
    }
    return this;
}

function needle(value, enc) {
    if (typeof value === 'string') return bytesFromString(value, enc);
    if (typeof value === 'number') return [((value % 256) + 256) % 256];
    if (isU8(value)) return value;
    throw argType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
}

function search(buf, value, offset, enc, forward) {
    if (typeof offset === 'string') {
        enc = offset;
        offset = undefined;
    }
    var n = needle(value, enc), len = buf.length, i, j;
    offset = offset === undefined || offset === null ? (forward ? 0 : len) : +offset;
    if (offset !== offset) offset = forward ? 0 : len;
    offset = offset < 0 ? Math.ceil(offset) : Math.floor(offset);
    if (offset < 0) offset += len;
    if (n.length === 0) return forward ? Math.min(Math.max(offset, 0), len) : Math.min(Math.max(offset, 0), len);
    if (forward) {
        if (offset < 0) offset = 0;
        for (i = offset; i + n.length <= len; i++) {
            for (j = 0; j < n.length && buf[i + j] === n[j]; j++);
            if (j === n.length) return i;
        }
    } else {
        if (offset < 0) return -1;
        for (i = Math.min(offset, len - n.length); i >= 0; i--) {
            for (j = 0; j < n.length && buf[i + j] === n[j]; j++);
            if (j === n.length) return i;
        }
    }
    return -1;
}

function write(string, offset, length, enc) {
    if (typeof string !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    if (typeof offset === 'string') {
        enc = offset;
        offset = 0;
        length = this.length;
    } else if (typeof length === 'string') {
        enc = length;
        length = undefined;
    }
    offset = optIndex(offset, 'offset', 0, this.length);
    var room = this.length - offset;
    length = length === undefined ? room : optIndex(length, 'length', room, this.length);
    if (length > room) length = room;
    var e = encodingOf(enc), bytes = bytesFromString(string, e), n = Math.min(bytes.length, length);
    if (e === 'utf8' && n < bytes.length) {
        /* never a partial character */
        while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
    }
    if (e === 'utf16le') n -= n % 2;
    for (var i = 0; i < n; i++) this[offset + i] = bytes[i];
    return n;
}

function slice(start, end) {
    return mk(u8subarray.call(this, start === undefined ? 0 : start, end === undefined ? this.length : end));
}

/* --- numbers --- */

function dv(b) {
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function checkOffset(b, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== 'number') throw argType('offset', 'of type number', offset);
    if (offset !== Math.floor(offset) || offset !== offset) throw rangeErr('offset', 'an integer', offset);
    if (b.length < size)
        throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
    if (offset < 0 || offset > b.length - size) throw rangeErr('offset', '>= 0 and <= ' + (b.length - size), offset);
    return offset;
}

function checkValue(value, min, max, text) {
    if (value < min || value > max) throw rangeErr('value', text, value);
}

var INTS = [
    /* name, bytes, DataView getter, signed */
    ['UInt8', 1, 'Uint8', false], ['Int8', 1, 'Int8', true],
    ['UInt16LE', 2, 'Uint16', false, true], ['UInt16BE', 2, 'Uint16', false, false],
    ['Int16LE', 2, 'Int16', true, true], ['Int16BE', 2, 'Int16', true, false],
    ['UInt32LE', 4, 'Uint32', false, true], ['UInt32BE', 4, 'Uint32', false, false],
    ['Int32LE', 4, 'Int32', true, true], ['Int32BE', 4, 'Int32', true, false],
    ['FloatLE', 4, 'Float32', null, true], ['FloatBE', 4, 'Float32', null, false],
    ['DoubleLE', 8, 'Float64', null, true], ['DoubleBE', 8, 'Float64', null, false]
];

function rangeText(bytes, signed) {
    var bits = bytes * 8;
    if (signed) return '>= -' + Math.pow(2, bits - 1) + ' and <= ' + (Math.pow(2, bits - 1) - 1);
    return '>= 0 and <= ' + (Math.pow(2, bits) - 1);
}

function defineNumber(spec) {
    var name = spec[0], size = spec[1], get = 'get' + spec[2], set = 'set' + spec[2];
    var signed = spec[3], little = spec[4] === true;
    var min = signed === null ? -Infinity : signed ? -Math.pow(2, size * 8 - 1) : 0;
    var max = signed === null ? Infinity : signed ? Math.pow(2, size * 8 - 1) - 1 : Math.pow(2, size * 8) - 1;
    var text = signed === null ? '' : rangeText(size, signed);
    def(proto, 'read' + name, function (offset) {
        offset = checkOffset(this, offset, size);
        return dv(this)[get](offset, little);
    });
    def(proto, 'write' + name, function (value, offset) {
        if (signed === null) value = +value;
        else checkValue(value, min, max, text);
        offset = checkOffset(this, offset, size);
        dv(this)[set](offset, value, little);
        return offset + size;
    });
    if (name.indexOf('UInt') === 0) {
        def(proto, 'readUint' + name.slice(4), proto['read' + name]);
        def(proto, 'writeUint' + name.slice(4), proto['write' + name]);
    }
}

function checkByteLength(n) {
    if (typeof n !== 'number') throw argType('byteLength', 'of type number', n);
    if (n !== Math.floor(n)) throw rangeErr('byteLength', 'an integer', n);
    if (n < 1 || n > 6) throw rangeErr('byteLength', '>= 1 and <= 6', n);
}

function readVar(b, offset, n, little, signed) {
    checkByteLength(n);
    offset = checkOffset(b, offset, n);
    var v = 0;
    for (var i = 0; i < n; i++)
        v = v * 256 + b[offset + (little ? n - 1 - i : i)];
    if (signed && v >= Math.pow(2, 8 * n - 1)) v -= Math.pow(2, 8 * n);
    return v;
}

function writeVar(b, value, offset, n, little, signed) {
    checkByteLength(n);
    var bits = 8 * n;
    var min = signed ? -Math.pow(2, bits - 1) : 0, max = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
    var text = n > 4 ? (signed ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits)
                     : rangeText(n, signed);
    checkValue(value, min, max, text);
    offset = checkOffset(b, offset, n);
    var v = Math.floor(value);
    if (v < 0) v += Math.pow(2, bits);
    for (var i = 0; i < n; i++) {
        b[offset + (little ? i : n - 1 - i)] = v % 256;
        v = Math.floor(v / 256);
    }
    return offset + n;
}

function readBig(b, offset, little, signed) {
    offset = checkOffset(b, offset, 8);
    var lo = dv(b).getUint32(offset + (little ? 0 : 4), little), hi = dv(b).getUint32(offset + (little ? 4 : 0), little);
    return rt.bigFrom64(hi, lo, signed);
}

/* node's range check first, with the value written as it does (1_000n) */
function writeBig(b, value, offset, little, signed) {
    if (!rt.isBigInt(value)) throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    if (BigInt['as' + (signed ? 'IntN' : 'UintN')](64, value) !== value) {
        var big = rt.bigOps.gt(value, 4294967296) || rt.bigOps.lt(value, -4294967296);
        throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be ' +
                        (signed ? '>= -(2n ** 63n) and < 2n ** 63n' : '>= 0n and < 2n ** 64n') + '. Received ' +
                        (big ? separated(String(value)) : String(value)) + 'n');
    }
    offset = checkOffset(b, offset, 8);
    var w = rt.bigTo64(value);
    dv(b).setUint32(offset + (little ? 4 : 0), w[0], little);
    dv(b).setUint32(offset + (little ? 0 : 4), w[1], little);
    return offset + 8;
}

function swapper(size, name) {
    return function () {
        if (this.length % size)
            throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + name);
        for (var i = 0; i < this.length; i += size) {
            for (var a = i, z = i + size - 1; a < z; a++, z--) {
                var t = this[a];
                this[a] = this[z];
                this[z] = t;
            }
        }
        return this;
    };
}

function def(obj, name, fn) {
    Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true });
}

function validateInteger(v, name) {
    if (typeof v !== 'number') throw argType(name, 'of type number', v);
    if (v !== Math.floor(v) || v < 0 || v > 9007199254740991)
        throw rt.outOfRange(name, v !== Math.floor(v) ? 'an integer' : '>= 0 && <= 9007199254740991', v);
}

/* Buffer.copyBytesFrom(view, offset, length): a copy of a TypedArray's
 * elements offset .. offset + length, as bytes. */
function copyBytesFrom(view, offset, length) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView)
        throw argType('view', 'an instance of TypedArray', view);
    var n = view.length, end = n;
    if (n === 0) return alloc(0);
    if (offset !== undefined || length !== undefined) {
        if (offset !== undefined) {
            validateInteger(offset, 'offset');
            if (offset >= n) return alloc(0);
        } else {
            offset = 0;
        }
        if (length !== undefined) {
            validateInteger(length, 'length');
            end = offset + length;
        }
        view = view.subarray(offset, Math.min(end, n));
    }
    return from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

function of() {
    var b = allocUnsafe(arguments.length);
    for (var i = 0; i < arguments.length; i++) b[i] = arguments[i];
    return b;
}

/* The statics are enumerable, in Node's order, as libraries copy them with
 * for-in (safer-buffer): Duktape's own ones go first. */
['concat', 'isEncoding', 'isBuffer', 'byteLength', 'compare'].forEach(function (name) {
    delete Buf[name];
});
function defStatic(name, value) {
    Object.defineProperty(Buf, name, { value: value, writable: true, enumerable: true, configurable: true });
}
defStatic('poolSize', 8192);
defStatic('from', from);
defStatic('copyBytesFrom', copyBytesFrom);
defStatic('of', of);
defStatic('alloc', alloc);
defStatic('allocUnsafe', allocUnsafe);
defStatic('allocUnsafeSlow', allocUnsafe);
defStatic('isBuffer', isBuffer);
defStatic('compare', compare);
defStatic('isEncoding', function (e) { return typeof e === 'string' && e !== '' && !!ENCODINGS[e.toLowerCase()]; });
defStatic('concat', concat);
defStatic('byteLength', byteLength);

def(proto, 'toString', toString);
def(proto, 'toLocaleString', toString);
def(proto, 'toJSON', toJSON);
def(proto, 'equals', equals);
def(proto, 'compare', bufCompare);
def(proto, 'copy', copy);
def(proto, 'fill', fill);
def(proto, 'write', write);
def(proto, 'slice', slice);
def(proto, 'subarray', slice);
def(proto, 'indexOf', function (v, off, enc) { return search(this, v, off, enc, true); });
def(proto, 'lastIndexOf', function (v, off, enc) { return search(this, v, off, enc, false); });
def(proto, 'includes', function (v, off, enc) { return search(this, v, off, enc, true) !== -1; });
def(proto, 'swap16', swapper(2, '16-bits'));
def(proto, 'swap32', swapper(4, '32-bits'));
def(proto, 'swap64', swapper(8, '64-bits'));
INTS.forEach(defineNumber);
def(proto, 'readUIntLE', function (o, n) { return readVar(this, o, n, true, false); });
def(proto, 'readUIntBE', function (o, n) { return readVar(this, o, n, false, false); });
def(proto, 'readIntLE', function (o, n) { return readVar(this, o, n, true, true); });
def(proto, 'readIntBE', function (o, n) { return readVar(this, o, n, false, true); });
def(proto, 'writeUIntLE', function (v, o, n) { return writeVar(this, v, o, n, true, false); });
def(proto, 'writeUIntBE', function (v, o, n) { return writeVar(this, v, o, n, false, false); });
def(proto, 'writeIntLE', function (v, o, n) { return writeVar(this, v, o, n, true, true); });
def(proto, 'writeIntBE', function (v, o, n) { return writeVar(this, v, o, n, false, true); });
def(proto, 'readUintLE', proto.readUIntLE);
def(proto, 'readUintBE', proto.readUIntBE);
def(proto, 'writeUintLE', proto.writeUIntLE);
def(proto, 'writeUintBE', proto.writeUIntBE);
def(proto, 'readBigUInt64LE', function (o) { return readBig(this, o, true, false); });
def(proto, 'readBigUInt64BE', function (o) { return readBig(this, o, false, false); });
def(proto, 'readBigInt64LE', function (o) { return readBig(this, o, true, true); });
def(proto, 'readBigInt64BE', function (o) { return readBig(this, o, false, true); });
def(proto, 'writeBigUInt64LE', function (v, o) { return writeBig(this, v, o, true, false); });
def(proto, 'writeBigUInt64BE', function (v, o) { return writeBig(this, v, o, false, false); });
def(proto, 'writeBigInt64LE', function (v, o) { return writeBig(this, v, o, true, true); });
def(proto, 'writeBigInt64BE', function (v, o) { return writeBig(this, v, o, false, true); });
def(proto, 'readBigUint64LE', proto.readBigUInt64LE);
def(proto, 'readBigUint64BE', proto.readBigUInt64BE);
def(proto, 'writeBigUint64LE', proto.writeBigUInt64LE);
def(proto, 'writeBigUint64BE', proto.writeBigUInt64BE);

/* The `buffer` module. */
var bufferModule = {
    Buffer: Buf,
    kMaxLength: K_MAX_LENGTH,
    kStringMaxLength: 536870888,
    constants: { MAX_LENGTH: K_MAX_LENGTH, MAX_STRING_LENGTH: 536870888 },
    INSPECT_MAX_BYTES: 50,
    SlowBuffer: Buf,
    atob: function (s) { return atob(s); },
    btoa: function (s) { return btoa(s); }
};

rt.bufferModule = bufferModule;
rt.utf8Encode = utf8Encode;
rt.utf8Decode = function (u8) { return utf8Decode(u8, 0, u8.length); };
rt.bytesFromString = bytesFromString;
rt.decodeBytes = decodeBytes;
rt.nodeError = nodeError;
rt.domException = domException;
(function (G) { if (typeof G.DOMException !== 'function') G.DOMException = DOMException; })(new Function('return this')());
rt.received = received;
rt.argTypeError = argType;
