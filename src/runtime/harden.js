/* harden.js - freezes everything a request could reach, so no request can
 * change what the next one sees.  Runs last.
 *
 * Every request's global object inherits from this one, so freezing it and
 * all intrinsics reachable from it (and the prototypes the runtime hands
 * out: req, res, timers, promises) makes `Array.prototype.x = 1` or
 * `console.log = f` fail instead of leaking into later requests.
 *
 * Frozen data properties on prototypes would also make plain assignments
 * on instances fail (`err.name = 'MyError'`, `obj.toString = f`, "the
 * override mistake"); such properties become accessors whose setter gives
 * the instance its own property, as SES does.
 *
 * The objects the global names (Error, Reflect, Math, Promise, Buffer,
 * process, ...) are the exception: their own properties are made
 * read-only like the rest, but they stay extensible, because libraries
 * add to them as node lets them (reflect-metadata puts defineMetadata on
 * Reflect, bluebird Error.__BluebirdErrorTypes__).  What a request adds
 * there is taken away again before the next request runs, by the engine,
 * in C (engine/extend.c): the next request finds them as this file left
 * them.
 *
 * Needs: rt.exposed (timers.js and every file that adds to it),
 *   rt.builtins (module.js and the files that add to it); to run
 *   after every other file.
 * Provides: rt.extendable, the objects left extensible (for extend.c).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var gopn = Object.getOwnPropertyNames, gopd = Object.getOwnPropertyDescriptor;
var defineProperty = Object.defineProperty;
var COMMON = ['constructor', 'toString', 'toLocaleString', 'valueOf', 'toJSON',
              'name', 'message'];

/* Every tamed property stays alive, and is marked by every collection, for
 * the worker's life (638 of them): so it keeps one object, its getter (a
 * bound function: no scope, no automatic prototype), and shares its
 * setter with every other property of that name.  A closure pair per
 * property kept six (the two functions, their prototypes, the scope and
 * the descriptor in it). */
function same(v) { return v; }
var setters = Object.create(null);

function setterOf(name) {
    var set = setters[name];
    if (set)
        return set;
    set = function (v) {
        /* this is a shared prototype when it owns this very accessor */
        var own = gopd(this, name);
        if (own && own.set === set)
            throw new TypeError('Cannot assign to read only property \'' + name + '\' of shared object');
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
    };
    /* dropped (prototype is writable), and the setter frozen now, so
     * freeze() does not tame an accessor's own prototype in turn (which
     * would never end) */
    set.prototype = null;
    return (setters[name] = Object.freeze(set));
}

/* Turns proto[name] into the accessor pair and returns the value it held,
 * for the caller to freeze once proto itself is frozen: freezing it here
 * would walk (through Object, say) back to proto while proto's constructor
 * is already an accessor, so proto would no longer look like a prototype
 * and the rest of its names would be frozen untamed (which left
 * Object.prototype.toString read-only: crypto-js's `this.toString = f`
 * silently did nothing). */
function tamable(proto, name) {
    var d = gopd(proto, name);
    if (!d || !('value' in d) || !d.configurable)
        return undefined;
    defineProperty(proto, name, { get: same.bind(null, d.value), set: setterOf(name),
                                  enumerable: d.enumerable, configurable: false });
    return d.value;
}

/* The objects the global names directly, but the global itself, the
 * runtime's helpers for lowered code (__invoke: the runtime reads them
 * in every request) and Duktape's own object (a property added there,
 * such as errCreate, is a hook of the engine's) */
var extendable = [], sealed = [];
gopn(G).forEach(function (name) {
    var d = gopd(G, name), v = d.value;
    if (name === '__invoke' || name === 'Duktape' || v === G || v === null ||
        (typeof v !== 'object' && typeof v !== 'function') || extendable.indexOf(v) >= 0)
        return;
    extendable.push(v);
});

/* Object.freeze, but for the extendable objects: every own property
 * read-only and for good, while names may be added (extend.c takes them
 * away after the request; no request can delete or change these). */
function freezeOwn(o) {
    if (extendable.indexOf(o) < 0) {
        Object.freeze(o);
        return;
    }
    var keys = gopn(o), i, d;
    if (Object.getOwnPropertySymbols) keys = keys.concat(Object.getOwnPropertySymbols(o));
    for (i = 0; i < keys.length; i++) {
        d = gopd(o, keys[i]);
        if ('value' in d) d.writable = false;
        d.configurable = false;
        defineProperty(o, keys[i], d);
    }
    sealed.push(o);
}

/* Tames each of names on o, freezes o, then what the tamed names held. */
function tameAndFreeze(o, names) {
    var held = [], i;
    for (i = 0; i < names.length; i++) held.push(tamable(o, names[i]));
    freezeOwn(o);
    for (i = 0; i < held.length; i++) freeze(held[i]);
}

function isPrototype(o) {
    var c = gopd(o, 'constructor');
    return c && 'value' in c && typeof c.value === 'function' && c.value.prototype === o;
}

/* A runtime function that nobody constructs (a method or a helper: named
 * in lower case, or anonymous) loses its automatic prototype, untouched
 * (nothing but its constructor), which would live, and be marked by every
 * collection, for the worker's life: 1,067 of those reachable from here
 * (the rest hang in closures' scopes).  Constructors are named in upper
 * case, or have methods on their prototypes. */
var OP = Object.prototype, lowerFirst = /^[a-z_$]/;
var exposed = rt.exposed || [];

function dropPrototype(f) {
    var n = f.name, d = gopd(f, 'prototype'), p = d && d.value;
    if (!p || !d.writable || (n !== '' && !lowerFirst.test(n)) || Object.getPrototypeOf(p) !== OP)
        return;
    var own = gopn(p);
    if (own.length === 1 && own[0] === 'constructor' && gopd(p, 'constructor').value === f)
        f.prototype = null;
}

/* Function.prototype's bind too (SES tames it as well): a library's own
 * constructor with a static bind (bluebird's Promise.bind = f) */
var FP = Function.prototype, FP_TAMED = COMMON.concat(['bind']);

/* tame: the names to make overridable (a prototype's COMMON ones unless
 * given) */
function freeze(o, tame) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || Object.isFrozen(o) ||
        sealed.indexOf(o) >= 0)
        return;
    if (typeof o === 'function')
        dropPrototype(o);
    var names = gopn(o), i;
    /* an exposed prototype reached from another one (through a
     * constructor) before its own turn is still tamed in full */
    if (!tame && exposed.indexOf(o) >= 0)
        tame = names;
    /* every name of Object.prototype, as SES does: `exports.hasOwnProperty
     * = f` (mathjs, fast-json-patch) must give that object its own */
    tameAndFreeze(o, tame || (o === OP ? names : o === FP ? FP_TAMED : isPrototype(o) ? COMMON : []));
    for (i = 0; i < names.length; i++) {
        var d = gopd(o, names[i]);
        if ('value' in d) freeze(d.value);
        else { freeze(d.get); freeze(d.set); }
    }
    if (Object.getOwnPropertySymbols) {
        var syms = Object.getOwnPropertySymbols(o);
        for (i = 0; i < syms.length; i++) {
            var sd = gopd(o, syms[i]);
            if ('value' in sd) freeze(sd.value);
        }
    }
    freeze(Object.getPrototypeOf(o));
}

/* The runtime's own prototypes handed to functions: every method becomes
 * overridable per instance (res.json = f must work on that res only). */
function protectAll(proto) {
    freeze(proto, gopn(proto));
}

exposed.forEach(protectAll);
/* the built-in modules whose factory hands every request the same object
 * (path, util, url, querystring, buffer, assert…): frozen, so that no
 * request changes them for the next (node lets a program change them; a
 * worker's requests are many programs) */
Object.keys(rt.builtins || {}).forEach(function (name) {
    var a, b;
    try { a = rt.builtins[name](); b = rt.builtins[name](); } catch (e) { return; }
    if (a === b) freeze(a);
});
freeze(G);
/* one the runtime froze itself stays frozen */
rt.extendable = extendable.filter(Object.isExtensible);
