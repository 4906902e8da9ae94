/* module.js - CommonJS for function files: require, module, exports.
 *
 * Every request starts with an empty module registry, so a function's
 * modules (and anything they keep at module level) are evaluated anew and
 * never shared with another request; sys.load keeps the compiled bytecode,
 * so evaluating anew costs microseconds, not a compile.  Resolution follows
 * Node: built-ins, then relative and absolute paths (X, X.js, X.json,
 * X/package.json main, X/index.js), "#name" through the package's
 * "imports", a package's own name through its "exports", then
 * node_modules folders up to the functions root, where a package with
 * "exports" is reached through them alone (with require()'s or import's
 * conditions).  The natives refuse any path outside the root.
 *
 * Needs: sys.hidden.  When called: rt.root (dispatch.js, front-exec.js:
 *   per request); sys.load, sys.needsRequire, sys.stat, sys.readFile,
 *   sys.mtime.
 * Provides: rt.path, rt.cwd, rt.builtins (the registry, with `path`),
 *   rt.resolveModule, rt.markEsm, rt.requireMain, rt.rerunModule,
 *   rt.releaseModules, rt.requireFrom.
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
    path: function () { return path; },
    'path/posix': function () { return path; }
};

function notFound(id, from) {
    var e = new Error("Cannot find module '" + id + "'" + (from ? '\nRequire stack:\n- ' + from : ''));
    e.code = 'MODULE_NOT_FOUND';
    return e;
}

/* Node's errors of package resolution, with its codes and words. */
function codeError(Ctor, code, msg) {
    var e = new Ctor(msg);
    e.code = code;
    return e;
}

function importedFrom(base) {
    return base ? ' imported from ' + base : '';
}

function isFile(p) {
    var s = sys.stat(p);
    return s && s.file ? s.path : null;
}

/* What an answer was decided by: [path, mtime, ...], filled in while
 * resolving (watch), kept with the answer (rt.resolveModule). */
var watching = null;

function watch(p, mtime) {
    if (watching !== null && watching.indexOf(p) < 0) watching.push(p, mtime === undefined ? sys.mtime(p) : mtime);
}

/* package.json files, parsed once per worker while their mtime holds:
 * dir -> { file, dir, mtime, data }.  One that is not a JSON object
 * counts as none, as it always has here. */
var pkgs = Object.create(null), pkgCount = 0;

function readPackage(dir) {
    var file = dir + '/package.json', s = sys.stat(file);
    if (!s || !s.file) return null;
    var hit = pkgs[dir];
    if (hit !== undefined && hit.mtime === s.mtime) return hit.data === null ? null : hit;
    var data = null;
    try {
        data = JSON.parse(sys.readFile(s.path, true));
    } catch (e) {
        data = null;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) data = null;
    if (pkgCount >= 1024) {
        pkgs = Object.create(null);
        pkgCount = 0;
    }
    hit = pkgs[dir] = { file: file, dir: dir, mtime: s.mtime, data: data };
    pkgCount++;
    return data === null ? null : hit;
}

/* The package a folder belongs to: the nearest package.json up from it,
 * not past a node_modules folder nor the root (Node's package scope). */
function packageScope(dir) {
    var d = dir, root = rt.root || '/';
    for (;;) {
        if (d.slice(-13) === '/node_modules') return null;
        var pj = readPackage(d);
        if (pj !== null) return pj;
        if (d === root || d.length <= root.length || d === '/') return null;
        d = path.dirname(d);
    }
}

/* A folder's package.json "main", as CommonJS takes it ("exports" are for
 * package names only, resolveBare). */
function packageMain(dir) {
    var pj = readPackage(dir);
    if (pj === null || typeof pj.data.main !== 'string' || !pj.data.main) return null;
    watch(pj.file, pj.mtime);
    var target = path.join(dir, pj.data.main);
    return asFile(target) || asDir(target, true);
}

/* Node's candidates, then ES modules' and TypeScript's: ./x finds x.ts,
 * and ./x.js names x.ts when there is no x.js (tsc's convention for
 * imports), as .mjs names .mts and .cjs .cts. */
var EXTS = ['.js', '.json', '.ts', '.mjs', '.cjs', '.mts', '.cts'];
var TS_OF = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

function tsTwin(p) {
    var dot = p.lastIndexOf('.'), ext = dot > p.lastIndexOf('/') ? p.slice(dot) : '';
    return hasOwn.call(TS_OF, ext) ? isFile(p.slice(0, dot) + TS_OF[ext]) : null;
}

function asFile(p) {
    var f = isFile(p), i;
    for (i = 0; !f && i < EXTS.length; i++) f = isFile(p + EXTS[i]);
    return f || tsTwin(p);
}

function asDir(p, noPackage) {
    var f = (!noPackage && packageMain(p)) || null, i;
    for (i = 0; !f && i < EXTS.length; i++) f = isFile(p + '/index' + EXTS[i]);
    return f;
}

/* --- package.json "exports" and "imports" (Node's "Modules: Packages") ---
 *
 * A package name's subpath is looked up in its "exports", a "#name" in
 * the "imports" of the importing file's package, each target chosen by
 * the conditions of the importer: require() has "require", import has
 * "import", both "node", "module-sync" (require() of an ES module works,
 * as in Node 20.19 on) and "default".  "node-addons" is left out: a
 * native addon cannot load here, and its package's fallback can. */
var REQUIRE_CONDS = { 'default': true, node: true, require: true, 'module-sync': true };
var IMPORT_CONDS = { 'default': true, node: true, 'import': true, 'module-sync': true };

/* A package name and its subpath: Node's EXPORTS_PATTERN. */
var PKG_NAME = /^((?:@[^\/\\%]+\/)?[^.\/\\%][^\/\\%]*)(\/.*)?$/;
/* a segment a target or a pattern's match may not have (Node's
 * deprecatedInvalidSegmentRegEx: '.', '..', node_modules, encoded too) */
var BAD_SEGMENT = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;
var URL_LIKE = /^[A-Za-z][A-Za-z0-9+.\-]*:/;

/* How one resolution through a package.json goes: the package, whether
 * it is an import, and the importing file its errors name (none for a
 * require() of a package in node_modules, as Node has it). */
function PkgRes(pj, imp, base, from) {
    this.pj = pj;
    this.imp = imp;
    this.conds = imp ? IMPORT_CONDS : REQUIRE_CONDS;
    this.base = base;
    this.from = from;
}

function invalidConfig(c, msg) {
    return codeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', 'Invalid package config ' + c.pj.file +
                     (c.base ? ' while importing file://' + encodeURI(c.base) : '') + '. ' + msg);
}

function invalidTarget(c, key, target, internal) {
    target = typeof target === 'object' && target !== null ? JSON.stringify(target) : String(target);
    var rel = !internal && target.length && target.slice(0, 2) !== './' ? '; targets must start with "./"' : '';
    return codeError(Error, 'ERR_INVALID_PACKAGE_TARGET', key === '.' ?
        'Invalid "exports" main target ' + JSON.stringify(target) + ' defined in the package config ' +
        c.pj.file + importedFrom(c.base) + rel :
        'Invalid "' + (internal ? 'imports' : 'exports') + '" target ' + JSON.stringify(target) +
        " defined for '" + key + "' in the package config " + c.pj.file + importedFrom(c.base) + rel);
}

function notExported(c, subpath) {
    return codeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.' ?
        'No "exports" main defined in ' + c.pj.file + importedFrom(c.base) :
        "Package subpath '" + subpath + "' is not defined by \"exports\" in " + c.pj.file + importedFrom(c.base));
}

function invalidSpecifier(request, reason, base) {
    return codeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER',
                     'Invalid module "' + request + '" ' + reason + importedFrom(base));
}

function isArrayIndex(key) {
    var n = +key;
    return String(n) === key && n >= 0 && n < 0xffffffff;
}

/* A target string: a path in the package ("./..."), the pattern's match
 * put for each "*"; in "imports" also a package name. */
function targetString(c, target, subpath, match, pattern, internal) {
    if (subpath !== '' && !pattern && target.charAt(target.length - 1) !== '/')
        throw invalidTarget(c, match, target, internal);
    if (target.slice(0, 2) !== './') {
        if (internal && target.slice(0, 3) !== '../' && target.charAt(0) !== '/' && !URL_LIKE.test(target))
            return resolveBare(pattern ? target.split('*').join(subpath) : target + subpath,
                               c.pj.dir, c.imp, c.pj.file, true);
        throw invalidTarget(c, match, target, internal);
    }
    if (BAD_SEGMENT.test(target.slice(2)))
        throw invalidTarget(c, match, target, internal);
    var file = path.join(c.pj.dir, target);
    if (file.slice(0, c.pj.dir.length + 1) !== c.pj.dir + '/')
        throw invalidTarget(c, match, target, internal);
    if (subpath === '') return file;
    if (BAD_SEGMENT.test(subpath))
        throw invalidSpecifier(pattern ? match.replace('*', function () { return subpath; }) : match + subpath,
                               'request is not a valid match in pattern "' + match + '" for the "' +
                               (internal ? 'imports' : 'exports') + '" resolution of ' + c.pj.file, c.base);
    if (pattern) return file.split('*').join(subpath);
    return path.join(file, subpath);
}

/* A target: a file, null (excluded), or undefined (no condition of
 * ours) - Node's PACKAGE_TARGET_RESOLVE. */
function resolveTarget(c, target, subpath, match, pattern, internal) {
    var i, r;
    if (typeof target === 'string')
        return targetString(c, target, subpath, match, pattern, internal);
    if (Array.isArray(target)) {
        if (target.length === 0) return null;
        var last;
        for (i = 0; i < target.length; i++) {
            try {
                r = resolveTarget(c, target[i], subpath, match, pattern, internal);
            } catch (e) {
                last = e;
                if (e && e.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
                throw e;
            }
            if (r === undefined) continue;
            if (r === null) {
                last = null;
                continue;
            }
            return r;
        }
        if (last === undefined || last === null) return last;
        throw last;
    }
    if (target !== null && typeof target === 'object') {
        var keys = Object.getOwnPropertyNames(target);
        for (i = 0; i < keys.length; i++)
            if (isArrayIndex(keys[i]))
                throw invalidConfig(c, '"exports" cannot contain numeric property keys.');
        for (i = 0; i < keys.length; i++) {
            if (!hasOwn.call(c.conds, keys[i])) continue;
            r = resolveTarget(c, target[keys[i]], subpath, match, pattern, internal);
            if (r !== undefined) return r;
        }
        return undefined;
    }
    if (target === null) return null;
    throw invalidTarget(c, match, target, internal);
}

/* Node's PATTERN_KEY_COMPARE: the longer prefix first, then the longer key. */
function patternKeyCompare(a, b) {
    var ai = a.indexOf('*'), bi = b.indexOf('*');
    var al = ai === -1 ? a.length : ai + 1, bl = bi === -1 ? b.length : bi + 1;
    if (al > bl) return -1;
    if (bl > al) return 1;
    if (ai === -1) return 1;
    if (bi === -1) return -1;
    if (a.length > b.length) return -1;
    if (b.length > a.length) return 1;
    return 0;
}

/* The key of map that matches name: itself, or the best "*" pattern;
 * [key, the pattern's match] or null. */
function matchKey(map, name) {
    if (hasOwn.call(map, name) && name.indexOf('*') < 0 && name.charAt(name.length - 1) !== '/')
        return [name, null];
    var best = '', sub = null, keys = Object.getOwnPropertyNames(map);
    for (var i = 0; i < keys.length; i++) {
        var key = keys[i], star = key.indexOf('*');
        if (star < 0 || name.slice(0, star) !== key.slice(0, star)) continue;
        var trailer = key.slice(star + 1);
        if (name.length >= key.length && name.slice(name.length - trailer.length) === trailer &&
            patternKeyCompare(best, key) === 1 && key.lastIndexOf('*') === star) {
            best = key;
            sub = name.slice(star, name.length - trailer.length);
        }
    }
    return best ? [best, sub] : null;
}

/* A file a package.json names must be there (Node takes no extension
 * nor index for it; a .js it names may be its .ts, as relative imports
 * have it here). */
function finalize(c, file) {
    if (file.charAt(0) !== '/') return file;      /* a built-in, through "imports" */
    var s = sys.stat(file);
    if (s && s.file) return s.path;
    var twin = s ? null : tsTwin(file);
    if (twin) return twin;
    if (!c.imp) {
        var e = notFound(file);
        e.path = c.pj.file;
        throw e;
    }
    if (s && s.dir)
        throw codeError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT', "Directory import '" + file +
                        "' is not supported resolving ES modules" + importedFrom(c.from));
    throw codeError(Error, 'ERR_MODULE_NOT_FOUND', "Cannot find module '" + file + "'" + importedFrom(c.from));
}

/* A package's subpath ('.' or './x') through its "exports". */
function resolveExports(c, subpath) {
    var ex = c.pj.data.exports, sugar = typeof ex === 'string' || Array.isArray(ex);
    if (!sugar && ex !== null && typeof ex === 'object') {
        var keys = Object.getOwnPropertyNames(ex);
        for (var i = 0; i < keys.length; i++) {
            var cond = keys[i] === '' || keys[i].charAt(0) !== '.';
            if (i === 0) sugar = cond;
            else if (sugar !== cond)
                throw invalidConfig(c, '"exports" cannot contain some keys starting with \'.\' and some not.' +
                                    ' The exports object must either be an object of package subpath keys' +
                                    ' or an object of main entry condition name keys only.');
        }
    }
    if (sugar) ex = { '.': ex };
    else if (ex === null || typeof ex !== 'object') ex = {};
    var m = matchKey(ex, subpath), r;
    if (m !== null) r = resolveTarget(c, ex[m[0]], m[1] === null ? '' : m[1], m[0], m[1] !== null, false);
    if (m === null || r === null || r === undefined) throw notExported(c, subpath);
    return finalize(c, r);
}

/* "#name" through the "imports" of the package the importer is in. */
function resolveImports(id, scope, imp, from) {
    if (id === '#' || id.slice(0, 2) === '#/' || id.charAt(id.length - 1) === '/')
        throw invalidSpecifier(id, 'is not a valid internal imports specifier name', from);
    var map = scope !== null ? scope.data.imports : null, c = null, m, r;
    if (map !== null && typeof map === 'object') {
        watch(scope.file, scope.mtime);
        c = new PkgRes(scope, imp, from, from);
        m = matchKey(map, id);
        if (m !== null) r = resolveTarget(c, map[m[0]], m[1] === null ? '' : m[1], m[0], m[1] !== null, true);
    }
    if (c === null || m === null || r === null || r === undefined)
        throw codeError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'Package import specifier "' + id +
                        '" is not defined' + (scope !== null ? ' in package ' + scope.file : '') + importedFrom(from));
    return finalize(c, r);
}

/* A package name (and subpath): a built-in; the importer's own package
 * by its name when it has "exports"; else node_modules, from dir up to
 * the root, where a package with "exports" answers through them alone.
 * inPkg: for a package's "imports" (errors name its package.json). */
function resolveBare(id, dir, imp, from, inPkg) {
    var bare = id.slice(0, 5) === 'node:' ? id.slice(5) : id;
    if (hasOwn.call(rt.builtins, bare))
        return bare;
    var m = PKG_NAME.exec(id), name = m ? m[1] : null, sub = m ? '.' + (m[2] || '') : null;
    if (name !== null) {
        var scope = packageScope(dir);
        if (scope !== null && scope.data.name === name && scope.data.exports !== undefined &&
            scope.data.exports !== null) {
            watch(scope.file, scope.mtime);
            return resolveExports(new PkgRes(scope, imp, from, from), sub);
        }
    }
    /* what decides: the package's package.json, and the nearest
     * node_modules when the package is further up (one may come nearer)
     * or has no "exports" (a node_modules/x.js would win) */
    var root = rt.root || '/', d = dir, nearest = dir + '/node_modules', found = null;
    for (;;) {
        var nm = d + '/node_modules', s;
        if (d.slice(-13) !== '/node_modules' && (s = sys.stat(nm)) && s.dir) {
            var pj = name !== null ? readPackage(nm + '/' + name) : null;
            if (pj !== null && pj.data.exports !== undefined && pj.data.exports !== null) {
                if (nm !== nearest) watch(nearest);
                watch(pj.file, pj.mtime);
                return resolveExports(new PkgRes(pj, imp, imp || inPkg ? from : null, from), sub);
            }
            found = asFile(nm + '/' + id) || asDir(nm + '/' + id);
            if (found) {
                watch(nearest);
                return found;
            }
        }
        if (d === root || d.length <= root.length || d === '/') break;
        d = path.dirname(d);
    }
    if (inPkg && imp)
        throw codeError(Error, 'ERR_MODULE_NOT_FOUND', "Cannot find package '" + id + "'" + importedFrom(from));
    throw notFound(id);
}

/* Resolutions are remembered per worker, those of require() and of import
 * apart (their conditions differ): finding './helper' costs several
 * confined stats.  An entry holds while what decided it keeps its mtime:
 * the folder where the candidates live (adding or removing a file there
 * changes it; for a package name, the nearest node_modules), and the
 * package.json whose "main", "exports" or "imports" gave the answer. */
var resolvedRequire = Object.create(null), resolvedImport = Object.create(null);
var resolvedCount = 0;

/* id from a module in dir; imp: for import (its conditions, its errors);
 * from: the importing file, which Node's errors name. */
rt.resolveModule = function (id, dir, imp, from) {
    /* a built-in wins over any file (resolveUncached's first answer), so
     * it needs neither the cache's key nor its stat of node_modules */
    if (hasOwn.call(rt.builtins, id))
        return id;
    var key = dir + '\n' + id, hit = (imp === true ? resolvedImport : resolvedRequire)[key];
    if (hit !== undefined && sys.mtime(hit.dir) === hit.mtime &&
        (hit.dir2 === null || sys.mtime(hit.dir2) === hit.mtime2 && (hit.more === null || fresh(hit.more))))
        return hit.file;
    return remember(key, id, dir, imp === true, from);
};

function fresh(w) {
    for (var i = 0; i < w.length; i += 2)
        if (sys.mtime(w[i]) !== w[i + 1]) return false;
    return true;
}

/* A resolution made and kept with what decided it. */
function remember(key, id, dir, imp, from) {
    var file, w;
    watching = [];
    try {
        file = resolveUncached(id, dir, imp, from);
    } finally {
        w = watching;
        watching = null;
    }
    if (w.length === 0) w = [dir, sys.mtime(dir)];     /* node:x, a built-in */
    if (resolvedCount >= 4096) {
        resolvedRequire = Object.create(null);
        resolvedImport = Object.create(null);
        resolvedCount = 0;
    }
    (imp ? resolvedImport : resolvedRequire)[key] = {
        file: file, dir: w[0], mtime: w[1], dir2: w.length > 2 ? w[2] : null, mtime2: w[3],
        more: w.length > 4 ? w.slice(4) : null
    };
    resolvedCount++;
    return file;
}

function resolveUncached(id, dir, imp, from) {
    if (typeof id !== 'string' || id === '')
        throw new TypeError('The "id" argument must be a non-empty string');
    var c = id.charAt(0), found = null;
    if (c === '.' || c === '/') {
        var p = c === '/' ? path.normalize(id) : path.join(dir, id);
        watch(path.dirname(p));
        found = asFile(p) || asDir(p);
        if (!found)
            throw notFound(id);
        return found;
    }
    if (c === '#') {
        /* require() takes a "#name" from "imports" when its package has
         * them, else looks for it as a package; import always does */
        var scope = packageScope(dir);
        if (imp || (scope !== null && scope.data.imports !== undefined && scope.data.imports !== null)) {
            try {
                return resolveImports(id, scope, imp, from);
            } catch (e) {
                if (!imp && e && e.code === 'MODULE_NOT_FOUND' && e.path === undefined) throw notFound(id);
                throw e;
            }
        }
    }
    return resolveBare(id, dir, imp, from, false);
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

/* An ES module's mark (front-rt.js, esm): its imports are resolved with
 * import's conditions, a CommonJS module's require() with require's. */
var ESM = sys.hidden('esm');

rt.markEsm = function (module) {
    module[ESM] = true;
};

/* require and require.resolve are methods taken out of object literals:
 * no automatic prototype (nobody constructs with them), and the scope they
 * close over (mod, registry) does not hold them, so neither makes a cycle
 * that only a collection would free; see releaseModules. */
function requireOf(mod, registry) {
    return {
        require(id) {
            return load(rt.resolveModule(id, mod.path, mod[ESM], mod.filename), registry, mod);
        }
    }.require;
}

function resolveOf(mod) {
    return {
        resolve(id) {
            return rt.resolveModule(id, mod.path, false, mod.filename);
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
