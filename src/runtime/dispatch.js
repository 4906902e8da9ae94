/* dispatch.js - one request, from CGI variables to a finished response.
 *
 * The engine calls rt.dispatch in a fresh thread whose global object is new
 * for this request.  It builds req and res, loads the function's module
 * anew, calls the handler, and runs the event loop until the response is
 * done and the handler's promise has settled.  Every failure ends as a JSON
 * error response and a log line; details reach the client only with --dev.
 *
 * Needs: sys.reason, sys.now, sys.version; rt.nodeArch (os.js).  When called:
 *   rt.isRouter, rt.mountRouter (router.js);
 *   BigInt, rt.bigOps (bigint.js);
 *   rt.createRequest, rt.createResponse, rt.sendError (express.js);
 *   rt.resetMicrotasks, rt.promiseWatch, rt.enqueueTick (promise.js);
 *   rt.resetTimers, rt.runLoop (timers.js); rt.traceLimitSet,
 *   rt.resetTraceLimit (stdlib.js); rt.resetConsole, rt.log,
 *   rt.inspect (console.js); rt.requireMain, rt.releaseModules, rt.cwd (module.js);
 *   rt.argTypeError, rt.nodeError (buffer.js); rt.exec, rt.compile
 *   (front-exec.js); rt.isNamespace (front-rt.js); rt.EventEmitter
 *   (node.js); sys.memory, sys.mtime, sys.readFile, sys.dev, sys.adminEnv.
 * Provides: rt.dispatch (what the engine calls), rt.reason, rt.processEnv,
 *   rt.emitWarning, rt.stdStream, and per request rt.root, rt.seq,
 *   rt.pending, rt.currentEnv, rt.processEvents, rt.asyncTop,
 *   rt.onUncaughtException, rt.onUnhandledRejection; the global process.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;

rt.reason = sys.reason;

function describe(err) {
    if (err instanceof Error || (err && typeof err === 'object' && err.stack))
        return String(err.stack || err);
    return rt.inspect(err);
}

function devDetails(err) {
    if (!sys.dev) return undefined;
    return { stack: err && err.stack ? String(err.stack) : undefined };
}

function devMessage(err) {
    if (!sys.dev) return undefined;
    return err && err.message !== undefined ? String(err.message) : String(err);
}

/* process.env: the root's .env file (cached until it changes), read-only
 * from the function's point of view: each request gets its own copy. */
var envCache = {};
function parseDotenv(text) {
    var out = {}, lines = text.split(/\r?\n/);
    for (var i = 0; i < lines.length; i++) {
        var m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(lines[i]);
        if (!m) continue;
        var v = m[2];
        if (/^"/.test(v) && /"$/.test(v) && v.length >= 2)
            v = v.slice(1, -1).replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        else if (/^'/.test(v) && /'$/.test(v) && v.length >= 2)
            v = v.slice(1, -1);
        else
            v = v.replace(/\s+#.*$/, '');
        out[m[1]] = v;
    }
    return out;
}

function rootEnv(root) {
    var stamp = sys.mtime(root + '/.env'), c = envCache[root];
    if (!c || c.stamp !== stamp) {
        var vars = {};
        if (stamp !== -1) {
            try {
                vars = parseDotenv(sys.readFile(root + '/.env', true));
            } catch (e) {
                rt.log('warn', 'cannot read ' + root + '/.env: ' + e.message);
            }
        }
        c = envCache[root] = { stamp: stamp, vars: vars };
    }
    var env = {}, k;
    var admin = sys.adminEnv || {};
    for (k in admin) if (hasOwn.call(admin, k)) env[k] = admin[k];
    for (k in c.vars) if (hasOwn.call(c.vars, k)) env[k] = c.vars[k];
    return env;
}

rt.currentEnv = null;
rt.asyncTop = false;
/* the env of the function's folder's _settings.json (engine.c), over
 * the root's .env: null when it has none */
var folderEnv = null;
rt.processEnv = function () {
    if (rt.currentEnv === null) {
        var env = rootEnv(rt.root);
        if (folderEnv !== null)
            for (var k in folderEnv) env[k] = folderEnv[k];
        rt.currentEnv = env;
    }
    return rt.currentEnv;
};

/* The request in progress.  One at a time per worker, and whatever a
 * request leaves queued is dropped before the next starts, so the
 * callbacks below are made once instead of as closures per request. */
var cur = { res: null, settled: false, failed: false, awaited: null };

/* Whether the last request reached the end of dispatch, which empties the
 * microtask queue and the timers: only after one that did not (it threw,
 * timed out, or returned early) are they emptied again at the start. */
var ended = false;

/* An error of reading the request body as the function asked for it
 * (sys.bodyRead, sys.bodyAll): too large (413), shorter than declared
 * (400), or the input failed (500), typed as body-parser types them. */
function bodyError(e) {
    return !!e && (e.type === 'entity.too.large' || e.type === 'request.size.invalid' ||
                   e.type === 'request.aborted') && typeof e.status === 'number';
}

function fail(err) {
    var res = cur.res;
    cur.failed = true;
    if (err && err.noHandler) {
        rt.log('error', err.message);
        if (!res.headersSent) rt.sendError(res, 500, err.message);
        return;
    }
    rt.log('error', 'Uncaught ' + describe(err));
    if (!res.headersSent && err && err.code === 'KV_UNAVAILABLE' && err.status === 503)
        rt.sendError(res, 503, err.message);   /* replicated kv without a master */
    else if (!res.headersSent && bodyError(err))
        rt.sendError(res, err.status, err.expose ? err.message : undefined);
    else if (!res.headersSent)
        rt.sendError(res, 500, devMessage(err), devDetails(err));
    else if (!res.finished)
        res.end();
}

function logUnhandled(reason) {
    rt.log('error', 'Unhandled promise rejection: ' + describe(reason));
}

function handlerSettled() {
    cur.settled = true;
}

function handlerRejected(e) {
    cur.settled = true;
    fail(e);
}

/* A handler's promise of the runtime's own (an async function's): the
 * loop is told when it settles without then() making a promise for the
 * result (~25k instructions a request). */
function handlerDone(c) {
    var rec = c.awaited;
    c.awaited = null;
    c.settled = true;
    if (rec.state === 2) {
        try {
            fail(rec.value);
        } catch (e) {
            logUnhandled(e);
        }
    }
}

/* The loop's end: the response is done and so is the handler. */
function requestDone() {
    return cur.res.finished && (cur.settled || cur.failed);
}

/* req.res <-> res.req is a cycle that only a collection would free; cut
 * once the request is over (its timers and microtasks are dropped), so
 * both go, with their headers and locals, when the thread does, and so do
 * the modules (module.js, releaseModules). */
function unlink(req, res) {
    req.res = null;
    res.req = null;
    rt.releaseModules();
}

/* The handler a function file exports: an ES module's export default,
 * a CommonJS module's module.exports; else why there is none (a string). */
function handlerOf(exports, rel) {
    var h = exports;
    if (rt.isNamespace(exports)) {
        h = exports['default'];
        if (typeof h === 'function') return h;
        return rel + (h === undefined ? ' has no default export: an ES module exports its handler with export default' :
                      ' does not export a function (export default is ' + (h === null ? 'null' : typeof h) + ')');
    }
    if (typeof h === 'function') return h;
    return rel + ' does not export a function (module.exports is ' + (h === null ? 'null' : typeof h) + ')';
}

/* After the modules' top-level awaits: the handler's promise.  A module
 * that failed, or a file without a handler, rejects it (a 500). */
function awaitModules(pending, exports, rel, req, res, mount, below) {
    return Promise.all(pending).then(function () {
        var h = handlerOf(exports, rel);
        if (typeof h !== 'function') {
            if (below) return rt.sendError(res, 404);
            var e = new Error(h);
            e.noHandler = true;
            throw e;
        }
        if (!mounted(h, req, res, mount, below)) return undefined;
        return h(req, res);
    });
}

/* A handler that is a router (router.js) sees paths relative to its
 * file's route, as if mounted there; a file reached for a path below its
 * own route (engine.c: no more specific file takes it) answers only when
 * its export is a router, else that path is a 404 like any other.
 * False when the 404 was sent. */
function mounted(h, req, res, mount, below) {
    if (rt.isRouter(h)) {
        rt.mountRouter(req, mount);
        return true;
    }
    if (below) {
        rt.sendError(res, 404);
        return false;
    }
    return true;
}

/* req.auth: the identity the engine checked ({ type: 'key', id, name,
 * created } for an API key, { type: 'basic', id, user } for Basic,
 * { type: 'jwt', id, sub, claims } for a JWT). */
function authOf(a) {
    var out = { type: a.type, id: a.id };
    if (a.type === 'basic') out.user = a.id;
    try {
        var extra = JSON.parse(a.json);
        if (a.type === 'jwt') {
            out.sub = a.id;
            out.claims = extra;
            return out;
        }
        if (extra && typeof extra === 'object')
            for (var k in extra) if (hasOwn.call(extra, k) && k !== 'type' && k !== 'id') out[k] = extra[k];
    } catch (e) {
        /* a record written by hand that is not JSON: type and id only */
    }
    return out;
}

function notFound(req, res) {
    rt.sendError(res, 404);
}

function nothing() {}

/* seq: the request's number for sys.env; uri, method, proto, ctype: its
 * REQUEST_URI, REQUEST_METHOD, SERVER_PROTOCOL and CONTENT_TYPE; mount:
 * the part of routePath that is the file's own route, below: whether the
 * file was reached for a path below that route; env: the variables of its
 * folder's _settings.json, or undefined; auth: what the folder's access
 * let the request in by ({ type, id, json }), or undefined. */
rt.dispatch = function (seq, body, file, rel, params, routePath, uri, method, proto, ctype, mount, below, env, auth) {
    if (seq === null)                   /* invoke exec/compile: front-exec.js */
        return rel === 'compile' ? rt.compile(file) : rt.exec(file, body);
    /* Duktape resolves every free name by walking scopes at run time:
     * the two used all through, once each */
    var R = rt, C = cur;
    var res = R.createResponse(null), req, handler, ret;

    C.res = res;
    C.settled = C.failed = false;
    if (!ended) {
        R.resetMicrotasks();
        R.resetTimers();
    }
    ended = false;
    R.resetConsole();
    if (R.traceLimitSet) R.resetTraceLimit();
    R.root = file.slice(0, file.length - rel.length - 1);
    R.currentEnv = null;
    folderEnv = env === undefined ? null : env;
    R.processEvents = null;

    R.seq = seq;
    R.pending = null;
    R.onUncaughtException = fail;
    R.onUnhandledRejection = logUnhandled;

    try {
        req = R.createRequest(seq, body, params, routePath, uri, method, proto, ctype);
    } catch (e) {
        if (e && e.status === 400 && e.expose) {
            R.log('warn', e.message);
            R.sendError(res, 400, e.message);
            return;
        }
        if (bodyError(e)) {
            R.log(e.expose ? 'warn' : 'error', e.message);
            R.sendError(res, e.status, e.expose ? e.message : undefined);
            return;
        }
        throw e;
    }
    res.req = req;
    req.res = res;
    req.auth = auth === undefined ? null : authOf(auth);

    try {
        handler = R.requireMain(file);
    } catch (e) {
        R.pending = null;
        R.log('error', 'Cannot load ' + rel + ': ' + describe(e));
        R.sendError(res, 500, devMessage(e), devDetails(e));
        unlink(req, res);
        return;
    }
    if (R.pending !== null) {
        /* an ES module awaits at its top level: the handler once it is done */
        ret = awaitModules(R.pending, handler, rel, req, res, mount, below);
        R.pending = null;
    } else {
        if (typeof handler !== 'function')
            handler = handlerOf(handler, rel);
        if (typeof handler !== 'function' && below)
            handler = notFound;
        if (typeof handler !== 'function') {
            R.log('error', handler);
            R.sendError(res, 500, handler);
            unlink(req, res);
            return;
        }
        /* the handler's first step may go on past a settled await at once
         * (front-rt.js, async): only a call made from here, now */
        if (!mounted(handler, req, res, mount, below))
            handler = nothing;
        R.asyncTop = true;
        try {
            ret = handler(req, res);
        } catch (e) {
            fail(e);
        }
        R.asyncTop = false;
    }
    var rec = ret === undefined ? null : R.promiseWatch(ret, handlerDone, C);
    if (rec !== null) {
        /* fulfilled already: requestDone reads it only after a drain */
        if (rec.state === 1)
            C.settled = true;
        else
            C.awaited = rec;
    } else if (ret !== null && (typeof ret === 'object' || typeof ret === 'function') &&
        typeof ret.then === 'function')
        ret.then(handlerSettled, handlerRejected);
    else
        C.settled = true;

    R.runLoop(requestDone);

    if (!res.finished) {
        if (!res.headersSent) {
            R.log('error', rel + ' finished without sending a response');
            R.sendError(res, 500, sys.dev ? 'The function finished without sending a response' : undefined);
        } else {
            R.log('warn', rel + ' streamed a response and never ended it: ended now');
            res.end();
        }
    }
    R.resetTimers();
    R.resetMicrotasks();
    C.res = null;
    ended = true;
    unlink(req, res);
};

/* --- process, as much of it as a function needs here --- */
var startTime = sys.now();

/* process is an EventEmitter whose listeners belong to the request: they
 * live in an emitter made at its first use in the request. */
rt.processEvents = null;
function processEvents() {
    var e = rt.processEvents;
    if (e === null)
        e = rt.processEvents = new rt.EventEmitter();
    return e;
}

/* A method of process that is the request's emitter's; returns process
 * (this: invoke exec's own, which inherits these) for the chaining ones. */
function processEmitterMethod(name, chains) {
    return function () {
        var e = processEvents(), r = e[name].apply(e, arguments);
        return chains ? this : r;
    };
}

/* process.emitWarning: logs the warning (as Node writes it to stderr),
 * then emits 'warning' on process at the next tick, as Node does. */
function emitWarning(warning, type, code, ctor) {
    var detail;
    if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
        ctor = type.ctor;
        code = type.code;
        if (typeof type.detail === 'string') detail = type.detail;
        type = type.type || 'Warning';
    } else if (typeof type === 'function') {
        ctor = type;
        code = undefined;
        type = 'Warning';
    }
    void ctor;
    if (type !== undefined && typeof type !== 'string')
        throw rt.argTypeError('type', 'of type string', type);
    if (typeof code === 'function') {
        ctor = code;
        code = undefined;
    } else if (code !== undefined && typeof code !== 'string') {
        throw rt.argTypeError('code', 'of type string', code);
    }
    if (typeof warning === 'string') {
        var w = new Error(warning);
        w.name = String(type || 'Warning');
        if (code !== undefined) w.code = code;
        if (detail !== undefined) w.detail = detail;
        warning = w;
    } else if (!(warning instanceof Error)) {
        throw rt.argTypeError('warning', 'of type string or an instance of Error', warning);
    }
    rt.log('warn', (warning.code !== undefined ? '[' + warning.code + '] ' : '') + warning.name + ': ' +
           warning.message + (typeof warning.detail === 'string' ? '\n' + warning.detail : ''));
    queueMicrotask(function () {
        if (rt.processEvents !== null) rt.processEvents.emit('warning', warning);
    });
}
rt.emitWarning = emitWarning;

/* process.stdout and stderr: each write is a log line (a function has no
 * terminal; invoke exec gives its own, writing to its stdout and stderr).
 * Nothing is kept between writes. */
rt.stdStream = function (fd, write) {
    function text(chunk, encoding) {
        if (typeof chunk === 'string') return chunk;
        if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            .toString(typeof encoding === 'string' && encoding !== 'buffer' ? encoding : 'utf8');
        throw rt.argTypeError('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
    }
    function self() { return this; }
    return {
        fd: fd,
        writable: true,
        write: function (chunk, encoding, cb) {
            if (typeof encoding === 'function') {
                cb = encoding;
                encoding = undefined;
            }
            write(text(chunk, encoding));
            if (typeof cb === 'function') queueMicrotask(function () { cb(null); });
            return true;
        },
        end: function (chunk, encoding, cb) {
            if (typeof chunk === 'function') cb = chunk;
            else if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
            if (typeof encoding === 'function') cb = encoding;
            if (typeof cb === 'function') queueMicrotask(cb);
            return this;
        },
        on: self, once: self, off: self, addListener: self, removeListener: self, removeAllListeners: self,
        prependListener: self, emit: function () { return false; },
        cork: function () {}, uncork: function () {},
        hasColors: function () { return false; },
        getColorDepth: function () { return 1; }
    };
};
var processObj = {
    platform: 'linux',
    arch: rt.nodeArch(),
    version: 'v20.0.0',
    versions: { node: '20.0.0', invoke: sys.version },
    argv: ['invoke-fcgi'],
    execArgv: [],
    pid: 0,
    title: 'invoke-fcgi',
    cwd: function () { return rt.cwd(); },
    uptime: function () { return (sys.now() - startTime) / 1000; },
    hrtime: function (prev) {
        var t = sys.now(), s = Math.floor(t / 1000), ns = Math.floor((t - s * 1000) * 1e6);
        if (prev) {
            s -= prev[0];
            ns -= prev[1];
            if (ns < 0) { s--; ns += 1e9; }
        }
        return [s, ns];
    },
    /* Duktape has no heap statistics to hand: the figures are zeros
     * (the request's memory limit is enforced by the engine instead). */
    /* rss is the worker's; the heap is the worker's one Duktape heap, which
     * counts every byte it allocates (there is no separate total). */
    memoryUsage: function () {
        var m = sys.memory();
        return { rss: m.rss, heapTotal: m.heap, heapUsed: m.heap, external: 0, arrayBuffers: 0 };
    },
    nextTick: function (fn) {
        if (typeof fn !== 'function')
            throw rt.argTypeError('callback', 'of type function', fn);
        var args = Array.prototype.slice.call(arguments, 1);
        rt.enqueueTick(function () {
            try {
                fn.apply(undefined, args);
            } catch (e) {
                if (rt.onUncaughtException) rt.onUncaughtException(e);
            }
        });
    },
    exit: function () {
        throw rt.nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
                           'process.exit() is not allowed in a function: send a response instead');
    },
    kill: function () {
        throw rt.nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'process.kill() is not allowed in a function');
    },
    on: processEmitterMethod('on', true),
    addListener: processEmitterMethod('addListener', true),
    once: processEmitterMethod('once', true),
    prependListener: processEmitterMethod('prependListener', true),
    prependOnceListener: processEmitterMethod('prependOnceListener', true),
    off: processEmitterMethod('off', true),
    removeListener: processEmitterMethod('removeListener', true),
    removeAllListeners: processEmitterMethod('removeAllListeners', true),
    setMaxListeners: processEmitterMethod('setMaxListeners', true),
    getMaxListeners: processEmitterMethod('getMaxListeners', false),
    emit: processEmitterMethod('emit', false),
    listeners: processEmitterMethod('listeners', false),
    rawListeners: processEmitterMethod('rawListeners', false),
    listenerCount: processEmitterMethod('listenerCount', false),
    eventNames: processEmitterMethod('eventNames', false),
    emitWarning: emitWarning,
    stdin: { fd: 0, readable: true, on: function () { return this; }, once: function () { return this; },
             off: function () { return this; }, removeListener: function () { return this; },
             pause: function () { return this; }, resume: function () { return this; },
             setEncoding: function () { return this; }, read: function () { return null; } },
    stdout: rt.stdStream(1, function (s) { rt.log('info', s.replace(/\n$/, '')); }),
    stderr: rt.stdStream(2, function (s) { rt.log('error', s.replace(/\n$/, '')); })
};
Object.defineProperty(processObj, 'env', {
    get: function () { return rt.processEnv(); },
    enumerable: true
});
processObj.memoryUsage.rss = function () { return sys.memory().rss; };
/* nanoseconds as a bigint (bigint.js; this file's operators would not
 * know one) */
processObj.hrtime.bigint = function () {
    var t = processObj.hrtime();
    return rt.bigOps.add(rt.bigOps.mul(BigInt(t[0]), BigInt(1000000000)), BigInt(t[1]));
};
/* Object.prototype.toString says [object process], as in Node: axios and
 * others pick their Node (http) code by it */
Object.defineProperty(processObj, Symbol.toStringTag, { value: 'process', configurable: true });
G.process = processObj;
