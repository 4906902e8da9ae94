/* os.js - the Node built-ins about the machine and the process: `os`,
 * `tty`, `child_process` and `process`.
 *
 * `os` answers with the machine's real figures, read by js_os.c where
 * libuv reads them (uname, /proc, getpwuid_r, getifaddrs); it changes
 * nothing (setPriority is refused).  `tty` tells whether a descriptor is a
 * terminal; a function has none, so its streams cannot be made, and fail
 * as Node's do on a descriptor that is not one.  `child_process` is there
 * for the libraries that require it when they load (commander), and every
 * function in it throws ERR_ACCESS_DENIED, as under Node's permission
 * model: functions may not start processes.  `process` is the global
 * process.
 *
 * Each module object is made on its first require in a request (so
 * nothing one request sets on it reaches the next); the functions and
 * constants they hold are shared (put back after each request, harden.js).
 *
 * Needs: rt.nodeError, rt.argTypeError (buffer.js); rt.outOfRange
 *   (crypto.js); rt.builtins (module.js); rt.EventEmitter (node.js).  When called: rt.processEnv
 *   (dispatch.js); sys.osUname, sys.osMemory, sys.osUptime, sys.osLoadavg,
 *   sys.osParallelism, sys.osCpus, sys.osUser, sys.osHomedir,
 *   sys.osPriority, sys.osInterfaces, sys.isatty, sys.osConstants.
 * Provides: rt.builtins.os, rt.builtins.tty, rt.builtins.child_process,
 *   rt.builtins.process, rt.nodeArch.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var nodeError = rt.nodeError, argType = rt.argTypeError;

function def(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true });
}

/* Node's name for the machine (process.arch, os.arch()). */
var ARCH = { x86_64: 'x64', amd64: 'x64', i386: 'ia32', i686: 'ia32', aarch64: 'arm64', arm64: 'arm64',
             armv7l: 'arm', armv6l: 'arm', ppc64le: 'ppc64', ppc64: 'ppc64', s390x: 's390x',
             riscv64: 'riscv64', loongarch64: 'loong64', mips: 'mips', mipsel: 'mipsel' };
rt.nodeArch = function () {
    var m = sys.osUname().machine;
    return ARCH[m] || m;
};

/* A SystemError as Node's os and tty functions throw it. */
function systemError(code, prefix, errno, errCode, errText, syscall) {
    var e = nodeError(Error, code, prefix + ': ' + syscall + ' returned ' + errCode + ' (' + errText + ')');
    def(e, 'name', 'SystemError');
    e.info = { errno: errno, code: errCode, message: errText, syscall: syscall };
    e.errno = errno;
    e.syscall = syscall;
    return e;
}

/* --- os --- */

function withPrimitive(fn) {
    if (typeof Symbol === 'function' && Symbol.toPrimitive)
        def(fn, Symbol.toPrimitive, function () { return fn(); });
    return fn;
}

function nullProto(src) {
    var o = Object.create(null);
    for (var k in src) if (Object.prototype.hasOwnProperty.call(src, k)) o[k] = src[k];
    return o;
}

var constants = (function () {
    var c = Object.create(null), native = sys.osConstants;
    c.UV_UDP_REUSEADDR = 4;
    c.dlopen = nullProto({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 });
    c.errno = nullProto(native.errno);
    c.signals = nullProto(native.signals);
    c.priority = nullProto({ PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
                             PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 });
    Object.freeze(c.dlopen);
    Object.freeze(c.errno);
    Object.freeze(c.signals);
    Object.freeze(c.priority);
    return Object.freeze(c);
})();

var LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function validateInt32(v, name, min, max) {
    if (typeof v !== 'number') throw argType(name, 'of type number', v);
    if (v !== Math.floor(v) || !isFinite(v))
        throw rt.outOfRange(name, 'an integer', v);
    if (v < min || v > max)
        throw rt.outOfRange(name, '>= ' + min + ' && <= ' + max, v);
}

function getCIDR(address, netmask, family) {
    var ones = 0, split = family === 'IPv4' ? '.' : ':', range = family === 'IPv4' ? 10 : 16;
    var groups = netmask.split(split);
    for (var i = 0; i < groups.length; i++) {
        if (groups[i] !== '') {
            var bin = parseInt(groups[i], range);
            while (bin) {
                ones += bin & 1;
                bin >>>= 1;
            }
        }
    }
    return address + '/' + ones;
}

var osFunctions = {
    arch: withPrimitive(function arch() { return rt.nodeArch(); }),
    availableParallelism: withPrimitive(function availableParallelism() { return sys.osParallelism(); }),
    cpus: function cpus() { return sys.osCpus(); },
    endianness: withPrimitive(function endianness() { return LE ? 'LE' : 'BE'; }),
    freemem: withPrimitive(function freemem() { return sys.osMemory().free; }),
    getPriority: function getPriority(pid) {
        if (pid === undefined) pid = 0;
        validateInt32(pid, 'pid', -2147483648, 2147483647);
        return sys.osPriority(pid);
    },
    homedir: withPrimitive(function homedir() { return sys.osHomedir(); }),
    hostname: withPrimitive(function hostname() { return sys.osUname().nodename; }),
    loadavg: function loadavg() { return sys.osLoadavg(); },
    networkInterfaces: function networkInterfaces() {
        var list = sys.osInterfaces(), out = {};
        for (var i = 0; i < list.length; i++) {
            var a = list[i];
            var entry = { address: a.address, netmask: a.netmask, family: a.family, mac: a.mac,
                          internal: a.internal, cidr: getCIDR(a.address, a.netmask, a.family) };
            if (a.scopeid !== undefined) entry.scopeid = a.scopeid;
            if (Object.prototype.hasOwnProperty.call(out, a.name)) out[a.name].push(entry);
            else out[a.name] = [entry];
        }
        return out;
    },
    platform: withPrimitive(function platform() { return 'linux'; }),
    release: withPrimitive(function release() { return sys.osUname().release; }),
    /* The worker's priority is the administrator's: refused as an
     * unprivileged process's raise is. */
    setPriority: function setPriority(pid, priority) {
        if (priority === undefined) {
            priority = pid;
            pid = 0;
        }
        validateInt32(pid, 'pid', -2147483648, 2147483647);
        validateInt32(priority, 'priority', -20, 19);
        throw systemError('ERR_SYSTEM_ERROR', 'A system error occurred', -13, 'EACCES', 'permission denied',
                          'uv_os_setpriority');
    },
    /* From the function's environment (process.env), as Node reads its
     * own: TMPDIR, TMP, TEMP, else /tmp. */
    tmpdir: withPrimitive(function tmpdir() {
        var env = rt.processEnv();
        var p = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
        return p.length > 1 && p.charAt(p.length - 1) === '/' ? p.slice(0, -1) : p;
    }),
    totalmem: withPrimitive(function totalmem() { return sys.osMemory().total; }),
    type: withPrimitive(function type() { return sys.osUname().sysname; }),
    userInfo: function userInfo(options) {
        var enc = options !== null && typeof options === 'object' ? options.encoding : undefined;
        if (enc !== undefined && enc !== null && typeof enc !== 'string')
            throw argType('options.encoding', 'of type string', enc);
        var u = sys.osUser(), out = Object.create(null);
        function conv(s) { return enc === 'buffer' ? Buffer.from(s) : s; }
        out.uid = u.uid;
        out.gid = u.gid;
        out.username = conv(u.username);
        out.homedir = conv(u.homedir);
        out.shell = conv(u.shell);
        return out;
    },
    uptime: withPrimitive(function uptime() { return sys.osUptime(); }),
    version: withPrimitive(function version() { return sys.osUname().version; }),
    machine: withPrimitive(function machine() { return sys.osUname().machine; })
};

function osModule() {
    var os = {};
    for (var k in osFunctions) os[k] = osFunctions[k];
    os.constants = constants;
    os.EOL = '\n';
    os.devNull = '/dev/null';
    return os;
}

/* --- tty --- */

function isatty(fd) {
    return typeof fd === 'number' && fd === Math.floor(fd) && fd >= 0 && fd <= 2147483647 && sys.isatty(fd);
}

/* A function has no terminal: its descriptors are the worker's (the
 * FastCGI socket, the log).  Making a stream on one fails as Node's does
 * on a descriptor that is not a terminal. */
function ttyInit(fd) {
    if (typeof fd !== 'number' || (fd >> 0) !== fd || fd < 0)
        throw nodeError(RangeError, 'ERR_INVALID_FD', '"fd" must be a positive integer: ' + String(fd));
    throw systemError('ERR_TTY_INIT_FAILED', 'TTY initialization failed', -22, 'EINVAL', 'invalid argument',
                      'uv_tty_init');
}

function ReadStream(fd, options) {
    void options;
    ttyInit(fd);
}
def(ReadStream.prototype, 'isRaw', false);
def(ReadStream.prototype, 'isTTY', true);
def(ReadStream.prototype, 'setRawMode', function (flag) { this.isRaw = !!flag; return this; });

function WriteStream(fd) {
    ttyInit(fd);
}
def(WriteStream.prototype, 'isTTY', true);
def(WriteStream.prototype, 'columns', 80);
def(WriteStream.prototype, 'rows', 24);
def(WriteStream.prototype, 'getColorDepth', function () { return 1; });
def(WriteStream.prototype, 'hasColors', function (count) { return (count === undefined ? 16 : count) <= 2; });
def(WriteStream.prototype, 'getWindowSize', function () { return [this.columns, this.rows]; });
['cursorTo', 'moveCursor', 'clearLine', 'clearScreenDown'].forEach(function (name) {
    def(WriteStream.prototype, name, function () {
        var cb = arguments[arguments.length - 1];
        if (typeof cb === 'function') cb();
        return true;
    });
});

function ttyModule() {
    return { isatty: isatty, ReadStream: ReadStream, WriteStream: WriteStream };
}

/* --- child_process --- */

function denied(name) {
    var e = nodeError(Error, 'ERR_ACCESS_DENIED', 'Access to this API has been restricted: ' +
                      'functions may not start processes (child_process.' + name + ')');
    e.permission = 'ChildProcess';
    e.resource = name;
    return e;
}

var childFunctions = {
    _forkChild: function _forkChild() { throw denied('fork'); },
    exec: function exec() { throw denied('exec'); },
    execFile: function execFile() { throw denied('execFile'); },
    execFileSync: function execFileSync() { throw denied('execFileSync'); },
    execSync: function execSync() { throw denied('execSync'); },
    fork: function fork() { throw denied('fork'); },
    spawn: function spawn() { throw denied('spawn'); },
    spawnSync: function spawnSync() { throw denied('spawnSync'); }
};

/* new ChildProcess() makes the object (an EventEmitter), as in Node; its
 * spawn() is refused. */
function ChildProcess() {
    rt.EventEmitter.call(this);
    this.pid = undefined;
    this.connected = false;
    this.killed = false;
    this.exitCode = null;
    this.signalCode = null;
    this.stdin = this.stdout = this.stderr = null;
    this.stdio = [];
}
ChildProcess.prototype = Object.create(rt.EventEmitter.prototype);
def(ChildProcess.prototype, 'constructor', ChildProcess);
def(ChildProcess.prototype, 'spawn', function () { throw denied('spawn'); });
def(ChildProcess.prototype, 'kill', function () { return false; });
def(ChildProcess.prototype, 'ref', function () {});
def(ChildProcess.prototype, 'unref', function () {});

function childModule() {
    var m = { _forkChild: childFunctions._forkChild, ChildProcess: ChildProcess };
    for (var k in childFunctions) m[k] = childFunctions[k];
    return m;
}

/* --- registry --- */

rt.builtins.os = osModule;
rt.builtins.tty = ttyModule;
rt.builtins.child_process = childModule;
/* the global process of the calling request (invoke exec gives each run
 * its own, inheriting from the shared one) */
rt.builtins.process = function () {
    return new Function('return process')();
};
