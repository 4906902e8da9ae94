/* node.js - the Node built-ins that have no file of their own: the
 * modules `buffer`, `url`, `querystring`, `util`, `events`, `assert`,
 * `string_decoder`, `fs` and `fs/promises` (registered in rt.builtins, made
 * on first require in a request), and the globals URL, URLSearchParams,
 * atob, btoa, structuredClone, Event, EventTarget, AbortController and
 * AbortSignal.  Behaviour and errors follow Node 20; t/36-node-diff.t
 * compares them with node's own answers.
 *
 * Everything here is evaluated once per worker and shared (put back after
 * each request by harden.js);
 * per-request state lives only in the objects a request creates.
 *
 * Needs: rt.nodeError, rt.argTypeError, rt.received, rt.domException
 *   (buffer.js); rt.inspect (console.js); rt.builtins (module.js);
 *   rt.exposed (timers.js).  When called: rt.bufferModule,
 *   rt.bytesFromString, rt.decodeBytes, rt.utf8Encode, rt.utf8Decode
 *   (buffer.js); rt.format (console.js); rt.cwd (module.js);
 *   rt.isPromise (promise.js); rt.outOfRange (crypto.js);
 *   rt.onUncaughtException (dispatch.js, front-exec.js: per request);
 *   rt.execConsole (front-exec.js: per run);
 *   rt.seq (dispatch.js: per request); rt.emitWarning (dispatch.js);
 *   rt.AbortError (async.js); rt.typeOf, rt.isBigTypedArray (bigint.js);
 *   rt.isNamespace (front-rt.js); sys.now, sys.stat, sys.readFile,
 *   sys.readdir.
 * Provides: rt.EventEmitter, rt.builtins.buffer, rt.builtins.url,
 *   rt.builtins.querystring, rt.builtins.events, rt.builtins.assert,
 *   rt.builtins.string_decoder, rt.builtins.util, rt.builtins.fs,
 *   rt.builtins.diagnostics_channel, rt.builtins.console (and
 *   assert/strict, fs/promises, util/types); the globals URL, URLSearchParams, atob,
 *   btoa, structuredClone, Event, CustomEvent, EventTarget,
 *   AbortController, AbortSignal; rt.inspect.colors and
 *   rt.inspect.styles (util.inspect's).
 *
 * Runs as the body of function (sys, rt); ES5 only (no Map, no Symbol
 * iteration: the standard library may add those later, this file does not
 * rely on them).
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;
var nodeError = rt.nodeError, argType = rt.argTypeError, received = rt.received;

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

var domException = rt.domException;

/* --- atob / btoa: forgiving base64 as the HTML spec defines it --- */

function btoa(s) {
    if (arguments.length === 0)
        throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "data" argument must be specified');
    s = String(s);
    for (var i = 0; i < s.length; i++)
        if (s.charCodeAt(i) > 255)
            throw domException('InvalidCharacterError', 5, 'Invalid character');
    return rt.decodeBytes(rt.bytesFromString(s, 'latin1'), 'base64', 0, s.length);
}

function atob(s) {
    if (arguments.length === 0)
        throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "data" argument must be specified');
    s = String(s).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (s.length % 4 === 1 || /[^A-Za-z0-9+\/]/.test(s))
        throw domException('InvalidCharacterError', 5, 'The string to be decoded is not correctly encoded.');
    var b = rt.bytesFromString(s, 'base64');
    return rt.decodeBytes(b, 'latin1', 0, b.length);
}

/* --- structuredClone --- */

function cloneError(v) {
    return domException('DataCloneError', 25, String(v) + ' could not be cloned.');
}

function clone(v, seen) {
    if (v === null || typeof v !== 'object') {
        if (typeof v === 'function' || typeof v === 'symbol') throw cloneError(v);
        return v;
    }
    for (var s = 0; s < seen.length; s++)
        if (seen[s][0] === v) return seen[s][1];
    var out, i, keys;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags !== undefined ? v.flags :
        (v.global ? 'g' : '') + (v.ignoreCase ? 'i' : '') + (v.multiline ? 'm' : ''));
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
        var C = v instanceof Buffer ? Uint8Array : Object.getPrototypeOf(v).constructor;
        out = v instanceof DataView ? new DataView(v.buffer.slice(0), v.byteOffset, v.byteLength) :
              new C(new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice ?
                    v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) :
                    v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
    } else if (v instanceof Error) {
        var E = { EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError,
                  SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError }[v.name] || Error;
        out = new E(v.message);
        if (v.stack !== undefined) def(out, 'stack', v.stack);
    } else if (typeof Map === 'function' && v instanceof Map) {
        out = new Map();
        seen.push([v, out]);
        v.forEach(function (val, k) { out.set(clone(k, seen), clone(val, seen)); });
        return out;
    } else if (typeof Set === 'function' && v instanceof Set) {
        out = new Set();
        seen.push([v, out]);
        v.forEach(function (val) { out.add(clone(val, seen)); });
        return out;
    } else if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.push([v, out]);
        keys = Object.keys(v);
        for (i = 0; i < keys.length; i++) out[keys[i]] = clone(v[keys[i]], seen);
        return out;
    } else {
        if (rt.isPromise && rt.isPromise(v)) throw cloneError('#<Promise>');
        out = {};
        seen.push([v, out]);
        keys = Object.keys(v);
        for (i = 0; i < keys.length; i++) out[keys[i]] = clone(v[keys[i]], seen);
        return out;
    }
    seen.push([v, out]);
    return out;
}

function structuredClone(v) {
    if (arguments.length === 0)
        throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "value" argument must be specified');
    return clone(v, []);
}

/* --- querystring --- */

function qsEscape(s) {
    return encodeURIComponent(s).replace(/[!'()*]/g, function (c) {
        return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
}

/* decodeURIComponent that keeps malformed escapes as they are. */
function qsUnescape(s) {
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s.replace(/(%[0-9a-fA-F]{2})+/g, function (m) {
            try { return decodeURIComponent(m); } catch (e2) { return m; }
        });
    }
}

function qsPrimitive(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return '';
}

var querystring = {
    escape: qsEscape,
    unescape: function (s) { return qsUnescape(String(s)); },
    stringify: function (obj, sep, eq, opts) {
        sep = sep || '&';
        eq = eq || '=';
        var enc = opts && typeof opts.encodeURIComponent === 'function' ? opts.encodeURIComponent : qsEscape;
        if (obj === null || typeof obj !== 'object') return '';
        var out = [], keys = Object.keys(obj);
        for (var i = 0; i < keys.length; i++) {
            var k = enc(qsPrimitive(keys[i])) + eq, v = obj[keys[i]];
            if (Array.isArray(v)) {
                for (var j = 0; j < v.length; j++) out.push(k + enc(qsPrimitive(v[j])));
            } else {
                out.push(k + enc(qsPrimitive(v)));
            }
        }
        return out.join(sep);
    },
    parse: function (s, sep, eq, opts) {
        var out = Object.create(null);
        sep = sep || '&';
        eq = eq || '=';
        var max = opts && typeof opts.maxKeys === 'number' ? opts.maxKeys : 1000;
        var dec = opts && typeof opts.decodeURIComponent === 'function' ? opts.decodeURIComponent : qsUnescape;
        if (typeof s !== 'string' || s.length === 0) return out;
        var parts = s.split(sep);
        if (max > 0 && parts.length > max) parts = parts.slice(0, max);
        for (var i = 0; i < parts.length; i++) {
            var p = parts[i];
            if (!p && parts.length > 1) continue;
            var at = p.indexOf(eq);
            var k = dec((at >= 0 ? p.slice(0, at) : p).replace(/\+/g, ' '));
            var v = at >= 0 ? dec(p.slice(at + eq.length).replace(/\+/g, ' ')) : '';
            if (!hasOwn.call(out, k)) out[k] = v;
            else if (Array.isArray(out[k])) out[k].push(v);
            else out[k] = [out[k], v];
        }
        return out;
    }
};
querystring.encode = querystring.stringify;
querystring.decode = querystring.parse;

/* --- URLSearchParams (WHATWG application/x-www-form-urlencoded) --- */

function formEncode(s) {
    var b = rt.utf8Encode(String(s)), out = '';
    for (var i = 0; i < b.length; i++) {
        var c = b[i];
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
            c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f)
            out += String.fromCharCode(c);
        else if (c === 0x20) out += '+';
        else out += '%' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase();
    }
    return out;
}

/* Percent-decoding on bytes: bad escapes stay, bytes become UTF-8 text. */
function percentDecode(s) {
    if (s.indexOf('%') < 0) return s;
    var bytes = rt.utf8Encode(s), out = new Uint8Array(bytes.length), n = 0;
    for (var i = 0; i < bytes.length; i++) {
        var c = bytes[i];
        if (c === 0x25 && i + 2 < bytes.length + 0 && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(bytes[i + 1], bytes[i + 2]))) {
            out[n++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
            i += 2;
        } else out[n++] = c;
    }
    return rt.utf8Decode(out.subarray(0, n));
}

function parseForm(s) {
    var list = [];
    if (s.charAt(0) === '?') s = s.slice(1);
    var parts = s.split('&');
    for (var i = 0; i < parts.length; i++) {
        if (!parts[i]) continue;
        var at = parts[i].indexOf('=');
        var k = at >= 0 ? parts[i].slice(0, at) : parts[i], v = at >= 0 ? parts[i].slice(at + 1) : '';
        list.push([percentDecode(k.replace(/\+/g, ' ')), percentDecode(v.replace(/\+/g, ' '))]);
    }
    return list;
}

function toUSVString(v) {
    return String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m) {
        return m.length === 2 ? m.charAt(0) + '\ufffd' : '\ufffd';
    });
}

function URLSearchParams(init) {
    if (!(this instanceof URLSearchParams))
        throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
    this._list = [];
    this._url = null;
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
        if (!Array.isArray(init) && !(init instanceof URLSearchParams) && typeof Symbol === 'function' &&
            Symbol.iterator && typeof init[Symbol.iterator] === 'function') {
            var pairs = [], it = init[Symbol.iterator](), step;
            while (!(step = it.next()).done) pairs.push(step.value);
            init = pairs;
        }
        if (init instanceof URLSearchParams) {
            this._list = init._list.map(function (p) { return [p[0], p[1]]; });
        } else if (Array.isArray(init)) {
            for (var i = 0; i < init.length; i++) {
                var pair = init[i];
                if (!pair || typeof pair !== 'object' || pair.length !== 2)
                    throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
                this._list.push([toUSVString(pair[0]), toUSVString(pair[1])]);
            }
        } else {
            var keys = Object.keys(init);
            for (var k = 0; k < keys.length; k++) this._list.push([toUSVString(keys[k]), toUSVString(init[keys[k]])]);
        }
    } else {
        this._list = parseForm(toUSVString(init));
    }
}

function usp(name, fn) {
    def(URLSearchParams.prototype, name, fn);
}

function touched(p) {
    if (p._url) {
        var q = p.toString();
        p._url._query = q ? '?' + q : '';
    }
}

usp('append', function (k, v) {
    if (arguments.length < 2)
        throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "name" and "value" arguments must be specified');
    this._list.push([toUSVString(k), toUSVString(v)]);
    touched(this);
});
usp('delete', function (k) {
    k = toUSVString(k);
    this._list = this._list.filter(function (p) { return p[0] !== k; });
    touched(this);
});
usp('get', function (k) {
    k = toUSVString(k);
    for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === k) return this._list[i][1];
    return null;
});
usp('getAll', function (k) {
    k = toUSVString(k);
    return this._list.filter(function (p) { return p[0] === k; }).map(function (p) { return p[1]; });
});
usp('has', function (k) {
    k = toUSVString(k);
    for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === k) return true;
    return false;
});
usp('set', function (k, v) {
    k = toUSVString(k);
    v = toUSVString(v);
    var out = [], done = false;
    for (var i = 0; i < this._list.length; i++) {
        if (this._list[i][0] !== k) out.push(this._list[i]);
        else if (!done) { out.push([k, v]); done = true; }
    }
    if (!done) out.push([k, v]);
    this._list = out;
    touched(this);
});
usp('sort', function () {
    /* stable, by UTF-16 code units */
    var l = this._list.map(function (p, i) { return [p, i]; });
    l.sort(function (a, b) { return a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]; });
    this._list = l.map(function (x) { return x[0]; });
    touched(this);
});
usp('forEach', function (fn, thisArg) {
    if (typeof fn !== 'function') throw argType('callback', 'of type function', fn);
    for (var i = 0; i < this._list.length; i++) fn.call(thisArg, this._list[i][1], this._list[i][0], this);
});
/* keys/values/entries are iterators in Node; over an array's iterator when
 * the standard library provides Symbol.iterator, else the array itself. */
function iter(list) {
    return typeof Symbol === 'function' && Symbol.iterator && typeof list[Symbol.iterator] === 'function' ?
        list[Symbol.iterator]() : list;
}
usp('keys', function () { return iter(this._list.map(function (p) { return p[0]; })); });
usp('values', function () { return iter(this._list.map(function (p) { return p[1]; })); });
usp('entries', function () { return iter(this._list.map(function (p) { return [p[0], p[1]]; })); });
if (typeof Symbol === 'function' && Symbol.iterator)
    def(URLSearchParams.prototype, Symbol.iterator, URLSearchParams.prototype.entries);
usp('toString', function () {
    return this._list.map(function (p) { return formEncode(p[0]) + '=' + formEncode(p[1]); }).join('&');
});
Object.defineProperty(URLSearchParams.prototype, 'size', {
    get: function () { return this._list.length; }, configurable: true
});

/* --- URL (WHATWG), for the special schemes and opaque ones like mailto: --- */

var SPECIAL = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21, 'file:': null };

function invalidUrl(input) {
    var e = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    return e;
}

/* Percent-encodes the code points a URL component may not hold raw. */
function encodeSet(s, extra) {
    var out = '';
    for (var i = 0; i < s.length; i++) {
        var c = s.charAt(i), code = s.charCodeAt(i);
        if (code < 0x21 || code > 0x7e || extra.indexOf(c) >= 0) {
            var ch = c;
            if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) ch += s.charAt(++i);
            var b = rt.utf8Encode(ch);
            for (var j = 0; j < b.length; j++) out += '%' + (b[j] < 16 ? '0' : '') + b[j].toString(16).toUpperCase();
        } else out += c;
    }
    return out;
}

var PATH_SET = '"#<>?`{}', USER_SET = '"#<>?`{}/:;=@[\\]^|', QUERY_SET = '"#<>', SPECIAL_QUERY_SET = '"#<>\'', FRAG_SET = '"<>`';

function normalizePath(segments, special) {
    var out = [];
    for (var i = 0; i < segments.length; i++) {
        var s = segments[i], low = s.toLowerCase();
        var dot = s === '.' || low === '%2e', dots = s === '..' || low === '.%2e' || low === '%2e.' || low === '%2e%2e';
        if (dots) {
            if (out.length) out.pop();
            if (i === segments.length - 1) out.push('');
        } else if (dot) {
            if (i === segments.length - 1) out.push('');
        } else {
            out.push(encodeSet(s, PATH_SET));
        }
    }
    return '/' + out.join('/');
}

function parseHost(h, special) {
    if (h.charAt(0) === '[') {
        if (h.charAt(h.length - 1) !== ']' || !/^\[[0-9a-fA-F:.]+\]$/.test(h)) return null;
        return h.toLowerCase();
    }
    if (!special) return encodeSet(h, '');
    h = percentDecode(h).toLowerCase();
    if (h === '' || /[\x00-\x20#%\/:<>?@\[\\\]^|]/.test(h)) return null;
    if (/[^\x00-\x7f]/.test(h)) return null;   /* no IDNA here */
    /* IPv4 in its dotted forms */
    if (/^[0-9.]+$/.test(h) && /\d$/.test(h.replace(/\.$/, ''))) {
        var parts = h.replace(/\.$/, '').split('.');
        if (parts.length > 4) return null;
        var n = 0;
        for (var i = 0; i < parts.length; i++) {
            var v = parseInt(parts[i], 10);
            if (isNaN(v) || (i < parts.length - 1 && v > 255)) return null;
            if (i === parts.length - 1) {
                if (v >= Math.pow(256, 5 - parts.length)) return null;
                n = n * Math.pow(256, 5 - parts.length) + v;
            } else n = n * 256 + v;
        }
        return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    }
    return h;
}

function parseURL(input, base) {
    var s = String(input).replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
    var u = { protocol: '', username: '', password: '', hostname: '', port: '', pathname: '', _query: '', _hash: '', opaque: false };
    var m = /^([a-zA-Z][a-zA-Z0-9+.\-]*):/.exec(s), rest;
    if (m) {
        u.protocol = m[1].toLowerCase() + ':';
        rest = s.slice(m[0].length);
    } else {
        if (!base) return null;
        u.protocol = base.protocol;
        rest = s;
        if (base.opaque) {
            if (rest.charAt(0) !== '#') return null;
            copyUrl(u, base, true);
            u._hash = encodeSet(rest.slice(1), FRAG_SET) ? '#' + encodeSet(rest.slice(1), FRAG_SET) : '';
            return u;
        }
    }
    var special = hasOwn.call(SPECIAL, u.protocol);
    var hashAt = rest.indexOf('#');
    if (hashAt >= 0) {
        var frag = rest.slice(hashAt + 1);
        u._hash = frag ? '#' + encodeSet(frag, FRAG_SET) : '';
        rest = rest.slice(0, hashAt);
    }
    var qAt = rest.indexOf('?'), query = null;
    if (qAt >= 0) {
        query = rest.slice(qAt + 1);
        rest = rest.slice(0, qAt);
    }
    if (special) rest = rest.replace(/\\/g, '/');
    var relative = !m || (special && base && base.protocol === u.protocol && rest.charAt(0) !== '/');
    if (m && special && base && base.protocol === u.protocol && rest.charAt(0) !== '/') relative = true;
    else if (m) relative = false;
    if (!relative && (rest.slice(0, 2) === '//' || (special && u.protocol !== 'file:'))) {
        rest = u.protocol === 'file:' || !special ? rest.slice(2) : rest.replace(/^\/*/, '');
        var slash = rest.indexOf('/');
        var auth = slash >= 0 ? rest.slice(0, slash) : rest;
        rest = slash >= 0 ? rest.slice(slash) : '';
        if (!setAuthority(u, auth, special)) return null;
        if (special && u.hostname === '' && u.protocol !== 'file:') return null;
        u.pathname = special ? normalizePath(rest.slice(1).split('/'), true) : rest === '' ? '' : normalizePath(rest.slice(1).split('/'), false);
    } else if (!relative) {
        if (special) {
            u.pathname = normalizePath(rest.replace(/^\/+/, '').split('/'), true);
        } else if (rest.charAt(0) === '/') {
            u.pathname = normalizePath(rest.slice(1).split('/'), false);
        } else {
            u.opaque = true;
            u.pathname = encodeSet(rest, '').replace(/%20/g, ' ');
            u.pathname = rest.replace(/[\x00-\x1f\x7f-\uffff]/g, function (c) { return encodeSet(c, ''); });
        }
    } else {
        /* relative to base */
        if (rest.slice(0, 2) === '//') return parseURL(u.protocol + s, null);
        copyUrl(u, base, false);
        if (rest === '') {
            u.pathname = base.pathname;
            if (query === null) query = base._query ? base._query.slice(1) : null;
        } else if (rest.charAt(0) === '/') {
            u.pathname = normalizePath(rest.slice(1).split('/'), special);
        } else {
            var dir = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
            u.pathname = normalizePath((dir + rest).slice(1).split('/'), special);
        }
    }
    if (query !== null)
        u._query = query === '' ? '' : '?' + encodeSet(query, special ? SPECIAL_QUERY_SET : QUERY_SET);
    return u;
}

function copyUrl(u, base, all) {
    u.protocol = base.protocol;
    u.username = base.username;
    u.password = base.password;
    u.hostname = base.hostname;
    u.port = base.port;
    u.opaque = base.opaque;
    if (all) {
        u.pathname = base.pathname;
        u._query = base._query;
    }
}

function setAuthority(u, auth, special) {
    var at = auth.lastIndexOf('@');
    if (at >= 0) {
        var cred = auth.slice(0, at), colon = cred.indexOf(':');
        u.username = encodeSet(colon >= 0 ? cred.slice(0, colon) : cred, USER_SET);
        u.password = colon >= 0 ? encodeSet(cred.slice(colon + 1), USER_SET) : '';
        auth = auth.slice(at + 1);
    }
    var pm = /:(\d*)$/.exec(auth);
    var host = auth;
    if (pm && (auth.charAt(0) !== '[' || auth.lastIndexOf(']') < pm.index)) {
        host = auth.slice(0, pm.index);
        if (pm[1] !== '') {
            var port = parseInt(pm[1], 10);
            if (port > 65535) return false;
            u.port = SPECIAL[u.protocol] === port ? '' : String(port);
        }
    } else if (/:/.test(auth) && auth.charAt(0) !== '[') {
        return false;
    }
    var h = host === '' && u.protocol === 'file:' ? '' : parseHost(host, special);
    if (h === null) return false;
    u.hostname = h;
    return true;
}

function URL(input, base) {
    if (!(this instanceof URL))
        throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    if (arguments.length === 0)
        throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "url" argument must be specified');
    var b = null;
    if (base !== undefined) {
        b = base instanceof URL ? base._u : parseURL(String(base), null);
        if (!b) throw invalidUrl(String(base));
    }
    var u = parseURL(String(input), b);
    if (!u) throw invalidUrl(String(input));
    this._u = u;
    this._params = new URLSearchParams(u._query);
    this._params._url = u;
}

function urlAccessor(name, get, set) {
    Object.defineProperty(URL.prototype, name, { get: get, set: set, enumerable: true, configurable: true });
}

function serialize(u) {
    var auth = u.username || u.password ? u.username + (u.password ? ':' + u.password : '') + '@' : '';
    var host = u.hostname + (u.port ? ':' + u.port : '');
    var slashes = hasOwn.call(SPECIAL, u.protocol) || (!u.opaque && (host || auth || u.hostname === '' && u.pathname.slice(0, 2) === '//')) ? '//' : '';
    if (!hasOwn.call(SPECIAL, u.protocol) && !u.opaque && !host && !auth && u.pathname.slice(0, 2) !== '//') slashes = '';
    return u.protocol + slashes + auth + host + u.pathname + u._query + u._hash;
}

urlAccessor('href', function () { return serialize(this._u); }, function (v) {
    var u = parseURL(String(v), null);
    if (!u) throw invalidUrl(String(v));
    this._u = u;
    this._params._list = parseForm(u._query);
    this._params._url = u;
});
urlAccessor('origin', function () {
    var u = this._u;
    if (!hasOwn.call(SPECIAL, u.protocol) || u.protocol === 'file:') return 'null';
    return u.protocol + '//' + u.hostname + (u.port ? ':' + u.port : '');
});
urlAccessor('protocol', function () { return this._u.protocol; }, function (v) {
    var p = String(v).replace(/:.*$/, '').toLowerCase();
    if (/^[a-z][a-z0-9+.\-]*$/.test(p) && hasOwn.call(SPECIAL, p + ':') === hasOwn.call(SPECIAL, this._u.protocol)) {
        this._u.protocol = p + ':';
        if (SPECIAL[this._u.protocol] === +this._u.port) this._u.port = '';
    }
});
urlAccessor('username', function () { return this._u.username; }, function (v) { if (this._u.hostname) this._u.username = encodeSet(String(v), USER_SET); });
urlAccessor('password', function () { return this._u.password; }, function (v) { if (this._u.hostname) this._u.password = encodeSet(String(v), USER_SET); });
urlAccessor('host', function () { return this._u.hostname + (this._u.port ? ':' + this._u.port : ''); }, function (v) {
    if (this._u.opaque) return;
    var tmp = { protocol: this._u.protocol, port: '' };
    if (setAuthority(tmp, String(v), hasOwn.call(SPECIAL, this._u.protocol))) {
        this._u.hostname = tmp.hostname;
        this._u.port = tmp.port;
    }
});
urlAccessor('hostname', function () { return this._u.hostname; }, function (v) {
    if (this._u.opaque) return;
    var h = parseHost(String(v), hasOwn.call(SPECIAL, this._u.protocol));
    if (h !== null) this._u.hostname = h;
});
urlAccessor('port', function () { return this._u.port; }, function (v) {
    if (!this._u.hostname || this._u.protocol === 'file:') return;
    var m = /^\d*/.exec(String(v))[0];
    if (String(v) === '') this._u.port = '';
    else if (m !== '' && +m <= 65535) this._u.port = SPECIAL[this._u.protocol] === +m ? '' : String(+m);
});
urlAccessor('pathname', function () { return this._u.pathname; }, function (v) {
    if (this._u.opaque) return;
    var s = String(v), special = hasOwn.call(SPECIAL, this._u.protocol);
    if (special) s = s.replace(/\\/g, '/');
    this._u.pathname = normalizePath(s.replace(/^\//, '').split('/'), special);
});
urlAccessor('search', function () { return this._u._query.length > 1 ? this._u._query : ''; }, function (v) {
    var s = String(v).replace(/^\?/, '');
    this._u._query = s ? '?' + encodeSet(s, hasOwn.call(SPECIAL, this._u.protocol) ? SPECIAL_QUERY_SET : QUERY_SET) : '';
    this._params._list = parseForm(s);
});
urlAccessor('searchParams', function () { return this._params; });
urlAccessor('hash', function () { return this._u._hash.length > 1 ? this._u._hash : ''; }, function (v) {
    var s = String(v).replace(/^#/, '');
    this._u._hash = s ? '#' + encodeSet(s, FRAG_SET) : '';
});
def(URL.prototype, 'toString', function () { return this.href; });
def(URL.prototype, 'toJSON', function () { return this.href; });
def(URL, 'canParse', function (input, base) {
    try { new URL(input, base); return true; } catch (e) { return false; }
});

/* --- the legacy url API (url.parse / url.format), on top of URL --- */

function Url() {
    this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
    this.hostname = null; this.hash = null; this.search = null; this.query = null; this.pathname = null;
    this.path = null; this.href = null;
}

function urlParse(s, parseQuery) {
    if (typeof s !== 'string') throw argType('url', 'of type string', s);
    var out = new Url(), rest = s.trim();
    var m = /^([a-zA-Z][a-zA-Z0-9+.\-]*:)/.exec(rest);
    if (m) {
        out.protocol = m[1].toLowerCase();
        rest = rest.slice(m[1].length);
    }
    var h = rest.indexOf('#');
    if (h >= 0) { out.hash = rest.slice(h); rest = rest.slice(0, h); }
    var q = rest.indexOf('?');
    if (q >= 0) { out.search = rest.slice(q); out.query = rest.slice(q + 1); rest = rest.slice(0, q); }
    else if (parseQuery) { out.search = ''; out.query = {}; }
    if (rest.slice(0, 2) === '//') {
        out.slashes = true;
        rest = rest.slice(2);
        var sl = rest.indexOf('/'), auth = sl >= 0 ? rest.slice(0, sl) : rest;
        rest = sl >= 0 ? rest.slice(sl) : '';
        var at = auth.lastIndexOf('@');
        if (at >= 0) { out.auth = decodeURIComponent(auth.slice(0, at)); auth = auth.slice(at + 1); }
        out.host = auth.toLowerCase();
        var pm = /:(\d*)$/.exec(out.host);
        out.hostname = pm ? out.host.slice(0, pm.index) : out.host;
        if (pm && pm[1]) out.port = pm[1];
        if (!rest && out.protocol && hasOwn.call(SPECIAL, out.protocol)) rest = '/';
    }
    out.pathname = rest || (out.slashes ? '/' : null);
    if (parseQuery && typeof out.query === 'string') out.query = querystring.parse(out.query);
    out.path = (out.pathname || '') + (out.search || '') || null;
    out.href = urlFormat(out);
    return out;
}

function urlFormat(o) {
    if (typeof o === 'string') o = urlParse(o);
    if (o instanceof URL) return o.href;
    if (o === null || typeof o !== 'object') throw argType('urlObject', 'one of type object or string', o);
    var protocol = o.protocol || '';
    if (protocol && protocol.slice(-1) !== ':') protocol += ':';
    var auth = o.auth ? encodeURIComponent(o.auth).replace(/%3A/i, ':') + '@' : '';
    var host = o.host ? auth + o.host : o.hostname ? auth + (o.hostname.indexOf(':') >= 0 ? '[' + o.hostname + ']' : o.hostname) +
               (o.port ? ':' + o.port : '') : '';
    var pathname = o.pathname || '';
    var search = o.search || (o.query && typeof o.query === 'object' && Object.keys(o.query).length ?
                              '?' + querystring.stringify(o.query) : '');
    if (search && search.charAt(0) !== '?') search = '?' + search;
    var hash = o.hash || '';
    if (hash && hash.charAt(0) !== '#') hash = '#' + hash;
    if (o.slashes || hasOwn.call(SPECIAL, protocol) || (host && !protocol)) {
        host = '//' + host;
        if (pathname && pathname.charAt(0) !== '/') pathname = '/' + pathname;
    }
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace('#', '%23');
    return protocol + host + pathname + search + hash;
}

var urlModule = {
    URL: URL,
    URLSearchParams: URLSearchParams,
    parse: urlParse,
    format: function (o, opts) {
        if (o instanceof URL) {
            var u = new URL(o.href);
            if (opts && opts.fragment === false) u.hash = '';
            if (opts && opts.search === false) u.search = '';
            if (opts && opts.auth === false) { u.username = ''; u.password = ''; }
            return u.href;
        }
        return urlFormat(o);
    },
    resolve: function (from, to) {
        return new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, from.charAt(0) === '/' ? '/' : '');
    },
    fileURLToPath: function (p) {
        var u = typeof p === 'string' ? new URL(p) : p;
        if (!(u instanceof URL)) throw argType('path', 'of type string or an instance of URL', p);
        if (u.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
        if (u.hostname !== '') throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
        if (/%2f/i.test(u.pathname)) throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
        return percentDecode(u.pathname);
    },
    pathToFileURL: function (p) {
        var abs = rt.builtins.path().resolve(p);
        if (p.slice(-1) === '/' && abs !== '/') abs += '/';
        return new URL('file://' + encodeSet(abs, '"#<>?`{}%').replace(/%(?![0-9A-F]{2})/g, '%25'));
    },
    domainToASCII: function (d) { var h = parseHost(String(d), true); return h === null ? '' : h; },
    domainToUnicode: function (d) { return String(d).toLowerCase(); }
};

/* --- events --- */

function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
}

EventEmitter.init = function () {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
        this._events = Object.create(null);
        this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
};

var defaultMaxListeners = 10;
Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    get: function () { return defaultMaxListeners; },
    set: function (n) {
        if (typeof n !== 'number' || n < 0 || n !== n)
            throw rt.outOfRange('defaultMaxListeners', 'a non-negative number', n);
        defaultMaxListeners = n;
    },
    enumerable: true
});

function checkListener(fn) {
    if (typeof fn !== 'function') throw argType('listener', 'of type function', fn);
}

function eventsOf(e) {
    if (!e._events) {
        e._events = Object.create(null);
        e._eventsCount = 0;
    }
    return e._events;
}

function addListener(target, type, listener, prepend) {
    checkListener(listener);
    var events = eventsOf(target);
    if (events.newListener !== undefined)
        target.emit('newListener', type, listener.listener ? listener.listener : listener);
    var list = events[type];
    if (list === undefined) {
        events[type] = [listener];
        target._eventsCount++;
    } else if (prepend) list.unshift(listener);
    else list.push(listener);
    var max = target.getMaxListeners();
    list = events[type];
    if (max > 0 && list.length > max && !list.warned) {
        list.warned = true;
        var w = new Error('Possible EventEmitter memory leak detected. ' + list.length + ' ' + String(type) +
                          ' listeners added to ' + rt.inspect(target, { depth: -1 }) + '. MaxListeners is ' + max +
                          '. Use emitter.setMaxListeners() to increase limit');
        w.name = 'MaxListenersExceededWarning';
        w.emitter = target;
        w.type = type;
        w.count = list.length;
        rt.emitWarning(w);
    }
    return target;
}

function onceWrapper(target, type, listener) {
    var fired = false;
    function wrapped() {
        if (fired) return undefined;
        fired = true;
        target.removeListener(type, wrapped);
        return listener.apply(target, arguments);
    }
    wrapped.listener = listener;
    return wrapped;
}

var EP = EventEmitter.prototype;
EP.setMaxListeners = function (n) {
    if (typeof n !== 'number' || n < 0 || n !== n) throw rt.outOfRange('n', 'a non-negative number', n);
    this._maxListeners = n;
    return this;
};
EP.getMaxListeners = function () {
    return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
};
EP.emit = function (type) {
    /* strict, so that its arguments object is unmapped: a sloppy one and
     * the call's scope point at each other, and that cycle kept every
     * emitted value ('data' chunks) until the next mark-and-sweep, which
     * comes between requests: a stream of 50 MB held ~50 MB */
    'use strict';
    var events = eventsOf(this), args = Array.prototype.slice.call(arguments, 1);
    if (type === 'error' && events[ERROR_MONITOR] !== undefined) {
        var mon = events[ERROR_MONITOR].slice();
        for (var m = 0; m < mon.length; m++) mon[m].apply(this, args);
    }
    var list = events[type];
    if (type === 'error' && list === undefined) {
        var er = args[0];
        if (er instanceof Error) throw er;
        var err = nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + rt.inspect(er) + ')');
        err.context = er;
        throw err;
    }
    if (list === undefined) return false;
    list = list.slice();
    for (var i = 0; i < list.length; i++) list[i].apply(this, args);
    return true;
};
EP.addListener = EP.on = function (type, listener) { return addListener(this, type, listener, false); };
EP.prependListener = function (type, listener) { return addListener(this, type, listener, true); };
/* through this.on / this.prependListener, as Node's: a subclass that
 * overrides them (a stream's on('data') starts it flowing) sees once too */
EP.once = function (type, listener) {
    checkListener(listener);
    this.on(type, onceWrapper(this, type, listener));
    return this;
};
EP.prependOnceListener = function (type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrapper(this, type, listener));
    return this;
};
EP.removeListener = EP.off = function (type, listener) {
    checkListener(listener);
    var events = eventsOf(this), list = events[type];
    if (list === undefined) return this;
    for (var i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
            list.splice(i, 1);
            if (list.length === 0) {
                delete events[type];
                this._eventsCount--;
            }
            if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
            break;
        }
    }
    return this;
};
EP.removeAllListeners = function (type) {
    var events = eventsOf(this);
    if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
    } else if (events[type] !== undefined) {
        delete events[type];
        this._eventsCount--;
    }
    return this;
};
EP.listeners = function (type) {
    var list = eventsOf(this)[type];
    return list ? list.map(function (l) { return l.listener || l; }) : [];
};
EP.rawListeners = function (type) {
    var list = eventsOf(this)[type];
    return list ? list.slice() : [];
};
EP.listenerCount = function (type) {
    var list = eventsOf(this)[type];
    return list ? list.length : 0;
};
EP.eventNames = function () {
    return Object.keys(eventsOf(this));
};

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.listenerCount = function (e, type) { return e.listenerCount(type); };
/* events.once(emitter, name[, { signal }]): a promise of the arguments of
 * the next `name` event (an 'error' event rejects it); on an EventTarget,
 * of the event.  An aborted signal rejects with Node's AbortError. */
function checkSignal(options) {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object') throw argType('options', 'of type object', options);
    var signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal))
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
                        'The "options.signal" property must be an instance of AbortSignal. ' + received(signal));
    return signal;
}
function abortedError(signal) {
    return new rt.AbortError(undefined, { cause: signal.reason });
}
function isEventTarget(e) {
    return !!e && typeof e.addEventListener === 'function' && typeof e.on !== 'function';
}
EventEmitter.once = function (emitter, name, options) {
    var signal;
    try {
        signal = checkSignal(options);
    } catch (e) {
        return Promise.reject(e);
    }
    return new Promise(function (resolve, reject) {
        if (signal && signal.aborted) {
            reject(abortedError(signal));
            return;
        }
        function done() {
            if (signal) signal.removeEventListener('abort', onAbort);
        }
        function onAbort() {
            if (isEventTarget(emitter)) emitter.removeEventListener(name, onTargetEvent);
            else {
                emitter.removeListener(name, onEvent);
                emitter.removeListener('error', onError);
            }
            reject(abortedError(signal));
        }
        function onError(err) {
            emitter.removeListener(name, onEvent);
            done();
            reject(err);
        }
        function onEvent() {
            if (name !== 'error') emitter.removeListener('error', onError);
            done();
            resolve(Array.prototype.slice.call(arguments));
        }
        function onTargetEvent(ev) {
            done();
            resolve([ev]);
        }
        if (isEventTarget(emitter)) {
            emitter.addEventListener(name, onTargetEvent, { once: true });
        } else {
            emitter.once(name, onEvent);
            if (name !== 'error') emitter.once('error', onError);
        }
        if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
};

/* events.on(emitter, name[, { signal, close }]): an async iterator of the
 * arguments of every `name` event from now on, queued until read; an
 * 'error' event ends it by throwing, an event named in `close` by ending
 * it, return() (a for await's break) by removing its listeners. */
EventEmitter.on = function (emitter, name, options) {
    var signal = checkSignal(options);
    var closeOn = options && Array.isArray(options.close) ? options.close : [];
    if (signal && signal.aborted) throw abortedError(signal);
    var queue = [], waiting = [], error = null, finished = false;
    var target = isEventTarget(emitter);
    function listen(ev, fn) {
        if (target) emitter.addEventListener(ev, fn);
        else emitter.on(ev, fn);
    }
    function unlisten(ev, fn) {
        if (target) emitter.removeEventListener(ev, fn);
        else emitter.removeListener(ev, fn);
    }
    function onEvent() {
        var args = Array.prototype.slice.call(arguments);
        if (waiting.length) waiting.shift().resolve({ value: args, done: false });
        else queue.push(args);
    }
    function onError(err) {
        if (waiting.length) waiting.shift().reject(err);
        else error = err;
        closeAll();
    }
    function onClose() {
        closeAll();
    }
    function onAbort() {
        onError(abortedError(signal));
    }
    function closeAll() {
        if (finished) return;
        finished = true;
        unlisten(name, onEvent);
        if (name !== 'error' && !target) unlisten('error', onError);
        for (var i = 0; i < closeOn.length; i++) unlisten(closeOn[i], onClose);
        if (signal) signal.removeEventListener('abort', onAbort);
        while (waiting.length) waiting.shift().resolve({ value: undefined, done: true });
    }
    listen(name, onEvent);
    if (name !== 'error' && !target) listen('error', onError);
    for (var i = 0; i < closeOn.length; i++) listen(closeOn[i], onClose);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    var it = {
        next: function () {
            if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
            if (error) {
                var e = error;
                error = null;
                return Promise.reject(e);
            }
            if (finished) return Promise.resolve({ value: undefined, done: true });
            return new Promise(function (resolve, reject) { waiting.push({ resolve: resolve, reject: reject }); });
        },
        'return': function () {
            closeAll();
            queue.length = 0;
            return Promise.resolve({ value: undefined, done: true });
        },
        'throw': function (err) {
            if (!(err instanceof Error))
                return Promise.reject(argType('EventEmitter.AsyncIterator', 'an instance of Error', err));
            onError(err);
            return Promise.resolve({ value: undefined, done: true });
        }
    };
    it[Symbol.asyncIterator] = function () { return this; };
    return it;
};
/* a symbol, as Node's: its listeners see an 'error' before the ones that
 * handle it, and do not count as handling it */
var ERROR_MONITOR = Symbol('events.errorMonitor');
EventEmitter.errorMonitor = ERROR_MONITOR;
rt.EventEmitter = EventEmitter;

/* Symbol.dispose and Symbol.asyncDispose, as Node 20 defines them where the
 * engine has none (events.addAbortListener's result is disposable). */
if (typeof Symbol === 'function' && Symbol.dispose === undefined) {
    def(Symbol, 'dispose', Symbol['for']('nodejs.dispose'));
    def(Symbol, 'asyncDispose', Symbol['for']('nodejs.asyncDispose'));
}

/* The rest of the events module's functions (Node 20's list); an
 * EventTarget keeps its limit under kMaxEventTargetListeners, which only
 * these read (it has no warning to give). */
var K_MAX_ET = Symbol('events.maxEventTargetListeners');
def(EventEmitter, 'kMaxEventTargetListeners', K_MAX_ET);
def(EventEmitter, 'kMaxEventTargetListenersWarned', Symbol('events.maxEventTargetListenersWarned'));
function emitterOrTarget(v, name) {
    if (v instanceof EventEmitter || (v && typeof v.on === 'function' && typeof v.listeners === 'function')) return 'emitter';
    if (v instanceof EventTarget || isEventTarget(v)) return 'target';
    throw argType(name, 'an instance of EventEmitter or EventTarget', v);
}
EventEmitter.getEventListeners = function (v, type) {
    if (emitterOrTarget(v, 'emitter') === 'emitter') return v.listeners(type);
    var list = v._listeners && v._listeners[type];
    return list ? list.map(function (l) { return l.fn; }) : [];
};
EventEmitter.getMaxListeners = function (v) {
    if (emitterOrTarget(v, 'emitter') === 'emitter') return v.getMaxListeners();
    return v[K_MAX_ET] === undefined ? defaultMaxListeners : v[K_MAX_ET];
};
EventEmitter.setMaxListeners = function (n) {
    if (n === undefined) n = defaultMaxListeners;
    if (typeof n !== 'number') throw argType('setMaxListeners', 'of type number', n);
    if (n < 0 || n !== n) throw rt.outOfRange('setMaxListeners', '>= 0', n);
    if (arguments.length <= 1) {
        EventEmitter.defaultMaxListeners = n;
        return;
    }
    for (var i = 1; i < arguments.length; i++) {
        var v = arguments[i];
        if (emitterOrTarget(v, 'eventTargets') === 'emitter') v.setMaxListeners(n);
        else def(v, K_MAX_ET, n);
    }
};
/* addAbortListener(signal, listener): listener once on abort (at once, as
 * a microtask, for a signal aborted already); the result's
 * [Symbol.dispose]() takes it off again. */
EventEmitter.addAbortListener = function (signal, listener) {
    if (!(signal instanceof AbortSignal)) throw argType('signal', 'an instance of AbortSignal', signal);
    if (typeof listener !== 'function') throw argType('listener', 'of type function', listener);
    var off;
    if (signal.aborted) {
        G.queueMicrotask(function () { listener(); });
        off = function () {};
    } else {
        signal.addEventListener('abort', listener, { once: true });
        off = function () { signal.removeEventListener('abort', listener); };
    }
    var d = {};
    d[Symbol.dispose] = off;
    return d;
};
EventEmitter.captureRejectionSymbol = Symbol['for']('nodejs.rejection');
EventEmitter.captureRejections = false;
EventEmitter.usingDomains = false;
/* An EventEmitter that is also an async resource: the runtime has no
 * async_hooks ids, so they are 0 and emitDestroy does nothing. */
function EventEmitterAsyncResource(options) {
    if (!(this instanceof EventEmitterAsyncResource))
        throw new TypeError("Class constructor EventEmitterAsyncResource cannot be invoked without 'new'");
    EventEmitter.call(this, options);
    def(this, '_asyncName', options && typeof options === 'object' && options.name !== undefined ? String(options.name) : 'EventEmitterAsyncResource');
}
EventEmitterAsyncResource.prototype = Object.create(EP);
def(EventEmitterAsyncResource.prototype, 'constructor', EventEmitterAsyncResource);
Object.setPrototypeOf(EventEmitterAsyncResource, EventEmitter);
Object.defineProperty(EventEmitterAsyncResource.prototype, 'asyncId', { get: function () { return 0; }, configurable: true });
Object.defineProperty(EventEmitterAsyncResource.prototype, 'triggerAsyncId', { get: function () { return 0; }, configurable: true });
Object.defineProperty(EventEmitterAsyncResource.prototype, 'asyncResource', { get: function () { return this; }, configurable: true });
def(EventEmitterAsyncResource.prototype, 'emitDestroy', function () {});
EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;

/* --- Event, EventTarget, AbortController --- */

function Event(type, init) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    init = init || {};
    this._type = String(type);
    this._bubbles = !!init.bubbles;
    this._cancelable = !!init.cancelable;
    this._composed = !!init.composed;
    this._canceled = false;
    this._target = null;
    this._stop = false;
    this._time = sys.now();
}
function evGet(name, fn) {
    Object.defineProperty(Event.prototype, name, { get: fn, enumerable: true, configurable: true });
}
evGet('type', function () { return this._type; });
evGet('bubbles', function () { return this._bubbles; });
evGet('cancelable', function () { return this._cancelable; });
evGet('composed', function () { return this._composed; });
evGet('defaultPrevented', function () { return this._cancelable && this._canceled; });
evGet('target', function () { return this._target; });
evGet('currentTarget', function () { return this._target; });
evGet('srcElement', function () { return this._target; });
evGet('timeStamp', function () { return this._time; });
evGet('isTrusted', function () { return false; });
evGet('eventPhase', function () { return this._target ? 2 : 0; });
evGet('returnValue', function () { return !this.defaultPrevented; });
def(Event.prototype, 'preventDefault', function () { this._canceled = true; });
def(Event.prototype, 'stopPropagation', function () {});
def(Event.prototype, 'stopImmediatePropagation', function () { this._stop = true; });
def(Event.prototype, 'composedPath', function () { return this._target ? [this._target] : []; });
Event.NONE = 0; Event.CAPTURING_PHASE = 1; Event.AT_TARGET = 2; Event.BUBBLING_PHASE = 3;

/* CustomEvent: an Event with a payload, as Node 20's global. */
function CustomEvent(type, init) {
    if (arguments.length === 0) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
    Event.call(this, type, init);
    this._detail = init && init.detail !== undefined ? init.detail : null;
}
CustomEvent.prototype = Object.create(Event.prototype);
def(CustomEvent.prototype, 'constructor', CustomEvent);
Object.defineProperty(CustomEvent.prototype, 'detail', {
    get: function () { return this._detail; }, enumerable: true, configurable: true
});

function EventTarget() {
    this._listeners = Object.create(null);
}
def(EventTarget.prototype, 'addEventListener', function (type, fn, opts) {
    if (fn === null || fn === undefined) return;
    if (!this._listeners) this._listeners = Object.create(null);
    var once = opts && typeof opts === 'object' && !!opts.once;
    var list = this._listeners[type] || (this._listeners[type] = []);
    for (var i = 0; i < list.length; i++) if (list[i].fn === fn) return;
    list.push({ fn: fn, once: once });
    if (opts && typeof opts === 'object' && opts.signal) {
        var self = this;
        opts.signal.addEventListener('abort', function () { self.removeEventListener(type, fn); });
    }
});
def(EventTarget.prototype, 'removeEventListener', function (type, fn) {
    var list = this._listeners && this._listeners[type];
    if (!list) return;
    for (var i = 0; i < list.length; i++) {
        if (list[i].fn === fn) {
            list[i].removed = true;
            list.splice(i, 1);
            return;
        }
    }
});
def(EventTarget.prototype, 'dispatchEvent', function (event) {
    if (!(event instanceof Event)) throw argType('event', 'an instance of Event', event);
    event._target = this;
    var handler = this['on' + event.type];
    var list = (this._listeners && this._listeners[event.type] || []).slice();
    if (typeof handler === 'function' && this instanceof AbortSignal) list.unshift({ fn: handler });
    for (var i = 0; i < list.length && !event._stop; i++) {
        var l = list[i];
        if (l.removed) continue;
        if (l.once) this.removeEventListener(event.type, l.fn);
        try {
            if (typeof l.fn === 'function') l.fn.call(this, event);
            else if (l.fn && typeof l.fn.handleEvent === 'function') l.fn.handleEvent(event);
        } catch (e) {
            if (rt.onUncaughtException) rt.onUncaughtException(e);
            else throw e;
        }
    }
    return !event.defaultPrevented;
});

function abortError(reason) {
    if (reason !== undefined) return reason;
    return domException('AbortError', 20, 'This operation was aborted');
}

function AbortSignal() {
    throw new TypeError('Illegal constructor');
}
AbortSignal.prototype = Object.create(EventTarget.prototype);
AbortSignal.prototype.constructor = AbortSignal;
function newSignal() {
    var s = Object.create(AbortSignal.prototype);
    EventTarget.call(s);
    s._aborted = false;
    s._reason = undefined;
    s.onabort = null;
    return s;
}
function signalAbort(s, reason) {
    if (s._aborted) return;
    s._aborted = true;
    s._reason = abortError(reason);
    s.dispatchEvent(new Event('abort'));
}
Object.defineProperty(AbortSignal.prototype, 'aborted', { get: function () { return this._aborted; }, enumerable: true, configurable: true });
Object.defineProperty(AbortSignal.prototype, 'reason', { get: function () { return this._reason; }, enumerable: true, configurable: true });
def(AbortSignal.prototype, 'throwIfAborted', function () { if (this._aborted) throw this._reason; });
def(AbortSignal, 'abort', function (reason) {
    var s = newSignal();
    signalAbort(s, reason);
    return s;
});
def(AbortSignal, 'timeout', function (ms) {
    var s = newSignal();
    /* unref'd, as Node's: the timer fires while something else keeps the
     * loop going (a fetch it guards), but never keeps it going alone */
    setTimeout(function () { signalAbort(s, domException('TimeoutError', 23, 'The operation was aborted due to timeout')); }, ms).unref();
    return s;
});
def(AbortSignal, 'any', function (signals) {
    var s = newSignal();
    for (var i = 0; i < signals.length; i++) {
        if (signals[i].aborted) { signalAbort(s, signals[i].reason); return s; }
    }
    signals.forEach(function (o) { o.addEventListener('abort', function () { signalAbort(s, o.reason); }); });
    return s;
});

function AbortController() {
    this._signal = newSignal();
}
Object.defineProperty(AbortController.prototype, 'signal', { get: function () { return this._signal; }, enumerable: true, configurable: true });
def(AbortController.prototype, 'abort', function (reason) { signalAbort(this._signal, reason); });

/* --- diagnostics_channel ---
 * Named channels a library publishes to and a program subscribes to
 * (lru-cache's metrics and tracing).  Subscriptions are state, so each
 * request's require gets a registry of its own; the classes are shared. */
var slice = Array.prototype.slice, defProp = Object.defineProperty;
function DcChannel(name) {
    defProp(this, 'name', { value: name, enumerable: true });
    defProp(this, '_subs', { value: [] });
    defProp(this, '_stores', { value: [] });
}
Object.defineProperty(DcChannel.prototype, 'hasSubscribers', {
    get: function () { return this._subs.length > 0 || this._stores.length > 0; }, configurable: true
});
function dcCheckFn(fn, name) {
    if (typeof fn !== 'function') throw argType(name, 'of type function', fn);
}
def(DcChannel.prototype, 'subscribe', function subscribe(fn) {
    dcCheckFn(fn, 'subscription');
    this._subs.push(fn);
});
def(DcChannel.prototype, 'unsubscribe', function unsubscribe(fn) {
    var i = this._subs.indexOf(fn);
    if (i < 0) return false;
    this._subs.splice(i, 1);
    return true;
});
/* a subscriber that throws does not stop the others: its error surfaces
 * as an uncaught exception on the next tick, as in Node */
def(DcChannel.prototype, 'publish', function publish(message) {
    var subs = this._subs.slice(), name = this.name;
    for (var i = 0; i < subs.length; i++) {
        try {
            subs[i](message, name);
        } catch (err) {
            G.process.nextTick(function () { throw err; });
        }
    }
});
def(DcChannel.prototype, 'bindStore', function bindStore(store, transform) {
    this.unbindStore(store);
    this._stores.push({ store: store, transform: transform });
});
def(DcChannel.prototype, 'unbindStore', function unbindStore(store) {
    for (var i = 0; i < this._stores.length; i++)
        if (this._stores[i].store === store) { this._stores.splice(i, 1); return true; }
    return false;
});
/* fn runs with each bound store entered (its value made from data by the
 * store's transform) and the message published inside them */
def(DcChannel.prototype, 'runStores', function runStores(data, fn, thisArg) {
    var self = this, args = slice.call(arguments, 3), stores = this._stores.slice();
    function enter(i) {
        if (i === stores.length) {
            self.publish(data);
            return fn.apply(thisArg, args);
        }
        var b = stores[i];
        return b.store.run(b.transform ? b.transform(data) : data, function () { return enter(i + 1); });
    }
    return enter(0);
});

var DC_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
function DcTracing(channels) {
    for (var i = 0; i < DC_EVENTS.length; i++) defProp(this, DC_EVENTS[i], { value: channels[DC_EVENTS[i]], enumerable: true });
}
Object.defineProperty(DcTracing.prototype, 'hasSubscribers', {
    get: function () {
        for (var i = 0; i < DC_EVENTS.length; i++) if (this[DC_EVENTS[i]].hasSubscribers) return true;
        return false;
    }, configurable: true
});
def(DcTracing.prototype, 'subscribe', function subscribe(handlers) {
    for (var i = 0; i < DC_EVENTS.length; i++) if (handlers[DC_EVENTS[i]]) this[DC_EVENTS[i]].subscribe(handlers[DC_EVENTS[i]]);
});
def(DcTracing.prototype, 'unsubscribe', function unsubscribe(handlers) {
    var all = true;
    for (var i = 0; i < DC_EVENTS.length; i++)
        if (handlers[DC_EVENTS[i]] && !this[DC_EVENTS[i]].unsubscribe(handlers[DC_EVENTS[i]])) all = false;
    return all;
});
/* body run with the start channel's stores, an error published on the
 * error channel, the end published however it ends */
function dcTraced(tc, context, body) {
    return tc.start.runStores(context, function () {
        try {
            return body();
        } catch (err) {
            context.error = err;
            tc.error.publish(context);
            throw err;
        } finally {
            tc.end.publish(context);
        }
    });
}
def(DcTracing.prototype, 'traceSync', function traceSync(fn, context, thisArg) {
    var args = slice.call(arguments, 3);
    context = context || {};
    return dcTraced(this, context, function () { return (context.result = fn.apply(thisArg, args)); });
});
def(DcTracing.prototype, 'tracePromise', function tracePromise(fn, context, thisArg) {
    var args = slice.call(arguments, 3), self = this;
    context = context || {};
    return dcTraced(this, context, function () {
        var p = fn.apply(thisArg, args);
        if (!p || typeof p.then !== 'function') p = Promise.resolve(p);
        return p.then(function (result) {
            context.result = result;
            self.asyncStart.publish(context);
            self.asyncEnd.publish(context);
            return result;
        }, function (err) {
            context.error = err;
            self.error.publish(context);
            self.asyncStart.publish(context);
            self.asyncEnd.publish(context);
            throw err;
        });
    });
});
def(DcTracing.prototype, 'traceCallback', function traceCallback(fn, position, context, thisArg) {
    var args = slice.call(arguments, 4), self = this;
    position = position === undefined ? -1 : position;
    var at = position < 0 ? args.length + position : position, cb = args[at];
    dcCheckFn(cb, 'callback');
    context = context || {};
    args[at] = function (err, res) {
        if (err) { context.error = err; self.error.publish(context); }
        else context.result = res;
        self.asyncStart.publish(context);
        try { return cb.apply(this, arguments); } finally { self.asyncEnd.publish(context); }
    };
    return dcTraced(this, context, function () { return fn.apply(thisArg, args); });
});

function diagnosticsModule() {
    var channels = Object.create(null);
    function channel(name) {
        if (typeof name !== 'string' && typeof name !== 'symbol')
            throw argType('channel', 'of type string or symbol', name);
        return channels[name] || (channels[name] = new DcChannel(name));
    }
    return {
        channel: channel,
        hasSubscribers: function hasSubscribers(name) { return channel(name).hasSubscribers; },
        subscribe: function subscribe(name, fn) { channel(name).subscribe(fn); },
        unsubscribe: function unsubscribe(name, fn) { return channel(name).unsubscribe(fn); },
        tracingChannel: function tracingChannel(nameOrChannels) {
            var set = {};
            for (var i = 0; i < DC_EVENTS.length; i++)
                set[DC_EVENTS[i]] = typeof nameOrChannels === 'string' ?
                    channel('tracing:' + nameOrChannels + ':' + DC_EVENTS[i]) : nameOrChannels[DC_EVENTS[i]];
            return new DcTracing(set);
        },
        Channel: DcChannel
    };
}

/* --- string_decoder --- */

function StringDecoder(enc) {
    var e = enc === undefined || enc === null ? 'utf8' : String(enc).toLowerCase();
    var map = { 'utf8': 'utf8', 'utf-8': 'utf8', 'hex': 'hex', 'base64': 'base64', 'base64url': 'base64url',
                'latin1': 'latin1', 'binary': 'latin1', 'ascii': 'ascii', 'ucs2': 'utf16le', 'ucs-2': 'utf16le',
                'utf16le': 'utf16le', 'utf-16le': 'utf16le' };
    if (!map[e]) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
    this.encoding = map[e];
    this._rest = [];
}

/* How many bytes at the end of b start a UTF-8 sequence not yet complete. */
function utf8Tail(b) {
    for (var back = 1; back <= 3 && back <= b.length; back++) {
        var c = b[b.length - back];
        if ((c & 0xc0) === 0x80) continue;
        var need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

def(StringDecoder.prototype, 'write', function (buf) {
    if (typeof buf === 'string') return buf;
    if (!(buf instanceof Uint8Array)) throw argType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
    var all = Buffer.concat([Buffer.from(this._rest), buf]), keep = 0;
    switch (this.encoding) {
    case 'utf8': keep = utf8Tail(all); break;
    case 'utf16le': keep = all.length % 2; break;
    case 'base64':
    case 'base64url': keep = all.length % 3; break;
    }
    this._rest = Array.prototype.slice.call(all.subarray(all.length - keep));
    return all.toString(this.encoding, 0, all.length - keep);
});
def(StringDecoder.prototype, 'end', function (buf) {
    var s = buf === undefined ? '' : this.write(buf);
    if (this._rest.length) {
        s += Buffer.from(this._rest).toString(this.encoding);
        this._rest = [];
    }
    return s;
});
def(StringDecoder.prototype, 'text', function (buf, offset) {
    return this.write(buf.subarray(offset));
});

/* --- util --- */

function isDeepEqual(a, b, strict, seen) {
    if (strict ? (a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b)) : (a == b || (a !== a && b !== b)))
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    var ta = toStr.call(a), tb = toStr.call(b);
    if (ta !== tb) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (a instanceof RegExp) return String(a) === String(b) && a.lastIndex === b.lastIndex;
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a)) {
        if (a.length !== b.length) return false;
        for (var x = 0; x < a.length; x++) if (!isDeepEqual(a[x], b[x], strict, seen)) return false;
    }
    for (var s = 0; s < seen.length; s++)
        if (seen[s][0] === a && seen[s][1] === b) return true;
    seen.push([a, b]);
    if (typeof Map === 'function' && a instanceof Map) {
        if (a.size !== b.size) return false;
        var okm = true;
        a.forEach(function (v, k) { if (!b.has(k) || !isDeepEqual(v, b.get(k), strict, seen)) okm = false; });
        if (!okm) return false;
    }
    if (typeof Set === 'function' && a instanceof Set) {
        if (a.size !== b.size) return false;
        var oks = true;
        a.forEach(function (v) { if (!b.has(v)) oks = false; });
        if (!oks) return false;
    }
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) {
        if (!hasOwn.call(b, ka[i])) return false;
        if (!isDeepEqual(a[ka[i]], b[ka[i]], strict, seen)) return false;
    }
    seen.pop();
    return true;
}

function tag(v) {
    return toStr.call(v).slice(8, -1);
}

var types = {
    isDate: function (v) { return v instanceof Date; },
    isRegExp: function (v) { return v instanceof RegExp; },
    isPromise: function (v) { return !!(rt.isPromise && rt.isPromise(v)) || (typeof Promise === 'function' && v instanceof Promise); },
    isNativeError: function (v) { return v instanceof Error; },
    isTypedArray: function (v) { return ArrayBuffer.isView(v) && !(v instanceof DataView); },
    isUint8Array: function (v) { return v instanceof Uint8Array; },
    isUint8ClampedArray: function (v) { return v instanceof Uint8ClampedArray; },
    isUint16Array: function (v) { return v instanceof Uint16Array; },
    isUint32Array: function (v) { return v instanceof Uint32Array; },
    isInt8Array: function (v) { return v instanceof Int8Array; },
    isInt16Array: function (v) { return v instanceof Int16Array; },
    isInt32Array: function (v) { return v instanceof Int32Array; },
    isFloat32Array: function (v) { return v instanceof Float32Array; },
    isFloat64Array: function (v) { return v instanceof Float64Array; },
    isArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
    isAnyArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
    isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
    isDataView: function (v) { return v instanceof DataView; },
    isMap: function (v) { return typeof Map === 'function' && v instanceof Map; },
    isSet: function (v) { return typeof Set === 'function' && v instanceof Set; },
    isWeakMap: function (v) { return typeof WeakMap === 'function' && v instanceof WeakMap; },
    isWeakSet: function (v) { return typeof WeakSet === 'function' && v instanceof WeakSet; },
    isBoxedPrimitive: function (v) { return typeof v === 'object' && v !== null && /^(Number|String|Boolean)$/.test(tag(v)); },
    isNumberObject: function (v) { return typeof v === 'object' && v !== null && tag(v) === 'Number'; },
    isStringObject: function (v) { return typeof v === 'object' && v !== null && tag(v) === 'String'; },
    isBooleanObject: function (v) { return typeof v === 'object' && v !== null && tag(v) === 'Boolean'; },
    isGeneratorFunction: function () { return false; },
    isAsyncFunction: function (v) { return typeof v === 'function' && !!v.isAsync; },
    isProxy: function () { return false; }
};

var PROMISIFY = Symbol['for']('nodejs.util.promisify.custom');

function promisify(fn) {
    if (typeof fn !== 'function') throw argType('original', 'of type function', fn);
    if (fn[PROMISIFY] !== undefined) {
        if (typeof fn[PROMISIFY] !== 'function')
            throw argType('util.promisify.custom', 'of type function', fn[PROMISIFY]);
        return fn[PROMISIFY];
    }
    if (typeof fn.__promisified === 'function') return fn.__promisified;
    return function () {
        var self = this, args = Array.prototype.slice.call(arguments);
        return new Promise(function (resolve, reject) {
            args.push(function (err, value) { if (err) reject(err); else resolve(value); });
            fn.apply(self, args);
        });
    };
}

promisify.custom = PROMISIFY;

var deprecationsSeen = {}, deprecationsSeq;
var util = {
    format: function () { return rt.format.apply(null, arguments); },
    formatWithOptions: function (opts) { return rt.format.apply(null, Array.prototype.slice.call(arguments, 1)); },
    inspect: rt.inspect,
    promisify: promisify,
    callbackify: function (fn) {
        if (typeof fn !== 'function') throw argType('original', 'of type function', fn);
        return function () {
            var args = Array.prototype.slice.call(arguments), cb = args.pop(), self = this;
            if (typeof cb !== 'function') throw argType('last argument', 'of type function', cb);
            fn.apply(self, args).then(function (v) { cb(null, v); }, function (e) {
                if (!e) {
                    var w = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
                    w.reason = e;
                    e = w;
                }
                cb(e);
            });
        };
    },
    inherits: function (ctor, superCtor) {
        if (typeof ctor !== 'function') throw argType('ctor', 'of type function', ctor);
        if (typeof superCtor !== 'function') throw argType('superCtor', 'of type function', superCtor);
        if (superCtor.prototype === undefined) throw argType('superCtor.prototype', 'of type object', superCtor.prototype);
        def(ctor, 'super_', superCtor);
        Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    },
    deprecate: function (fn, msg, code) {
        if (typeof fn !== 'function') throw argType('fn', 'of type function', fn);
        return function () {
            var key = code || msg;
            /* once per request, as Node warns once per process */
            if (deprecationsSeq !== rt.seq) {
                deprecationsSeen = {};
                deprecationsSeq = rt.seq;
            }
            if (!deprecationsSeen[key]) {
                deprecationsSeen[key] = true;
                rt.emitWarning(msg, 'DeprecationWarning', code);
            }
            return fn.apply(this, arguments);
        };
    },
    isDeepStrictEqual: function (a, b) { return isDeepEqual(a, b, true, []); },
    types: types,
    isArray: Array.isArray,
    isBoolean: function (v) { return typeof v === 'boolean'; },
    isNull: function (v) { return v === null; },
    isNullOrUndefined: function (v) { return v === null || v === undefined; },
    isNumber: function (v) { return typeof v === 'number'; },
    isString: function (v) { return typeof v === 'string'; },
    isUndefined: function (v) { return v === undefined; },
    isObject: function (v) { return v !== null && typeof v === 'object'; },
    isFunction: function (v) { return typeof v === 'function'; },
    isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
    isRegExp: types.isRegExp,
    isDate: types.isDate,
    isError: types.isNativeError,
    TextEncoder: G.TextEncoder,
    TextDecoder: G.TextDecoder,
    toUSVString: toUSVString,
    stripVTControlCharacters: function (s) { return String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''); }
};

/* --- the rest of util that code reaches for (Node 20's list) --- */

/* util.types for the kinds the runtime makes itself: generator and async
 * functions are marked by their constructors (front-rt.js), iterators and
 * boxed values by their tags. */
function tagIs(v, t) {
    return v !== null && typeof v === 'object' && tag(v) === t;
}
function fnKind(v) {
    return typeof v === 'function' && v.constructor && typeof v.constructor.name === 'string' ? v.constructor.name : '';
}
types.isGeneratorFunction = function (v) { return /^(Async)?GeneratorFunction$/.test(fnKind(v)); };
types.isAsyncFunction = function (v) {
    return typeof v === 'function' && (!!v.isAsync || /^Async(Generator)?Function$/.test(fnKind(v)));
};
types.isGeneratorObject = function (v) { return tagIs(v, 'Generator') || tagIs(v, 'AsyncGenerator'); };
types.isArgumentsObject = function (v) { return tagIs(v, 'Arguments'); };
types.isMapIterator = function (v) { return tagIs(v, 'Map Iterator'); };
types.isSetIterator = function (v) { return tagIs(v, 'Set Iterator'); };
types.isSymbolObject = function (v) { return tagIs(v, 'Symbol'); };
types.isBigIntObject = function (v) { return rt.typeOf(v) !== 'bigint' && tagIs(v, 'BigInt'); };
types.isBigInt64Array = function (v) { return typeof G.BigInt64Array === 'function' && v instanceof G.BigInt64Array; };
types.isBigUint64Array = function (v) { return typeof G.BigUint64Array === 'function' && v instanceof G.BigUint64Array; };
types.isSharedArrayBuffer = function () { return false; };
types.isExternal = function () { return false; };
types.isModuleNamespaceObject = function (v) { return !!(rt.isNamespace && v !== null && typeof v === 'object' && rt.isNamespace(v)); };
types.isKeyObject = function (v) {
    var C = rt.builtins.crypto && rt.builtins.crypto().KeyObject;
    return typeof C === 'function' && v instanceof C;
};
types.isCryptoKey = function (v) { return typeof G.CryptoKey === 'function' && v instanceof G.CryptoKey; };
types.isTypedArray = function (v) {
    return (ArrayBuffer.isView(v) && !(v instanceof DataView)) || !!(rt.isBigTypedArray && rt.isBigTypedArray(v));
};

/* util.inspect.colors and styles: the SGR codes Node documents, [on,
 * off]; the aliases (grey, ...) not enumerable, as in Node. */
var COLORS = {
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
    inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
    black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39],
    cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49],
    bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
    framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39],
    yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39],
    whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49],
    bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49], bgWhiteBright: [107, 49]
};
[['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'],
 ['dim', 'faint'], ['strikethrough', 'crossedout'], ['strikethrough', 'strikeThrough'],
 ['strikethrough', 'crossedOut'], ['hidden', 'conceal'], ['inverse', 'swapColors'],
 ['inverse', 'swapcolors'], ['doubleunderline', 'doubleUnderline']].forEach(function (a) {
    var from = COLORS[a[0]] ? a[0] : a[1], to = from === a[0] ? a[1] : a[0];
    Object.defineProperty(COLORS, to, { value: COLORS[from], writable: true, configurable: true, enumerable: false });
});
if (rt.inspect && !rt.inspect.colors) {
    rt.inspect.colors = COLORS;
    rt.inspect.styles = {
        special: 'cyan', number: 'yellow', bigint: 'yellow', 'boolean': 'yellow', undefined: 'grey',
        'null': 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline'
    };
}

/* styleText(format, text): text between the SGR codes of each format
 * (the first the outermost).  Node 20 leaves the text plain when a single
 * format is given and its stream (stdout) is no terminal, which a
 * function's never is; an array of formats it styles regardless. */
util.styleText = function (format, text) {
    if (typeof text !== 'string') throw argType('text', 'of type string', text);
    var formats = Array.isArray(format) ? format : [format], left = '', right = '';
    var plain = !Array.isArray(format);
    for (var i = 0; i < formats.length; i++) {
        var c = hasOwn.call(COLORS, formats[i]) ? COLORS[formats[i]] : null;
        if (!c) {
            var keys = Object.keys(COLORS);
            throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'format' must be one of: " +
                            keys.map(function (k) { return "'" + k + "'"; }).join(', ') + '. Received ' + rt.inspect(formats[i]));
        }
        left += '\u001b[' + c[0] + 'm';
        right = '\u001b[' + c[1] + 'm' + right;
    }
    return plain ? text : left + text + right;
};

util.isBuffer = function (v) { return G.Buffer.isBuffer(v); };
util.isSymbol = function (v) { return typeof v === 'symbol'; };
util._extend = function (target, source) {
    if (source === null || typeof source !== 'object') return target;
    var keys = Object.keys(source), i = keys.length;
    while (i--) target[keys[i]] = source[keys[i]];
    return target;
};

/* util.debuglog(section): writes only when NODE_DEBUG names the section,
 * which it never does for a function: a function that does nothing, with
 * enabled false. */
util.debuglog = util.debug = function (section, cb) {
    var logger = function () {};
    Object.defineProperty(logger, 'enabled', { get: function () { return false; }, enumerable: true, configurable: true });
    if (typeof cb === 'function') cb(logger);
    return logger;
};

/* util.log: a timestamped console.log ('6 Dec 20:49:28 - message'). */
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
util.log = function () {
    var d = new Date();
    function pad(n) { return n < 10 ? '0' + n : String(n); }
    var stamp = d.getDate() + ' ' + MONTHS[d.getMonth()] + ' ' +
        pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    G.console.log('%s - %s', stamp, rt.format.apply(null, arguments));
};

/* util.aborted(signal, resource): a promise settled when the signal aborts. */
util.aborted = function (signal, resource) {
    if (!(signal instanceof AbortSignal)) return Promise.reject(argType('signal', 'an instance of AbortSignal', signal));
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function'))
        return Promise.reject(argType('resource', 'of type object', resource));
    return new Promise(function (resolve) {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', function () { resolve(); }, { once: true });
    });
};

/* The system errors Node knows, as libuv lists them (its UV_ERRNO_MAP:
 * the negated Linux errno, or libuv's own number for the getaddrinfo
 * errors and those Linux lacks, its name and its message), in libuv's
 * order, which is the order of getSystemErrorMap's entries. */
var UV_ERRORS = [
    [-7, 'E2BIG', 'argument list too long'], [-13, 'EACCES', 'permission denied'],
    [-98, 'EADDRINUSE', 'address already in use'], [-99, 'EADDRNOTAVAIL', 'address not available'],
    [-97, 'EAFNOSUPPORT', 'address family not supported'], [-11, 'EAGAIN', 'resource temporarily unavailable'],
    [-3000, 'EAI_ADDRFAMILY', 'address family not supported'], [-3001, 'EAI_AGAIN', 'temporary failure'],
    [-3002, 'EAI_BADFLAGS', 'bad ai_flags value'], [-3013, 'EAI_BADHINTS', 'invalid value for hints'],
    [-3003, 'EAI_CANCELED', 'request canceled'], [-3004, 'EAI_FAIL', 'permanent failure'],
    [-3005, 'EAI_FAMILY', 'ai_family not supported'], [-3006, 'EAI_MEMORY', 'out of memory'],
    [-3007, 'EAI_NODATA', 'no address'], [-3008, 'EAI_NONAME', 'unknown node or service'],
    [-3009, 'EAI_OVERFLOW', 'argument buffer overflow'], [-3014, 'EAI_PROTOCOL', 'resolved protocol is unknown'],
    [-3010, 'EAI_SERVICE', 'service not available for socket type'], [-3011, 'EAI_SOCKTYPE', 'socket type not supported'],
    [-114, 'EALREADY', 'connection already in progress'], [-9, 'EBADF', 'bad file descriptor'],
    [-16, 'EBUSY', 'resource busy or locked'], [-125, 'ECANCELED', 'operation canceled'],
    [-4080, 'ECHARSET', 'invalid Unicode character'], [-103, 'ECONNABORTED', 'software caused connection abort'],
    [-111, 'ECONNREFUSED', 'connection refused'], [-104, 'ECONNRESET', 'connection reset by peer'],
    [-89, 'EDESTADDRREQ', 'destination address required'], [-17, 'EEXIST', 'file already exists'],
    [-14, 'EFAULT', 'bad address in system call argument'], [-27, 'EFBIG', 'file too large'],
    [-113, 'EHOSTUNREACH', 'host is unreachable'], [-4, 'EINTR', 'interrupted system call'],
    [-22, 'EINVAL', 'invalid argument'], [-5, 'EIO', 'i/o error'],
    [-106, 'EISCONN', 'socket is already connected'], [-21, 'EISDIR', 'illegal operation on a directory'],
    [-40, 'ELOOP', 'too many symbolic links encountered'], [-24, 'EMFILE', 'too many open files'],
    [-90, 'EMSGSIZE', 'message too long'], [-36, 'ENAMETOOLONG', 'name too long'],
    [-100, 'ENETDOWN', 'network is down'], [-101, 'ENETUNREACH', 'network is unreachable'],
    [-23, 'ENFILE', 'file table overflow'], [-105, 'ENOBUFS', 'no buffer space available'],
    [-19, 'ENODEV', 'no such device'], [-2, 'ENOENT', 'no such file or directory'],
    [-12, 'ENOMEM', 'not enough memory'], [-64, 'ENONET', 'machine is not on the network'],
    [-92, 'ENOPROTOOPT', 'protocol not available'], [-28, 'ENOSPC', 'no space left on device'],
    [-38, 'ENOSYS', 'function not implemented'], [-107, 'ENOTCONN', 'socket is not connected'],
    [-20, 'ENOTDIR', 'not a directory'], [-39, 'ENOTEMPTY', 'directory not empty'],
    [-88, 'ENOTSOCK', 'socket operation on non-socket'], [-95, 'ENOTSUP', 'operation not supported on socket'],
    [-75, 'EOVERFLOW', 'value too large for defined data type'], [-1, 'EPERM', 'operation not permitted'],
    [-32, 'EPIPE', 'broken pipe'], [-71, 'EPROTO', 'protocol error'],
    [-93, 'EPROTONOSUPPORT', 'protocol not supported'], [-91, 'EPROTOTYPE', 'protocol wrong type for socket'],
    [-34, 'ERANGE', 'result too large'], [-30, 'EROFS', 'read-only file system'],
    [-108, 'ESHUTDOWN', 'cannot send after transport endpoint shutdown'], [-29, 'ESPIPE', 'invalid seek'],
    [-3, 'ESRCH', 'no such process'], [-110, 'ETIMEDOUT', 'connection timed out'],
    [-26, 'ETXTBSY', 'text file is busy'], [-18, 'EXDEV', 'cross-device link not permitted'],
    [-4094, 'UNKNOWN', 'unknown error'], [-4095, 'EOF', 'end of file'],
    [-6, 'ENXIO', 'no such device or address'], [-31, 'EMLINK', 'too many links'],
    [-112, 'EHOSTDOWN', 'host is down'], [-121, 'EREMOTEIO', 'remote I/O error'],
    [-25, 'ENOTTY', 'inappropriate ioctl for device'], [-4028, 'EFTYPE', 'inappropriate file type or format'],
    [-84, 'EILSEQ', 'illegal byte sequence'], [-94, 'ESOCKTNOSUPPORT', 'socket type not supported'],
    [-61, 'ENODATA', 'no data available'], [-49, 'EUNATCH', 'protocol driver not attached']
];
var ERRNO_NAMES = {};
UV_ERRORS.forEach(function (e) { ERRNO_NAMES[e[0]] = e[1]; });

/* util.getSystemErrorName(-errno) */
util.getSystemErrorName = function (err) {
    if (typeof err !== 'number') throw argType('err', 'of type number', err);
    if (err >= 0 || Math.floor(err) !== err)
        throw rt.outOfRange('err', 'a negative integer', err);
    return hasOwn.call(ERRNO_NAMES, err) ? ERRNO_NAMES[err] : 'Unknown system error ' + err;
};

/* util.getSystemErrorMap(): a new Map of every error above, number to
 * [name, message], each call (the caller may change it). */
util.getSystemErrorMap = function () {
    var m = new Map();
    UV_ERRORS.forEach(function (e) { m.set(e[0], [e[1], e[2]]); });
    return m;
};

/* util.parseEnv(content): the variables of a dotenv text, as Node 20's
 * --env-file reads them.  Line by line: blank lines and lines starting
 * with # are skipped; KEY=VALUE with an optional "export " before the
 * key; a value in double quotes may span lines and turns \n into a
 * newline; one in single quotes or backticks may span lines and is kept
 * as it is; a quote left open takes the rest of its line as it is; an
 * unquoted value ends at the line's end or at a #, and is trimmed.  A key
 * runs from the line's start to the next = (lines without one join the
 * key); parsing stops at an empty key or when no = is left.  The result's
 * keys come in sorted order (Node keeps them in a sorted map); a later
 * key wins. */
function envTrim(s) { return s.replace(/^ +| +$/g, ''); }   // spaces only, as Node's
util.parseEnv = function (content) {
    if (typeof content !== 'string') throw argType('content', 'of type string', content);
    var s = envTrim(content.replace(/\r/g, '')), store = new Map(), out = {}, keys;
    function rest(from) {     // what follows the first newline at or after from
        var nl = s.indexOf('\n', from);
        s = nl < 0 ? '' : s.slice(nl + 1);
    }
    while (s.length) {
        if (s.charAt(0) === '\n' || s.charAt(0) === '#') {
            if (s.indexOf('\n') >= 0) { rest(0); continue; }
        }
        var eq = s.indexOf('=');
        if (eq < 0) break;
        var key = envTrim(s.slice(0, eq));
        s = s.slice(eq + 1);
        if (key === '') break;
        if (key.slice(0, 7) === 'export ') key = key.slice(7);
        s = s.replace(/^ +/, '');
        if (s === '') { store.set(key, ''); break; }
        var q = s.charAt(0), close = q === '"' || q === "'" || q === '`' ? s.indexOf(q, 1) : -1;
        if (close > 0) {
            var v = s.slice(1, close);
            store.set(key, q === '"' ? v.split('\\n').join('\n') : v);
            rest(close + 1);
        } else if (q === '"' || q === "'" || q === '`') {
            var nl = s.indexOf('\n');
            if (nl < 0) break;      // nothing after it: Node stores nothing and stops
            store.set(key, s.slice(0, nl));
            s = s.slice(nl);
        } else {
            var end = s.indexOf('\n'), line = end < 0 ? s : s.slice(0, end), hash = line.indexOf('#');
            if (hash >= 0) line = line.slice(0, hash);
            s = end < 0 ? '' : s.slice(end + 1);
            store.set(key, envTrim(line));
        }
    }
    keys = Array.from(store.keys()).sort();
    keys.forEach(function (k) { out[k] = store.get(k); });
    return out;
};

/* --- util.parseArgs, written from Node 20's documentation ---
 *
 * args become tokens first (what `tokens: true` returns), then the tokens
 * are checked (strict) and stored; defaults fill what no argument set. */

function parseArgsValidate(config) {
    var args = config.args, options = config.options === undefined ? {} : config.options;
    if (args !== undefined && !Array.isArray(args)) throw argType('args', 'an instance of Array', args);
    ['strict', 'allowPositionals', 'tokens', 'allowNegative'].forEach(function (k) {
        if (config[k] !== undefined && typeof config[k] !== 'boolean') throw argType(k, 'of type boolean', config[k]);
    });
    if (options === null || typeof options !== 'object' || Array.isArray(options))
        throw argType('options', 'of type object', options);
    Object.keys(options).forEach(function (name) {
        var o = options[name], p = 'options.' + name;
        if (o === null || typeof o !== 'object' || Array.isArray(o)) throw argType(p, 'of type object', o);
        if (o.type !== 'string' && o.type !== 'boolean') throw argType(p + '.type', "('string|boolean')", o.type);
        if (hasOwn.call(o, 'short')) {
            if (typeof o.short !== 'string') throw argType(p + '.short', 'of type string', o.short);
            if (o.short.length !== 1)
                throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property '" + p + ".short' must be a single character. Received " + rt.inspect(o.short));
        }
        if (hasOwn.call(o, 'multiple') && typeof o.multiple !== 'boolean') throw argType(p + '.multiple', 'of type boolean', o.multiple);
        if (o['default'] !== undefined) {
            var d = o['default'];
            if (o.multiple) {
                if (!Array.isArray(d)) throw argType(p + '.default', 'an instance of Array', d);
                for (var i = 0; i < d.length; i++)
                    if (typeof d[i] !== o.type) throw argType(p + '.default[' + i + ']', 'of type ' + o.type, d[i]);
            } else if (typeof d !== o.type) {
                throw argType(p + '.default', 'of type ' + o.type, d);
            }
        }
    });
    return options;
}

function optionType(options, name) {
    return hasOwn.call(options, name) ? options[name].type : undefined;
}

function longForShort(options, c) {
    var names = Object.keys(options);
    for (var i = 0; i < names.length; i++)
        if (options[names[i]].short === c) return names[i];
    return c;
}

function argsToTokens(args, options, negative) {
    var tokens = [], i, j;
    function option(name, rawName, index, value, inline) {
        tokens.push({ kind: 'option', name: name, rawName: rawName, index: index, value: value, inlineValue: inline });
    }
    for (i = 0; i < args.length; i++) {
        var a = args[i], next = args[i + 1], name;
        if (a === '--') {
            tokens.push({ kind: 'option-terminator', index: i });
            for (j = i + 1; j < args.length; j++) tokens.push({ kind: 'positional', index: j, value: args[j] });
            break;
        }
        if (typeof a !== 'string' || a.length < 2 || a.charAt(0) !== '-') {
            tokens.push({ kind: 'positional', index: i, value: a });
        } else if (a.charAt(1) !== '-') {
            /* -f, -f VALUE, -fVALUE, -abc (booleans), -abVALUE */
            for (j = 1; j < a.length; j++) {
                name = longForShort(options, a.charAt(j));
                if (optionType(options, name) !== 'string') {
                    option(name, '-' + a.charAt(j), i, undefined, undefined);
                } else if (j < a.length - 1) {
                    option(name, '-' + a.charAt(j), i, a.slice(j + 1), true);
                    break;
                } else if (next !== undefined && next !== null) {
                    option(name, '-' + a.charAt(j), i, next, false);
                    i++;
                } else {
                    option(name, '-' + a.charAt(j), i, undefined, undefined);
                }
            }
        } else {
            var eq = a.indexOf('='), value = undefined, inline = undefined;
            name = eq < 0 ? a.slice(2) : a.slice(2, eq);
            var raw = '--' + name;
            if (negative && name.slice(0, 3) === 'no-') name = name.slice(3);
            if (eq >= 0) {
                value = a.slice(eq + 1);
                inline = true;
            } else if (optionType(options, name) === 'string' && raw.slice(0, 5) !== '--no-' && next !== undefined && next !== null) {
                value = next;
                inline = false;
                i++;
            }
            option(name, raw, i - (inline === false ? 1 : 0), value, inline);
        }
    }
    return tokens;
}

function parseArgs(config) {
    config = config === undefined || config === null ? {} : config;
    var options = parseArgsValidate(config);
    var args = config.args !== undefined ? config.args :
        G.process && Array.isArray(G.process.argv) ? G.process.argv.slice(2) : [];
    var strict = config.strict === undefined ? true : config.strict;
    var allowPositionals = config.allowPositionals === undefined ? !strict : config.allowPositionals;
    var negative = config.allowNegative === true;
    var tokens = argsToTokens(args, options, negative);
    var values = Object.create(null), positionals = [];
    tokens.forEach(function (t) {
        if (t.kind === 'positional') {
            if (!allowPositionals)
                throw nodeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', "Unexpected argument '" + t.value +
                                "'. This command does not take positional arguments");
            positionals.push(t.value);
            return;
        }
        if (t.kind !== 'option') return;
        var neg = negative && t.rawName.slice(0, 5) === '--no-';
        if (strict) {
            var o = hasOwn.call(options, t.name) ? options[t.name] : undefined;
            if (o === undefined || (neg && o.type !== 'boolean'))
                throw nodeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', "Unknown option '" + t.rawName + "'" +
                                (allowPositionals ? ". To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"" + t.rawName + '"' : ''));
            var both = o.short ? '-' + o.short + ', --' + t.name : '--' + t.name;
            if (o.type === 'string' && typeof t.value !== 'string')
                throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', "Option '" + both + " <value>' argument missing");
            if (o.type === 'boolean' && t.value !== undefined && t.value !== null)
                throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', "Option '" + both + "' does not take an argument");
            if (!t.inlineValue && typeof t.value === 'string' && t.value.length > 1 && t.value.charAt(0) === '-')
                throw nodeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', "Option '" + t.rawName + "' argument is ambiguous.\n" +
                                "Did you forget to specify the option argument for '" + t.rawName + "'?\n" +
                                'To specify an option argument starting with a dash use ' +
                                (t.rawName.slice(0, 2) === '--' ? "'" + t.rawName + "=-XYZ'." : "'--" + t.name + "=-XYZ' or '" + t.rawName + "-XYZ'."));
        }
        if (t.name === '__proto__') return;
        var v = neg ? false : t.value === undefined ? true : t.value;
        if (optionType(options, t.name) !== undefined && options[t.name].multiple) {
            if (values[t.name] === undefined) values[t.name] = [];
            values[t.name].push(v);
        } else {
            values[t.name] = v;
        }
    });
    Object.keys(options).forEach(function (name) {
        if (options[name]['default'] !== undefined && values[name] === undefined)
            values[name] = options[name]['default'];
    });
    var result = { values: values, positionals: positionals };
    if (config.tokens) result.tokens = tokens;
    return result;
}
util.parseArgs = parseArgs;

/* Nothing crosses a thread here.  Node 20 answers with another signal,
 * aborted (with the reason) if the given one is, and not following it
 * afterwards: the same here. */
util.transferableAbortSignal = function (signal) {
    if (!(signal instanceof AbortSignal)) throw argType('signal', 'an instance of AbortSignal', signal);
    var c = new AbortController();
    if (signal.aborted) c.abort(signal.reason);
    return c.signal;
};
util.transferableAbortController = function () { return new AbortController(); };

/* --- util.MIMEType and MIMEParams: the WHATWG MIME Sniffing parser --- */

var NOT_TOKEN = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
var NOT_QUOTED = /[^\t\u0020-\u007e\u0080-\u00ff]/;
var HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function mimeError(what, s, at) {
    return nodeError(TypeError, 'ERR_INVALID_MIME_SYNTAX', 'The MIME syntax for a ' + what + ' in "' + s + '" is invalid' +
                     (at >= 0 ? ' at ' + at : ''));
}
/* s lowercased, or Node's error naming whole (the text parsed) */
function checkToken(what, s, whole) {
    var m = NOT_TOKEN.exec(s);
    if (s === '' || m) throw mimeError(what, whole === undefined ? s : whole, m ? m.index : -1);
    return s.toLowerCase();
}

var MP_LIST = '_list';

function MIMEParams() {
    if (!(this instanceof MIMEParams)) throw new TypeError("Class constructor MIMEParams cannot be invoked without 'new'");
    def(this, MP_LIST, []);
}
function mpFind(p, name) {
    for (var i = 0; i < p[MP_LIST].length; i++) if (p[MP_LIST][i][0] === name) return i;
    return -1;
}
def(MIMEParams.prototype, 'get', function (name) {
    var i = mpFind(this, String(name));
    return i < 0 ? null : this[MP_LIST][i][1];
});
def(MIMEParams.prototype, 'has', function (name) { return mpFind(this, String(name)) >= 0; });
def(MIMEParams.prototype, 'delete', function (name) {
    var i = mpFind(this, String(name));
    if (i >= 0) this[MP_LIST].splice(i, 1);
});
def(MIMEParams.prototype, 'set', function (name, value) {
    name = String(name);
    value = String(value);
    var m = NOT_TOKEN.exec(name);
    if (name === '' || m) throw mimeError('parameter name', name, m ? m.index : -1);
    m = NOT_QUOTED.exec(value);
    if (m) throw mimeError('parameter value', value, m.index);
    var i = mpFind(this, name);
    if (i >= 0) this[MP_LIST][i][1] = value;
    else this[MP_LIST].push([name, value]);
});
def(MIMEParams.prototype, 'keys', function () { return iter(this[MP_LIST].map(function (p) { return p[0]; })); });
def(MIMEParams.prototype, 'values', function () { return iter(this[MP_LIST].map(function (p) { return p[1]; })); });
def(MIMEParams.prototype, 'entries', function () { return iter(this[MP_LIST].map(function (p) { return [p[0], p[1]]; })); });
def(MIMEParams.prototype, 'toString', function () {
    return this[MP_LIST].map(function (p) {
        var v = p[1];
        if (v === '' || NOT_TOKEN.test(v)) v = '"' + v.replace(/["\\]/g, '\\$&') + '"';
        return p[0] + '=' + v;
    }).join(';');
});
def(MIMEParams.prototype, 'toJSON', MIMEParams.prototype.toString);
if (typeof Symbol === 'function' && Symbol.iterator)
    def(MIMEParams.prototype, Symbol.iterator, MIMEParams.prototype.entries);

/* The parameters after "type/subtype" (s from its first ';'), into params:
 * names lowercased, the first of a name kept, bad ones left out. */
function parseMimeParams(s, params) {
    var i = 0, n = s.length;
    while (i < n) {
        i++;                                        /* the ';' */
        while (i < n && /[\t\n\r ]/.test(s.charAt(i))) i++;
        var start = i;
        while (i < n && s.charAt(i) !== ';' && s.charAt(i) !== '=') i++;
        var name = s.slice(start, i).toLowerCase(), value;
        if (i < n) {
            if (s.charAt(i) === ';') continue;
            i++;                                    /* the '=' */
        }
        if (i >= n) break;
        if (s.charAt(i) === '"') {
            value = '';
            i++;
            for (;;) {
                start = i;
                while (i < n && s.charAt(i) !== '"' && s.charAt(i) !== '\\') i++;
                value += s.slice(start, i);
                if (i >= n) break;
                if (s.charAt(i++) === '\\') {
                    if (i >= n) { value += '\\'; break; }
                    value += s.charAt(i++);
                } else {
                    break;
                }
            }
            while (i < n && s.charAt(i) !== ';') i++;
        } else {
            start = i;
            while (i < n && s.charAt(i) !== ';') i++;
            value = s.slice(start, i).replace(/[\t\n\r ]+$/, '');
            if (value === '') continue;
        }
        if (name !== '' && !NOT_TOKEN.test(name) && !NOT_QUOTED.test(value) && !params.has(name))
            params[MP_LIST].push([name, value]);
    }
}

function MIMEType(input) {
    if (!(this instanceof MIMEType)) throw new TypeError("Class constructor MIMEType cannot be invoked without 'new'");
    var text = String(input), s = text.replace(HTTP_WS, ''), slash = s.indexOf('/');
    if (slash < 0) throw mimeError('type', text, -1);
    var type = s.slice(0, slash), semi = s.indexOf(';', slash + 1);
    checkToken('type', type, text);
    var sub = s.slice(slash + 1, semi < 0 ? s.length : semi).replace(/[\t\n\r ]+$/, '');
    checkToken('subtype', sub, text);
    def(this, '_type', type.toLowerCase());
    def(this, '_subtype', sub.toLowerCase());
    def(this, '_params', new MIMEParams());
    if (semi >= 0) parseMimeParams(s.slice(semi), this._params);
}
Object.defineProperty(MIMEType.prototype, 'type', {
    get: function () { return this._type; },
    set: function (v) { this._type = checkToken('type', String(v)); },
    configurable: true
});
Object.defineProperty(MIMEType.prototype, 'subtype', {
    get: function () { return this._subtype; },
    set: function (v) { this._subtype = checkToken('subtype', String(v)); },
    configurable: true
});
Object.defineProperty(MIMEType.prototype, 'essence', {
    get: function () { return this._type + '/' + this._subtype; }, configurable: true
});
Object.defineProperty(MIMEType.prototype, 'params', {
    get: function () { return this._params; }, configurable: true
});
def(MIMEType.prototype, 'toString', function () {
    var p = this._params.toString();
    return this._type + '/' + this._subtype + (p ? ';' + p : '');
});
def(MIMEType.prototype, 'toJSON', MIMEType.prototype.toString);
util.MIMEType = MIMEType;
util.MIMEParams = MIMEParams;

/* --- assert --- */

function AssertionError(options) {
    options = options || {};
    var msg = options.message;
    var generated = msg === undefined;
    if (generated) {
        var op = options.operator;
        if (op === 'fail') msg = 'Failed';
        else if (op === '==') msg = rt.inspect(options.actual) + ' == ' + rt.inspect(options.expected);
        else if (op === 'strictEqual')
            msg = 'Expected values to be strictly equal:\n\n' + rt.inspect(options.actual) + ' !== ' + rt.inspect(options.expected) + '\n';
        else if (op === 'deepStrictEqual')
            msg = 'Expected values to be strictly deep-equal:\n' + rt.inspect(options.actual) + '\n\nshould equal\n\n' + rt.inspect(options.expected);
        else if (op === 'deepEqual')
            msg = 'Expected values to be loosely deep-equal:\n\n' + rt.inspect(options.actual) + '\n\nshould loosely deep-equal\n\n' + rt.inspect(options.expected);
        else if (op === 'notStrictEqual')
            msg = 'Expected "actual" to be strictly unequal to: ' + rt.inspect(options.expected);
        else if (op === 'notDeepStrictEqual')
            msg = 'Expected "actual" not to be strictly deep-equal to: ' + rt.inspect(options.expected);
        else msg = rt.inspect(options.actual) + ' ' + op + ' ' + rt.inspect(options.expected);
    } else if (msg instanceof Error) {
        throw msg;
    }
    var e = new Error(String(msg));
    Object.setPrototypeOf(e, AssertionError.prototype);
    e.generatedMessage = generated;
    e.code = 'ERR_ASSERTION';
    e.actual = options.actual;
    e.expected = options.expected;
    e.operator = options.operator;
    return e;
}
AssertionError.prototype = Object.create(Error.prototype);
AssertionError.prototype.constructor = AssertionError;
def(AssertionError.prototype, 'name', 'AssertionError');

function fail(actual, expected, message, operator) {
    throw new AssertionError({ actual: actual, expected: expected, message: message, operator: operator });
}

function assertOk(value, message, argc) {
    if (!value) {
        if (argc === 0) message = 'No value argument passed to `assert.ok()`';
        /* Node quotes the call's source when it can read it; a function's
         * source is not at hand here, so this is Node's fallback. */
        else if (message === undefined) message = rt.inspect(value) + ' == true';
        throw new AssertionError({ actual: value, expected: true, message: message, operator: '==' });
    }
}

function matchesError(err, expected) {
    if (expected === undefined) return true;
    if (expected instanceof RegExp) return expected.test(String(err));
    if (typeof expected === 'function') {
        if (expected.prototype !== undefined && err instanceof expected) return true;
        if (Error.isPrototypeOf && Error.isPrototypeOf(expected)) return false;
        if (expected === Error || expected.prototype instanceof Error) return false;
        return expected.call({}, err) === true;
    }
    if (typeof expected === 'object' && expected !== null) {
        var keys = Object.keys(expected);
        for (var i = 0; i < keys.length; i++) {
            var want = expected[keys[i]], got = err[keys[i]];
            if (want instanceof RegExp && typeof got === 'string' ? !want.test(got) : !isDeepEqual(got, want, true, [])) return false;
        }
        return true;
    }
    return true;
}

function assert(value, message) {
    assertOk(value, message, arguments.length);
}
assert.ok = function (value, message) { assertOk(value, message, arguments.length); };
assert.AssertionError = AssertionError;
assert.fail = function (message) {
    if (message instanceof Error) throw message;
    throw new AssertionError({ message: message === undefined ? 'Failed' : message, operator: 'fail' });
};
assert.equal = function (a, b, m) { if (!(a == b || (a !== a && b !== b))) fail(a, b, m, '=='); };
assert.notEqual = function (a, b, m) { if (a == b || (a !== a && b !== b)) fail(a, b, m, '!='); };
assert.strictEqual = function (a, b, m) { if (!(a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b))) fail(a, b, m, 'strictEqual'); };
assert.notStrictEqual = function (a, b, m) { if (a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b)) fail(a, b, m, 'notStrictEqual'); };
assert.deepEqual = function (a, b, m) { if (!isDeepEqual(a, b, false, [])) fail(a, b, m, 'deepEqual'); };
assert.notDeepEqual = function (a, b, m) { if (isDeepEqual(a, b, false, [])) fail(a, b, m, 'notDeepEqual'); };
assert.deepStrictEqual = function (a, b, m) { if (!isDeepEqual(a, b, true, [])) fail(a, b, m, 'deepStrictEqual'); };
assert.notDeepStrictEqual = function (a, b, m) { if (isDeepEqual(a, b, true, [])) fail(a, b, m, 'notDeepStrictEqual'); };
assert.throws = function (fn, expected, message) {
    if (typeof fn !== 'function') throw argType('fn', 'of type function', fn);
    if (typeof expected === 'string') {
        message = expected;
        expected = undefined;
    }
    try {
        fn();
    } catch (e) {
        if (!matchesError(e, expected)) {
            if (typeof expected === 'function' && !(expected.prototype !== undefined && e instanceof expected) &&
                (expected === Error || expected.prototype instanceof Error)) throw e;
            if (expected instanceof RegExp)
                fail(e, expected, message || 'The input did not match the regular expression ' + String(expected) +
                     '. Input:\n\n' + rt.inspect(String(e)) + '\n', 'throws');
            fail(e, expected, message, 'throws');
        }
        return;
    }
    fail(undefined, expected, 'Missing expected exception' + (expected && expected.name ? ' (' + expected.name + ').' : message ? ': ' + message : '.'), 'throws');
};
assert.doesNotThrow = function (fn, expected, message) {
    try {
        fn();
    } catch (e) {
        fail(e, expected, 'Got unwanted exception.\nActual message: "' + (e && e.message) + '"', 'doesNotThrow');
    }
};
assert.rejects = function (p, expected, message) {
    return Promise.resolve(typeof p === 'function' ? p() : p).then(function () {
        fail(undefined, expected, 'Missing expected rejection' + (expected && expected.name ? ' (' + expected.name + ').' : '.'), 'rejects');
    }, function (e) {
        if (!matchesError(e, expected)) fail(e, expected, message, 'rejects');
    });
};
assert.doesNotReject = function (p) {
    return Promise.resolve(typeof p === 'function' ? p() : p).then(function () {}, function (e) {
        fail(e, undefined, 'Got unwanted rejection.\nActual message: "' + (e && e.message) + '"', 'doesNotReject');
    });
};
assert.match = function (s, re, m) {
    if (!(re instanceof RegExp)) throw argType('regexp', 'an instance of RegExp', re);
    if (typeof s !== 'string' || !re.test(s))
        fail(s, re, m !== undefined ? m : typeof s !== 'string' ?
             'The "string" argument must be of type string. Received type ' + typeof s + ' (' + rt.inspect(s) + ')' :
             'The input did not match the regular expression ' + String(re) + '. Input:\n\n' + rt.inspect(s) + '\n', 'match');
};
assert.doesNotMatch = function (s, re, m) {
    if (typeof s === 'string' && re.test(s))
        fail(s, re, m !== undefined ? m : 'The input was expected to not match the regular expression ' + String(re) +
             '. Input:\n\n' + rt.inspect(s) + '\n', 'doesNotMatch');
};
assert.ifError = function (v) {
    if (v !== null && v !== undefined) {
        if (v instanceof Error) throw v;
        fail(v, null, 'ifError got unwanted exception: ' + rt.inspect(v), 'ifError');
    }
};
assert.strict = assert;

/* --- fs, read-only inside the functions root --- */

function fsDenied(op, p) {
    var e = nodeError(Error, 'EACCES', "EACCES: permission denied, " + op + " '" + p + "'");
    e.errno = -13;
    e.syscall = op;
    e.path = p;
    return e;
}

function fsPath(p, name) {
    if (p instanceof URL) return urlModule.fileURLToPath(p);
    if (p instanceof Uint8Array) return p.toString();
    if (typeof p !== 'string') throw argType(name || 'path', 'of type string or an instance of Buffer or URL', p);
    return p.charAt(0) === '/' ? p : rt.builtins.path().resolve(rt.cwd(), p);
}

function encodingOpt(opts) {
    if (typeof opts === 'string') return opts;
    return opts && opts.encoding ? opts.encoding : null;
}

function Stats(s) {
    this.size = s.size;
    this.mtimeMs = s.mtime;
    this.mtime = new Date(s.mtime);
    this.atimeMs = s.mtime;
    this.atime = new Date(s.mtime);
    this.ctimeMs = s.mtime;
    this.ctime = new Date(s.mtime);
    this.birthtimeMs = s.mtime;
    this.birthtime = new Date(s.mtime);
    this.mode = s.dir ? 16877 : 33188;
    this._file = s.file;
    this._dir = s.dir;
}
def(Stats.prototype, 'isFile', function () { return this._file; });
def(Stats.prototype, 'isDirectory', function () { return this._dir; });
def(Stats.prototype, 'isSymbolicLink', function () { return false; });
def(Stats.prototype, 'isFIFO', function () { return false; });
def(Stats.prototype, 'isSocket', function () { return false; });

function statSync(p, opts) {
    var full = fsPath(p), s = sys.stat(full);
    if (!s) {
        if (opts && opts.throwIfNoEntry === false) return undefined;
        var e = nodeError(Error, 'ENOENT', "ENOENT: no such file or directory, stat '" + p + "'");
        e.errno = -2;
        e.syscall = 'stat';
        e.path = p;
        throw e;
    }
    return new Stats(s);
}

/* The natives' errors in Node's words: libuv's lower-case messages, the
 * path as the caller gave it, syscall and errno. */
function fsError(e, p, full, syscall) {
    if (e && e.code) {
        e.path = p;
        e.syscall = syscall;
        e.errno = { ENOENT: -2, EACCES: -13, EISDIR: -21, ENOTDIR: -20, EIO: -5 }[e.code];
        e.message = String(e.message).replace(full, p).replace(/^(\w+): (\w)/, function (m, c, l) {
            return c + ': ' + l.toLowerCase();
        });
    }
    return e;
}

function readFileSync(p, opts) {
    var enc = encodingOpt(opts), full = fsPath(p);
    if (typeof p === 'number') throw fsDenied('read', String(p));
    var data;
    try {
        data = sys.readFile(full, false);
    } catch (e) {
        throw fsError(e, p, full, 'open');
    }
    var b = Buffer.from(data);
    return enc ? b.toString(enc) : b;
}

function readdirSync(p, opts) {
    var full = fsPath(p);
    if (typeof sys.readdir !== 'function') throw fsDenied('scandir', p);
    var names;
    try {
        names = sys.readdir(full).sort();
    } catch (e) {
        throw fsError(e, p, full, 'scandir');
    }
    if (opts && opts.withFileTypes) {
        return names.map(function (n) {
            var s = sys.stat(full + '/' + n) || {};
            return { name: n, isFile: function () { return !!s.file; }, isDirectory: function () { return !!s.dir; },
                     isSymbolicLink: function () { return false; } };
        });
    }
    return names;
}

function existsSync(p) {
    try { return !!sys.stat(fsPath(p)); } catch (e) { return false; }
}

var WRITES = ['writeFile', 'appendFile', 'mkdir', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'symlink',
              'link', 'chmod', 'chown', 'truncate', 'utimes', 'mkdtemp', 'open', 'createWriteStream'];

function fsModule() {
    var fs = {
        readFileSync: readFileSync,
        statSync: statSync,
        lstatSync: statSync,
        existsSync: existsSync,
        readdirSync: readdirSync,
        accessSync: function (p, mode) {
            if (mode & 2) throw fsDenied('access', p);
            statSync(p);
        },
        constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
        Stats: Stats
    };
    ['readFile', 'stat', 'lstat', 'readdir', 'access'].forEach(function (name) {
        var sync = fs[name + 'Sync'];
        fs[name] = function () {
            var args = Array.prototype.slice.call(arguments), cb = args.pop();
            if (typeof cb !== 'function') throw argType('cb', 'of type function', cb);
            var err = null, value;
            try { value = sync.apply(null, args); } catch (e) { err = e; }
            setImmediate(function () { if (err) cb(err); else cb(null, value); });
        };
    });
    fs.exists = function (p, cb) { var r = existsSync(p); setImmediate(function () { cb(r); }); };
    WRITES.forEach(function (name) {
        fs[name + 'Sync'] = function (p) { throw fsDenied(name, String(p)); };
        fs[name] = function (p) {
            var cb = arguments[arguments.length - 1], err = fsDenied(name, String(p));
            if (typeof cb !== 'function' || name === 'createWriteStream') throw err;
            setImmediate(function () { cb(err); });
        };
    });
    fs.promises = fsPromises(fs);
    return fs;
}

function fsPromises(fs) {
    var out = { constants: fs.constants };
    ['readFile', 'stat', 'lstat', 'readdir', 'access'].forEach(function (name) {
        out[name] = function () {
            var args = arguments;
            return new Promise(function (resolve) { resolve(fs[name + 'Sync'].apply(null, args)); });
        };
    });
    WRITES.forEach(function (name) {
        out[name] = function (p) { return Promise.reject(fsDenied(name, String(p))); };
    });
    return out;
}

/* --- registry and globals --- */

rt.builtins.buffer = function () { return rt.bufferModule; };
rt.builtins.url = function () { return urlModule; };
rt.builtins.querystring = function () { return querystring; };
rt.builtins.events = function () { return EventEmitter; };
rt.builtins.assert = function () { return assert; };
rt.builtins['assert/strict'] = function () { return assert; };
rt.builtins.string_decoder = function () { return { StringDecoder: StringDecoder }; };
rt.builtins.util = function () { return util; };
rt.builtins['util/types'] = function () { return util.types; };
/* require('console') is the global console, as in Node: invoke exec's
 * own (front-exec.js) when it runs one */
rt.builtins.console = function () { return rt.execConsole || G.console; };
rt.builtins.diagnostics_channel = diagnosticsModule;
rt.builtins.fs = fsModule;
rt.builtins['fs/promises'] = function () { return fsModule().promises; };

/* Subclasses and instances may replace these methods (harden.js). */
if (rt.exposed) rt.exposed.push(EP, EventTarget.prototype, Event.prototype);

G.URL = URL;
G.URLSearchParams = URLSearchParams;
G.atob = atob;
G.btoa = btoa;
G.structuredClone = structuredClone;
G.Event = Event;
G.CustomEvent = CustomEvent;
G.EventTarget = EventTarget;
G.AbortController = AbortController;
G.AbortSignal = AbortSignal;
