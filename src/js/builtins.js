/* builtins.js - corrections to Duktape's standard library where it differs
 * from what every other engine (and HTTP) expects.  Loaded first.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n) {
    return n < 10 ? '0' + n : String(n);
}

/* Duktape prints "1970-01-01 00:00:00.000Z"; HTTP dates (Expires,
 * Last-Modified) and Node print "Thu, 01 Jan 1970 00:00:00 GMT". */
function toUTCString() {
    var d = this;
    if (isNaN(d.getTime()))
        return 'Invalid Date';
    var y = d.getUTCFullYear();
    var year = y < 0 ? '-' + ('00000' + (-y)).slice(-6) : y < 1000 ? ('000' + y).slice(-4) : String(y);
    return DAYS[d.getUTCDay()] + ', ' + two(d.getUTCDate()) + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
           year + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' +
           two(d.getUTCSeconds()) + ' GMT';
}

Object.defineProperty(Date.prototype, 'toUTCString', { value: toUTCString, writable: true, configurable: true });
Object.defineProperty(Date.prototype, 'toGMTString', { value: toUTCString, writable: true, configurable: true });
rt.httpDate = function (d) {
    return toUTCString.call(d);
};

/* --- Buffer: Duktape ships Node v6's API without Buffer.from/alloc or the
 * hex/base64 encodings.  These are built on Duktape.enc/dec (C codecs). --- */
var DukBuffer = Buffer;
var origToString = DukBuffer.prototype.toString;

function normEnc(enc) {
    var e = enc === undefined ? 'utf8' : String(enc).toLowerCase();
    if (e === 'utf-8') return 'utf8';
    if (e === 'binary') return 'latin1';
    if (e === 'ucs2' || e === 'ucs-2' || e === 'utf-16le') return 'utf16le';
    if (e === 'utf8' || e === 'hex' || e === 'base64' || e === 'base64url' ||
        e === 'latin1' || e === 'ascii' || e === 'utf16le')
        return e;
    var err = new TypeError('Unknown encoding: ' + enc);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
}

function fromPlain(plain) {
    return new DukBuffer(new Uint8Array(plain));
}

function decodeString(s, enc) {
    switch (normEnc(enc)) {
    case 'hex':
        var even = s.length - (s.length % 2), m = /[^0-9a-fA-F]/.exec(s);
        var hex = s.slice(0, m ? m.index - (m.index % 2) : even);
        return fromPlain(Duktape.dec('hex', hex));
    case 'base64':
    case 'base64url':
        var b = s.replace(/[^A-Za-z0-9+\/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
        if (b.length % 4 === 1) b = b.slice(0, -1);
        while (b.length % 4) b += '=';
        return fromPlain(Duktape.dec('base64', b));
    case 'latin1':
    case 'ascii':
        var out = new DukBuffer(s.length);
        for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
        return out;
    case 'utf16le':
        var u = new DukBuffer(s.length * 2);
        for (var j = 0; j < s.length; j++) {
            u[2 * j] = s.charCodeAt(j) & 0xff;
            u[2 * j + 1] = s.charCodeAt(j) >> 8;
        }
        return u;
    default:
        return new DukBuffer(new TextEncoder().encode(s));
    }
}

function from(value, encOrOffset, length) {
    if (typeof value === 'string')
        return decodeString(value, encOrOffset);
    if (value instanceof ArrayBuffer) {
        var off = encOrOffset === undefined ? 0 : Number(encOrOffset);
        var len = length === undefined ? value.byteLength - off : Number(length);
        return new DukBuffer(new Uint8Array(value, off, len));
    }
    if (value !== null && typeof value === 'object') {
        if (ArrayBuffer.isView(value) || Array.isArray(value) || typeof value.length === 'number') {
            var b = new DukBuffer(value.length >>> 0);
            for (var i = 0; i < b.length; i++) b[i] = Number(value[i]) & 0xff;
            return b;
        }
        if (value.type === 'Buffer' && Array.isArray(value.data))
            return from(value.data);
    }
    throw new TypeError('The first argument must be of type string or an instance of Buffer, ' +
                        'ArrayBuffer, or Array or an Array-like Object. Received ' +
                        (value === null ? 'null' : typeof value));
}

function checkSize(size) {
    if (typeof size !== 'number' || size < 0 || size !== size || size > 4294967296) {
        var e = new RangeError('The argument \'size\' is invalid. Received ' + size);
        e.code = 'ERR_INVALID_ARG_VALUE';
        throw e;
    }
}

function alloc(size, fill, enc) {
    checkSize(size);
    var b = new DukBuffer(size);
    for (var i = 0; i < b.length; i++) b[i] = 0;
    if (fill !== undefined && fill !== 0 && size > 0) {
        var pattern = typeof fill === 'number' ? [fill & 0xff] : from(typeof fill === 'string' ? fill : fill, enc);
        for (var j = 0; j < b.length && pattern.length; j++) b[j] = pattern[j % pattern.length];
    }
    return b;
}

function bufToString(enc, start, end) {
    var e = normEnc(enc), b = this;
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? b.length : Math.min(b.length, end | 0);
    if (start >= end) return '';
    if (start !== 0 || end !== b.length) b = b.slice(start, end);
    switch (e) {
    case 'hex':
        return Duktape.enc('hex', b);
    case 'base64':
        return Duktape.enc('base64', b);
    case 'base64url':
        return Duktape.enc('base64', b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    case 'latin1':
    case 'ascii':
        var s = '';
        for (var i = 0; i < b.length; i++) s += String.fromCharCode(e === 'ascii' ? b[i] & 0x7f : b[i]);
        return s;
    case 'utf16le':
        var u = '';
        for (var k = 0; k + 1 < b.length; k += 2) u += String.fromCharCode(b[k] | (b[k + 1] << 8));
        return u;
    default:
        return new TextDecoder().decode(b);
    }
}

Object.defineProperty(DukBuffer, 'from', { value: from, writable: true, configurable: true });
Object.defineProperty(DukBuffer, 'alloc', { value: alloc, writable: true, configurable: true });
Object.defineProperty(DukBuffer, 'allocUnsafe', {
    value: function (size) { checkSize(size); return new DukBuffer(size); }, writable: true, configurable: true
});
Object.defineProperty(DukBuffer.prototype, 'toString', { value: bufToString, writable: true, configurable: true });
rt.origBufferToString = origToString;
