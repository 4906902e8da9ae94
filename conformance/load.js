/* conformance/load.js - runs one prepared test262 test as a global script,
 * the same way under node and under `invoke exec`, so that the two are
 * judged alike: a test262 test is a Script (its var declarations are
 * global properties, top-level `this` is the global), not a CommonJS
 * module, which is what both engines make of a file given to them.
 * Prints "T262-THREW Name: message" and exits 1 when the script throws
 * (a parse error included: that is what a negative test waits for).
 * exitCode rather than exit(): invoke allows no process.exit().
 * ES5 syntax: it is loaded as it is by both engines. */
var fs = require('fs'), vm = require('vm');
var file = process.argv[2];
var code = fs.readFileSync(file, 'utf8');

function describe(e) {
    var name = 'Throw';
    try {
        if (e && e.constructor && typeof e.constructor.name === 'string') name = e.constructor.name;
    } catch (ignore) { }
    var msg = '';
    try { msg = e && e.message !== undefined ? String(e.message) : String(e); } catch (ignore) { }
    return name + ': ' + msg.split('\n')[0];
}

/* The host hooks the harness asks of an implementation ($262): only those
 * a single-realm, single-agent host can give. */
var G = (0, eval)('this');
G.print = function (s) { console.log(String(s)); };
G.$262 = {
    global: G,
    gc: function () { },
    evalScript: function (src) { return vm.runInThisContext(String(src)); },
    detachArrayBuffer: function (buf) {
        if (typeof structuredClone !== 'function') throw new TypeError('cannot detach an ArrayBuffer here');
        structuredClone(buf, { transfer: [buf] });
        return null;
    },
    agent: {}
};
process.on('unhandledRejection', function (e) {
    console.log('T262-THREW ' + describe(e) + ' (unhandled rejection)');
    process.exitCode = 1;
});
try {
    vm.runInThisContext(code, { filename: file });
} catch (e) {
    console.log('T262-THREW ' + describe(e));
    process.exitCode = 1;
}
