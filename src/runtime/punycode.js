/* punycode.js - Node's (deprecated, still present) `punycode` module,
 * written from RFC 3492 (Punycode) and the module's documented API:
 * decode, encode, toASCII, toUnicode, ucs2.decode/encode, version.
 *
 * Needs: rt.builtins (module.js).
 * Provides: rt.builtins.punycode.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
var MAX_INT = 2147483647;
var SEPARATORS = /[\x2E\u3002\uFF0E\uFF61]/g;

function fail(what) {
    throw new RangeError({
        overflow: 'Overflow: input needs wider integers to process',
        'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
        'invalid-input': 'Invalid input'
    }[what]);
}

/* UCS-2 string <-> code points (surrogate pairs joined, lone ones kept) */
function ucs2decode(s) {
    var out = [], i = 0, n = s.length;
    while (i < n) {
        var c = s.charCodeAt(i++);
        if (c >= 0xd800 && c <= 0xdbff && i < n) {
            var d = s.charCodeAt(i);
            if ((d & 0xfc00) === 0xdc00) {
                out.push(((c & 0x3ff) << 10) + (d & 0x3ff) + 0x10000);
                i++;
                continue;
            }
        }
        out.push(c);
    }
    return out;
}
function ucs2encode(points) {
    var s = '';
    for (var i = 0; i < points.length; i++) {
        var p = points[i];
        if (p > 0xffff) {
            p -= 0x10000;
            s += String.fromCharCode(0xd800 + (p >>> 10), 0xdc00 + (p & 0x3ff));
        } else {
            s += String.fromCharCode(p);
        }
    }
    return s;
}

/* RFC 3492 6.1 */
function adapt(delta, numPoints, first) {
    delta = first ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    var k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) {
        delta = Math.floor(delta / (BASE - TMIN));
        k += BASE;
    }
    return k + Math.floor((BASE - TMIN + 1) * delta / (delta + SKEW));
}
function digitOf(c) {
    if (c >= 0x30 && c < 0x3a) return c - 22;     /* 0-9 are 26-35 */
    if (c >= 0x41 && c < 0x5b) return c - 0x41;   /* A-Z */
    if (c >= 0x61 && c < 0x7b) return c - 0x61;   /* a-z */
    return BASE;
}
function charOf(d) {
    return String.fromCharCode(d < 26 ? d + 0x61 : d + 22);
}
function threshold(k, bias) {
    return k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
}

/* RFC 3492 6.2: Punycode ASCII -> Unicode string */
function decode(input) {
    input = String(input);
    var out = [], n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
    var basic = input.lastIndexOf('-');
    if (basic < 0) basic = 0;
    for (var j = 0; j < basic; j++) {
        if (input.charCodeAt(j) >= 0x80) fail('not-basic');
        out.push(input.charCodeAt(j));
    }
    for (var at = basic > 0 ? basic + 1 : 0; at < input.length;) {
        var oldi = i;
        for (var w = 1, k = BASE; ; k += BASE) {
            if (at >= input.length) fail('invalid-input');
            var digit = digitOf(input.charCodeAt(at++));
            if (digit >= BASE) fail('invalid-input');
            if (digit > Math.floor((MAX_INT - i) / w)) fail('overflow');
            i += digit * w;
            var t = threshold(k, bias);
            if (digit < t) break;
            if (w > Math.floor(MAX_INT / (BASE - t))) fail('overflow');
            w *= BASE - t;
        }
        var len = out.length + 1;
        bias = adapt(i - oldi, len, oldi === 0);
        if (Math.floor(i / len) > MAX_INT - n) fail('overflow');
        n += Math.floor(i / len);
        i %= len;
        out.splice(i++, 0, n);
    }
    return String.fromCodePoint ? String.fromCodePoint.apply(null, out) : ucs2encode(out);
}

/* RFC 3492 6.3: Unicode string -> Punycode ASCII */
function encode(input) {
    var points = ucs2decode(String(input)), out = '', n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    var j, c;
    for (j = 0; j < points.length; j++) {
        c = points[j];
        if (c < 0x80) out += String.fromCharCode(c);
    }
    var b = out.length, h = b;
    if (b) out += '-';
    while (h < points.length) {
        var m = MAX_INT;
        for (j = 0; j < points.length; j++) {
            c = points[j];
            if (c >= n && c < m) m = c;
        }
        if (m - n > Math.floor((MAX_INT - delta) / (h + 1))) fail('overflow');
        delta += (m - n) * (h + 1);
        n = m;
        for (j = 0; j < points.length; j++) {
            c = points[j];
            if (c < n && ++delta > MAX_INT) fail('overflow');
            if (c === n) {
                var q = delta;
                for (var k = BASE; ; k += BASE) {
                    var t = threshold(k, bias);
                    if (q < t) break;
                    out += charOf(t + (q - t) % (BASE - t));
                    q = Math.floor((q - t) / (BASE - t));
                }
                out += charOf(q);
                bias = adapt(delta, h + 1, h === b);
                delta = 0;
                h++;
            }
        }
        delta++;
        n++;
    }
    return out;
}

/* each label of a domain (or of an e-mail address's domain part) */
function mapDomain(domain, fn) {
    domain = String(domain);
    var at = domain.lastIndexOf('@'), local = '';
    if (at >= 0) {
        local = domain.slice(0, at + 1);
        domain = domain.slice(at + 1);
    }
    return local + domain.replace(SEPARATORS, '.').split('.').map(fn).join('.');
}

function toASCII(domain) {
    return mapDomain(domain, function (label) {
        return /[^\0-\x7F]/.test(label) ? 'xn--' + encode(label) : label;
    });
}
function toUnicode(domain) {
    return mapDomain(domain, function (label) {
        return /^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label;
    });
}

var punycode = {
    version: '2.1.0',
    ucs2: { decode: ucs2decode, encode: ucs2encode },
    decode: decode,
    encode: encode,
    toASCII: toASCII,
    toUnicode: toUnicode
};
rt.builtins.punycode = function () { return punycode; };
