/* fetch.js - the fetch() global on the natives of src/bindings/js_fetch.c.
 *
 * fetch-classes.js gives Headers, Request and Response; this file turns a
 * Request into hops (one libcurl transfer each), follows redirects itself so
 * that the network policy sees every hop, applies abort signals and the
 * per-request concurrency limit, and hands rt.makeResponse a source whose
 * read() takes the bytes the transfer has buffered.  The request's event
 * loop (timers.js) calls rt.fetchPoll while transfers run; each id with news
 * settles the promises of its hop.  Errors follow Node's undici:
 * TypeError('fetch failed') with a cause whose code says what went wrong.
 *
 * Needs: sys.fetchLimits.  When called: rt.Request, rt.makeResponse
 *   (fetch-classes.js); rt.currentRequest (express.js); rt.log
 *   (console.js); URL (node.js); the natives of bindings/js_fetch.c.
 * Provides: rt.fetchPoll, rt.fetchBusy, rt.fetchReset (in place of
 *   timers.js's), rt.currentRequest (cleared at a request's end); the
 *   global fetch; rt.fetchHop, rt.fetchSlot, rt.fetchParseHead (for
 *   http.js).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var limits = sys.fetchLimits();
var hops = {};          /* id -> Hop, while libcurl's side of it exists */
var queue = [];         /* resolvers of fetches waiting for a slot */
var slots = 0;          /* fetches of this request holding a slot */
var used = false;       /* whether this request started a fetch since the last reset */
var REDIRECTS = { 301: 1, 302: 1, 303: 1, 307: 1, 308: 1 };
var BODY_HEADERS = ['content-type', 'content-length', 'content-encoding',
                    'content-language', 'content-location'];

function fetchFailed(code, message) {
    var cause = new Error(message);
    cause.code = code;
    var e = new TypeError('fetch failed');
    e.cause = cause;
    return e;
}

/* --- the per-request limit: --fetch-max-concurrent, the rest queue --- */

function Slot() {
    this.held = false;
}
Slot.prototype.take = function () {
    var self = this;
    used = true;
    if (slots < limits.maxConcurrent) {
        slots++;
        self.held = true;
        return Promise.resolve();
    }
    return new Promise(function (resolve) {
        queue.push(function () { self.held = true; resolve(); });
    });
};
Slot.prototype.release = function () {
    if (!this.held) return;
    this.held = false;
    if (queue.length) {
        slots++;
        queue.shift()();
    }
    slots--;
};

/* --- one hop: one libcurl transfer --- */

/* opts (http.js): what sys.fetchStart takes, and error(code, message)
 * making the errors of the caller's API in place of fetch's. */
function Hop(url, method, headers, body, opts) {
    used = true;
    this.id = sys.fetchStart(url, method, headers, body, opts);
    this.makeError = (opts && opts.error) || fetchFailed;
    this.head = null;       /* { resolve, reject } while waiting for headers */
    this.reader = null;     /* { resolve, reject } while a read() waits */
    this.closed = false;
    this.error = null;      /* why reads fail from now on */
    this.onDone = null;
    this.onDrain = null;    /* a streamed upload's 'drain' (http.js) */
    hops[this.id] = this;
}

/* A streamed upload's next chunk (null: its end): the bytes that wait
 * to be sent, which onDrain (set by http.js) hears have gone. */
Hop.prototype.write = function (chunk) {
    return this.closed ? 0 : sys.fetchWrite(this.id, chunk);
};

Hop.prototype.close = function () {
    if (this.closed) return;
    this.closed = true;
    delete hops[this.id];
    sys.fetchClose(this.id);
    if (this.onDone) this.onDone();
};

Hop.prototype.fail = function (err) {
    this.error = err;
    this.close();
    var w = this.head || this.reader;
    this.head = this.reader = null;
    if (w) w.reject(err);
};

/* Promise of the state once the final header block is there. */
Hop.prototype.headers = function () {
    var self = this;
    return new Promise(function (resolve, reject) {
        self.head = { resolve: resolve, reject: reject };
        self.news();
    });
};

/* Called by rt.fetchPoll when libcurl reported something for this hop. */
Hop.prototype.news = function () {
    if (this.closed) return;
    var st = sys.fetchState(this.id);
    if (!st) return this.fail(this.makeError('ETIMEDOUT', 'the request ended'));
    if (st.done && this.onDone) {
        this.onDone();      /* the slot is free once libcurl is done */
        this.onDone = null;
    }
    if (st.code) {
        if (st.code === 'ERR_NETWORK_POLICY') rt.log('warn', 'fetch refused: ' + st.message);
        return this.fail(this.makeError(st.code, st.message, st.reset));
    }
    if (this.onDrain && st.pending === 0) this.onDrain();
    if (this.head && st.head !== undefined) {
        var w = this.head;
        this.head = null;
        w.resolve(st);
    }
    if (this.reader) this.pull();
};

/* Answers a waiting read() if there are bytes or the end. */
Hop.prototype.pull = function () {
    var w = this.reader, chunk = sys.fetchTake(this.id);
    if (chunk !== undefined) {
        this.reader = null;
        return w.resolve(chunk);
    }
    var st = sys.fetchState(this.id);
    if (st && st.done && !st.code) {
        this.reader = null;
        this.close();
        w.resolve(null);
    }
};

/* The source rt.makeResponse consumes. */
Hop.prototype.source = function () {
    var self = this;
    return {
        read: function () {
            if (self.error) return Promise.reject(self.error);
            if (self.closed) return Promise.resolve(null);
            return new Promise(function (resolve, reject) {
                self.reader = { resolve: resolve, reject: reject };
                self.pull();
            });
        },
        cancel: function (reason) {
            if (self.closed) return;
            self.error = reason instanceof Error ? reason : new Error('The body was cancelled');
            self.close();
            var w = self.reader;
            self.reader = null;
            if (w) w.resolve(null);
        }
    };
};

/* --- the loop's side, called from timers.js --- */

/* Waits at most ms for transfers; false once the request's time is up. */
rt.fetchPoll = function (ms) {
    var ids = sys.fetchPoll(ms);
    if (ids === null) return false;
    for (var i = 0; i < ids.length; i++)
        if (hops[ids[i]]) hops[ids[i]].news();
    return true;
};

/* True while a fetch runs or waits for a slot: the loop must wait then. */
rt.fetchBusy = function () {
    return queue.length > 0 || sys.fetchBusy() > 0;
};

/* The end (and the start) of a request: nothing of a fetch survives it. */
rt.fetchReset = function () {
    rt.currentRequest = null;
    /* most requests fetch nothing: nothing to close, nothing to allocate */
    if (!used) return;
    used = false;
    sys.fetchCloseAll();
    hops = {};
    queue = [];
    slots = 0;
};

/* --- fetch() --- */

function parseHead(block) {
    var lines = block.split(/\r?\n/), list = [], first = lines[0] || '';
    var m = /^HTTP\/[\d.]+\s+\d+\s*(.*)$/.exec(first);
    for (var i = 1; i < lines.length; i++) {
        var line = lines[i], c = line.indexOf(':');
        if (c <= 0) continue;
        list.push([line.slice(0, c).trim(), line.slice(c + 1).trim()]);
    }
    return { statusText: m ? m[1] : '', headers: list };
}

function headerOf(list, name) {
    for (var i = 0; i < list.length; i++)
        if (list[i][0].toLowerCase() === name) return list[i][1];
    return null;
}

function origin(u) {
    return u.protocol + '//' + u.host;
}

/* The current request's own origin, the base of a relative URL; none in
 * invoke exec (a relative URL is then invalid, as in Node).  Debian's
 * nginx passes Host without its port ($host): the server's own port is
 * added then, unless it is the scheme's default. */
function baseUrl() {
    var req = rt.currentRequest, host = req && req.get ? req.get('host') : '';
    if (!host) return undefined;
    var port = String(req._env.SERVER_PORT || ''), proto = req.protocol;
    if (!/:\d+$/.test(host) && /^\d+$/.test(port) &&
        port !== (proto === 'https' ? '443' : '80') && !(sys.trustProxy && req._env.HTTP_X_FORWARDED_HOST))
        host += ':' + port;
    return proto + '://' + host;
}

function absolute(input) {
    if (rt.Request && input instanceof rt.Request) return input;
    var text = String(input && input.href !== undefined ? input.href : input);
    try {
        return new URL(text, baseUrl()).href;
    } catch (e) {
        var err = new TypeError('Failed to parse URL from ' + text);
        err.cause = e;
        throw err;
    }
}

function checkScheme(u) {
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw fetchFailed('ERR_INVALID_URL_SCHEME', 'unknown scheme ' + u.protocol.replace(/:$/, '') + ' (fetch supports http and https)');
}

function headerPairs(headers) {
    var out = [];
    headers.forEach(function (value, name) { out.push([name, value]); });
    return out;
}

function fetch(input, init) {
    var request, signal, slot = new Slot(), hop = null, aborted = null, rejectNow = null;
    try {
        request = new rt.Request(absolute(input), init);
        checkScheme(new URL(request.url));
    } catch (e) {
        return Promise.reject(e);
    }
    signal = request.signal;
    if (signal && signal.aborted) return Promise.reject(signal.reason);

    /* Rejects at once, even while waiting for a slot; left on the signal:
     * an abort after the end finds a closed hop and a settled promise. */
    function onAbort() {
        aborted = signal.reason;
        if (hop) hop.fail(aborted);
        if (rejectNow) rejectNow(aborted);
    }
    if (signal) signal.addEventListener('abort', onAbort);

    var url = new URL(request.url), method = request.method, headers = headerPairs(request.headers);
    var redirects = 0, body;

    /* One hop, holding a slot until libcurl is done with it. */
    function step() {
        return slot.take().then(function () {
            if (aborted) {
                slot.release();
                throw aborted;
            }
            /* undici sends Content-Length: 0 for these without a body */
            var bytes = body === undefined && /^(POST|PUT|PATCH)$/.test(method) ? Buffer.alloc(0) : body;
            hop = new Hop(url.href, method, headers, bytes);
            hop.onDone = function () { slot.release(); };
            return hop.headers();
        }).then(function (st) {
            var parsed = parseHead(st.head), location = headerOf(parsed.headers, 'location');
            if (REDIRECTS[st.status] && location !== null && request.redirect !== 'manual') {
                if (request.redirect === 'error') {
                    hop.close();
                    throw fetchFailed('ERR_FETCH_REDIRECT', 'unexpected redirect');
                }
                if (++redirects > 20) {
                    hop.close();
                    throw fetchFailed('ERR_FETCH_REDIRECT', 'redirect count exceeded');
                }
                hop.close();
                var next = new URL(location, url);
                checkScheme(next);
                if (st.status === 303 ? method !== 'HEAD' : (st.status <= 302 && method === 'POST')) {
                    method = st.status === 303 && method === 'HEAD' ? 'HEAD' : 'GET';
                    body = undefined;
                    headers = headers.filter(function (h) { return BODY_HEADERS.indexOf(h[0].toLowerCase()) < 0; });
                }
                if (origin(next) !== origin(url))
                    headers = headers.filter(function (h) {
                        var n = h[0].toLowerCase();
                        return n !== 'authorization' && n !== 'cookie' && n !== 'proxy-authorization';
                    });
                url = next;
                return step();
            }
            return rt.makeResponse(hop.source(), {
                status: st.status,
                statusText: parsed.statusText,
                headers: parsed.headers,
                url: url.href,
                redirected: redirects > 0,
                type: 'basic'
            });
        });
    }

    return new Promise(function (resolve, reject) {
        rejectNow = reject;
        request._bodyBytes().then(function (bytes) {
            body = bytes === null || bytes === undefined ? undefined : bytes;
            return step();
        }).then(resolve, function (e) {
            slot.release();
            if (hop) hop.close();
            reject(e);
        });
    });
}

G.fetch = fetch;
/* http.js runs its requests on the same transfers, limit and loop */
rt.fetchHop = Hop;
rt.fetchSlot = Slot;
rt.fetchParseHead = parseHead;
