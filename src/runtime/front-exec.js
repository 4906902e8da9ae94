/* front-exec.js - `invoke exec FILE [ARGS]`: a plain script with the whole
 * runtime, the way `node FILE` runs it.
 *
 * The engine calls rt.dispatch(null, args, file, …) in a fresh request
 * thread; dispatch hands it to rt.exec, which loads the file as the main
 * module, runs the event loop until nothing is left, and returns the exit
 * status: 1 when an error or a rejection nobody handled escaped, else 0.
 * console writes to stdout/stderr (sys.print), and a `print` global writes
 * one line to stdout, as conformance suites expect.
 *
 * Needs: when called: rt.resetMicrotasks (promise.js); rt.resetTimers,
 *   rt.runLoop (timers.js); rt.resetConsole, rt.inspect, rt.format
 *   (console.js); rt.requireMain (module.js); rt.pending (front-rt.js);
 *   rt.stdStream (dispatch.js); process (dispatch.js);
 *   sys.print, sys.lower, sys.readFile.
 * Provides: rt.exec, rt.compile, and per run rt.root, rt.currentEnv,
 *   rt.processEvents, rt.onUncaughtException, rt.onUnhandledRejection,
 *   rt.execConsole (the run's console, which require('console') is).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
function describe(err) {
    if (err instanceof Error || (err && typeof err === 'object' && err.stack))
        return String(err.stack || err);
    return rt.inspect(err);
}

function out(fd) {
    return function () {
        sys.print(fd, rt.format.apply(null, arguments) + '\n');
    };
}

rt.exec = function (file, args) {
    var G = new Function('return this')();
    var status = 0;
    var slash = file.lastIndexOf('/');

    rt.resetMicrotasks();
    rt.resetTimers();
    rt.resetConsole();
    rt.root = slash > 0 ? file.slice(0, slash) : '/';
    rt.currentEnv = null;
    rt.processEvents = null;

    /* The inherited properties are frozen: define, never assign. */
    function own(o, k, v) {
        Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    }
    var con = Object.create(G.console);
    own(con, 'log', out(1));
    own(con, 'info', out(1));
    own(con, 'debug', out(1));
    own(con, 'warn', out(2));
    own(con, 'error', out(2));
    own(con, 'trace', out(2));
    own(con, 'dir', function (v, o) { sys.print(1, rt.inspect(v, o) + '\n'); });
    var proc = Object.create(G.process);
    own(proc, 'argv', ['invoke', file].concat(args || []));
    own(proc, 'exitCode', undefined);
    own(proc, 'stdout', rt.stdStream(1, function (s) { sys.print(1, s); }));
    own(proc, 'stderr', rt.stdStream(2, function (s) { sys.print(2, s); }));
    function hidden(name, v) {
        Object.defineProperty(G, name, { value: v, writable: true, configurable: true });
    }
    hidden('console', con);
    rt.execConsole = con;
    hidden('print', function () {
        sys.print(1, Array.prototype.map.call(arguments, function (a) {
            /* as t/syntax/expect.js's prelude prints under node */
            return typeof a === 'string' ? a : String(a);
        }).join(' ') + '\n');
    });
    hidden('process', proc);

    function fail(e) {
        status = 1;
        sys.print(2, 'Uncaught ' + describe(e) + '\n');
    }
    rt.onUncaughtException = fail;
    rt.onUnhandledRejection = fail;
    try {
        rt.requireMain(file);
        /* a top-level await that rejects fails the script, as in node
         * (tla() has handled the promise, for the dispatcher) */
        var pend = rt.pending || [];
        for (var i = 0; i < pend.length; i++) pend[i].then(null, function (e) { if (!status) fail(e); });
    } catch (e) {
        fail(e);
    }
    if (!status)
        rt.runLoop(function () { return status !== 0; });
    rt.resetTimers();
    rt.resetMicrotasks();
    if (!status && typeof proc.exitCode === 'number')
        status = proc.exitCode;
    return status;
};

/* invoke compile FILE: the front end's output, or its error. */
rt.compile = function (file) {
    try {
        sys.print(1, sys.lower(sys.readFile(file, true), file));
        return 0;
    } catch (e) {
        sys.print(2, String(e && e.message !== undefined ? e.name + ': ' + e.message : e) + '\n');
        return 1;
    }
};
