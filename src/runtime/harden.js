/* harden.js - marks everything a request could reach as shared, so no
 * request can change what the next one sees.  Runs last.
 *
 * Every request's global object inherits from this one; the objects
 * reachable from it (own properties, accessors, symbols' values,
 * prototypes), the prototypes the runtime hands out (req, res, timers,
 * promises: rt.exposed) and the built-in modules that hand every request
 * the same object are marked shared (sys.share, a write barrier in
 * Duktape: src/duk-fixes.sed).  A request may change them as the
 * specification lets a program (Array.prototype.x = 1, delete
 * Math.max, Object.freeze(Object.prototype)); the first change to each
 * records it as it was, and the engine puts every recorded object back
 * before the next request (engine/extend.c).  Nothing is frozen, so
 * `err.name = 'MyError'` or `obj.toString = f` give the instance its own
 * property as in node.
 *
 * Needs: rt.exposed (timers.js and every file that adds to it),
 *   rt.builtins (module.js and the files that add to it); to run
 *   after every other file.
 * Provides: nothing; every object it marks is shared from then on.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var gopn = Object.getOwnPropertyNames, gopd = Object.getOwnPropertyDescriptor;
var gops = Object.getOwnPropertySymbols;

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

/* o and what it reaches, shared; a function loses its automatic
 * prototype first (a change after sharing would be recorded, and undone) */
function share(o) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function'))
        return;
    if (typeof o === 'function')
        dropPrototype(o);
    if (!sys.share(o))
        return;
    var names = gopn(o), i, d;
    if (gops) names = names.concat(gops(o));
    for (i = 0; i < names.length; i++) {
        d = gopd(o, names[i]);
        if ('value' in d) share(d.value);
        else { share(d.get); share(d.set); }
    }
    share(Object.getPrototypeOf(o));
}

/* Duktape.fin would let a request give an object a finalizer that runs
 * outside the request: while the engine puts the shared objects back
 * (after the record is reset, so what it changes reaches the next
 * request) and with no time or memory limit.  The runtime never sets a
 * finalizer from JavaScript, and node has no such thing. */
delete G.Duktape.fin;
exposed.forEach(share);
/* the built-in modules whose factory hands every request the same object
 * (path, util, url, querystring, buffer, assert…): shared, so that no
 * request changes them for the next (node lets a program change them; a
 * worker's requests are many programs) */
Object.keys(rt.builtins || {}).forEach(function (name) {
    var a, b;
    try { a = rt.builtins[name](); b = rt.builtins[name](); } catch (e) { return; }
    if (a === b) share(a);
});
share(G);
