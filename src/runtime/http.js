/* http.js - Node's `http` and `https` modules as CLIENTS, and `dns`
 * (with what clients take from `net`, `tls` and `http2` as they load),
 * written for this runtime from Node 20's documentation of them.
 *
 * There is no second HTTP client: a ClientRequest is one hop of fetch.js
 * (rt.fetchHop, one libcurl transfer of bindings/js_fetch.c) holding one
 * of fetch's slots (rt.fetchSlot), so --fetch-allow/--fetch-deny, the
 * size and time limits and --fetch-max-concurrent apply to both alike, and
 * the request's event loop waits for both the same way.  The hop runs in
 * `raw` mode: no decoding of Content-Encoding, HTTP/1.1, no Accept or
 * User-Agent of libcurl's, as node:http has it.  libcurl follows no
 * redirect, and neither does node:http.
 *
 * What differs from Node, and why (doc/api.md says it too): the body
 * written with write() is kept until end() and sent with a Content-Length
 * (the transfer is started with its whole body, as fetch's are); there is
 * no socket, only a stand-in object for code that sets its options;
 * agents pool nothing themselves (libcurl keeps connections).  A server
 * (createServer) cannot exist in a function: it throws.
 *
 * dns.lookup resolves with the system's resolver through sys.dnsLookup,
 * which applies the network policy to the name and to every address.
 *
 * Needs: rt.builtins (module.js), for stream; rt.EventEmitter (node.js);
 *   rt.fetchHop, rt.fetchSlot, rt.fetchParseHead (fetch.js);
 *   rt.AbortError (async.js); rt.enqueueTick (promise.js); rt.exposed
 *   (timers.js).  When called: URL, Buffer, setTimeout (per request).
 * Provides: rt.builtins.http, rt.builtins.https, rt.builtins.dns,
 *   rt.builtins.dns/promises, rt.builtins.net, rt.builtins.tls,
 *   rt.builtins.http2, rt.exposed.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var EE = rt.EventEmitter;
var Stream = rt.builtins.stream();
var Readable = Stream.Readable;

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

function tick(fn) {
    rt.enqueueTick(fn);
}

function codeError(Ctor, code, message) {
    var e = new Ctor(message);
    e.code = code;
    return e;
}

function argTypeError(name, expected, v) {
    var got = v === null || v === undefined ? 'Received ' + v :
        typeof v === 'object' ? 'Received an instance of ' + ((v.constructor && v.constructor.name) || 'Object') :
        'Received type ' + typeof v + ' (' + String(v) + ')';
    return codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        'The "' + name + '" argument must be ' + expected + '. ' + got);
}

/* --- the tables --- */

var METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD',
    'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE',
    'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT',
    'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND',
    'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

var STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
    200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
    204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
    208: 'Already Reported', 226: 'IM Used',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
    304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
    404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
    407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict',
    410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
    413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
    416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
    421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
    424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
    428: 'Precondition Required', 429: 'Too Many Requests',
    431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
    506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
    509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required'
};

/* Node's message.headers: a second one of these is dropped, set-cookie
 * gathers an array, cookie joins with '; ', the rest with ', '. */
var SINGLE = {};
['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from',
 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location',
 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server',
 'user-agent'].forEach(function (n) { SINGLE[n] = true; });

var TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
var BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function validateHeaderName(name) {
    if (typeof name !== 'string' || !name || !TOKEN.test(name))
        throw codeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + name + '"]');
}

function validateHeaderValue(name, value) {
    if (value === undefined)
        throw codeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "' + value + '" for header "' + name + '"');
    if (BAD_VALUE.test(String(value)))
        throw codeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
}

/* --- errors as Node's sockets report them --- */

var ERRNO = { ECONNREFUSED: -111, ECONNRESET: -104, ENETUNREACH: -101, EHOSTUNREACH: -113,
              ETIMEDOUT: -110, ENOTFOUND: -3008, EAI_AGAIN: -3001 };
var TLS_TEXT = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
    CERT_HAS_EXPIRED: 'certificate has expired'
};

function connReset(message) {
    var e = codeError(Error, 'ECONNRESET', message);
    return e;
}

/* The hop's (code, message) as the error node:http emits; reset names
 * the call ('read', 'write') that found the connection reset, as Node's
 * "read ECONNRESET" does, else a connection that ended is Node's
 * "socket hang up". */
function netError(code, message, reset) {
    var e, m;
    if (code === 'UND_ERR_SOCKET' && (reset === 'read' || reset === 'write')) {
        e = new Error(reset + ' ECONNRESET');
        e.errno = ERRNO.ECONNRESET;
        e.code = 'ECONNRESET';
        e.syscall = reset;
        return e;
    }
    if (code === 'UND_ERR_SOCKET') return connReset('socket hang up');
    if (TLS_TEXT[code]) return codeError(Error, code, TLS_TEXT[code]);
    e = new Error(message);
    if (ERRNO[code]) e.errno = ERRNO[code];
    e.code = code;
    if ((m = /^connect \S+ (.*):(\d+)$/.exec(message)) !== null) {
        e.syscall = 'connect';
        e.address = m[1];
        e.port = Number(m[2]);
    } else if ((m = /^getaddrinfo \S+ (.*)$/.exec(message)) !== null) {
        e.syscall = 'getaddrinfo';
        e.hostname = m[1];
    }
    return e;
}

/* --- Agent: options kept; libcurl pools the connections --- */

function Agent(options) {
    if (!(this instanceof Agent)) return new Agent(options);
    EE.call(this);
    var o = {};
    if (options) Object.keys(options).forEach(function (k) { o[k] = options[k]; });
    if (o.path === undefined) o.path = null;
    this.options = o;
    this.defaultPort = o.defaultPort || 80;
    this.protocol = o.protocol || 'http:';
    this.keepAliveMsecs = o.keepAliveMsecs || 1000;
    this.keepAlive = !!o.keepAlive;
    this.maxSockets = o.maxSockets || Infinity;
    this.maxFreeSockets = o.maxFreeSockets || 256;
    this.maxTotalSockets = o.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
    this.scheduling = o.scheduling || 'lifo';
    this.requests = Object.create(null);
    this.sockets = Object.create(null);
    this.freeSockets = Object.create(null);
}
Object.setPrototypeOf(Agent, EE);
Agent.prototype = Object.create(EE.prototype);
def(Agent.prototype, 'constructor', Agent);
Agent.defaultMaxSockets = Infinity;
Agent.prototype.getName = function (o) {
    o = o || {};
    var name = (o.host || 'localhost') + ':';
    if (o.port) name += o.port;
    name += ':';
    if (o.localAddress) name += o.localAddress;
    if (o.family === 4 || o.family === 6) name += ':' + o.family;
    return name;
};
Agent.prototype.destroy = function () {};
Agent.prototype.keepSocketAlive = function () { return true; };
Agent.prototype.reuseSocket = function () {};
Agent.prototype.createConnection = function () {
    throw codeError(Error, 'ERR_NOT_SUPPORTED', 'agent.createConnection is not available: invoke-fcgi runs requests on libcurl, not on sockets');
};

function HttpsAgent(options) {
    if (!(this instanceof HttpsAgent)) return new HttpsAgent(options);
    Agent.call(this, options);
    this.defaultPort = (options && options.defaultPort) || 443;
    this.protocol = 'https:';
    this.maxCachedSessions = options && options.maxCachedSessions !== undefined ? options.maxCachedSessions : 100;
}
Object.setPrototypeOf(HttpsAgent, Agent);
HttpsAgent.prototype = Object.create(Agent.prototype);
def(HttpsAgent.prototype, 'constructor', HttpsAgent);

/* Node 20's global agents keep connections alive */
var httpAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
var httpsAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

/* --- the socket stand-in: what code sets on a socket, accepted --- */

function FakeSocket(req) {
    EE.call(this);
    this._req = req;
    this.connecting = false;
    this.destroyed = false;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.encrypted = req.protocol === 'https:' ? true : undefined;
}
Object.setPrototypeOf(FakeSocket, EE);
FakeSocket.prototype = Object.create(EE.prototype);
def(FakeSocket.prototype, 'constructor', FakeSocket);
FakeSocket.prototype.setTimeout = function (ms, cb) {
    this._req.setTimeout(ms, cb);
    return this;
};
FakeSocket.prototype.setNoDelay = function () { return this; };
FakeSocket.prototype.setKeepAlive = function () { return this; };
FakeSocket.prototype.ref = function () { return this; };
FakeSocket.prototype.unref = function () { return this; };
FakeSocket.prototype.address = function () { return {}; };
FakeSocket.prototype.destroy = function (err) {
    this._req.destroy(err);
    return this;
};

/* --- request(): Node's argument forms --- */

function invalidUrl(input) {
    var e = codeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    return e;
}

function urlOptions(u) {
    var o = {
        protocol: u.protocol,
        hostname: u.hostname.charAt(0) === '[' ? u.hostname.slice(1, -1) : u.hostname,
        hash: u.hash,
        search: u.search,
        pathname: u.pathname,
        path: u.pathname + u.search,
        href: u.href
    };
    if (u.port !== '') o.port = Number(u.port);
    if (u.username || u.password)
        o.auth = decodeURIComponent(u.username) + ':' + decodeURIComponent(u.password);
    return o;
}

function parseArgs(input, options, cb) {
    if (typeof input === 'string') {
        var u;
        try {
            u = new URL(input);
        } catch (e) {
            throw invalidUrl(input);
        }
        input = urlOptions(u);
    } else if (input instanceof URL) {
        input = urlOptions(input);
    } else {
        cb = options;
        options = input;
        input = null;
    }
    if (typeof options === 'function') {
        cb = options;
        options = input || {};
    } else {
        var merged = input || {};
        if (options) Object.keys(options).forEach(function (k) { merged[k] = options[k]; });
        options = merged;
    }
    return { options: options, cb: cb };
}

/* --- ClientRequest --- */

function ClientRequest(input, options, cb, defaultAgent) {
    if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
    Stream.call(this);
    var a = parseArgs(input, options, cb), o = a.options, self = this;
    cb = a.cb;
    defaultAgent = defaultAgent || o._defaultAgent || httpAgent;
    var agent = o.agent;
    if (agent === false) agent = new defaultAgent.constructor();
    else if (agent === null || agent === undefined) agent = typeof o.createConnection === 'function' ? null : defaultAgent;
    else if (typeof agent.addRequest !== 'function' && !(agent instanceof Agent))
        throw argTypeError('options.agent', 'of type Agent-like Object, undefined, or false', agent);
    this.agent = agent;

    var protocol = o.protocol || defaultAgent.protocol;
    var expected = (agent && agent.protocol) || defaultAgent.protocol;
    if (protocol !== expected)
        throw codeError(TypeError, 'ERR_INVALID_PROTOCOL', 'Protocol "' + protocol + '" not supported. Expected "' + expected + '"');
    var defaultPort = o.defaultPort || (agent && agent.defaultPort) || defaultAgent.defaultPort;
    var port = Number(o.port || defaultPort || 80);
    var host = o.hostname || o.host || 'localhost';
    if (typeof host !== 'string')
        throw argTypeError('options.hostname', 'of type string or one of undefined or null', host);
    var method = o.method === undefined || o.method === null ? 'GET' : o.method;
    if (typeof method !== 'string')
        throw argTypeError('options.method', 'of type string', method);
    method = method.toUpperCase();
    if (!TOKEN.test(method))
        throw codeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Method must be a valid HTTP token ["' + method + '"]');
    var path = o.path || '/';
    if (/[\u0000-\u0020]/.test(path))
        throw codeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');

    this.method = method;
    this.path = path;
    this.host = host;
    this.protocol = protocol;
    this.port = port;
    this.aborted = false;
    this.destroyed = false;
    this.finished = false;
    this.headersSent = false;
    this.reusedSocket = false;
    this.maxHeadersCount = null;
    this.writable = true;
    this.socket = null;
    this.res = null;
    this.timeout = undefined;
    this._headers = Object.create(null);     /* lower-case name -> [name, value] */
    this._body = [];
    this._bodyLength = 0;
    this._hop = null;
    this._slot = null;
    this._timer = null;
    this._timeoutMs = 0;
    this._closed = false;
    this._ca = o.ca;

    var headers = o.headers;
    if (Array.isArray(headers)) {
        for (var i = 0; i + 1 < headers.length; i += 2) this.setHeader(headers[i], headers[i + 1]);
    } else if (headers) {
        Object.keys(headers).forEach(function (k) { self.setHeader(k, headers[k]); });
    }
    if (o.setHost !== false && !this.hasHeader('host')) {
        var h = host.indexOf(':') >= 0 && host.charAt(0) !== '[' ? '[' + host + ']' : host;
        this.setHeader('Host', port !== defaultPort ? h + ':' + port : h);
    }
    if (o.auth && !this.hasHeader('authorization'))
        this.setHeader('Authorization', 'Basic ' + Buffer.from(String(o.auth)).toString('base64'));
    this._keepAlive = !!(agent && agent.keepAlive);

    if (typeof cb === 'function') this.once('response', cb);
    if (o.timeout !== undefined) this.setTimeout(o.timeout);
    if (o.signal) {
        var signal = o.signal;
        if (signal.aborted) tick(function () { self.destroy(new rt.AbortError(undefined, { cause: signal.reason })); });
        else signal.addEventListener('abort', function () {
            self.destroy(new rt.AbortError(undefined, { cause: signal.reason }));
        }, { once: true });
    }
    /* Node assigns its socket on the next tick */
    tick(function () {
        if (self.destroyed) return;
        self.socket = self.connection = new FakeSocket(self);
        self.emit('socket', self.socket);
    });
}
Object.setPrototypeOf(ClientRequest, Stream);
ClientRequest.prototype = Object.create(Stream.prototype);
def(ClientRequest.prototype, 'constructor', ClientRequest);
var CR = ClientRequest.prototype;

function headersSent() {
    return codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
}

CR.setHeader = function (name, value) {
    if (this.headersSent) throw headersSent();
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this._headers[name.toLowerCase()] = [name, value];
    return this;
};
CR.getHeader = function (name) {
    if (typeof name !== 'string') throw argTypeError('name', 'of type string', name);
    var h = this._headers[name.toLowerCase()];
    return h ? h[1] : undefined;
};
CR.hasHeader = function (name) {
    if (typeof name !== 'string') throw argTypeError('name', 'of type string', name);
    return this._headers[name.toLowerCase()] !== undefined;
};
CR.removeHeader = function (name) {
    if (typeof name !== 'string') throw argTypeError('name', 'of type string', name);
    if (this.headersSent) throw codeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
    delete this._headers[name.toLowerCase()];
};
CR.getHeaders = function () {
    var out = Object.create(null), h = this._headers;
    Object.keys(h).forEach(function (k) { out[k] = h[k][1]; });
    return out;
};
CR.getHeaderNames = function () {
    return Object.keys(this._headers);
};
CR.getRawHeaderNames = function () {
    var h = this._headers;
    return Object.keys(h).map(function (k) { return h[k][0]; });
};
CR.setNoDelay = function () {};
CR.setSocketKeepAlive = function () {};
CR.flushHeaders = function () {};
CR.cork = function () {};
CR.uncork = function () {};

function toChunk(req, chunk, encoding) {
    if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw argTypeError('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
}

/* A body written with write() before end() streams, as Node's does: the
 * transfer starts at the first write (chunked, unless a Content-Length
 * was set) and each chunk goes to libcurl's read callback as the server
 * takes it (sys.fetchWrite); write() is false once HWM bytes wait, and
 * 'drain' follows when they are sent.  A body given to end() alone goes
 * in one piece with its Content-Length. */
var HWM = 16384;
CR.write = function (chunk, encoding, cb) {
    if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
    }
    if (this.finished) {
        var err = codeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'), self = this;
        /* Node reports it, then destroys the request: a hang-up follows */
        tick(function () {
            if (typeof cb === 'function') cb(err);
            self.emit('error', err);
            self.destroy();
        });
        return false;
    }
    if (chunk === null) throw codeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    var b = toChunk(this, chunk, encoding), waiting;
    if (this._ending) {
        /* end(chunk) of a body not streamed: sent whole with it */
        this._body.push(b);
        this._bodyLength += b.length;
        if (typeof cb === 'function') tick(cb);
        return true;
    }
    if (!this._streaming) {
        var self = this;
        this._streaming = true;
        tick(function () { start(self); });
    }
    if (this._hop && !this._hop.closed) {
        waiting = this._hop.write(b);
    } else {
        this._body.push(b);
        this._bodyLength += b.length;
        waiting = this._bodyLength;
    }
    if (typeof cb === 'function') tick(cb);
    if (waiting < HWM) return true;
    this._needDrain = true;
    return false;
};

Object.defineProperty(CR, 'writableNeedDrain', { get: function () { return this._needDrain === true; }, configurable: true });
Object.defineProperty(CR, 'writableHighWaterMark', { get: function () { return HWM; }, configurable: true });

CR.end = function (chunk, encoding, cb) {
    var self = this;
    if (typeof chunk === 'function') {
        cb = chunk;
        chunk = null;
    } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
    }
    if (this.finished) {
        if (typeof cb === 'function') tick(cb);
        return this;
    }
    this._ending = !this._streaming;
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    this.finished = true;
    this.writable = false;
    if (typeof cb === 'function') this.once('finish', cb);
    if (!this._streaming)
        tick(function () { start(self); });
    else if (this._hop)
        endStream(this);
    /* else start() ends the stream once it has begun */
    return this;
};

/* Node's socket timeout: 'timeout' once the request is idle for ms; it
 * does not end the request (the listener usually does). */
CR.setTimeout = function (ms, cb) {
    if (typeof ms !== 'number' || !(ms >= 0))
        throw argTypeError('msecs', 'of type number', ms);
    if (typeof cb === 'function') this.once('timeout', cb);
    this.timeout = ms;
    this._timeoutMs = ms;
    armTimer(this);
    return this;
};

function armTimer(req) {
    if (req._timer !== null) {
        G.clearTimeout(req._timer);
        req._timer = null;
    }
    if (req._timeoutMs > 0 && !req._closed && !req.destroyed)
        req._timer = G.setTimeout(function () {
            req._timer = null;
            req.emit('timeout');
            if (req.socket) req.socket.emit('timeout');
        }, req._timeoutMs);
}

function stopTimer(req) {
    req._timeoutMs = 0;
    armTimer(req);
}

function closeReq(req) {
    if (req._closed) return;
    req._closed = true;
    stopTimer(req);
    tick(function () { req.emit('close'); });
}

CR.destroy = function (err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    var self = this, res = this.res;
    if (this._hop) this._hop.close();
    if (this._slot) this._slot.release();
    stopTimer(this);
    if (res && !res.complete) {
        res.aborted = true;
        tick(function () {
            res.emit('aborted');
            res.destroy(err || connReset('aborted'));
            closeReq(self);
        });
        return this;
    }
    if (!res) {
        err = err || connReset('socket hang up');
        tick(function () {
            self.emit('error', err);
            closeReq(self);
        });
    } else {
        closeReq(self);
    }
    return this;
};

CR.abort = function () {
    if (this.aborted) return;
    this.aborted = true;
    var self = this;
    tick(function () { self.emit('abort'); });
    this.destroy();
};

/* The end of a streamed body: libcurl ends the upload once it has sent
 * what waits, and 'finish' follows. */
function endStream(req) {
    if (req._hop.closed) return;
    req._hop.write(null);
    tick(function () { req.emit('finish'); });
}

function start(req) {
    if (req.destroyed || req._started) return;
    req._started = true;
    var streaming = req._streaming === true;
    var body = streaming ? null :
        req._bodyLength || req._body.length ? Buffer.concat(req._body, req._bodyLength) : null;
    var h = req._headers, pairs = [];
    Object.keys(h).forEach(function (k) {
        var v = h[k][1];
        if (Array.isArray(v)) v.forEach(function (x) { pairs.push([h[k][0], String(x)]); });
        else pairs.push([h[k][0], String(v)]);
    });
    /* Node adds Connection as it sends, not to the headers one sees */
    if (!h.connection) pairs.push(['Connection', req._keepAlive ? 'keep-alive' : 'close']);
    /* Node sends Content-Length: 0 when a body-carrying method has none */
    if (body === null && /^(POST|PUT|PATCH)$/.test(req.method) && !h['content-length'] && !h['transfer-encoding'])
        body = Buffer.alloc(0);
    var host = req.host.indexOf(':') >= 0 && req.host.charAt(0) !== '[' ? '[' + req.host + ']' : req.host;
    var url = req.protocol + '//' + host + ':' + req.port + req.path;
    var opts = { raw: true, error: netError };
    if (streaming) {
        opts.stream = true;
        var cl = h['content-length'] ? Number(h['content-length'][1]) : NaN;
        if (cl >= 0 && cl === Math.floor(cl)) opts.length = cl;
    }
    if (req._ca !== undefined && req._ca !== null)
        opts.ca = Array.isArray(req._ca) ? req._ca.map(String).join('\n') : String(req._ca);
    req._slot = new rt.fetchSlot();
    req._slot.take().then(function () {
        if (req.destroyed) {
            req._slot.release();
            return null;
        }
        req.headersSent = true;
        var hop = req._hop = new rt.fetchHop(url, req.method, pairs, body, opts);
        hop.onDone = function () { req._slot.release(); };
        armTimer(req);
        if (streaming) {
            /* what was written before the transfer began, then the rest as
             * it comes (CR.write) */
            for (var i = 0; i < req._body.length; i++) hop.write(req._body[i]);
            req._body = [];
            req._bodyLength = 0;
            hop.onDrain = function () {
                if (!req._needDrain || req.destroyed) return;
                req._needDrain = false;
                req.emit('drain');
            };
            if (req.finished) endStream(req);
        } else {
            tick(function () { req.emit('finish'); });
        }
        return hop.headers();
    }).then(function (st) {
        if (st && !req.destroyed) respond(req, st);
    }, function (err) {
        if (req.destroyed) return;
        req.destroyed = true;
        stopTimer(req);
        req.emit('error', err);
        closeReq(req);
    });
}

function respond(req, st) {
    var res = new IncomingMessage(req, st);
    req.res = res;
    armTimer(req);
    /* a body libcurl already has whole counts as complete, as one that
     * came in the same packet as the head does in Node */
    if (st.done && !st.code) res.complete = true;
    res.once('end', function () { closeReq(req); });
    if (req.listenerCount('response') === 0) {
        /* Node dumps a response nobody listens for */
        res.resume();
        return;
    }
    req.emit('response', res);
}

/* --- IncomingMessage --- */

function IncomingMessage(req, st) {
    if (!(this instanceof IncomingMessage)) return new IncomingMessage(req, st);
    Readable.call(this);
    this.req = req || null;
    this.socket = req ? req.socket : null;
    this.aborted = false;
    this.complete = false;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = '1.1';
    this.headers = {};
    this.headersDistinct = {};
    this.rawHeaders = [];
    this.trailers = {};
    this.trailersDistinct = {};
    this.rawTrailers = [];
    this._source = null;
    this._pulling = false;
    if (st) {
        var parsed = rt.fetchParseHead(st.head), first = st.head.split(/\r?\n/)[0] || '';
        var v = /^HTTP\/(\d)(?:\.(\d))?/.exec(first);
        if (v) {
            this.httpVersionMajor = Number(v[1]);
            this.httpVersionMinor = Number(v[2] || 0);
            this.httpVersion = v[1] + '.' + (v[2] || '0');
        }
        this.statusCode = st.status;
        this.statusMessage = parsed.statusText;
        for (var i = 0; i < parsed.headers.length; i++)
            addHeader(this, parsed.headers[i][0], parsed.headers[i][1]);
        this._source = req._hop.source();
    }
}
Object.setPrototypeOf(IncomingMessage, Readable);
IncomingMessage.prototype = Object.create(Readable.prototype);
def(IncomingMessage.prototype, 'constructor', IncomingMessage);
var IM = IncomingMessage.prototype;

function addHeader(msg, name, value) {
    var k = name.toLowerCase(), h = msg.headers, d = msg.headersDistinct;
    msg.rawHeaders.push(name, value);
    if (d[k]) d[k].push(value);
    else d[k] = [value];
    if (k === 'set-cookie') {
        if (h[k]) h[k].push(value);
        else h[k] = [value];
    } else if (h[k] === undefined) {
        h[k] = value;
    } else if (!SINGLE[k]) {
        h[k] += (k === 'cookie' ? '; ' : ', ') + value;
    }
}

IM._read = function () {
    var self = this;
    if (this._pulling || !this._source) return;
    this._pulling = true;
    this._source.read().then(function (chunk) {
        self._pulling = false;
        /* a request destroyed mid-body closed its hop: that is no end */
        if (self.destroyed || (self.req && self.req.destroyed)) return;
        if (chunk === null) {
            self.complete = true;
            if (self.req) stopTimer(self.req);
            self.push(null);
        } else {
            if (self.req) armTimer(self.req);
            if (self.push(chunk)) self._read();
        }
    }, function (err) {
        self._pulling = false;
        if (self.destroyed || (self.req && self.req.destroyed)) return;
        self.aborted = true;
        if (self.req) {
            self.req.destroyed = true;
            stopTimer(self.req);
        }
        self.emit('aborted');
        self.destroy(err && err.code === 'ECONNRESET' ? connReset('aborted') : err);
        if (self.req) closeReq(self.req);
    });
};

IM.setTimeout = function (ms, cb) {
    if (this.req) this.req.setTimeout(ms, cb);
    return this;
};

/* --- the modules --- */

function makeRequest(defaultAgent) {
    return function request(input, options, cb) {
        return new ClientRequest(input, options, cb, defaultAgent);
    };
}

function makeGet(request) {
    return function get(input, options, cb) {
        var req = request(input, options, cb);
        req.end();
        return req;
    };
}

function noServer() {
    throw codeError(Error, 'ERR_NOT_SUPPORTED',
        'http.createServer is not available in invoke-fcgi: a function answers the request it was called for and cannot listen on a port (see doc/api.md)');
}

function OutgoingMessage() {
    Stream.call(this);
}
Object.setPrototypeOf(OutgoingMessage, Stream);
OutgoingMessage.prototype = Object.create(Stream.prototype);
def(OutgoingMessage.prototype, 'constructor', OutgoingMessage);
Object.setPrototypeOf(CR, OutgoingMessage.prototype);

var httpRequest = makeRequest(httpAgent);
var httpModule = {
    METHODS: METHODS,
    STATUS_CODES: STATUS_CODES,
    Agent: Agent,
    ClientRequest: ClientRequest,
    IncomingMessage: IncomingMessage,
    OutgoingMessage: OutgoingMessage,
    Server: noServer,
    ServerResponse: noServer,
    createServer: noServer,
    globalAgent: httpAgent,
    maxHeaderSize: 16384,
    request: httpRequest,
    get: makeGet(httpRequest),
    validateHeaderName: validateHeaderName,
    validateHeaderValue: validateHeaderValue,
    setMaxIdleHTTPParsers: function () {}
};

var httpsRequest = makeRequest(httpsAgent);
var httpsModule = {
    Agent: HttpsAgent,
    Server: noServer,
    createServer: noServer,
    globalAgent: httpsAgent,
    request: httpsRequest,
    get: makeGet(httpsRequest)
};

/* --- dns --- */

var ADDRCONFIG = 1024, V4MAPPED = 2048, ALL = 256;

function dnsError(code, message, hostname) {
    var e = new Error(message);
    if (ERRNO[code]) e.errno = ERRNO[code];
    e.code = code;
    if (code !== 'ERR_NETWORK_POLICY') e.syscall = 'getaddrinfo';
    e.hostname = hostname;
    return e;
}

/* Node's validation, then the answer or the error, synchronously. */
function lookupNow(hostname, options) {
    var family = 0, all = false, order = 'verbatim';
    if (typeof hostname !== 'string')
        throw argTypeError('hostname', 'of type string', hostname);
    if (typeof options === 'number') {
        family = options;
    } else if (options !== null && typeof options === 'object') {
        if (options.family !== undefined && options.family !== null) {
            family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        }
        all = options.all === true;
        if (options.verbatim === false) order = 'ipv4first';
        if (typeof options.order === 'string') order = options.order;
    }
    if (family !== 0 && family !== 4 && family !== 6)
        throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
            "The property 'options.family' must be one of: 0, 4, 6. Received " + String(family));
    if (!hostname) return { list: [] , all: all, family: family };
    /* an address is its own answer, whatever family was asked (Node) */
    var literal = /^[\d.]+$/.test(hostname) || hostname.indexOf(':') >= 0;
    var r = sys.dnsLookup(hostname, literal ? 0 : family);
    if (!Array.isArray(r)) return { error: dnsError(r.code, r.message, hostname) };
    var list = r.map(function (p) { return { address: p[0], family: p[1] }; });
    if (order === 'ipv4first' || order === 'ipv6first') {
        var first = order === 'ipv4first' ? 4 : 6;
        list = list.filter(function (x) { return x.family === first; })
            .concat(list.filter(function (x) { return x.family !== first; }));
    }
    return { list: list, all: all, family: family };
}

function lookup(hostname, options, cb) {
    if (typeof options === 'function') {
        cb = options;
        options = 0;
    }
    if (typeof cb !== 'function') throw argTypeError('callback', 'of type function', cb);
    var r = lookupNow(hostname, options);
    tick(function () {
        if (r.error) return cb(r.error);
        /* an empty name answers null, as Node's does */
        if (!r.list.length) return r.all ? cb(null, []) : cb(null, null, r.family === 6 ? 6 : 4);
        if (r.all) return cb(null, r.list);
        cb(null, r.list[0].address, r.list[0].family);
    });
    return {};
}

function lookupPromise(hostname, options) {
    return new Promise(function (resolve, reject) {
        var r = lookupNow(hostname, options);
        if (r.error) return reject(r.error);
        if (!r.list.length) return resolve(r.all ? [] : { address: null, family: r.family === 6 ? 6 : 4 });
        resolve(r.all ? r.list : r.list[0]);
    });
}

/* resolve4/resolve6 from the same resolver: /etc/hosts counts, no TTL */
function resolveNow(hostname, family) {
    var r = lookupNow(hostname, family);
    if (r.error) {
        var e = r.error;
        if (e.syscall) e.syscall = family === 6 ? 'queryAaaa' : 'queryA';
        if (e.code === 'ENOTFOUND') e.message = e.syscall + ' ENOTFOUND ' + hostname;
        throw e;
    }
    return r.list.map(function (x) { return x.address; });
}

function resolver(family) {
    return function (hostname, options, cb) {
        if (typeof options === 'function') cb = options;
        if (typeof cb !== 'function') throw argTypeError('callback', 'of type function', cb);
        var out, err = null;
        try {
            out = resolveNow(hostname, family);
        } catch (e) {
            if (e.code === 'ERR_INVALID_ARG_TYPE') throw e;
            err = e;
        }
        tick(function () { err ? cb(err) : cb(null, out); });
        return {};
    };
}

function resolverPromise(family) {
    return function (hostname) {
        return new Promise(function (resolve) { resolve(resolveNow(hostname, family)); });
    };
}

var dnsPromises = {
    lookup: lookupPromise,
    resolve4: resolverPromise(4),
    resolve6: resolverPromise(6),
    ADDRCONFIG: ADDRCONFIG, V4MAPPED: V4MAPPED, ALL: ALL
};

var dnsModule = {
    lookup: lookup,
    resolve4: resolver(4),
    resolve6: resolver(6),
    promises: dnsPromises,
    ADDRCONFIG: ADDRCONFIG, V4MAPPED: V4MAPPED, ALL: ALL,
    NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND',
    NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED', CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT'
};

/* --- net, tls, http2: what clients require when they load ---
 *
 * A function opens no socket of its own: every connection goes through
 * libcurl, where the network policy is applied.  These modules give what
 * HTTP client packages take from them while loading (net.isIP, tls and
 * http2 constants, the classes to extend); opening a connection or a
 * server errors with ERR_NOT_SUPPORTED. */

var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
var HEX4 = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(s) {
    return typeof s === 'string' && IPV4.test(s);
}

/* eight groups of hex, one '::' standing for the missing ones, the last
 * two groups perhaps written as an IPv4 address, then perhaps %zone */
function isIPv6(s) {
    if (typeof s !== 'string') return false;
    var pct = s.indexOf('%');
    if (pct >= 0) {
        if (!/^[0-9a-zA-Z\-.:]+$/.test(s.slice(pct + 1))) return false;
        s = s.slice(0, pct);
    }
    var halves = s.split('::');
    if (halves.length > 2) return false;
    var groups = 0, ok = true;
    halves.forEach(function (half, hi) {
        if (!half) return;
        var parts = half.split(':');
        parts.forEach(function (p, i) {
            var last = hi === halves.length - 1 && i === parts.length - 1;
            if (last && isIPv4(p)) groups += 2;
            else if (HEX4.test(p)) groups += 1;
            else ok = false;
        });
    });
    return ok && (halves.length === 2 ? groups <= 7 : groups === 8);
}

function isIP(s) {
    return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

function noSockets() {
    return codeError(Error, 'ERR_NOT_SUPPORTED',
        'sockets are not available in invoke-fcgi: a function reaches the network through fetch, http and https, under the network policy (see doc/api.md)');
}

function Socket(options) {
    if (!(this instanceof Socket)) return new Socket(options);
    Stream.Duplex.call(this, options);
    this.connecting = false;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
}
Object.setPrototypeOf(Socket, Stream.Duplex);
Socket.prototype = Object.create(Stream.Duplex.prototype);
def(Socket.prototype, 'constructor', Socket);
Socket.prototype._read = function () {};
Socket.prototype._write = function (chunk, enc, cb) { cb(noSockets()); };
Socket.prototype.connect = function () {
    this.destroy(noSockets());
    return this;
};
Socket.prototype.setTimeout = function () { return this; };
Socket.prototype.setNoDelay = function () { return this; };
Socket.prototype.setKeepAlive = function () { return this; };
Socket.prototype.ref = function () { return this; };
Socket.prototype.unref = function () { return this; };
Socket.prototype.address = function () { return {}; };

function TLSSocket(socket, options) {
    if (!(this instanceof TLSSocket)) return new TLSSocket(socket, options);
    Socket.call(this, options);
    this.encrypted = true;
    this.authorized = false;
}
Object.setPrototypeOf(TLSSocket, Socket);
TLSSocket.prototype = Object.create(Socket.prototype);
def(TLSSocket.prototype, 'constructor', TLSSocket);

function connectSocket(Ctor) {
    return function () {
        var sock = new Ctor();
        return sock.connect();
    };
}

function noListen() {
    throw codeError(Error, 'ERR_NOT_SUPPORTED',
        'a server is not available in invoke-fcgi: a function answers the request it was called for and cannot listen on a port (see doc/api.md)');
}

var netModule = {
    isIP: isIP,
    isIPv4: isIPv4,
    isIPv6: isIPv6,
    Socket: Socket,
    Stream: Socket,
    connect: connectSocket(Socket),
    createConnection: connectSocket(Socket),
    createServer: noListen,
    Server: noListen,
    getDefaultAutoSelectFamily: function () { return true; },
    setDefaultAutoSelectFamily: function () {}
};

var tlsModule = {
    CLIENT_RENEG_LIMIT: 3,
    CLIENT_RENEG_WINDOW: 600,
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_MIN_VERSION: 'TLSv1.2',
    DEFAULT_MAX_VERSION: 'TLSv1.3',
    rootCertificates: [],
    TLSSocket: TLSSocket,
    connect: connectSocket(TLSSocket),
    createServer: noListen,
    Server: noListen,
    createSecureContext: function (options) { return { context: {}, options: options || {} }; },
    checkServerIdentity: function () { return undefined; },
    getCiphers: function () { return []; }
};

var http2Module = {
    constants: {
        HTTP2_HEADER_STATUS: ':status',
        HTTP2_HEADER_METHOD: ':method',
        HTTP2_HEADER_AUTHORITY: ':authority',
        HTTP2_HEADER_SCHEME: ':scheme',
        HTTP2_HEADER_PATH: ':path',
        HTTP2_HEADER_PROTOCOL: ':protocol',
        HTTP2_HEADER_CONTENT_TYPE: 'content-type',
        HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
        HTTP2_METHOD_GET: 'GET',
        HTTP2_METHOD_POST: 'POST',
        NGHTTP2_CANCEL: 8
    },
    connect: function () { throw noSockets(); },
    createServer: noListen,
    createSecureServer: noListen
};

rt.builtins.net = function () { return netModule; };
rt.builtins.tls = function () { return tlsModule; };
rt.builtins.http2 = function () { return http2Module; };
rt.builtins.http = function () { return httpModule; };
rt.builtins.https = function () { return httpsModule; };
rt.builtins.dns = function () { return dnsModule; };
rt.builtins['dns/promises'] = function () { return dnsPromises; };

rt.exposed = (rt.exposed || []).concat([Agent.prototype, HttpsAgent.prototype, FakeSocket.prototype,
    CR, IM, OutgoingMessage.prototype, Socket.prototype, TLSSocket.prototype]);
