/* express.js - the Express-compatible req and res.
 *
 * req is built from the CGI variables the web server passed; everything
 * that costs parsing (query, cookies, headers, accepts) is computed on
 * first use, because most functions read two or three of them.  res
 * collects headers and leaves through sys.respond (one whole response with
 * its Content-Length) or, once res.write() is used, sys.head + sys.write
 * with a flush per chunk, so streamed chunks reach the client as written.
 *
 * Needs: sys.hidden; rt.EventEmitter (node.js).  When called:
 *   rt.enqueueMicrotask, rt.enqueueTick (promise.js);
 *   rt.onUncaughtException (dispatch.js: per request);
 *   rt.log (console.js); rt.path (module.js); rt.reason, rt.root
 *   (dispatch.js; root per request); sys.head, sys.write, sys.respond,
 *   sys.flush, sys.bufferToString, sys.env, sys.envVar, sys.jsonBody,
 *   sys.readFile, sys.trustProxy, sys.bodyRead, sys.bodyAll, sys.queued;
 *   rt.awaitDrain, rt.awaitFinish (timers.js).
 * Provides: rt.requestPrototype (stream.js makes req a Readable),
 *   rt.emitDrain, rt.emitFinish (timers.js tells a res its 'drain', and
 *   its 'finish' once the web server has taken all of it),
 *   rt.requestBodyChunk (req's stream reads the body with it),
 *   rt.createRequest, rt.createResponse, rt.sendError,
 *   rt.HttpError, rt.mimeOf, rt.parseQuery, rt.exposed, and
 *   rt.currentRequest (per request).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var hasOwn = Object.prototype.hasOwnProperty;

/* The private slots of req and res live under Duktape hidden symbols
 * (sys.hidden): no enumeration, not even getOwnPropertyNames, sees them,
 * and filling one is a plain store, where a defineProperty per slot and
 * request was the biggest single item of the request path's own cost.
 * req._env, req._body and res._headers stay readable through getters on
 * the prototypes. */
var hiddenKey = sys.hidden;
var ENV = hiddenKey('env'), BODY = hiddenKey('body'), PARSED = hiddenKey('parsed');
var SEQ = hiddenKey('seq'), OFFSET = hiddenKey('offset');
var HEADERS = hiddenKey('headers');

/* --- small helpers --- */
function decode(s) {
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s;
    }
}

function HttpError(status, message) {
    var e = new Error(message);
    e.status = status;
    e.expose = true;
    return e;
}
rt.HttpError = HttpError;

var MIME = {
    html: 'text/html', htm: 'text/html', txt: 'text/plain', text: 'text/plain',
    css: 'text/css', csv: 'text/csv', js: 'text/javascript', mjs: 'text/javascript',
    json: 'application/json', xml: 'application/xml', pdf: 'application/pdf',
    zip: 'application/zip', gz: 'application/gzip', wasm: 'application/wasm',
    bin: 'application/octet-stream', form: 'application/x-www-form-urlencoded',
    urlencoded: 'application/x-www-form-urlencoded', multipart: 'multipart/*',
    png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
    svg: 'image/svg+xml', ico: 'image/x-icon', webp: 'image/webp', avif: 'image/avif',
    mp3: 'audio/mpeg', wav: 'audio/wav', mp4: 'video/mp4', webm: 'video/webm',
    woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf',
    md: 'text/markdown', yaml: 'text/yaml', yml: 'text/yaml', map: 'application/json',
    webmanifest: 'application/manifest+json', ics: 'text/calendar'
};

/* 'json' -> 'application/json', '.png' -> 'image/png', 'a/b' stays. */
function mimeOf(t) {
    if (t.indexOf('/') >= 0) return t;
    var ext = t.charAt(0) === '.' ? t.slice(1) : t;
    return MIME[ext.toLowerCase()] || null;
}
rt.mimeOf = mimeOf;

/* Content types answered with '; charset=utf-8' appended; remembered per
 * type because the same two or three occur on every request. */
var charsetMemo = {}, charsetMemoSize = 0;
function withCharset(type) {
    var m = charsetMemo[type];
    if (typeof m === 'string')
        return m;
    m = type;
    if (/^(text\/|application\/(json|javascript|xml)|[^;]*\+(json|xml))/.test(type) &&
        type.indexOf('charset') < 0)
        m = type + '; charset=utf-8';
    if (charsetMemoSize < 256 && !hasOwn.call(Object.prototype, type)) {
        charsetMemo[type] = m;
        charsetMemoSize++;
    }
    return m;
}

/* Query strings and urlencoded bodies: repeated keys become arrays, a[]=x
 * and a[b]=x nest one level per bracket, '+' is a space. */
function parseQuery(qs) {
    var out = {};
    if (!qs) return out;
    var pairs = qs.split('&');
    for (var i = 0; i < pairs.length && i < 1000; i++) {
        if (!pairs[i]) continue;
        var eq = pairs[i].indexOf('=');
        var k = decode((eq < 0 ? pairs[i] : pairs[i].slice(0, eq)).replace(/\+/g, ' '));
        var v = eq < 0 ? '' : decode(pairs[i].slice(eq + 1).replace(/\+/g, ' '));
        assign(out, k, v);
    }
    return out;
}
rt.parseQuery = parseQuery;

function safeKey(k) {
    return k !== '__proto__' && k !== 'constructor' && k !== 'prototype';
}

function addValue(obj, k, v) {
    if (!safeKey(k)) return;
    if (!hasOwn.call(obj, k)) obj[k] = v;
    else if (Array.isArray(obj[k])) obj[k].push(v);
    else obj[k] = [obj[k], v];
}

function assign(out, key, v) {
    var m = /^([^\[\]]+)((?:\[[^\[\]]*\]){1,5})$/.exec(key);
    if (!m) return addValue(out, key, v);
    var parts = [m[1]], re = /\[([^\[\]]*)\]/g, g;
    while ((g = re.exec(m[2])) !== null) parts.push(g[1]);
    var obj = out;
    for (var i = 0; i < parts.length - 1; i++) {
        var k = parts[i], next = parts[i + 1];
        if (!safeKey(k)) return;
        if (next === '') {
            /* a[] -> array */
            if (!hasOwn.call(obj, k)) obj[k] = [];
            else if (!Array.isArray(obj[k])) obj[k] = [obj[k]];
            if (i + 2 === parts.length) { obj[k].push(v); return; }
            return;
        }
        if (!hasOwn.call(obj, k) || typeof obj[k] !== 'object' || obj[k] === null)
            obj[k] = {};
        obj = obj[k];
    }
    addValue(obj, parts[parts.length - 1], v);
}

function parseCookies(header) {
    var out = {};
    if (!header) return out;
    var parts = header.split(/; */);
    for (var i = 0; i < parts.length; i++) {
        var eq = parts[i].indexOf('=');
        if (eq < 0) continue;
        var k = parts[i].slice(0, eq).trim(), v = parts[i].slice(eq + 1).trim();
        if (v.charAt(0) === '"' && v.charAt(v.length - 1) === '"') v = v.slice(1, -1);
        if (!hasOwn.call(out, k) && safeKey(k)) out[k] = decode(v);
    }
    return out;
}

/* Accept-style header -> [{ type, q, i }] best first. */
function parseAccept(h) {
    if (!h) return [];
    var list = h.split(','), out = [];
    for (var i = 0; i < list.length; i++) {
        var parts = list[i].split(';'), type = parts[0].trim().toLowerCase(), q = 1;
        for (var j = 1; j < parts.length; j++) {
            var kv = parts[j].split('=');
            if (kv[0].trim() === 'q') q = parseFloat(kv[1]);
        }
        if (type && q > 0) out.push({ type: type, q: isNaN(q) ? 0 : q, i: i });
    }
    out.sort(function (a, b) { return b.q - a.q || a.i - b.i; });
    return out;
}

function mimeMatch(pattern, type) {
    var p = pattern.split('/'), t = type.split('/');
    /* a media range without a subtype ("Accept: text") matches nothing
     * (found by fuzz/request_fuzz.c: it threw, a 500) */
    if (p.length < 2 || t.length < 2) return false;
    if (p[0] !== '*' && p[0] !== t[0]) return false;
    if (p[1] === '*' || p[1] === t[1]) return true;
    /* '+json' style suffix patterns */
    return p[1].charAt(0) === '*' && p[1].slice(1) === t[1].slice(t[1].indexOf('+'));
}

/* --- req --- */
function Request() {}
var RP = Request.prototype;

function slotGetter(proto, name, key) {
    Object.defineProperty(proto, name, { get: function () { return this[key]; }, configurable: true });
}
slotGetter(RP, '_body', BODY);

/* The CGI variables, made into an object only when something needs them
 * all (req.headers, req._env): a plain request reads none past the four
 * the engine passes, and one header is one sys.envVar. */
function envOf(req) {
    var env = req[ENV];
    if (env === undefined)
        env = req[ENV] = sys.env(req[SEQ]);
    return env;
}
function envVar(req, name) {
    var env = req[ENV];
    return env === undefined ? sys.envVar(req[SEQ], name) : env[name];
}
Object.defineProperty(RP, '_env', { get: function () { return envOf(this); }, configurable: true });

function lazy(name, compute) {
    Object.defineProperty(RP, name, {
        get: function () {
            var v = compute.call(this);
            Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
            return v;
        },
        set: function (v) {
            Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
        },
        enumerable: true, configurable: true
    });
}

lazy('headers', function () {
    var env = envOf(this), h = {}, keys = Object.keys(env);
    for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (k.slice(0, 5) === 'HTTP_')
            h[k.slice(5).toLowerCase().replace(/_/g, '-')] = env[k];
    }
    if (env.CONTENT_TYPE) h['content-type'] = env.CONTENT_TYPE;
    if (env.CONTENT_LENGTH) h['content-length'] = env.CONTENT_LENGTH;
    return h;
});
lazy('query', function () { return parseQuery(envVar(this, 'QUERY_STRING') || ''); });
lazy('cookies', function () { return parseCookies(envVar(this, 'HTTP_COOKIE')); });
lazy('signedCookies', function () { return {}; });
lazy('ips', function () {
    if (!sys.trustProxy || !envVar(this, 'HTTP_X_FORWARDED_FOR')) return [];
    return envVar(this, 'HTTP_X_FORWARDED_FOR').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
});
lazy('ip', function () {
    var ips = this.ips;
    return ips.length ? ips[0] : (envVar(this, 'REMOTE_ADDR') || '');
});
lazy('protocol', function () {
    var fwd = sys.trustProxy && envVar(this, 'HTTP_X_FORWARDED_PROTO'), https = envVar(this, 'HTTPS');
    if (fwd)
        return fwd.split(',')[0].trim().toLowerCase();
    return (https && https !== 'off') || envVar(this, 'REQUEST_SCHEME') === 'https' ? 'https' : 'http';
});
lazy('secure', function () { return this.protocol === 'https'; });
lazy('hostname', function () {
    var host = (sys.trustProxy && envVar(this, 'HTTP_X_FORWARDED_HOST')) || envVar(this, 'HTTP_HOST') ||
               envVar(this, 'SERVER_NAME') || '';
    host = host.split(',')[0].trim();
    if (host.charAt(0) === '[') return host.slice(0, host.indexOf(']') + 1);
    var c = host.indexOf(':');
    return c >= 0 ? host.slice(0, c) : host;
});
lazy('host', function () { return this.hostname; });
lazy('subdomains', function () {
    var h = this.hostname;
    if (!h || /^[\d.]+$/.test(h)) return [];
    return h.split('.').reverse().slice(2);
});
lazy('xhr', function () {
    return String(envVar(this, 'HTTP_X_REQUESTED_WITH') || '').toLowerCase() === 'xmlhttprequest';
});
lazy('fresh', function () { return false; });
lazy('stale', function () { return true; });
/* A body not read yet (the BODY slot null) is read whole on first use of
 * req.body or req.rawBody; what req as a stream has read of it is gone,
 * as in Node. */
function wholeBody(req) {
    if (req[BODY] === null) {
        req[BODY] = sys.bodyAll();
        req[OFFSET] = 0;
    }
    return req[BODY];
}
lazy('rawBody', function () {
    var b = wholeBody(this);
    return b === undefined ? new Buffer(0) : b;
});
/* a request without a body has no parsed slot: {} on first use */
lazy('body', function () {
    var p = this[PARSED];
    if (p === undefined && this[BODY] === null)
        p = this[PARSED] = wholeBody(this);
    return p === undefined ? {} : p;
});

/* The next piece (at most max bytes) of the body for req as a stream
 * (stream.js), null at its end: from memory when the body was read
 * whole, else from the web server as it arrives, so that a large upload
 * piped elsewhere is never in memory whole.  Throws as sys.bodyRead. */
rt.requestBodyChunk = function (req, max) {
    var body = req[BODY];
    if (body === null) {
        var c = sys.bodyRead(max);
        if (c === null) req[BODY] = undefined;
        return c;
    }
    var at = req[OFFSET] || 0;
    if (!body || at >= body.length) return null;
    var end = Math.min(body.length, at + max);
    req[OFFSET] = end;
    return body.subarray(at, end);
};

/* 'x-signature' -> 'HTTP_X_SIGNATURE', remembered; null for a name that
 * the headers object maps otherwise (an underscore, content-*, referer). */
var envNameMemo = {}, envNameMemoSize = 0;
function envName(k) {
    var e = envNameMemo[k];
    if (e !== undefined && hasOwn.call(envNameMemo, k))
        return e;
    e = /^[a-z0-9-]+$/.test(k) && k !== 'content-type' && k !== 'content-length' &&
        k !== 'referer' && k !== 'referrer' ? 'HTTP_' + k.toUpperCase().replace(/-/g, '_') : null;
    if (envNameMemoSize < 256 && !hasOwn.call(Object.prototype, k)) {
        envNameMemo[k] = e;
        envNameMemoSize++;
    }
    return e;
}

RP.get = RP.header = function (name) {
    if (typeof name !== 'string')
        throw new TypeError('name argument is required to req.get');
    var k = lowerName(name), e;
    if (k === 'referer' || k === 'referrer')
        return this.headers.referer || this.headers.referrer;
    /* one header straight from its CGI variable, without building
     * req.headers, unless the function has it already (or replaced it) */
    if (!hasOwn.call(this, 'headers') && (e = envName(k)) !== null)
        return envVar(this, e);     /* e is HTTP_*: no inherited name */
    return this.headers[k];
};

RP.is = function (types) {
    var ct = envVar(this, 'CONTENT_TYPE');
    var hasBody = this[BODY] !== undefined || Number(envVar(this, 'CONTENT_LENGTH')) > 0;
    if (!hasBody) return null;
    if (!ct) return false;
    var actual = mediaType(ct);
    var list = Array.isArray(types) ? types : Array.prototype.slice.call(arguments);
    if (!list.length) return actual;
    for (var i = 0; i < list.length; i++) {
        var t = String(list[i]);
        var m = t.charAt(0) === '+' ? '*/*' + t : mimeOf(t);
        if (m && mimeMatch(m.toLowerCase(), actual))
            return t.indexOf('*') >= 0 || t.charAt(0) === '+' ? actual : t;
    }
    return false;
};

function negotiate(header, list, wildcard) {
    var accepted = parseAccept(header);
    if (!list.length)
        return accepted.map(function (a) { return a.type; });
    if (!header)
        return list[0];
    for (var a = 0; a < accepted.length; a++) {
        for (var i = 0; i < list.length; i++) {
            var t = String(list[i]);
            if (wildcard(accepted[a].type, t)) return t;
        }
    }
    return false;
}

RP.accepts = function () {
    var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
    return negotiate(envVar(this, 'HTTP_ACCEPT'), list, function (pattern, t) {
        var m = mimeOf(t);
        return !!m && mimeMatch(pattern, m.toLowerCase());
    });
};

function plainNegotiator(varName) {
    return function () {
        var list = Array.isArray(arguments[0]) ? arguments[0] : Array.prototype.slice.call(arguments);
        return negotiate(envVar(this, varName), list, function (pattern, t) {
            return pattern === '*' || pattern === t.toLowerCase() ||
                   pattern.split('-')[0] === t.toLowerCase();
        });
    };
}
RP.acceptsLanguages = RP.acceptsLanguage = plainNegotiator('HTTP_ACCEPT_LANGUAGE');
RP.acceptsEncodings = RP.acceptsEncoding = plainNegotiator('HTTP_ACCEPT_ENCODING');
RP.acceptsCharsets = RP.acceptsCharset = plainNegotiator('HTTP_ACCEPT_CHARSET');

RP.param = function (name, defaultValue) {
    var p = this.params || {}, b = this.body || {}, q = this.query || {};
    if (p[name] !== undefined && hasOwn.call(p, name)) return p[name];
    if (b !== null && typeof b === 'object' && b[name] !== undefined && hasOwn.call(b, name)) return b[name];
    if (q[name] !== undefined && hasOwn.call(q, name)) return q[name];
    return defaultValue;
};

RP.range = function () { return undefined; };

/* 'Application/JSON; charset=utf-8' -> 'application/json', remembered:
 * the same one or two come with every request. */
var mediaMemo = Object.create(null), mediaMemoSize = 0;
function mediaType(contentType) {
    var key = String(contentType || ''), m = mediaMemo[key];
    if (m === undefined) {
        m = key.split(';')[0].trim().toLowerCase();
        if (mediaMemoSize < 256) {
            mediaMemo[key] = m;
            mediaMemoSize++;
        }
    }
    return m;
}

/* Whether req.body parses a body of this type (parseBody) rather than
 * giving its bytes. */
function parsedType(contentType) {
    var ct = mediaType(contentType);
    return ct === 'application/json' || /\+json$/.test(ct) ||
        ct === 'application/x-www-form-urlencoded' || ct.slice(0, 5) === 'text/';
}

function parseBody(req, contentType) {
    var raw = req[BODY];
    if (raw === undefined)
        return {};
    var ct = mediaType(contentType);
    if (ct === 'application/json' || /\+json$/.test(ct)) {
        var v = sys.jsonBody(raw);
        if (v !== undefined) return v;
        var text = sys.bufferToString(raw);
        if (!/\S/.test(text)) return {};
        try {
            return JSON.parse(text);
        } catch (e) {
            throw HttpError(400, 'Invalid JSON in request body');
        }
    }
    if (ct === 'application/x-www-form-urlencoded')
        return parseQuery(sys.bufferToString(raw));
    if (ct.slice(0, 5) === 'text/')
        return sys.bufferToString(raw);
    return raw;
}

/* Builds req from the request's number for sys.env and the four CGI
 * variables every request reads (rt.dispatch's arguments); throws an
 * HttpError(400) when the body does not parse. */
rt.createRequest = function (seq, body, params, routePath, uri, m, v, contentType) {
    var req = new Request();
    if (!uri) uri = routePath;
    var q = uri.indexOf('?');
    req[SEQ] = seq;
    req[BODY] = body;
    req.method = m === 'GET' || m === 'POST' ? m : String(m || 'GET').toUpperCase();
    req.path = routePath;
    req.originalUrl = uri;
    req.url = q >= 0 ? routePath + uri.slice(q) : routePath;
    req.baseUrl = '';
    req.params = params;
    req.httpVersion = v === 'HTTP/1.1' || v === undefined ? '1.1' : String(v).replace(/^HTTP\//, '');
    /* a body the function has not asked for yet (null) is read now only
     * when it is one that req.body parses; otherwise on first use */
    if (body === null && parsedType(contentType))
        body = req[BODY] = sys.bodyAll();
    if (body !== undefined && body !== null)
        req[PARSED] = parseBody(req, contentType);
    rt.currentRequest = req;    /* fetch.js resolves relative URLs against it */
    return req;
};

/* --- res --- */
/* res is an EventEmitter, as Node's ServerResponse is, so that pipe,
 * pipeline and finished treat it as the Writable it is there: 'finish' then
 * 'close' once it ends, 'close' alone when the client goes away first.  The
 * events cost nothing until a listener is added (node.js's emitter makes
 * its table on the first on()). */
function Response() {}
var SP = Response.prototype;
Object.setPrototypeOf(SP, rt.EventEmitter.prototype);
slotGetter(SP, '_headers', HEADERS);
rt.requestPrototype = RP;

/* A listener's exception is the request's uncaught one, as from any other
 * nextTick callback. */
function emitLater(args) {
    var res = args[0];
    try {
        for (var i = 1; i < args.length; i++) {
            if (args[i] === 'finish') res[CLOSED] = FINISHED;
            res.emit(args[i]);
        }
    } catch (e) {
        if (rt.onUncaughtException) rt.onUncaughtException(e);
        else throw e;
    }
}

/* Told once: after the end, 'finish' and 'close'; after the client left
 * (a write that failed) or destroy(), 'close' only.  Nobody listening: no
 * tick at all, the common case.  An end whose last records still wait
 * in the request layer (the web server has not taken them: a slow
 * client) says 'finish' when it has, as Node's comes once the last byte
 * is handed to the system (timers.js pumps the output meanwhile, and the
 * request is not over before, up to its --timeout: past it the request
 * layer sends the rest as it always did, with no 'finish'); if the client
 * leaves first, 'close' alone. */
function closed(res, finished) {
    if (res.destroyed === true || res[CLOSED]) return;
    if (finished && res._events && sys.queued() > 0) {
        rt.awaitFinish(res);
        return;
    }
    res[CLOSED] = true;
    if (res._events) rt.enqueueTick(emitLater, finished ? [res, 'finish', 'close'] : [res, 'close']);
    else if (finished) res[CLOSED] = FINISHED;
}
/* res[CLOSED]: true once told (or nobody to tell), FINISHED once 'finish'
 * is emitted (what writableFinished says).  One property for both: a
 * second one added to every response grew its property table, +0.9k
 * instructions a request (bench/inproc.sh hello) */
var CLOSED = hiddenKey('closed'), FINISHED = 'finished';

rt.emitFinish = function (res) {
    closed(res, sys.flush() !== false);
};

/* The Writable's read-only properties, from what res already knows.  A
 * streamed write the client cannot take yet waits in the request layer
 * (request.c): writableLength is what waits there, and write() is false
 * past the highWaterMark (or once the client is gone). */
[['writable', function () { return !this.finished && this.destroyed !== true && !this[CLOSED]; }],
 ['writableFinished', function () { return this[CLOSED] === FINISHED; }],
 ['writableNeedDrain', function () { return this[NEED_DRAIN] === true; }],
 ['writableLength', function () { return this.headersSent && !this.finished ? sys.queued() : 0; }],
 ['writableHighWaterMark', function () { return HWM; }],
 ['writableObjectMode', function () { return false; }],
 ['writableCorked', function () { return 0; }]].forEach(function (g) {
    Object.defineProperty(SP, g[0], { get: g[1], enumerable: false, configurable: true });
});
SP.cork = SP.uncork = function () {};
SP.setDefaultEncoding = function () { return this; };

/* res.destroy([err]): nothing more reaches the client.  A stream already
 * begun ends where it is; a response not begun is left unsent, which the
 * dispatcher answers with a 500 when the handler is done. */
SP.destroy = function () {
    if (this.destroyed === true) return this;
    closed(this, false);
    this.destroyed = true;
    if (this.headersSent && !this.finished) {
        sys.flush();
        this.finished = this.writableEnded = true;
    }
    return this;
};

function headerList(res) {
    /* free names looked up once, not per header (see dispatch.js) */
    var hs = res[HEADERS], keys = Object.keys(hs), isArray = Array.isArray, out = '';
    for (var i = 0; i < keys.length; i++) {
        var h = hs[keys[i]], v = h.value;
        if (typeof v !== 'string' && isArray(v)) {
            for (var j = 0; j < v.length; j++) out += h.name + ': ' + clean(v[j]) + '\r\n';
        } else {
            out += h.name + ': ' + (typeof v === 'string' && v.indexOf('\n') < 0 && v.indexOf('\r') < 0 ? v : clean(v)) + '\r\n';
        }
    }
    return out;
}

/* Header values never carry CR or LF (response splitting). */
function clean(v) {
    v = String(v);
    return v.indexOf('\n') < 0 && v.indexOf('\r') < 0 ? v : v.replace(/[\r\n]+/g, ' ');
}

var validNames = {}, validNamesSize = 0;
function checkHeaderName(name) {
    if (typeof name === 'string' && validNames[name] === true)
        return;
    if (typeof name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
        throw new TypeError('Header name must be a valid HTTP token ["' + name + '"]');
    if (validNamesSize < 256 && !hasOwn.call(Object.prototype, name)) {
        validNames[name] = true;
        validNamesSize++;
    }
}

/* Header names in lower case, remembered: the same few names come with
 * every request, and Duktape's toLowerCase walks Unicode tables. */
var lowerMemo = {}, lowerMemoSize = 0;
function lowerName(name) {
    var l = lowerMemo[name];
    if (typeof l === 'string')
        return l;
    l = name.toLowerCase();
    if (lowerMemoSize < 256 && !hasOwn.call(Object.prototype, name)) {
        lowerMemo[name] = l;
        lowerMemoSize++;
    }
    return l;
}

/* The response's header plumbing, used by its own methods directly (not
 * through the overridable methods: each of those is a call through an
 * accessor once harden.js has run). */
function putHeader(res, name, value) {
    checkHeaderName(name);
    if (res.headersSent) {
        rt.log('error', 'Cannot set header "' + name + '" after the response was sent');
        return res;
    }
    /* a string first: Array.isArray and String are native calls */
    res[HEADERS][lowerName(name)] = { name: name, value: typeof value === 'string' ? value :
                                      Array.isArray(value) ? value.map(String) : String(value) };
    return res;
}

function headerValue(res, name) {
    var h = res[HEADERS][typeof name === 'string' ? lowerName(name) : String(name).toLowerCase()];
    return h ? h.value : undefined;
}

/* Content-Type as res.set() takes it: 'json' -> application/json, with
 * the charset added to text types. */
function setType(res, v, name) {
    if (v.indexOf('/') < 0) v = mimeOf(v) || v;
    return putHeader(res, name || 'Content-Type', withCharset(v));
}

SP.setHeader = function (name, value) {
    return putHeader(this, name, value);
};
SP.getHeader = SP.get = function (name) {
    return headerValue(this, name);
};
SP.getHeaders = function () {
    var out = {}, keys = Object.keys(this[HEADERS]);
    for (var i = 0; i < keys.length; i++) out[keys[i]] = this[HEADERS][keys[i]].value;
    return out;
};
SP.getHeaderNames = function () { return Object.keys(this[HEADERS]); };
SP.hasHeader = function (name) { return hasOwn.call(this[HEADERS], String(name).toLowerCase()); };
SP.removeHeader = function (name) {
    if (!this.headersSent) delete this[HEADERS][String(name).toLowerCase()];
    return this;
};

SP.set = SP.header = function (field, value) {
    if (typeof field === 'object' && field !== null) {
        var keys = Object.keys(field);
        for (var i = 0; i < keys.length; i++) this.set(keys[i], field[keys[i]]);
        return this;
    }
    var v = Array.isArray(value) ? value.map(String) : String(value);
    if (typeof v === 'string' && (typeof field === 'string' ? lowerName(field) : String(field).toLowerCase()) === 'content-type')
        return setType(this, v, field);
    return putHeader(this, field, v);
};

SP.append = function (field, value) {
    var prev = this.get(field);
    var add = Array.isArray(value) ? value.map(String) : [String(value)];
    if (prev === undefined) return this.set(field, add.length === 1 ? add[0] : add);
    return this.setHeader(field, (Array.isArray(prev) ? prev : [prev]).concat(add));
};

SP.status = function (code) {
    var n = Number(code);
    if (!(n % 1 === 0 && n >= 100 && n <= 999))
        throw new RangeError('Invalid status code: ' + code + '. Status code must be an integer between 100 and 999.');
    this.statusCode = n;
    return this;
};

/* res.type's answers, remembered per string: 'text' -> 'text/plain;
 * charset=utf-8' is a dozen calls (toLowerCase walks Unicode tables). */
var typeMemo = Object.create(null), typeMemoSize = 0;
SP.type = SP.contentType = function (t) {
    var v = typeof t === 'string' ? typeMemo[t] : undefined;
    if (v === undefined) {
        var s = String(t);
        v = withCharset(s.indexOf('/') >= 0 ? s : (mimeOf(s) || 'application/octet-stream'));
        if (typeof t === 'string' && typeMemoSize < 256) {
            typeMemo[t] = v;
            typeMemoSize++;
        }
    }
    return putHeader(this, 'Content-Type', v);
};

SP.location = function (url) {
    if (url === 'back') url = this.req.get('referer') || '/';
    return this.set('Location', encodeURI(String(url)).replace(/%25([0-9A-Fa-f]{2})/g, '%$1'));
};

SP.redirect = function (a, b) {
    var status = 302, url = a;
    if (typeof a === 'number') { status = a; url = b; }
    else if (typeof b === 'number') { status = b; }
    this.location(url);
    var loc = this.get('Location');
    this.statusCode = status;
    this.type('text/plain');
    return this.send(rt.reason(status) + '. Redirecting to ' + loc);
};

function cookieString(name, value, o) {
    var s = name + '=' + encodeURIComponent(value);
    if (o.maxAge !== undefined && o.maxAge !== null) {
        var secs = Math.floor(Number(o.maxAge) / 1000);
        s += '; Max-Age=' + secs;
        if (!o.expires) o.expires = new Date(Date.now() + Number(o.maxAge));
    }
    if (o.domain) s += '; Domain=' + o.domain;
    s += '; Path=' + (o.path || '/');
    if (o.expires) s += '; Expires=' + (o.expires instanceof Date ? o.expires : new Date(o.expires)).toUTCString();
    if (o.httpOnly) s += '; HttpOnly';
    if (o.partitioned) s += '; Partitioned';
    if (o.priority) s += '; Priority=' + String(o.priority).charAt(0).toUpperCase() + String(o.priority).slice(1).toLowerCase();
    if (o.sameSite) {
        var ss = o.sameSite === true ? 'Strict' : String(o.sameSite).toLowerCase();
        s += '; SameSite=' + (ss === 'strict' || ss === 'Strict' ? 'Strict' : ss === 'lax' ? 'Lax' : ss === 'none' ? 'None' : ss);
    }
    if (o.secure) s += '; Secure';
    return s;
}

SP.cookie = function (name, value, options) {
    var o = {}, k;
    if (options) for (k in options) if (hasOwn.call(options, k)) o[k] = options[k];
    var v = typeof value === 'object' ? 'j:' + JSON.stringify(value) : String(value);
    return this.append('Set-Cookie', cookieString(name, v, o));
};

SP.clearCookie = function (name, options) {
    var o = { expires: new Date(1), path: '/' }, k;
    if (options) for (k in options) if (hasOwn.call(options, k) && k !== 'maxAge' && k !== 'expires') o[k] = options[k];
    return this.append('Set-Cookie', cookieString(name, '', o));
};

SP.attachment = function (filename) {
    if (filename) {
        this.type(rt.path.extname(filename) || 'application/octet-stream');
        this.set('Content-Disposition', 'attachment; filename="' + rt.path.basename(filename).replace(/["\\]/g, '\\$&') + '"');
    } else {
        this.set('Content-Disposition', 'attachment');
    }
    return this;
};

SP.vary = function (field) {
    var prev = this.get('Vary');
    if (!prev) return this.set('Vary', field);
    if (String(prev).toLowerCase().split(/ *, */).indexOf(String(field).toLowerCase()) < 0)
        this.set('Vary', prev + ', ' + field);
    return this;
};

function alreadySent(res, what) {
    rt.log('error', 'res.' + what + '() called after the response was sent (ERR_HTTP_HEADERS_SENT): ignored');
    return res;
}

/* The one way a complete response leaves. */
function finish(res, body) {
    res.headersSent = true;
    res.finished = res.writableEnded = true;
    sys.respond(res.statusCode, headerList(res), body);
    closed(res, true);
    return res;
}

SP.send = function (body) {
    if (this.finished) return alreadySent(this, 'send');
    if (this.headersSent) return this.end(body);
    var t = typeof body;
    if (body === null || body === undefined) {
        body = '';
    } else if (t === 'string') {
        if (!headerValue(this, 'content-type')) setType(this, 'text/html');
    } else if (t === 'boolean' || t === 'number' || t === 'object') {
        if (Buffer.isBuffer(body) || body instanceof Uint8Array || body instanceof ArrayBuffer) {
            if (!headerValue(this, 'content-type')) setType(this, 'application/octet-stream');
        } else {
            return this.json(body);
        }
    }
    if (this.statusCode === 204 || this.statusCode === 304) {
        this.removeHeader('Content-Type');
        body = '';
    }
    return finish(this, body);
};

var JSON_TYPE = withCharset('application/json');
SP.json = function (value) {
    if (this.finished) return alreadySent(this, 'json');
    var s = JSON.stringify(value);
    if (s === undefined) s = '';
    if (!headerValue(this, 'content-type')) putHeader(this, 'Content-Type', JSON_TYPE);
    return this.send(s);
};

SP.jsonp = function (value) {
    var cb = this.req && this.req.query.callback;
    if (typeof cb !== 'string' || !/^[\[\]\w$.]+$/.test(cb)) return this.json(value);
    this.set('X-Content-Type-Options', 'nosniff');
    this.set('Content-Type', 'text/javascript');
    return this.send('/**/ typeof ' + cb + " === 'function' && " + cb + '(' + JSON.stringify(value) + ');');
};

SP.sendStatus = function (code) {
    this.status(code);
    this.type('text/plain');
    return this.send(rt.reason(this.statusCode));
};

SP.write = function (chunk, encoding, cb) {
    if (this.finished) {
        if (this.destroyed !== true) alreadySent(this, 'write');
        return false;
    }
    if (!this.headersSent) {
        if (!this.get('Content-Type')) this.set('Content-Type', 'text/html');
        /* nginx would otherwise buffer the whole stream */
        this.set('X-Accel-Buffering', 'no');
        this.removeHeader('Content-Length');
        this.headersSent = true;
        sys.head(this.statusCode, headerList(this));
    }
    var ok = true;
    if (chunk !== undefined && chunk !== null) {
        ok = sys.write(chunk);
        sys.flush();
        if (!ok) closed(this, false);
        /* the client is slow: what it has not taken waits in the request
         * layer, and past the highWaterMark write() says so, as Node's
         * does; 'drain' comes when it has all been taken (timers.js) */
        else if (sys.queued() >= HWM) {
            this[NEED_DRAIN] = true;
            rt.awaitDrain(this);
            ok = false;
        }
    }
    if (typeof encoding === 'function') cb = encoding;
    if (typeof cb === 'function') rt.enqueueMicrotask(cb);
    return ok;
};
var HWM = 16384, NEED_DRAIN = hiddenKey('needDrain');

rt.emitDrain = function (res) {
    if (res[NEED_DRAIN] !== true) return;
    res[NEED_DRAIN] = false;
    if (res._events && !res[CLOSED]) res.emit('drain');
};

SP.end = function (data, encoding, cb) {
    if (typeof data === 'function') { cb = data; data = undefined; }
    if (this.finished) return this.destroyed === true ? this : alreadySent(this, 'end');
    if (!this.headersSent) {
        if (data === undefined || data === null) data = '';
        finish(this, data);
    } else {
        var ok = data === undefined || data === null || sys.write(data);
        this.finished = this.writableEnded = true;
        sys.flush();
        closed(this, ok);
    }
    if (typeof encoding === 'function') cb = encoding;
    if (typeof cb === 'function') rt.enqueueMicrotask(cb);
    return this;
};

/* Hop-by-hop headers stay with the connection they came on (RFC 9110 7.6.1). */
var HOP_BY_HOP = { connection: 1, 'keep-alive': 1, 'proxy-connection': 1, te: 1,
                   trailer: 1, 'transfer-encoding': 1, upgrade: 1 };

/* res.pipeFrom(fetchResponse): the upstream's status, headers and body,
 * chunk by chunk as they arrive (at most one buffer of fetch's in memory).
 * A body libcurl decoded loses content-encoding and content-length.  A
 * client that goes away cancels the transfer.  Promise of res once ended. */
SP.pipeFrom = function (response) {
    var res = this;
    if (this.finished) return Promise.resolve(alreadySent(this, 'pipeFrom'));
    if (!response || typeof response.status !== 'number' || !response.headers)
        return Promise.reject(new TypeError('res.pipeFrom() expects a Response from fetch()'));
    if (!this.headersSent) {
        var encoding = String(response.headers.get('content-encoding') || '');
        var decoded = /^\s*(x-)?(gzip|deflate|br|zstd)\s*$/i.test(encoding);
        this.statusCode = response.status;
        response.headers.forEach(function (value, name) {
            name = name.toLowerCase();
            if (HOP_BY_HOP[name] || name === 'set-cookie' ||
                (decoded && (name === 'content-length' || name === 'content-encoding')))
                return;
            res.setHeader(name, value);
        });
        var cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
        if (cookies.length) res.setHeader('set-cookie', cookies);
        this.set('X-Accel-Buffering', 'no');
        this.headersSent = true;
        sys.head(this.statusCode, headerList(this));
    }
    if (!response.body || (this.req && this.req.method === 'HEAD'))
        return Promise.resolve(response.body && response.body.cancel ? response.body.cancel() : null)
            .then(function () { return res.end(); });
    var reader = response.body.getReader();
    function next() {
        return reader.read().then(function (r) {
            if (r.done) return res.end();
            if (sys.write(r.value)) {
                sys.flush();
                return next();
            }
            /* the client is gone: stop the upstream too */
            return Promise.resolve(reader.cancel()).then(function () { return res.end(); });
        }, function (err) {
            rt.log('warn', 'res.pipeFrom(): the upstream body failed: ' + (err && err.message));
            res.end();
            throw err;
        });
    }
    return next();
};

SP.sendFile = function (file, options, cb) {
    if (typeof options === 'function') { cb = options; options = {}; }
    options = options || {};
    if (this.finished) return alreadySent(this, 'sendFile');
    var p = String(file);
    if (options.root) p = rt.path.join(String(options.root), p);
    if (p.charAt(0) !== '/') p = rt.path.join(rt.root, p);
    var data, err = null;
    try {
        data = sys.readFile(p, false);
    } catch (e) {
        err = e;
        e.status = e.statusCode = e.code === 'EACCES' ? 403 : 404;
    }
    if (err) {
        if (typeof cb === 'function') { cb(err); return this; }
        return rt.sendError(this, err.status);
    }
    if (!this.get('Content-Type')) this.type(rt.path.extname(p) || 'application/octet-stream');
    if (options.headers) this.set(options.headers);
    if (options.maxAge !== undefined)
        this.set('Cache-Control', 'public, max-age=' + Math.floor(Number(options.maxAge) / 1000));
    this.send(data);
    if (typeof cb === 'function') rt.enqueueMicrotask(function () { cb(); });
    return this;
};

SP.download = function (file, name, options, cb) {
    if (typeof name === 'function') { cb = name; name = undefined; options = undefined; }
    else if (typeof options === 'function') { cb = options; options = undefined; }
    if (name && typeof name === 'object') { options = name; name = undefined; }
    this.attachment(name || rt.path.basename(String(file)));
    return this.sendFile(file, options, cb);
};

SP.format = function (obj) {
    var keys = Object.keys(obj).filter(function (k) { return k !== 'default'; });
    var pick = this.req.accepts(keys);
    this.vary('Accept');
    if (pick) {
        this.type(pick);
        obj[pick](this.req, this, function () {});
    } else if (obj['default']) {
        obj['default'](this.req, this, function () {});
    } else {
        rt.sendError(this, 406);
    }
    return this;
};

SP.links = function (links) {
    var parts = Object.keys(links).map(function (rel) { return '<' + links[rel] + '>; rel="' + rel + '"'; });
    var prev = this.get('Link');
    return this.set('Link', prev ? prev + ', ' + parts.join(', ') : parts.join(', '));
};

rt.exposed = (rt.exposed || []).concat([RP, SP]);

rt.createResponse = function (req) {
    var res = new Response();
    res[HEADERS] = {};
    res.statusCode = 200;
    res.headersSent = false;
    res.finished = false;
    res.writableEnded = false;
    res.locals = {};
    res.req = req;
    return res;
};

/* A JSON error response ({"error": reason[, "message"]}) if nothing was
 * sent yet; after headers of a stream, only ends it. */
rt.sendError = function (res, status, message, extra) {
    if (res.finished) return res;
    if (res.headersSent) return res.end();
    res[HEADERS] = {};
    res.statusCode = status;
    var body = { error: rt.reason(status) };
    if (message) body.message = message;
    if (extra) for (var k in extra) if (hasOwn.call(extra, k)) body[k] = extra[k];
    res.set('Content-Type', 'application/json');
    res.set('Cache-Control', 'no-store');
    return finish(res, JSON.stringify(body));
};
