/* module.js - CommonJS for function files: require, module, exports.
 *
 * Every request starts with an empty module registry, so a function's
 * modules (and anything they keep at module level) are evaluated anew and
 * never shared with another request; sys.load keeps the compiled bytecode,
 * so evaluating anew costs microseconds, not a compile.  Resolution follows
 * Node: built-ins, then relative and absolute paths (X, X.js, X.json,
 * X/package.json main, X/index.js), then node_modules folders up to the
 * functions root.  The natives refuse any path outside the root.
 *
 * Needs: sys.hidden.  When called: rt.root (dispatch.js, front-exec.js:
 *   per request); sys.load, sys.needsRequire, sys.stat, sys.readFile,
 *   sys.mtime.
 * Provides: rt.path, rt.cwd, rt.builtins (the registry, with `path`),
 *   rt.resolveModule, rt.requireMain, rt.rerunModule, rt.releaseModules,
 *   rt.requireFrom.
 *
 * Runs as the body of function (sys, rt); ES5 and the method shorthand
 * Duktape parses.
 */
var hasOwn = Object.prototype.hasOwnProperty;

/* --- POSIX path handling (also the `path` module) --- */
function normalizeArray(parts, allowAboveRoot) {
    var out = [];
    for (var i = 0; i < parts.length; i++) {
        var p = parts[i];
        if (!p || p === '.') continue;
        if (p === '..') {
            if (out.length && out[out.length - 1] !== '..') out.pop();
            else if (allowAboveRoot) out.push('..');
        } else {
            out.push(p);
        }
    }
    return out;
}

function assertPath(p, name) {
    if (typeof p !== 'string')
        throw new TypeError('The "' + (name || 'path') + '" argument must be of type string. Received ' +
                            (p === null ? 'null' : typeof p));
}

var path = {
    sep: '/',
    delimiter: ':',
    normalize: function (p) {
        assertPath(p);
        if (p === '') return '.';
        var abs = p.charAt(0) === '/', trail = p.charAt(p.length - 1) === '/';
        var s = normalizeArray(p.split('/'), !abs).join('/');
        if (!s && !abs) s = '.';
        if (s && trail) s += '/';
        return (abs ? '/' : '') + s;
    },
    join: function () {
        var parts = [];
        for (var i = 0; i < arguments.length; i++) {
            assertPath(arguments[i]);
            if (arguments[i]) parts.push(arguments[i]);
        }
        return parts.length ? path.normalize(parts.join('/')) : '.';
    },
    resolve: function () {
        var resolved = '', abs = false;
        for (var i = arguments.length - 1; i >= -1 && !abs; i--) {
            var p = i >= 0 ? arguments[i] : rt.cwd();
            assertPath(p);
            if (!p) continue;
            resolved = p + '/' + resolved;
            abs = p.charAt(0) === '/';
        }
        var s = normalizeArray(resolved.split('/'), !abs).join('/');
        return ((abs ? '/' : '') + s) || '.';
    },
    isAbsolute: function (p) {
        assertPath(p);
        return p.charAt(0) === '/';
    },
    dirname: function (p) {
        assertPath(p);
        if (!p) return '.';
        var end = p.length;
        while (end > 1 && p.charAt(end - 1) === '/') end--;
        var i = p.lastIndexOf('/', end - 1);
        if (i < 0) return '.';
        if (i === 0) return '/';
        return p.slice(0, i);
    },
    basename: function (p, ext) {
        assertPath(p);
        var end = p.length;
        while (end > 1 && p.charAt(end - 1) === '/') end--;
        var b = p.slice(p.lastIndexOf('/', end - 1) + 1, end);
        if (ext && b !== ext && b.slice(-ext.length) === ext) b = b.slice(0, -ext.length);
        return b;
    },
    extname: function (p) {
        assertPath(p);
        var b = path.basename(p), i = b.lastIndexOf('.');
        return i <= 0 ? '' : b.slice(i);
    },
    relative: function (from, to) {
        var f = path.resolve(from).split('/').filter(Boolean);
        var t = path.resolve(to).split('/').filter(Boolean);
        var i = 0;
        while (i < f.length && i < t.length && f[i] === t[i]) i++;
        var up = [];
        for (var j = i; j < f.length; j++) up.push('..');
        return up.concat(t.slice(i)).join('/');
    },
    parse: function (p) {
        assertPath(p);
        var root = p.charAt(0) === '/' ? '/' : '', base = path.basename(p), ext = path.extname(p);
        var dir = p.indexOf('/') >= 0 ? path.dirname(p) : '';
        return { root: root, dir: dir, base: base, ext: ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format: function (o) {
        var dir = o.dir || o.root || '', base = o.base || ((o.name || '') + (o.ext || ''));
        return dir ? (dir === o.root ? dir + base : dir + '/' + base) : base;
    }
};
path.posix = path;
rt.path = path;

/* The current request's root; process.cwd() answers it too. */
rt.cwd = function () {
    return rt.root || '/';
};

/* Built-in modules: name -> function returning exports (made on first
 * require in a request).  Other runtime files add theirs (crypto.js,
 * node.js). */
rt.builtins = {
    path: function () { return path; }
};

function notFound(id, from) {
    var e = new Error("Cannot find module '" + id + "'" + (from ? '\nRequire stack:\n- ' + from : ''));
    e.code = 'MODULE_NOT_FOUND';
    return e;
}

function isFile(p) {
    var s = sys.stat(p);
    return s && s.file ? s.path : null;
}

function packageMain(dir) {
    var pj = sys.stat(dir + '/package.json');
    if (!pj || !pj.file) return null;
    var pkg;
    try {
        pkg = JSON.parse(sys.readFile(pj.path, true));
    } catch (e) {
        return null;
    }
    var target = null;
    var ex = pkg.exports;
    if (typeof ex === 'string') target = ex;
    else if (ex && typeof ex === 'object') {
        var dot = hasOwn.call(ex, '.') ? ex['.'] : ex;
        if (typeof dot === 'string') target = dot;
        else if (dot && typeof dot === 'object')
            target = dot.require || dot.node || dot['default'] || dot['import'] || null;
        if (target && typeof target === 'object')
            target = target['default'] || null;
    }
    if (!target && typeof pkg.main === 'string') target = pkg.main;
    if (!target) return null;
    return asFile(path.join(dir, target)) || asDir(path.join(dir, target), true);
}

/* Node's candidates, then ES modules' and TypeScript's: ./x finds x.ts,
 * and ./x.js names x.ts when there is no x.js (tsc's convention for
 * imports), as .mjs names .mts and .cjs .cts. */
var EXTS = ['.js', '.json', '.ts', '.mjs', '.cjs', '.mts', '.cts'];
var TS_OF = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

function asFile(p) {
    var f = isFile(p), i;
    for (i = 0; !f && i < EXTS.length; i++) f = isFile(p + EXTS[i]);
    if (!f) {
        var dot = p.lastIndexOf('.'), ext = dot > p.lastIndexOf('/') ? p.slice(dot) : '';
        if (hasOwn.call(TS_OF, ext)) f = isFile(p.slice(0, dot) + TS_OF[ext]);
    }
    return f;
}

function asDir(p, noPackage) {
    var f = (!noPackage && packageMain(p)) || null, i;
    for (i = 0; !f && i < EXTS.length; i++) f = isFile(p + '/index' + EXTS[i]);
    return f;
}

/* Resolutions are remembered per worker: finding './helper' costs several
 * confined stats.  An entry holds while the folder where the candidates
 * live keeps its mtime (adding or removing a file there changes it). */
var resolved = {};
var resolvedCount = 0;

function candidateDir(id, dir) {
    var c = id.charAt(0);
    if (c === '.' || c === '/')
        return path.dirname(c === '/' ? path.normalize(id) : path.join(dir, id));
    return dir + '/node_modules';
}

rt.resolveModule = function (id, dir) {
    /* a built-in wins over any file (resolveUncached's first answer), so
     * it needs neither the cache's key nor its stat of node_modules */
    if (hasOwn.call(rt.builtins, id))
        return id;
    var key = dir + '\n' + id, hit = resolved[key];
    if (hit !== undefined && sys.mtime(hit.dir) === hit.mtime)
        return hit.file;
    var file = resolveUncached(id, dir);
    if (resolvedCount >= 4096) {
        resolved = {};
        resolvedCount = 0;
    }
    var cdir = candidateDir(id, dir);
    resolved[key] = { file: file, dir: cdir, mtime: sys.mtime(cdir) };
    resolvedCount++;
    return file;
};

function resolveUncached(id, dir) {
    if (typeof id !== 'string' || id === '')
        throw new TypeError('The "id" argument must be a non-empty string');
    var bare = id.slice(0, 5) === 'node:' ? id.slice(5) : id;
    if (hasOwn.call(rt.builtins, bare))
        return bare;
    var c = id.charAt(0), found = null;
    if (c === '.' || c === '/') {
        var p = c === '/' ? path.normalize(id) : path.join(dir, id);
        found = asFile(p) || asDir(p);
    } else {
        /* node_modules, from the requiring folder up to the root */
        var root = rt.root, d = dir;
        for (;;) {
            var base = d + '/node_modules/' + id;
            found = asFile(base) || asDir(base);
            if (found || d === root || d.length <= root.length) break;
            d = path.dirname(d);
        }
    }
    if (!found)
        throw notFound(id);
    return found;
}

/* A module's folder, remembered per file: path.dirname is a dozen calls,
 * and the same few files load on every request. */
var dirOf = Object.create(null), dirOfCount = 0;

function Module(id) {
    var dir = dirOf[id];
    if (dir === undefined) {
        dir = path.dirname(id);
        if (dirOfCount < 4096) {
            dirOf[id] = dir;
            dirOfCount++;
        }
    }
    this.id = id;
    this.filename = id;
    this.path = dir;
    this.exports = {};
    this.loaded = false;
    this.children = [];
}

/* The registry's main module, under a hidden key (sys.hidden):
 * require.cache shows the registry, and no enumeration sees this one. */
var MAIN = sys.hidden('main');

/* require and require.resolve are methods taken out of object literals:
 * no automatic prototype (nobody constructs with them), and the scope they
 * close over (mod, registry) does not hold them, so neither makes a cycle
 * that only a collection would free; see releaseModules. */
function requireOf(mod, registry) {
    return {
        require(id) {
            return load(rt.resolveModule(id, mod.path), registry, mod);
        }
    }.require;
}

function resolveOf(mod) {
    return {
        resolve(id) {
            return rt.resolveModule(id, mod.path);
        }
    }.resolve;
}

function makeRequire(mod, registry) {
    var require = requireOf(mod, registry);
    require.resolve = resolveOf(mod);
    require.cache = registry;
    require.main = registry[MAIN];
    return require;
}

/* Native calls (charAt, hasOwnProperty, slice) cost ~1k instructions each
 * in Duktape; the paths every request takes use indexing instead: the
 * registry has no prototype, and holds no undefined of ours. */
function load(file, registry, parent) {
    if (file[0] !== '/') {
        /* a built-in: one instance per request */
        var key = 'node:' + file;
        if (!hasOwn.call(registry, key))
            registry[key] = { exports: rt.builtins[file]() };
        return registry[key].exports;
    }
    var known = registry[file];
    if (known !== undefined) {
        if (known.failed !== undefined) throw known.failed;
        return known.exports;
    }
    var mod = new Module(file);
    registry[file] = mod;
    if (parent) parent.children.push(mod);
    try {
        if (file[file.length - 1] === 'n' && file.slice(-5) === '.json') {
            mod.exports = JSON.parse(sys.readFile(file, true));
        } else {
            var fn = sys.load(file);
            fn.prototype = null;    /* never constructed: its automatic prototype would be a cycle (see requireOf) */
            if (!registry[MAIN]) registry[MAIN] = mod;
            /* a module that cannot name its require gets none made
             * (js_module.c, js_module_reaches_require) */
            fn.call(mod.exports, mod.exports, sys.needsRequire() ? makeRequire(mod, registry) : undefined,
                    mod, file, mod.path);
        }
    } catch (e) {
        /* an ES module that threw throws the same error to every later
         * import, as Node's does; a CommonJS one is tried again */
        if (mod.exports !== null && typeof mod.exports === 'object' &&
            mod.exports[Symbol.toStringTag] === 'Module') mod.failed = e;
        else delete registry[file];
        if (e instanceof SyntaxError && typeof e.message === 'string' && e.message.indexOf(file) < 0)
            e.message += ' (' + file + ')';
        throw e;
    }
    mod.loaded = true;
    return mod.exports;
}

/* An ES module that waited for its imports' top-level awaits runs again
 * (front-rt.js, waits): its wrapper made anew (from the worker's cache),
 * the same module. */
rt.rerunModule = function (mod, require) {
    var fn = sys.load(mod.filename);
    fn.prototype = null;
    fn.call(void 0, mod.exports, require, mod, mod.filename, mod.path);
};

/* The registry of the request in progress, for releaseModules. */
var current = null;

/* A require that resolves from the folder of filename (which need not
 * exist) and loads into the registry of the request in progress: Node's
 * module.createRequire (vm.js). */
rt.requireFrom = function (filename) {
    return makeRequire(new Module(filename), current !== null ? current : Object.create(null));
};

/* Loads a function file with a fresh registry; returns module.exports. */
rt.requireMain = function (file) {
    current = Object.create(null);
    return load(file, current, null);
};

/* At the end of a request, each loaded module lets go of its exports.  A
 * module's functions keep its scope (exports, require, module), which
 * leads back to them through module.exports: a cycle per module, and with
 * it everything the request made, that only a collection would free.
 * Nothing of the request runs after this (its timers and microtasks are
 * dropped), so cutting it is not seen; the request's objects then go by
 * reference counting, and collections (each a pause of a millisecond or
 * more under load) come that much less often.  Walks the modules the
 * request loaded: the main one and, through children, each it required.
 * A function may have rearranged module.children or made exports
 * read-only: what cannot be walked is left to the collector. */
function release(main) {
    var todo, seen, mod, kids = main.children, i;
    /* the usual function requires nothing of its own */
    if (Array.isArray(kids) && kids.length === 0) {
        main.exports = null;
        return;
    }
    todo = [main];
    seen = [];
    while ((mod = todo.pop()) !== undefined) {
        if (seen.indexOf(mod) >= 0) continue;
        seen.push(mod);
        mod.exports = null;
        kids = mod.children;
        if (Array.isArray(kids))
            for (i = 0; i < kids.length; i++)
                if (kids[i] instanceof Module) todo.push(kids[i]);
    }
}

rt.releaseModules = function () {
    var main = current === null ? undefined : current[MAIN];
    current = null;
    if (main !== undefined) {
        try {
            release(main);
        } catch (e) {
            /* a read-only exports in strict code, a getter that throws */
        }
    }
};
