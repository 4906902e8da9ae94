/* router.js - the Router global: Express 4's routing inside one function.
 *
 * A router is a function (req, res, next) holding a stack of layers, each a
 * path pattern with either a middleware (use) or a route (get, post, ...,
 * route()).  A request walks the stack in order; next() goes on to the next
 * layer that matches, next(err) skips to the next error middleware (four
 * parameters), next('route') leaves the current route, next('router') the
 * whole router.  What the stack leaves unanswered goes to the caller's
 * next; a router that is the function itself (dispatch.js calls it with
 * req and res only) ends with a 404, or with the error's status (500
 * unless it names a 4xx/5xx one).
 *
 * Written from Express 4's documented behaviour (the Router and routing
 * guides): paths are matched case-insensitively and with an optional
 * trailing slash unless the router says caseSensitive or strict; `:name`,
 * `:name?`, `:name(regexp)`, `*` (numbered params[0], params[1], ...),
 * RegExp and array paths.  One addition, as Express 5 has it: a handler
 * that returns a promise which rejects goes on as next(err), so an async
 * handler's throw is a 500 instead of a request that never ends.
 *
 * Needs: sys.hidden, sys.dev.  When called: rt.sendError (express.js);
 *   rt.log, rt.inspect (console.js); rt.enqueueMicrotask (promise.js).
 * Provides: the global Router; rt.isRouter(fn), rt.mountRouter(req,
 *   mount) (dispatch.js: a function file whose export is a router).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var slice = Array.prototype.slice;

var METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'];

/* A hidden mark that a function is a router (dispatch.js asks). */
var IS_ROUTER = sys.hidden('isRouter');

function decodeParam(v) {
    if (typeof v !== 'string' || v.length === 0) return v;
    try {
        return decodeURIComponent(v);
    } catch (e) {
        var err = new URIError("Failed to decode param '" + v + "'");
        err.status = err.statusCode = 400;
        throw err;
    }
}

/* Flattens the handler arguments: Express accepts arrays of handlers,
 * nested at any depth, wherever it accepts one. */
function flatten(args, out) {
    for (var i = 0; i < args.length; i++) {
        if (Array.isArray(args[i])) flatten(args[i], out);
        else out.push(args[i]);
    }
    return out;
}

/* --- path patterns --- */

/* Escapes what is a regular expression character in a literal path part,
 * but keeps '(', ')' and '?' unescaped where Express's patterns use them:
 * '(...)' after a :name, '?' after a :name or a character. */
function escapeLiteral(s) {
    return s.replace(/[.+^${}|\[\]\\\/]/g, '\\$&');
}

/* The regular expression of pattern `path`, with its keys pushed onto
 * keys ({ name, optional }).  end: the whole path must match (a route),
 * else a prefix ending at a '/' does (use). */
function compilePath(path, keys, opts) {
    var flags = opts.sensitive ? '' : 'i';
    var trail = opts.strict ? '' : '\\/?';
    var n = 0, i;

    if (path instanceof RegExp) {
        var groups = /\((?!\?)/g, m;
        while ((m = groups.exec(path.source)) !== null)
            keys.push({ name: n++, optional: false });
        return path;
    }
    if (Array.isArray(path)) {
        var parts = [];
        for (i = 0; i < path.length; i++)
            parts.push(compilePath(path[i], keys, { sensitive: opts.sensitive, strict: opts.strict, end: opts.end, inner: true }).source);
        return new RegExp('(?:' + parts.join('|') + ')', flags);
    }
    path = String(path);
    if (!opts.strict && path.length > 1 && path.charAt(path.length - 1) === '/')
        path = path.slice(0, -1);
    var re = '', k = 0;
    /* tokens: an optional '/' or '.', then :name with an optional (regexp)
     * and an optional '?'; or a '*'; or one literal character */
    var tok = /(\/|\.)?:(\w+)(\((?:\\.|[^\\()])*\))?(\?)?|\*|\(|\)|\?|[^*:()?]/g, t;
    while ((t = tok.exec(path)) !== null) {
        if (t[2] !== undefined) {
            var sep = t[1] || '', optional = t[4] === '?';
            var capture = t[3] ? t[3].slice(1, -1) : (sep === '.' ? '[^\\/.]+?' : '[^\\/]+?');
            keys.push({ name: t[2], optional: optional });
            re += '(?:' + (sep ? '\\' + sep : '') + '(' + capture + '))' + (optional ? '?' : '');
        } else if (t[0] === '*') {
            keys.push({ name: k++, optional: false });
            re += '(.*)';
        } else if (t[0] === '(' || t[0] === ')' || t[0] === '?') {
            /* a group or an optional character of the pattern itself */
            if (t[0] === '(') keys.push({ name: k++, optional: false });
            re += t[0];
        } else {
            re += escapeLiteral(t[0]);
        }
    }
    if (opts.inner) return new RegExp(re, flags);
    if (opts.end)
        re = '^' + re + trail + '$';
    else
        re = '^' + re + (re.slice(-2) === '\\/' ? '' : '(?:' + trail + '(?=\\/|$))');
    return new RegExp(re, flags);
}

/* --- Layer: one pattern and its handler --- */

function Layer(path, opts, fn) {
    this.handle = fn;
    this.name = fn && fn.name || '<anonymous>';
    this.params = undefined;
    this.path = undefined;
    this.keys = [];
    this.route = undefined;
    this.method = undefined;
    this.regexp = compilePath(path, this.keys, opts);
    /* '/' and '*' as a use() prefix match everything at once */
    this.fastSlash = path === '/' && opts.end === false;
    this.fastStar = path === '*';
}

Layer.prototype.match = function (path) {
    if (path === undefined || path === null) return false;
    if (this.fastSlash) {
        this.params = {};
        this.path = '';
        return true;
    }
    if (this.fastStar) {
        this.params = { 0: decodeParam(path) };
        this.path = path;
        return true;
    }
    var m = this.regexp.exec(path);
    if (!m) {
        this.params = undefined;
        this.path = undefined;
        return false;
    }
    this.params = {};
    this.path = m[0];
    for (var i = 1; i < m.length; i++) {
        var key = this.keys[i - 1], v = decodeParam(m[i]);
        if (!key) continue;
        if (v !== undefined || !hasOwn.call(this.params, key.name))
            this.params[key.name] = v;
    }
    return true;
};

/* A handler's outcome: a throw, or a promise that rejects, goes on as
 * next(err).  A rejection with no reason still counts as an error. */
function settle(ret, next) {
    if (ret !== null && typeof ret === 'object' && typeof ret.then === 'function') {
        ret.then(null, function (e) {
            next(e || new Error('Rejected promise returned by a handler'));
        });
    }
}

Layer.prototype.handleError = function (err, req, res, next) {
    var fn = this.handle;
    if (fn.length !== 4) return next(err);
    try {
        settle(fn(err, req, res, next), next);
    } catch (e) {
        next(e);
    }
};

Layer.prototype.handleRequest = function (req, res, next) {
    var fn = this.handle;
    if (fn.length > 3) return next();
    try {
        settle(fn(req, res, next), next);
    } catch (e) {
        next(e);
    }
};

/* --- Route: the handlers of one path, per method --- */

function Route(path) {
    this.path = path;
    this.stack = [];
    this.methods = {};
}

Route.prototype._handlesMethod = function (method) {
    if (this.methods._all) return true;
    var name = String(method).toLowerCase();
    if (name === 'head' && !this.methods.head) name = 'get';
    return Boolean(this.methods[name]);
};

/* The methods this route answers, for OPTIONS' Allow. */
Route.prototype._options = function () {
    var out = [];
    for (var k in this.methods) {
        if (!hasOwn.call(this.methods, k) || k === '_all') continue;
        out.push(k.toUpperCase());
    }
    if (this.methods.get && !this.methods.head) out.push('HEAD');
    return out;
};

Route.prototype.dispatch = function (req, res, done) {
    var idx = 0, stack = this.stack, self = this;
    if (stack.length === 0) return done();
    var method = String(req.method).toLowerCase();
    if (method === 'head' && !this.methods.head) method = 'get';
    req.route = this;
    function next(err) {
        if (err && err === 'route') return done();
        if (err && err === 'router') return done(err);
        var layer = stack[idx++];
        if (!layer) return done(err);
        if (layer.method && layer.method !== method) return next(err);
        if (err) layer.handleError(err, req, res, next);
        else layer.handleRequest(req, res, next);
    }
    void self;
    next();
};

function addRouteMethod(method) {
    Route.prototype[method] = function () {
        var fns = flatten(arguments, []);
        for (var i = 0; i < fns.length; i++) {
            if (typeof fns[i] !== 'function')
                throw new TypeError('Route.' + method + '() requires a callback function but got a ' +
                                    Object.prototype.toString.call(fns[i]));
            var layer = new Layer('/', {}, fns[i]);
            layer.method = method === 'all' ? undefined : method;
            this.methods[method === 'all' ? '_all' : method] = true;
            this.stack.push(layer);
        }
        return this;
    };
}
for (var mi = 0; mi < METHODS.length; mi++) addRouteMethod(METHODS[mi]);
addRouteMethod('all');

/* --- Router --- */

var proto = {};

function Router(options) {
    var opts = options || {};
    function router(req, res, next) {
        router.handle(req, res, next);
    }
    Object.setPrototypeOf(router, proto);
    router.params = {};
    router.caseSensitive = Boolean(opts.caseSensitive);
    router.mergeParams = Boolean(opts.mergeParams);
    router.strict = Boolean(opts.strict);
    router.stack = [];
    router[IS_ROUTER] = true;
    return router;
}
Object.setPrototypeOf(proto, Function.prototype);
Router.prototype = proto;

proto.param = function (name, fn) {
    if (typeof name !== 'string' || typeof fn !== 'function')
        throw new TypeError('router.param(name, fn) takes a name and a function');
    (this.params[name] = this.params[name] || []).push(fn);
    return this;
};

proto.use = function (fn) {
    var path = '/', offset = 0;
    if (typeof fn !== 'function') {
        var arg = fn;
        while (Array.isArray(arg) && arg.length !== 0) arg = arg[0];
        if (typeof arg !== 'function') {
            offset = 1;
            path = fn;
        }
    }
    var fns = flatten(slice.call(arguments, offset), []);
    if (fns.length === 0) throw new TypeError('Router.use() requires a middleware function');
    for (var i = 0; i < fns.length; i++) {
        if (typeof fns[i] !== 'function')
            throw new TypeError('Router.use() requires a middleware function but got a ' +
                                Object.prototype.toString.call(fns[i]));
        var layer = new Layer(path, { sensitive: this.caseSensitive, strict: false, end: false }, fns[i]);
        this.stack.push(layer);
    }
    return this;
};

proto.route = function (path) {
    var route = new Route(path);
    var layer = new Layer(path, { sensitive: this.caseSensitive, strict: this.strict, end: true },
                          function (req, res, next) { route.dispatch(req, res, next); });
    layer.route = route;
    this.stack.push(layer);
    return route;
};

function addRouterMethod(method) {
    proto[method] = function (path) {
        var route = this.route(path);
        route[method].apply(route, slice.call(arguments, 1));
        return this;
    };
}
for (mi = 0; mi < METHODS.length; mi++) addRouterMethod(METHODS[mi]);
addRouterMethod('all');

/* The path part of req.url. */
function pathOf(req) {
    var u = req.url;
    if (typeof u !== 'string') return undefined;
    var q = u.search(/[?#]/);
    return q >= 0 ? u.slice(0, q) : u;
}

/* req.path follows req.url, as Express's getter does. */
function setUrl(req, url) {
    req.url = url;
    var q = url.search(/[?#]/);
    req.path = q >= 0 ? url.slice(0, q) : url;
}

/* Runs the router.param callbacks for the params of the matched layer,
 * each once per value per request, then calls done(err). */
function processParams(router, layer, called, req, res, done) {
    var keys = layer.keys, i = 0;
    if (!keys || keys.length === 0) return done();
    function nextParam(err) {
        if (err) return done(err);
        if (i >= keys.length) return done();
        var name = keys[i++].name, val = req.params[name], fns = router.params[name];
        if (val === undefined || !fns) return nextParam();
        var prev = called[name];
        if (prev && prev.value === val) return nextParam(prev.error);
        called[name] = { value: val, error: null };
        var j = 0;
        function nextFn(e) {
            if (e) {
                called[name].error = e;
                return nextParam(e);
            }
            var fn = fns[j++];
            if (!fn) return nextParam();
            try {
                fn(req, res, nextFn, val, name);
            } catch (x) {
                nextFn(x);
            }
        }
        nextFn();
    }
    nextParam();
}

proto.handle = function (req, res, out) {
    var self = this, stack = this.stack, idx = 0;
    var removed = '', slashAdded = false, sync = 0, called = {};
    var parentUrl = req.baseUrl || '', parentParams = req.params;
    var saved = { baseUrl: req.baseUrl, next: req.next, params: req.params };
    var options = [];
    var done = typeof out === 'function' ? out : finalHandler(req, res);

    function restore(err) {
        req.baseUrl = saved.baseUrl;
        req.next = saved.next;
        req.params = saved.params;
        done(err);
    }
    if (req.method === 'OPTIONS') {
        var inner = restore;
        restore = function (err) {
            if (err || options.length === 0) return inner(err);
            var allow = [];
            for (var i = 0; i < options.length; i++)
                if (allow.indexOf(options[i]) < 0) allow.push(options[i]);
            var body = allow.join(',');
            res.set('Allow', body);
            res.set('Content-Type', 'text/html; charset=utf-8');
            res.status(200).send(body);
        };
    }
    req.next = next;
    req.baseUrl = parentUrl;
    if (!req.originalUrl) req.originalUrl = req.url;

    function next(err) {
        var layerError = err === 'route' ? null : err;
        if (slashAdded) {
            setUrl(req, req.url.slice(1));
            slashAdded = false;
        }
        if (removed.length !== 0) {
            req.baseUrl = parentUrl;
            setUrl(req, removed + req.url);
            removed = '';
        }
        if (layerError === 'router') return restore(null);
        if (idx >= stack.length) return restore(layerError);
        /* a long synchronous chain goes on in a microtask, so that a stack
         * of a thousand middlewares does not overflow the C stack */
        if (++sync > 100) {
            sync = 0;
            rt.enqueueMicrotask(function () { next(err); });
            return;
        }
        var path = pathOf(req);
        if (path === undefined) return restore(layerError);
        var layer, match = false, route;
        while (match !== true && idx < stack.length) {
            layer = stack[idx++];
            try {
                match = layer.match(path);
            } catch (e) {
                match = e;
            }
            route = layer.route;
            if (typeof match !== 'boolean') layerError = layerError || match;
            if (match !== true) continue;
            if (!route) continue;
            if (layerError) {
                match = false;
                continue;
            }
            var has = route._handlesMethod(req.method);
            if (!has && req.method === 'OPTIONS') options.push.apply(options, route._options());
            if (!has && req.method !== 'HEAD') match = false;
        }
        if (match !== true) return restore(layerError);
        if (route) req.route = route;
        req.params = self.mergeParams ? merge(layer.params, parentParams) : layer.params;
        var layerPath = layer.path;
        processParams(self, layer, called, req, res, function (e) {
            if (e) return next(layerError || e);
            if (route) return layer.handleRequest(req, res, next);
            trimPrefix(layer, layerError, layerPath, path);
        });
    }

    function trimPrefix(layer, layerError, layerPath, path) {
        if (layerPath.length !== 0) {
            if (layerPath !== path.slice(0, layerPath.length)) return next(layerError);
            var c = path.charAt(layerPath.length);
            if (c && c !== '/' && c !== '.') return next(layerError);
            removed = layerPath;
            setUrl(req, req.url.slice(removed.length));
            if (req.url.charAt(0) !== '/') {
                setUrl(req, '/' + req.url);
                slashAdded = true;
            }
            req.baseUrl = parentUrl + (removed.charAt(removed.length - 1) === '/' ? removed.slice(0, -1) : removed);
        }
        if (layerError) layer.handleError(layerError, req, res, next);
        else layer.handleRequest(req, res, next);
    }

    next();
};

function merge(params, parent) {
    if (typeof parent !== 'object' || !parent) return params;
    var out = {}, k;
    for (k in parent) if (hasOwn.call(parent, k)) out[k] = parent[k];
    for (k in params) if (hasOwn.call(params, k)) out[k] = params[k];
    return out;
}

/* The end of a router that is the function itself: what no layer
 * answered is a 404, an error its status (4xx/5xx) or a 500, logged. */
function finalHandler(req, res) {
    return function (err) {
        if (res.headersSent) {
            if (err) rt.log('error', 'Uncaught ' + describe(err));
            if (!res.finished) res.end();
            return;
        }
        if (!err) {
            /* the same 404 as a path no file takes: which paths a
             * function answers is not the client's to explore */
            rt.sendError(res, 404);
            return;
        }
        var status = err && (err.status || err.statusCode);
        if (typeof status !== 'number' || status < 400 || status > 599) status = 500;
        rt.log('error', 'Uncaught ' + describe(err));
        var message;
        if (status < 500 || err.expose === true || sys.dev)
            message = err && err.message !== undefined ? String(err.message) : String(err);
        rt.sendError(res, status, message, sys.dev && err && err.stack ? { stack: String(err.stack) } : undefined);
    };
}

function describe(err) {
    if (err instanceof Error || (err && typeof err === 'object' && err.stack))
        return String(err.stack || err);
    return rt.inspect(err);
}

rt.isRouter = function (fn) {
    return typeof fn === 'function' && fn[IS_ROUTER] === true;
};

/* A function file whose export is a router: its paths are relative to
 * the file's own route `mount` (engine.c passes it), as if the file were
 * app.use(mount, router). */
rt.mountRouter = function (req, mount) {
    if (!mount || mount === '/') return;
    var url = req.url, q = url.search(/[?#]/);
    var p = q >= 0 ? url.slice(0, q) : url, rest = q >= 0 ? url.slice(q) : '';
    if (p.slice(0, mount.length) !== mount) return;
    req.baseUrl = mount;
    setUrl(req, (p.slice(mount.length) || '/') + rest);
};

Object.defineProperty(G, 'Router', { value: Router, writable: true, configurable: true });
