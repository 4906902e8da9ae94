/* vm.js - the Node built-ins about code: `vm` and `module`.
 *
 * vm runs a script on the engine's own evaluation (js_module.c, vmRun): as
 * an indirect eval runs one, in the calling request's global
 * (runInThisContext), or in a context's own global (runInContext): an
 * object that inherits the standard built-ins (and none of Node's: no
 * process, require, setTimeout), made for the contextified object once,
 * whose var and function declarations and free assignments land on it,
 * and whose functions keep it as their global.  The object's properties
 * are accessors on that global, reading and writing the object's (so
 * functions a run left behind change the object when called later); what
 * a run declares or assigns anew goes to the object at the end of the run
 * (a global a function made later, at the end of the next).
 * Code in modern syntax is lowered by the front end first, as a module's
 * is (so a top-level let or const becomes a property, as var does).  vm is
 * not a security boundary, as Node's is not: a context shares the
 * built-ins and the request with its caller.
 *
 * module gives createRequire (a require resolving from any file, loading
 * into the request's registry), builtinModules and isBuiltin.
 *
 * Needs: rt.nodeError, rt.received (buffer.js); rt.builtins (module.js).
 *   When called: rt.requireFrom, rt.resolveModule, rt.cwd, rt.path
 *   (module.js); rt.inspect (console.js); sys.vmPrepare, sys.vmRun,
 *   sys.hidden.
 * Provides: rt.builtins.vm, rt.builtins.module.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var hasOwn = Object.prototype.hasOwnProperty;
var gopn = Object.getOwnPropertyNames, gopd = Object.getOwnPropertyDescriptor;
var nodeError = rt.nodeError, received = rt.received;
var CONTEXT = sys.hidden('vmContext');

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

function invalidArg(name, expected, v) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' +
                     (name.indexOf('.') >= 0 ? 'property' : 'argument') + ' must be ' + expected + '. ' + received(v));
}

function isObject(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function');
}

/* --- contexts --- */

/* What a new V8 context has on its global, besides what Duktape adds;
 * __invoke is the runtime of lowered code. */
var KEEP = ['AggregateError', 'Array', 'ArrayBuffer', 'Boolean', 'DataView', 'Date', 'Error', 'EvalError',
            'Float32Array', 'Float64Array', 'Function', 'Infinity', 'Int16Array', 'Int32Array', 'Int8Array', 'Intl',
            'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError', 'ReferenceError',
            'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'SyntaxError', 'TypeError', 'URIError', 'Uint16Array',
            'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'WeakMap', 'WeakRef', 'WeakSet', 'console',
            'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'eval', 'globalThis',
            'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'undefined', 'unescape', '__invoke'];

/* The prototype of every context's global: the worker's global with
 * Node's own globals (process, Buffer, timers, fetch...) hidden.  Made
 * once the runtime is whole (at the first context), frozen: every
 * request's contexts share it. */
var contextBase = null;

function baseOfContexts() {
    if (contextBase === null) {
        var base = Object.create(G), names = gopn(G);
        for (var i = 0; i < names.length; i++)
            if (KEEP.indexOf(names[i]) < 0)
                Object.defineProperty(base, names[i], { value: undefined, writable: false, configurable: false });
        contextBase = Object.freeze(base);
    }
    return contextBase;
}

/* A context: the contextified object, its global, and the accessors
 * the global forwards the object's properties through. */
function Context(obj) {
    this.obj = obj;
    this.global = Object.create(baseOfContexts());
    def(this.global, 'globalThis', this.global);
    this.getters = Object.create(null);
    this.setters = Object.create(null);
}

function contextOf(obj) {
    return hasOwn.call(obj, CONTEXT) ? obj[CONTEXT] : undefined;
}

function createContext(obj, options) {
    if (obj === undefined) obj = {};
    if (!isObject(obj)) throw invalidArg('object', 'of type object', obj);
    void options;
    if (contextOf(obj) === undefined)
        Object.defineProperty(obj, CONTEXT, { value: new Context(obj), configurable: true });
    return obj;
}

function isContext(obj) {
    if (!isObject(obj)) throw invalidArg('object', 'of type object', obj);
    return contextOf(obj) !== undefined;
}

/* Makes the global's `name` an accessor of the object's. */
function forward(c, name, enumerable) {
    var get = c.getters[name], obj = c.obj;
    if (get === undefined) {
        get = c.getters[name] = function () { return obj[name]; };
        c.setters[name] = function (v) { obj[name] = v; };
    }
    Object.defineProperty(c.global, name, { get: get, set: c.setters[name], enumerable: enumerable,
                                            configurable: true });
}

function isForwarded(c, name) {
    var d = gopd(c.global, name);
    return d !== undefined && d.get !== undefined && d.get === c.getters[name];
}

/* Before a run: each property of the object is read and written through
 * the global, and one the object lost is gone from it.  Returns the names
 * forwarded. */
function syncIn(c) {
    var names = gopn(c.obj), g = c.global, i, n;
    for (i = 0; i < names.length; i++) {
        n = names[i];
        if (n === 'globalThis' || isForwarded(c, n)) continue;
        try {
            forward(c, n, gopd(c.obj, n).enumerable);
        } catch (e) {
            /* the global's own, not configurable: it stays */
        }
    }
    names = gopn(g);
    for (i = 0; i < names.length; i++)
        if (isForwarded(c, names[i]) && !hasOwn.call(c.obj, names[i]))
            delete g[names[i]];
    return gopn(g);
}

/* After it: what the run declared or assigned on its global goes to the
 * object (and is forwarded from then on); what it deleted goes from it. */
function syncOut(c, before) {
    var g = c.global, names = gopn(g), i, n, d;
    for (i = 0; i < names.length; i++) {
        n = names[i];
        if (n === 'globalThis' || isForwarded(c, n)) continue;
        d = gopd(g, n);
        try {
            Object.defineProperty(c.obj, n, d);
            forward(c, n, d.enumerable);
        } catch (e) {
            /* not configurable, on either side: left as it is */
        }
    }
    for (i = 0; i < before.length; i++) {
        n = before[i];
        if (n !== 'globalThis' && !hasOwn.call(g, n) && hasOwn.call(c.obj, n)) {
            try {
                delete c.obj[n];
            } catch (e) {
                /* not configurable: stays */
            }
        }
    }
}

/* Runs prepared source in the context of obj. */
function runInContextOf(obj, source, filename) {
    var c = contextOf(obj), before = syncIn(c);
    try {
        return sys.vmRun(source, c.global, filename);
    } finally {
        syncOut(c, before);
    }
}

/* --- scripts --- */

var DEFAULT_NAME = 'evalmachine.<anonymous>';

function filenameOf(options, dflt) {
    if (typeof options === 'string') return options;
    if (options === undefined || options === null) return dflt;
    if (typeof options !== 'object') throw invalidArg('options', 'of type object', options);
    if (options.filename === undefined) return dflt;
    if (typeof options.filename !== 'string') throw invalidArg('options.filename', 'of type string', options.filename);
    return options.filename;
}

function checkContext(obj) {
    if (!isObject(obj) || contextOf(obj) === undefined)
        throw invalidArg('contextifiedObject', 'an vm.Context', obj);
}

/* Node's Script extends an internal ContextifyScript, which has
 * createCachedData. */
function ContextifyScript() {}
/* there is no V8 code cache to give: an empty one */
def(ContextifyScript.prototype, 'createCachedData', function () {
    return Buffer.alloc(0);
});

function Script(code, options) {
    if (!(this instanceof Script))
        throw new TypeError("Class constructor Script cannot be invoked without 'new'");
    code = String(code);
    var filename = filenameOf(options, DEFAULT_NAME);
    def(this, '_source', sys.vmPrepare(code, filename));
    def(this, '_filename', filename);
    if (options && typeof options === 'object' && options.cachedData !== undefined)
        this.cachedDataRejected = true;
}
Script.prototype = Object.create(ContextifyScript.prototype);
def(Script.prototype, 'constructor', Script);
def(Script.prototype, 'runInThisContext', function (options) {
    void options;
    return sys.vmRun(this._source, undefined, this._filename);
});
def(Script.prototype, 'runInContext', function (contextifiedObject, options) {
    void options;
    checkContext(contextifiedObject);
    return runInContextOf(contextifiedObject, this._source, this._filename);
});
def(Script.prototype, 'runInNewContext', function (contextObject, options) {
    void options;
    var obj = createContext(contextObject === undefined || contextObject === null ? {} : contextObject);
    return runInContextOf(obj, this._source, this._filename);
});

function runInThisContext(code, options) {
    return new Script(code, options).runInThisContext(options);
}

function runInContext(code, contextifiedObject, options) {
    checkContext(contextifiedObject);
    return new Script(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
    return new Script(code, options).runInNewContext(contextObject, options);
}

var IDENT = /^[A-Za-z_$][\w$]*$/;

/* compileFunction(code, params, { filename, parsingContext,
 * contextExtensions }): a function of params whose body is code; the
 * extensions' properties are in its scope, and its global is the parsing
 * context's. */
function compileFunction(code, params, options) {
    if (typeof code !== 'string') throw invalidArg('code', 'of type string', code);
    if (params === undefined) params = [];
    if (!Array.isArray(params)) throw invalidArg('params', 'an instance of Array', params);
    for (var i = 0; i < params.length; i++) {
        if (typeof params[i] !== 'string') throw invalidArg('params[' + i + ']', 'of type string', params[i]);
        if (!IDENT.test(params[i])) throw new SyntaxError('Invalid parameter name: ' + params[i]);
    }
    options = options === undefined ? {} : options;
    if (!isObject(options)) throw invalidArg('options', 'of type object', options);
    var filename = filenameOf(options, '');
    var exts = options.contextExtensions === undefined ? [] : options.contextExtensions;
    if (!Array.isArray(exts)) throw invalidArg('options.contextExtensions', 'an instance of Array', exts);
    for (i = 0; i < exts.length; i++)
        if (!isObject(exts[i])) throw invalidArg('options.contextExtensions[' + i + ']', 'of type object', exts[i]);
    if (options.parsingContext !== undefined) checkContext(options.parsingContext);
    /* one line before the body's first: its lines keep their numbers
     * counted from the header's */
    var withs = '';
    for (i = 0; i < exts.length; i++) withs += 'with (__vmExtensions[' + i + ']) ';
    var source = sys.vmPrepare('(function (__vmExtensions) { ' + withs + 'return function (' + params.join(', ') +
                               ') {' + code + '\n}; })', filename || DEFAULT_NAME);
    var factory = options.parsingContext !== undefined ?
        runInContextOf(options.parsingContext, source, filename || DEFAULT_NAME) :
        sys.vmRun(source, undefined, filename || DEFAULT_NAME);
    return factory(exts);
}

function measureMemory() {
    var used = G.process && typeof G.process.memoryUsage === 'function' ? G.process.memoryUsage().heapUsed : 0;
    return Promise.resolve({ total: { jsMemoryEstimate: used, jsMemoryRange: [used, used] } });
}

var vmConstants = Object.create(null);
vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER = Symbol('vm_dynamic_import_main_context_default');
vmConstants.DONT_CONTEXTIFY = Symbol('vm_context_no_contextify');
Object.freeze(vmConstants);

function vmModule() {
    return {
        Script: Script,
        createContext: createContext,
        createScript: function createScript(code, options) { return new Script(code, options); },
        runInContext: runInContext,
        runInNewContext: runInNewContext,
        runInThisContext: runInThisContext,
        isContext: isContext,
        compileFunction: compileFunction,
        measureMemory: measureMemory,
        constants: vmConstants
    };
}

/* --- module --- */

function isBuiltin(name) {
    if (typeof name !== 'string') return false;
    var bare = name.slice(0, 5) === 'node:' ? name.slice(5) : name;
    return hasOwn.call(rt.builtins, bare) && bare !== '';
}

function invalidFilename(v) {
    return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'filename' must be a file URL object, " +
                     'file URL string, or absolute path string. Received ' + rt.inspect(v));
}

function createRequire(filename) {
    var file;
    if (isObject(filename) && typeof filename.href === 'string' && typeof filename.protocol === 'string' ||
        typeof filename === 'string' && filename.charAt(0) !== '/') {
        try {
            file = rt.builtins.url().fileURLToPath(filename);
        } catch (e) {
            throw invalidFilename(filename);
        }
    } else if (typeof filename !== 'string') {
        throw invalidFilename(filename);
    } else {
        file = filename;
    }
    /* a folder may be named, with its trailing slash */
    if (file.charAt(file.length - 1) === '/') file = rt.path.join(file, 'noop.js');
    return rt.requireFrom(file);
}

var WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/* The module builtin is Node's Module constructor with its statics, made
 * anew for each request (a function may set statics on it). */
function moduleModule() {
    function Module(id, parent) {
        this.id = id === undefined ? '' : id;
        this.path = rt.path.dirname(this.id || '.');
        this.exports = {};
        this.filename = null;
        this.loaded = false;
        this.children = [];
        this.parent = parent;
        this.paths = [];
    }
    def(Module.prototype, 'require', function (id) {
        return createRequire(this.filename || rt.path.join(rt.cwd(), 'noop.js'))(id);
    });
    Module.Module = Module;
    Module.createRequire = createRequire;
    Module.isBuiltin = isBuiltin;
    Module.builtinModules = Object.keys(rt.builtins).sort();
    Module.wrapper = WRAPPER.slice();
    Module.wrap = function wrap(script) { return Module.wrapper[0] + script + Module.wrapper[1]; };
    Module.globalPaths = [];
    Module._cache = Object.create(null);
    Module._pathCache = Object.create(null);
    Module._extensions = Object.create(null);
    ['.js', '.json', '.node'].forEach(function (ext) {
        Module._extensions[ext] = function () {
            throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Module._extensions is not used by this runtime');
        };
    });
    Module._resolveFilename = function _resolveFilename(request, parent) {
        return rt.resolveModule(request, parent && typeof parent.filename === 'string' ?
                                rt.path.dirname(parent.filename) : rt.cwd());
    };
    Module._load = function _load(request, parent) {
        return createRequire(parent && typeof parent.filename === 'string' ? parent.filename :
                             rt.path.join(rt.cwd(), 'noop.js'))(request);
    };
    Module._nodeModulePaths = function _nodeModulePaths(from) {
        var out = [], p = rt.path.resolve(from);
        for (;;) {
            if (rt.path.basename(p) !== 'node_modules') out.push(rt.path.join(p, 'node_modules'));
            if (p === '/') break;
            p = rt.path.dirname(p);
        }
        return out;
    };
    Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
    Module.findSourceMap = function findSourceMap() { return undefined; };
    return Module;
}

/* --- registry --- */

rt.builtins.vm = vmModule;
rt.builtins.module = moduleModule;
