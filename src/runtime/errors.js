/* errors.js - errors that read like Node's: V8's messages for the errors
 * Duktape raises itself, and error.stack in V8's shape with the user's
 * frames only.
 *
 * People search the web for these messages, match on them in code and
 * read them in their logs (issue 26).  Duktape.errCreate is called for
 * every Error made, by the engine or by `new Error()`, while the stack it
 * was made on is still there.  It does two things, both only on that
 * path (nothing here runs while no error is made):
 *
 * - An error Duktape made (not one made by an Error constructor, whose
 *   message is the caller's own) gets V8's message for the same case.
 *   Where V8 names the expression ("u.foo is not a function"), the failing
 *   line of the user's file is read and the callee's text taken from it.
 * - Duktape's own traceback (function, file and line of up to 10 frames)
 *   is turned into V8's "    at fn (file:line:col)" lines when .stack is
 *   first read, as V8 does, so a name or message set after construction
 *   shows.  Frames
 *   of the engine (natives that are no builtin of the language) and of
 *   the runtime (invoke:*.js) are left out.  Duktape records lines only:
 *   the column is that of the token V8 points at (the property, the
 *   identifier, `new`), found in the line's text, else of the line's
 *   first token.
 *
 * Needs: sys.hidden, sys.readFile, sys.mtime, sys.traceFrames,
 *   sys.threadFrames, sys.threadResumer, sys.global;
 *   Error.stackTraceLimit (stdlib.js).  When called: rt.traceLimitSet
 *   (stdlib.js), rt.asyncAwaiter (front-rt.js), rt.seq (dispatch.js).  Provides: Duktape.errCreate, Error.prototype.stack,
 *   rt.stackOf (Error.captureStackTrace's text, for stdlib.js), rt.jsonCycle
 *   (JSON.stringify's cycle message, for bigint.js), the
 *   Duktape object's hidden v8JsonError (src/duk-fixes.sed).
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var G = new Function('return this')();
var act = Duktape.act;
var defProp = Object.defineProperty, gopd = Object.getOwnPropertyDescriptor;
var COLUMN = sys.hidden('errorColumn'), LIMIT_AT = sys.hidden('stackTraceLimitAt');
var LOWERING = /^invoke:front-rt\.js$/;   /* the helpers lowered syntax calls */
var CTORS = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];
var MAX_FRAMES = 200;   /* captureStackTrace's walk */
var ASYNC = sys.hidden('asyncFrames'), threadCurrent = Duktape.Thread.current;
var threadResume = Duktape.Thread.resume, threadYield = Duktape.Thread.yield;

/* --- the user's source lines --- */
var sources = {}, sourceCount = 0, generation = 0;
/* a file's mtime is looked at once per request (generation: rt.seq, the
 * request's number), not per error or frame: a stat() for each .stack
 * read was a good part of its cost, and a function file edited is seen
 * by the next request, as the module cache sees it */
function sourceLine(file, line) {
    if (typeof file !== 'string' || file.indexOf('invoke:') === 0 || !(line > 0)) return undefined;
    var s = sources[file], m;
    if (!s || s.seen !== generation) m = sys.mtime(file);
    if (!s || (s.seen !== generation && s.mtime !== m)) {
        var text;
        try { text = sys.readFile(file, true); } catch (e) { text = undefined; }
        if (typeof text !== 'string') return undefined;
        if (sourceCount >= 16) { sources = {}; sourceCount = 0; }
        if (!sources[file]) sourceCount++;
        s = sources[file] = { mtime: m, lines: text.split('\n'), seen: generation };
    }
    s.seen = generation;
    var l = s.lines[line - 1];
    if (typeof l !== 'string') return undefined;
    return l.charAt(l.length - 1) === '\r' ? l.slice(0, -1) : l;
}

/* whether file (read by sourceLine) writes name as an object literal's
 * method (`{ m() {`, `, m: function`, `m: () =>`) and as no function of
 * its own: V8 names its frame by the receiver, `Object.m`, where Duktape
 * knows only the function.  The names are found once per file read. */
var LITERAL_METHOD = /(?:^|[{,])[ \t]*(?:async[ \t]+)?\*?[ \t]*([A-Za-z_$][\w$]*)[ \t]*(?:\([^)\n]*\)[ \t]*\{|:[ \t]*(?:async[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[A-Za-z_$][\w$]*[ \t]*=>))/gm;
function literalMethod(file, name) {
    var s = sources[file];
    if (!s) return false;
    if (!s.methods) {
        var text = s.lines.join('\n'), m, found = Object.create(null);
        LITERAL_METHOD.lastIndex = 0;
        while ((m = LITERAL_METHOD.exec(text))) if (KEYWORDS.indexOf(m[1]) < 0) found[m[1]] = true;
        s.methods = found;
    }
    return s.methods[name] === true && !declaresFunction(file, name);
}

/* V8's name for a function assigned as a method, `P.prototype.go =
 * function () {}` (P.go), `module.exports.f = function () {}`
 * (module.exports.f), `alias: function named() {}` (Object.named [as
 * alias]): V8 names an anonymous one by where it was assigned, a named one
 * by the receiver's type and the property, which Duktape's traceback does
 * not know.  Read
 * from file's text (the assignments found once per file read): a named
 * function by its name when one assignment has it, an anonymous one when
 * the nearest line above its frame's line (line) that starts a function
 * is such an assignment, with no other function on it. */
var ASSIGNED = /(?:^|[^\w$.])((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async[ \t]+)?function[ \t]*([A-Za-z_$][\w$]*)?[ \t]*\(|(?:^|[{,])[ \t]*([A-Za-z_$][\w$]*)[ \t]*:[ \t]*(?:async[ \t]+)?function[ \t]+([A-Za-z_$][\w$]*)[ \t]*\(/g;
var FN_START = /\bfunction\b|=>/g;
function assignedMethod(file, name, line) {
    var s = sources[file], i, a, m;
    if (!s) return undefined;
    if (!s.assigned) {
        s.assigned = [];
        for (i = 0; i < s.lines.length; i++) {
            if (s.lines[i].indexOf('function') < 0) continue;
            ASSIGNED.lastIndex = 0;
            while ((m = ASSIGNED.exec(s.lines[i])))
                s.assigned.push(m[1] !== undefined ? { line: i + 1, target: m[1], fname: m[2] || '' }
                                                   : { line: i + 1, target: 'Object.' + m[3], fname: m[4] });
        }
    }
    if (!s.assigned.length) return undefined;
    var found;
    if (name) {
        for (i = 0; i < s.assigned.length; i++) {
            a = s.assigned[i];
            if (a.fname !== name) continue;
            if (found) return undefined;
            found = a;
        }
    } else {
        /* the line that starts the function the frame is in */
        for (i = line; i > 0 && i > line - 200; i--) {
            var t = s.lines[i - 1];
            if (t === undefined) return undefined;
            FN_START.lastIndex = 0;
            var n = 0;
            while (FN_START.exec(t)) n++;
            if (!n) continue;
            if (n > 1) return undefined;
            for (var k = 0; k < s.assigned.length; k++) if (s.assigned[k].line === i && !s.assigned[k].fname) found = s.assigned[k];
            break;
        }
    }
    if (!found) return undefined;
    /* an anonymous one: V8's inferred name, the target without
     * `prototype`; a named one: the receiver's type (an instance of P for
     * P.prototype.k, else most often a plain object) and its own name */
    var dot = found.target.lastIndexOf('.'), key = found.target.slice(dot + 1), obj = found.target.slice(0, dot);
    if (!found.fname) return obj.replace(/\.prototype$/, '') + '.' + key;
    var type = /\.prototype$/.test(obj) ? obj.slice(0, -10).replace(/^.*\./, '') : 'Object';
    return type + '.' + found.fname + (found.fname !== key ? ' [as ' + key + ']' : '');
}

/* whether file declares name as a function (`function name(`) */
function declaresFunction(file, name) {
    var s = sources[file];
    if (!s || !/^[\w$]+$/.test(name)) return false;
    var re = new RegExp('\\bfunction\\s*\\*?\\s*' + escapeRe(name) + '\\s*\\(');
    for (var i = 0; i < s.lines.length; i++) if (re.test(s.lines[i])) return true;
    return false;
}

/* --- reading an expression out of a line --- */
var IDCH = /[A-Za-z0-9_$\u0080-\uffff]/;
function isId(c) { return c !== undefined && c !== '' && IDCH.test(c); }
var KEYWORDS = ['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'new', 'with',
                'do', 'else', 'in', 'of', 'instanceof', 'void', 'delete', 'throw', 'case', 'await', 'yield',
                'super', 'import', 'class', 'async', 'let', 'const', 'var'];

/* index of the bracket that opens the one closing at s[i], or -1 */
function openerOf(s, i) {
    var close = s.charAt(i), open = close === ')' ? '(' : close === ']' ? '[' : '{', depth = 0;
    for (; i >= 0; i--) {
        var c = s.charAt(i);
        if (c === '"' || c === "'" || c === '`') {
            var j = i - 1;
            while (j >= 0 && (s.charAt(j) !== c || s.charAt(j - 1) === '\\')) j--;
            i = j;
            continue;
        }
        if (c === close) depth++;
        else if (c === open && --depth === 0) return i;
    }
    return -1;
}

/* the member/call chain that ends just before s[end] (spaces skipped) */
function chainBefore(s, end) {
    var i = end;
    while (i > 0 && s.charAt(i - 1) === ' ') i--;
    var stop = i;
    for (;;) {
        var c = s.charAt(i - 1);
        if (isId(c)) {
            while (i > 0 && isId(s.charAt(i - 1))) i--;
            if (s.charAt(i - 1) === '.' && !/\d/.test(s.charAt(i - 2))) { i -= s.charAt(i - 2) === '?' ? 2 : 1; continue; }
            break;
        }
        if (c === ')' || c === ']') {
            var o = openerOf(s, i - 1);
            if (o < 0) break;
            i = o;
            var p = s.charAt(i - 1);
            if (isId(p) || p === ')' || p === ']') continue;
            if (p === '.' && s.charAt(i - 2) === '?') { i -= 2; continue; }
            break;
        }
        if (c === '"' || c === "'" || c === '`') {
            var k = i - 2;
            while (k >= 0 && (s.charAt(k) !== c || s.charAt(k - 1) === '\\')) k--;
            if (k < 0) break;
            i = k;
            break;
        }
        break;
    }
    return { start: i, text: s.slice(i, stop) };
}

/* V8 prints a callee from its syntax tree: calls as (...), a['x'] as a.x,
 * strings in double quotes, a literal in parentheses bare */
function v8Print(t) {
    var out = '', i = 0;
    while (i < t.length) {
        var c = t.charAt(i);
        if (c === '(' && i > 0 && /[\w$\)\]]/.test(t.charAt(i - 1))) {
            var close = closerOf(t, i);
            out += '(...)';
            i = close + 1;
            continue;
        }
        if (c === '[') {
            var cl = closerOf(t, i), inner = t.slice(i + 1, cl).trim(), m = /^(['"])([A-Za-z_$][\w$]*)\1$/.exec(inner);
            if (i > 0 && m) { out += '.' + m[2]; i = cl + 1; continue; }
            out += '[' + inner + ']';
            i = cl + 1;
            continue;
        }
        if (c === '(' && i === 0) {
            var cz = closerOf(t, 0), body = t.slice(1, cz).trim();
            out += /^(-?[\d.]+|[A-Za-z_$][\w$]*|'[^']*'|"[^"]*")$/.test(body) ? v8Print(body) : '(' + body + ')';
            i = cz + 1;
            continue;
        }
        if ((c === "'" || c === '`' || c === '"') && i === 0) {
            var e = t.indexOf(c, 1);
            out += '"' + t.slice(1, e) + '"';
            i = e + 1;
            continue;
        }
        out += c;
        i++;
    }
    return out;
}
function closerOf(s, i) {
    var open = s.charAt(i), close = open === '(' ? ')' : ']', depth = 0;
    for (; i < s.length; i++) {
        var c = s.charAt(i);
        if (c === '"' || c === "'" || c === '`') {
            var j = i + 1;
            while (j < s.length && (s.charAt(j) !== c || s.charAt(j - 1) === '\\')) j++;
            i = j;
            continue;
        }
        if (c === open) depth++;
        else if (c === close && --depth === 0) return i;
    }
    return s.length - 1;
}

function escapeRe(s) { return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'); }

/* where prop is called as a method in line: { col (of the name), callee } */
function methodCall(line, prop) {
    var re = new RegExp('(\\?\\.|\\.)\\s*' + escapeRe(prop) + '\\s*(\\?\\.\\s*)?\\(|\\[\\s*([\'"]?)' + escapeRe(prop) + '\\3\\s*\\]\\s*(\\?\\.\\s*)?\\(', 'g'), m;
    while ((m = re.exec(line))) {
        if (m[1] && isId(line.charAt(m.index + m[0].length - 1 - (m[2] ? m[2].length : 0) - 1 + 1)) === false) { /* fall through */ }
        var nameAt = m[1] ? line.indexOf(prop, m.index + m[1].length) : m.index;
        if (m[1] && isId(line.charAt(nameAt + prop.length))) continue;
        var base = chainBefore(line, m.index);
        if (!base.text) continue;
        var callee = m[1] ? base.text + m[1] + prop : base.text + line.slice(m.index, line.lastIndexOf(']', m.index + m[0].length) + 1);
        var printed = /^[\w$.\[\]'"`?]|^\(/.test(base.text) ? v8Print(callee) : '(intermediate value).' + prop;
        if (!/^[\w$"'`\[(]/.test(base.text) && base.text.charAt(0) !== '(') printed = '(intermediate value).' + prop;
        /* V8 points at a name called (a.b()), at the call's `(` for a
         * computed one (a[0]()) */
        return { col: m[1] ? nameAt : m.index + m[0].length - 1, callee: printed };
    }
    return undefined;
}

/* the first call of a computed member (o[k](), a.b[i]()) whose key is
 * no literal in line: { col (of its `(`), callee } */
function computedCall(line) {
    for (var at = line.indexOf(']'); at >= 0; at = line.indexOf(']', at + 1)) {
        var p = skipSpaces(line, at + 1);
        if (line.charAt(p) === '?' && line.charAt(p + 1) === '.') p = skipSpaces(line, p + 2);
        if (line.charAt(p) !== '(') continue;
        var o = openerOf(line, at), inner = o < 0 ? '' : line.slice(o + 1, at).trim();
        if (!inner || /^(['"`]).*\1$|^\d+$/.test(inner)) continue;
        var ch = chainBefore(line, at + 1);
        if (ch.text && ch.start < o) return { col: p, callee: v8Print(ch.text) };
    }
    return undefined;
}

/* the first plain call (or `new`) in line: { col, callee, isNew }; a name
 * the file declares as a function is taken only when nothing else is */
function plainCall(line, wantNew, declared) {
    if (declared) {
        var firstAny;
        for (var from = 0;;) {
            var at = plainCallFrom(line, wantNew, from);
            if (!at) return firstAny;
            if (!firstAny) firstAny = at;
            if (!declared(at.callee)) return at;
            from = at.next;
        }
    }
    return plainCallFrom(line, wantNew, 0);
}
function plainCallFrom(line, wantNew, from) {
    var re = /(\bnew\s+)?([A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*)*)\s*(\?\.\s*)?\(|(\))\s*\(/g, m;
    re.lastIndex = from;
    while ((m = re.exec(line))) {
        if (m[4]) {
            if (wantNew) continue;
            var ch = chainBefore(line, m.index + 1);
            /* a parenthesized callee, (void 0)(): V8 points at the call's `(` */
            if (ch.text) return { col: m.index + m[0].length - 1, callee: v8Print(ch.text), isNew: false, next: re.lastIndex };
            continue;
        }
        var name = m[2], first = name.split(/[.?\s]/)[0], before = line.slice(0, m.index).replace(/\s+$/, '');
        if (!m[1] && KEYWORDS.indexOf(first) >= 0 && name === first) continue;
        if (/\bfunction\s*\*?$/.test(before)) continue;
        /* a name right after another (`get x(`, `async f(`) is no call,
         * but after a keyword it is one: return cb(), await f(), typeof g() */
        if (!m[1] && /[\w$]$/.test(before) && KEYWORDS.indexOf(/[\w$]+$/.exec(before)[0]) < 0) continue;
        if (!m[1] && isId(line.charAt(m.index - 1))) continue;
        if (!m[1] && before.slice(-1) === '.') continue;
        if (!m[1] && /\)\s*\{/.test(line.slice(closerOf(line, m.index + m[0].length - 1)))) {
            /* name(…) { … }: a method definition, not a call */
            if (/^\s*(static\s+|async\s+|get\s+|set\s+)*$/.test(before) || /[{,]\s*$/.test(before)) continue;
        }
        if (!!m[1] !== !!wantNew) continue;
        /* a method (a.b.c()): V8 points at the last name, `new` at new */
        var last = name.replace(/^.*[.?\s]/, '');
        return { col: m[1] || last === name ? m.index : m.index + m[0].lastIndexOf(last), callee: v8Print(name.replace(/\s+/g, '')), isNew: !!m[1], next: re.lastIndex };
    }
    return undefined;
}

/* Duktape's readable value ("[object Object]", "undefined") as V8 shows it */
function readable(r) {
    var m = /^\[object (\w+)\]$/.exec(r);
    return m ? '#<' + m[1] + '>' : r;
}

/* --- V8's messages for Duktape's --- */
function nativeIs(fn, owner, name) {
    try { var d = gopd(owner, name); return !!d && (d.value === fn || (d.get && d.get() === fn)); } catch (e) { return false; }
}

var V8 = [
    [/^(Cannot (?:read|set) properties of \w+ \((?:reading|setting) )(-?\d[\w.+-]*)\)$/, function (m, c) {
        /* V8 quotes a number key as the string it is */
        c.prop = m[2];
        c.set = m[1].charAt(7) === 's';
        return m[1] + '\'' + m[2] + '\')';
    }],
    [/^Cannot (?:read|set) properties of \w+ \((?:reading|setting) '(.*)'\)$/, function (m, c) {
        /* already V8's words (duk-fixes.sed); the column is the property's,
         * looked for when .stack is read */
        c.prop = m[1];
        c.set = m[0].charAt(7) === 's';
        return undefined;
    }],
    [/^identifier '(.*)' undefined$/, function (m, c) {
        c.token = m[1];
        return m[1] + ' is not defined';
    }],
    [/^(.*) not callable \(property (?:'(.*)'|(\S+)) of (.*)\)$/, function (m, c) {
        var prop = m[2] !== undefined ? m[2] : m[3];
        var at = c.line !== undefined && methodCall(c.line, prop);
        if (at) { c.col = at.col; return at.callee + ' is not a function'; }
        /* a computed callee (o[k]()): V8 prints it as written and points
         * at the call's `(` */
        if (c.line !== undefined && (at = computedCall(c.line))) { c.col = at.col; return at.callee + ' is not a function'; }
        return '(intermediate value).' + prop + ' is not a function';
    }],
    [/^function required, found (.*) \(stack index -?\d+\)$/, function (m) {
        return readable(m[1].replace(/^'(.*)'$/, '$1')) + ' is not a function';
    }],
    [/^cannot delete property .* of (undefined|null)$/, function () {
        return 'Cannot convert undefined or null to object';
    }],
    [/^(.*) not callable$/, function (m, c) {
        if (c.user && c.line !== undefined) {
            /* Duktape says "1 not callable" for `new 1` too */
            var site = /^\[object Function\]$/.test(m[1]) ? undefined : plainCall(c.line, true, c.declared);
            var call = plainCall(c.line, false, c.declared), at = site || call;
            /* undefined and null are more often called than constructed,
             * unless the only call is of a function the file declares */
            if (/^(undefined|null)$/.test(m[1]) && call && !(site && c.declared(call.callee))) at = call;
            if (at) { c.col = at.col; return at.callee + (at.isNew ? ' is not a constructor' : ' is not a function'); }
        }
        return readable(m[1]) + ' is not a function';
    }],
    [/^(.*) not constructable$/, function (m, c) {
        var at = c.user && c.line !== undefined && plainCall(c.line, true, c.declared);
        if (at) { c.col = at.col; return at.callee + ' is not a constructor'; }
        return readable(m[1]) + ' is not a constructor';
    }],
    [/^(callstack limit|C stack depth limit|valstack limit|compiler recursion limit)$/, function () {
        return 'Maximum call stack size exceeded';
    }],
    [/^invalid (array )?length$/, function (m, c) {
        if (c.fn === G.ArrayBuffer) return 'Invalid array buffer length';
        return 'Invalid array length';
    }],
    [/^cannot string coerce Symbol$/, function () { return 'Cannot convert a Symbol value to a string'; }],
    [/^cannot number coerce Symbol$/, function () { return 'Cannot convert a Symbol value to a number'; }],
    [/^invalid args$/, function (m, c) {
        var f = c.fn, AP = Array.prototype;
        if (typeof f === 'function' && /^(Ui|I)nt(8|16|32)Array$|^Uint8ClampedArray$|^Float(32|64)Array$|^Big(Ui|I)nt64Array$/.test(f.name) && f === G[f.name]) {
            var n = new RegExp(f.name + '\\(\\s*(-?[\\d.]+)\\s*\\)').exec(c.caller || '');
            if (n) return 'Invalid typed array length: ' + String(Number(n[1]));
        }
        if (G.Reflect) for (var k in { getPrototypeOf: 1, setPrototypeOf: 1, isExtensible: 1, preventExtensions: 1, ownKeys: 1, getOwnPropertyDescriptor: 1, defineProperty: 1, deleteProperty: 1, has: 1, get: 1, set: 1 })
            if (nativeIs(f, G.Reflect, k)) return 'Reflect.' + k + ' called on non-object';
        if (nativeIs(f, AP, 'reduce') || nativeIs(f, AP, 'reduceRight')) return 'Reduce of empty array with no initial value';
        if (nativeIs(f, String.prototype, 'repeat')) {
            var a = /\.repeat\(\s*(-?[\d.]+|Infinity|-Infinity)\s*\)/.exec(c.caller || '');
            return 'Invalid count value: ' + (a ? String(Number(a[1])) : '-1');
        }
        if (nativeIs(f, String, 'fromCodePoint')) {
            var p = /fromCodePoint\(\s*(-?[\d.]+)\s*\)/.exec(c.caller || '');
            return 'Invalid code point ' + (p ? String(Number(p[1])) : 'NaN');
        }
        return undefined;
    }],
    [/^number outside range$/, function (m, c) {
        var f = c.fn, NP = Number.prototype;
        if (nativeIs(f, NP, 'toFixed')) return 'toFixed() digits argument must be between 0 and 100';
        if (nativeIs(f, NP, 'toPrecision')) return 'toPrecision() argument must be between 1 and 100';
        if (nativeIs(f, NP, 'toExponential')) return 'toExponential() argument must be between 0 and 100';
        if (nativeIs(f, NP, 'toString')) return 'toString() radix argument must be between 2 and 36';
        return undefined;
    }],
    [/^(object required, found (.*) \(stack index -?\d+\)|unexpected type|invalid instanceof rval|instanceof rval has no \.prototype)$/, function (m, c) {
        var f = c.fn, found = m[2];
        if (G.Proxy && f === G.Proxy) return 'Cannot create proxy with a non-object as target or handler';
        var names = ['defineProperty', 'defineProperties', 'getPrototypeOf', 'preventExtensions', 'isExtensible',
                     'getOwnPropertyDescriptor', 'ownKeys', 'has', 'get', 'set', 'deleteProperty', 'apply', 'construct', 'setPrototypeOf'];
        for (var i = 0; i < names.length; i++) {
            if (names[i] !== 'ownKeys' && nativeIs(f, Object, names[i]) && (names[i] === 'defineProperty' || names[i] === 'defineProperties'))
                return 'Object.' + names[i] + ' called on non-object';
            if (G.Reflect && nativeIs(f, G.Reflect, names[i])) return 'Reflect.' + names[i] + ' called on non-object';
        }
        if (nativeIs(f, Object, 'create') || nativeIs(f, Object, 'setPrototypeOf')) {
            var lit = /Object\.(?:create\(|setPrototypeOf\([^,]*,)\s*(-?[\d.]+|true|false|undefined|'[^']*'|"[^"]*")\s*[,)]/.exec(c.caller || '');
            if (found === undefined && lit) found = lit[1].replace(/^['"]|['"]$/g, '');
            return 'Object prototype may only be an Object or null: ' + (found === undefined ? 'undefined' : found);
        }
        if (c.user && c.line !== undefined) {
            if (/\binstanceof\b/.test(c.line)) {
                if (/^instanceof rval has no/.test(m[1])) return 'Function has non-object prototype \'undefined\' in instanceof check';
                return 'Right-hand side of \'instanceof\' is ' + (/rval$|\.prototype$/.test(m[1]) ? 'not callable' : 'not an object');
            }
            var inOp = /(['"]?)([\w$]+)\1\s+in\s+([\w$.'"]+)/.exec(c.line);
            if (inOp) return 'Cannot use \'in\' operator to search for \'' + inOp[2] + '\' in ' + inOp[3].replace(/^['"]|['"]$/g, '');
        }
        return undefined;
    }],
    [/^invalid input$/, function (m, c) {
        if (c.type === URIError) return 'URI malformed';
        return undefined;
    }],
    [/^Invalid Date$/, function (m, c) {
        if (nativeIs(c.fn, Date.prototype, 'toISOString')) return 'Invalid time value';
        return undefined;
    }],
    [/^invalid descriptor$/, function () {
        return 'Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, #<Object>';
    }],
    [/^not (writable|extensible)$/, function (m, c) {
        /* strict code's assignment to a frozen or sealed object: V8 names
         * the property, which the user's line shows, and points at `=` */
        if (!c.user || c.line === undefined) return undefined;
        var re = /(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(['"]?)([^\]'"]+)\2\s*\])\s*=(?![=>])/g, a, last;
        while ((a = re.exec(c.line))) last = a;
        if (!last) return undefined;
        var prop = last[1] !== undefined ? last[1] : last[3];
        c.col = last.index + last[0].length - 1;
        if (m[1] === 'extensible') return 'Cannot add property ' + prop + ', object is not extensible';
        return 'Cannot assign to read only property \'' + prop + '\' of object \'' + (/^\d+$/.test(prop) ? '[object Array]' : '#<Object>') + '\'';
    }],
    [/^not configurable$/, function (m, c) {
        /* Object.defineProperty on a property that cannot change */
        var d = nativeIs(c.fn, Object, 'defineProperty') && /defineProperty\([^,]*,\s*(['"])(.*?)\1/.exec(c.caller || '');
        return d ? 'Cannot redefine property: ' + d[2] : undefined;
    }],
    [/^cyclic input$/, function () {
        return 'Converting circular structure to JSON';
    }]
];

/* e's message in V8's words, when Duktape made it (c: the context) */
function v8Message(msg, c) {
    for (var i = 0; i < V8.length; i++) {
        var m = V8[i][0].exec(msg);
        if (m) return V8[i][1](m, c);
    }
    return undefined;
}

function isUserFn(f) {
    var n = f && f.fileName;
    return typeof n === 'string' && n.indexOf('invoke:') !== 0;
}

/* whether a builtin (stdlib.js, promise.js: new Set(1)) stands between
 * the user's frame i and the helper that threw, not only lowered syntax */
function byBuiltin(frames, i) {
    for (var k = 0; k < i; k += 2) {
        var f = frames[k];
        if (!f || !LOWERING.test(f.fileName)) return true;
    }
    return false;
}

/* the outermost object pattern of a destructuring in line with others
 * inside it (const { user: { name } } = v): [text, its first key, the
 * value's text], or null.  V8 names that key and value when a pattern
 * inside has nothing it could read first ({ user: {} }). */
function outerPattern(line) {
    var re = /\{\s*(?:\.\.\.)?([\w$]+)/g, m, j, depth, c, rest;
    while ((m = re.exec(line))) {
        for (depth = 0, j = m.index; j < line.length; j++) {
            c = line.charAt(j);
            if (c === '{') depth++;
            else if (c === '}' && --depth === 0) break;
        }
        if ((rest = /^\}\s*=\s*([^;,)]+)/.exec(line.slice(j)))) return [m[0], m[1], rest[1]];
    }
    return null;
}

/* what V8 says where front-rt.js threw for lowered syntax */
function rtMessage(e, frames) {
    var msg = e.message, i = firstUser(frames), m, line;
    if (i < 0 || typeof msg !== 'string') return;
    line = sourceLine(frames[i].fileName, frames[i + 1]);
    if (line === undefined) return;
    if ((m = /^Cannot destructure '(undefined|null)' as it is (undefined|null)\.$/.exec(msg))) {
        var d = /\{\s*(?:\.\.\.)?([\w$]+)[^{}]*\}\s*=\s*([^;,)]+)/.exec(line) || outerPattern(line) || /[(,]\s*\{\s*([\w$]+)/.exec(line);
        if (d) msg = 'Cannot destructure property \'' + d[1] + '\' of \'' + (d[2] || m[1]).replace(/\)+$/, '') + '\' as it is ' + m[1] + '.';
    } else if ((m = /^(.*) is not iterable$/.exec(msg)) && byBuiltin(frames, i)) {
        /* a builtin iterating (new Set(1)): V8 names the type */
        var v = m[1], type = /^-?[\d.]/.test(v) || v === 'NaN' || /Infinity$/.test(v) ? 'number ' : v === 'true' || v === 'false' ? 'boolean ' : v === 'null' ? 'object ' : v === 'undefined' ? '' : null;
        if (type === null) return;
        msg = type + v + ' is not iterable (cannot read property Symbol(Symbol.iterator))';
    } else if (/ is not iterable$/.test(msg)) {
        /* V8 names the expression: the text after `of`, `...` or `] =`
         * (a TypeScript type between `]` and `=` skipped) */
        var x = /\bof\s+(.+?)\s*\)/.exec(line) || /\.\.\.\s*([\w$.]+|\{\s*\}|\[\s*\])/.exec(line) || /\]\s*(?::[^=;]+)?=\s*([^;,)]+)/.exec(line);
        if (x) msg = x[1].trim() + ' is not iterable';
    } else return;
    defProp(e, 'message', { value: msg, writable: true, configurable: true });
}

/* --- the hook ---
 * Kept cheap: a message that is none of Duktape's (every `new Error(msg)`
 * of the user's) costs one regexp test; one of Duktape's, one activation
 * looked up (Duktape.act decodes the line) and the rule's work.  The
 * frames are not walked here: Duktape records its traceback anyway, and
 * .stack turns that into V8's lines when it is read. */
var DUK_EXACT = Object.create(null);
['callstack limit', 'C stack depth limit', 'valstack limit', 'compiler recursion limit', 'invalid length',
 'invalid array length', 'cannot string coerce Symbol', 'cannot number coerce Symbol', 'invalid args',
 'number outside range', 'unexpected type', 'invalid instanceof rval', 'instanceof rval has no .prototype',
 'invalid input', 'Invalid Date', 'invalid descriptor', 'cyclic input', 'not writable', 'not extensible',
 'not configurable'].forEach(function (m) { DUK_EXACT[m] = true; });
var DUK_PREFIX = ['Cannot read properties of ', 'Cannot set properties of ', "identifier '", 'object required, found ',
                  'function required, found ', 'cannot delete property ', "Cannot destructure '"];
/* the first ten characters of each prefix: one lookup tells most
 * messages of the user's from them */
var DUK_HEAD = Object.create(null);
DUK_PREFIX.forEach(function (p) { DUK_HEAD[p.substring(0, 10)] = true; });
/* whether msg may be one of Duktape's (or the lowering helpers'), so that
 * `new Error(msg)` stays cheap: lookups first, a string method called
 * only when they leave it open (each call of one costs Duktape about as
 * much as the error's own making; ten of them were 25k instructions of
 * every new Error) */
function maybeDuktape(msg) {
    if (DUK_EXACT[msg] === true) return true;
    if (DUK_HEAD[msg.substring(0, 10)] === true)
        for (var i = 0; i < DUK_PREFIX.length; i++) if (msg.lastIndexOf(DUK_PREFIX[i], 0) === 0) return true;
    if (msg.indexOf(' not ') < 0) return false;
    return msg.indexOf(' not callable') > 0 || msg.indexOf(' not constructable') > 0 || msg.indexOf(' is not iterable') > 0;
}
/* --- the frames of other threads ---
 * Duktape's traceback is the running thread's.  An async function's body
 * runs in a thread of its own (front-rt.js): in its first step, resumed by
 * its caller's thread, whose frames V8 shows next as the stack goes on;
 * past an await, resumed by the microtask queue, where V8 shows instead
 * the async functions awaiting it, each where it waits (`at async b`).
 * Read when the error is made (the threads move on), as frames of
 * dukFrames' shape; { frames, bodies: [fn, receiver, ...] of the async
 * functions met, for their names }, or undefined. */
function keepThreads(e, t) {
    if (!(e instanceof Error)) return;
    var other;
    try { other = otherThreads(t); } catch (x) { other = undefined; }
    if (other) try { defProp(e, ASYNC, { value: other, writable: true, configurable: true }); } catch (x) { /* frozen */ }
}
function otherThreads(t) {
    var frames = [], bodies = [], hops = 0, r, fr, i, f;
    while (t && hops++ < 50) {
        if (t.fn !== undefined) bodies.push(t.fn, t.self);
        if (t.fn !== undefined && t.p !== undefined) {
            r = rt.asyncAwaiter ? rt.asyncAwaiter(t) : null;
            if (!r) break;
            fr = sys.threadFrames(r);
            for (i = 0; i < fr.length; i += 2) if (isUserFn(fr[i])) break;
            if (i >= fr.length) break;
            f = fr[i];
            frames.push({ name: f.name || '', fileName: f.fileName, native: false, construct: false, fn: f, async: true }, fr[i + 1]);
        } else {
            r = sys.threadResumer(t);
            if (!r) break;
            fr = sys.threadFrames(r);
            for (i = 0; i < fr.length; i += 2) {
                f = fr[i];
                if (typeof f !== 'function' || f === threadResume || f === threadYield) continue;
                if (LOWERING.test(f.fileName)) {
                    /* the async function's own (outer) function that called
                     * front-rt.js's driver, named as its body: not shown */
                    if (t.fn !== undefined && fr[i + 2] && fr[i + 2].name === t.fn.name && isUserFn(fr[i + 2])) i += 2;
                    continue;
                }
                frames.push({ name: f.name || '', fileName: f.fileName, native: !f.fileName, construct: false, fn: f }, fr[i + 1]);
            }
        }
        t = r;
    }
    return bodies.length || frames.length ? { frames: frames, bodies: bodies } : undefined;
}

/* V8's "Type." before an async function's name when it was called as a
 * method (o.m(), new K().run(), K.s()): the receiver's class, or the
 * function's own name for a static one */
function receiverName(self, name) {
    if (self === null || self === undefined || (typeof self !== 'object' && typeof self !== 'function') ||
        self === G || self === sys.global() || !name) return undefined;
    try { if (typeof self[name] !== 'function') return undefined; } catch (x) { return undefined; }
    return typeof self === 'function' ? self.name || 'Function' : ctorName(self);
}

function errCreate(e) {
    /* out of memory (--memory-limit): every allocation fails from now on
     * in this request, and the request is ending; doing nothing here lets
     * it end at once */
    var msg = e.message;
    /* made in an async function's or generator's thread: keep the
     * frames of the others (the request's own thread costs one call) */
    var t = threadCurrent();
    if ((t.fn !== undefined || t.gen !== undefined) && msg !== 'alloc failed') keepThreads(e, t);
    /* V8 takes as many frames as the limit says when the error is made:
     * once a limit was set (stdlib.js), each error keeps it for .stack */
    if (rt.traceLimitSet && msg !== 'alloc failed' && e instanceof Error) {
        try { defProp(e, LIMIT_AT, { value: Error.stackTraceLimit, writable: true, configurable: true }); } catch (x) { /* frozen */ }
    }
    if (typeof msg !== 'string' || msg === 'alloc failed' || !maybeDuktape(msg)) return e;
    try {
        if (!(e instanceof Error)) return e;
        if (/^(identifier '|Cannot (read|set) properties)/.test(msg)) {
            /* the commonest, and they need no context: the column is found
             * when .stack is read */
            var q = {}, w = v8Message(msg, q);
            if (w !== undefined) defProp(e, 'message', { value: w, writable: true, configurable: true });
            defProp(e, COLUMN, { value: { token: q.token, prop: q.prop, set: q.set }, writable: true, configurable: true });
            return e;
        }
        var top = act(-3);
        if (!top) return e;
        var fn = top['function'];
        if (CTORS.indexOf(fn) >= 0) {
            /* the runtime's helpers for lowered syntax know the value, V8
             * names the expression: take it from the user's line */
            var maker = act(-4);
            if (maker && maker['function'] && LOWERING.test(maker['function'].fileName)) rtMessage(e, dukFrames(e));
            return e;
        }
        generation = rt.seq;
        var c = { fn: fn, user: isUserFn(fn), type: e.constructor, line: undefined, caller: undefined, col: undefined };
        if (c.user) {
            c.line = sourceLine(fn.fileName, top.lineNumber);
            c.declared = function (name) { return declaresFunction(fn.fileName, name); };
        } else {
            /* a native: the user's line that called it */
            for (var level = -4, a; (a = act(level)) && level > -8; level--) {
                if (isUserFn(a['function'])) { c.caller = sourceLine(a['function'].fileName, a.lineNumber); break; }
            }
        }
        var v8 = v8Message(msg, c);
        if (v8 !== undefined && v8 !== msg) {
            defProp(e, 'message', { value: v8, writable: true, configurable: true });
        }
        /* the column: where it was found, or what to look for in the
         * line when .stack is read */
        if (c.col !== undefined || c.token !== undefined || c.prop !== undefined)
            defProp(e, COLUMN, { value: c.col !== undefined ? c.col : { token: c.token, prop: c.prop, set: c.set }, writable: true, configurable: true });
    } catch (x) { /* the error as Duktape made it, rather than none */ }
    return e;
}

/* Duktape's traceback (up to Error.stackTraceLimit + 10 frames, read as
 * data: sys.traceFrames) as frames: [{ name, fileName, native,
 * construct, fn }, line, …] */
var METHOD_OF = sys.hidden('methodOf');
function dukFrames(e) {
    var td = sys.traceFrames(e), out = [];
    for (var i = 0; i + 2 < td.length; i += 3) {
        var fn = td[i], name = fn.name, file = fn.fileName;
        out.push({ name: typeof name === 'string' ? name : '', fileName: typeof file === 'string' && file !== '' ? file : undefined,
                   native: (td[i + 2] & 2) !== 0, construct: (td[i + 2] & 1) !== 0, fn: fn }, td[i + 1]);
    }
    return out;
}

/* --- names of the builtins V8 shows as "at JSON.parse (<anonymous>)" ---
 * Duktape's traceback names a native by its own name only: a name one
 * builtin has is shown qualified, one several have (parse) is left out. */
var builtinNames = null;
function builtinName(name) {
    if (!builtinNames) {
        builtinNames = Object.create(null);
        [[G.JSON, 'JSON'], [Math, 'Math'], [Object, 'Object'], [Array, 'Array'], [Array.prototype, 'Array'],
         [String.prototype, 'String'], [String, 'String'], [Number.prototype, 'Number'], [Number, 'Number'],
         [G.Reflect, 'Reflect'], [G.Promise, 'Promise'], [Function.prototype, 'Function'],
         [Date.prototype, 'Date'], [RegExp.prototype, 'RegExp'], [G.Map && G.Map.prototype, 'Map'],
         [G.Set && G.Set.prototype, 'Set']].forEach(function (p) {
            if (!p[0]) return;
            Object.getOwnPropertyNames(p[0]).forEach(function (k) {
                var d = gopd(p[0], k);
                if (d && typeof d.value === 'function' && CTORS.indexOf(d.value) < 0)
                    builtinNames[k] = k in builtinNames ? null : p[1] + '.' + k;
            });
        });
    }
    return builtinNames[name] || undefined;
}

/* the column (0-based) of the call of callee's function in line */
/* Found with string operations: a regexp over a line costs Duktape some
 * 70 µs, and .stack looks for a call in each frame's line. */
function skipSpaces(s, i) {
    while (s.charAt(i) === ' ' || s.charAt(i) === '\t') i++;
    return i;
}
function callColumn(line, callee) {
    var n = callee && callee.name;
    if (!n || typeof n !== 'string') return undefined;
    for (var at = line.indexOf(n); at >= 0; at = line.indexOf(n, at + 1)) {
        if (isId(line.charAt(at - 1)) || isId(line.charAt(at + n.length))) continue;
        var j = skipSpaces(line, at + n.length), c = line.charAt(j);
        if (c === '?' && line.charAt(j + 1) === '.') c = line.charAt(j = skipSpaces(line, j + 2));
        if (c === '.') {
            /* f.call(…), f.apply(…): V8 points at call */
            var k = skipSpaces(line, j + 1), w = line.slice(k, k + 5);
            if ((w === 'call(' || w.slice(0, 4) === 'call' && line.charAt(skipSpaces(line, k + 4)) === '(') ||
                (line.slice(k, k + 5) === 'apply' && line.charAt(skipSpaces(line, k + 5)) === '('))
                return k;
            continue;
        }
        if (c !== '(' && c !== '`') continue;
        /* `new X(`, `new a.b.X(`: V8 points at new */
        var st = at;
        while (line.charAt(st - 1) === '.' || (st > 0 && (isId(line.charAt(st - 1)) || line.charAt(st - 1) === ' '))) {
            var p = st - 1;
            while (p >= 0 && line.charAt(p) === ' ') p--;
            if (line.charAt(p) === '.') {
                p--;
                while (p >= 0 && line.charAt(p) === ' ') p--;
                var e = p;
                while (p >= 0 && isId(line.charAt(p))) p--;
                if (p === e) break;
                st = p + 1;
                continue;
            }
            break;
        }
        var q = st - 1;
        while (q >= 0 && line.charAt(q) === ' ') q--;
        if (q >= 2 && line.slice(q - 2, q + 1) === 'new' && !isId(line.charAt(q - 3)) && q < st - 1) return q - 2;
        return at;
    }
    return undefined;
}

/* the column of a name not defined (token) or of a property read (prop) */
function tokenColumn(line, t) {
    if (line === undefined) return undefined;
    var r;
    if (t.prop !== undefined) {
        var p = escapeRe(t.prop);
        r = new RegExp('(\\?\\.|\\.)\\s*(' + p + ')(?![\\w$])|\\[\\s*([\'"]?)' + p + '\\3\\s*\\]').exec(line);
        /* none: a destructuring pattern nested in another read it
         * (front-rt.js's obj: { user: { name } } = {}), V8 points at it */
        if (!r && (r = new RegExp('\\{\\s*(' + p + ')(?![\\w$])').exec(line))) return r.index + r[0].length - t.prop.length;
        if (!r) return undefined;
        var pc = r[1] ? line.indexOf(t.prop, r.index + r[1].length) : r.index;
        /* read on a chain with a call in it (f().a.b): V8 points at the dot */
        if (r[1] && !t.set && /[\w$\)\]]\s*\(/.test(chainBefore(line, r.index).text)) return r.index;
        /* setting: V8 points at the assignment's `=` */
        var eq = t.set && /^\s*\]?\s*=(?![=>])/.exec(line.slice(pc + t.prop.length));
        return eq ? pc + t.prop.length + eq[0].length - 1 : pc;
    }
    r = new RegExp('(^|[^\\w$.])' + escapeRe(t.token) + '(?![\\w$])').exec(line);
    if (!r) return undefined;
    var at = r.index + r[1].length, before = line.slice(0, at), k;
    /* V8 points at the statement or expression the load belongs to:
     * `if (x)` and `return x` at the keyword, `new X` at `new`, and a
     * sloppy-mode-forbidden assignment `x = 1` at its `=` */
    if ((k = /\bif\s*\(\s*$/.exec(before)) || (k = /\breturn\s+$/.exec(before)) || (k = /\bnew\s+$/.exec(before))) return k.index;
    k = /^\s*=(?![=>])/.exec(line.slice(at + t.token.length));
    return k ? at + t.token.length + k[0].length - 1 : at;
}

/* the column of an error whose message tells what V8 points at, in the
 * line of the frame that made it (f: that frame's function) */
function ruleColumn(msg, line, f) {
    var m, r, at;
    if (typeof msg !== 'string') return undefined;
    if (msg === 'Assignment to constant variable.') {
        /* the `=` of the assignment, not of a declaration */
        r = /(^|[^=!<>+\-*\/%&|^])=(?![=>])/g;
        while ((m = r.exec(line))) {
            at = m.index + m[1].length;
            if (!/\b(const|let|var)\s+[\w$]+\s*$/.test(line.slice(0, at))) return at;
        }
        return undefined;
    }
    if (msg === 'Cannot mix BigInt and other types, use explicit conversions') return idx(line.search(/\s(\*\*|<<|>>>?|[-+*\/%&|^])\s/), 1);
    if (msg === 'Invalid array length' && (m = /\.\s*length\s*=(?!=)/.exec(line))) return m.index + m[0].length - 1;
    if (msg === 'Cannot convert a Symbol value to a string') {
        if ((m = /\s\+\s/.exec(line))) return m.index + 1;
        if ((m = /\$\{\s*/.exec(line))) return m.index + m[0].length;
        return undefined;
    }
    if (/^(Right-hand side of 'instanceof'|Function has non-object prototype)/.test(msg)) return idx(line.search(/\binstanceof\b/));
    if (/^Cannot use 'in' operator/.test(msg)) return idx(line.search(/\sin\s/), 1);
    if (msg.lastIndexOf('Must call super constructor', 0) === 0) {
        /* at `this`; with none, returning: at the constructor's `(` */
        var from = (f && f.name && bodyStart(line, f.name)) || 0, th = line.slice(from).search(/\bthis\b/), ct;
        /* an arrow's `this.x` (a this from the constructor's scope): V8
         * checks it at the property */
        if (th >= 0) return from + th + (from > 0 && line.charAt(from + th + 4) === '.' ? 5 : 0);
        return (ct = /\bconstructor\s*\(/.exec(line)) ? ct.index + ct[0].length - 1 : undefined;
    }
    if (/^Class constructor .* cannot be invoked without 'new'$/.test(msg)) {
        /* the class called by its name, else the last call on the line */
        var byName = callColumn(line, { name: msg.split(' ')[2] }), calls = callsIn(line);
        return byName !== undefined ? byName : calls.length ? calls[calls.length - 1].col : undefined;
    }
    if ((m = /^Cannot destructure property '([^']*)' of /.exec(msg))) {
        /* at the binding: the target after `name:`, else the name */
        r = new RegExp('([{,]\\s*)(' + escapeRe(m[1]) + ')(?![\\w$])(\\s*:\\s*)?').exec(line);
        if (!r) return undefined;
        return r.index + r[1].length + (r[3] ? r[2].length + r[3].length : 0);
    }
    if ((m = /^(.+) is not iterable$/.exec(msg))) {
        /* at the value iterated: after `of`, after `...`, after `] =` */
        if ((r = /\bof\s+/.exec(line)) || (r = /\.\.\.\s*/.exec(line)) || (r = /\]\s*(?::[^=;]+)?=\s*/.exec(line))) return r.index + r[0].length;
        return undefined;
    }
    if (msg === 'Cannot convert undefined or null to object' && (m = /\bdelete\s+((?:[\w$]+\.)*)([\w$]+)\.[\w$]+/.exec(line)))
        return m.index + m[0].length - m[0].replace(/^delete\s+/, '').length + m[1].length;
    if (msg === 'Maximum call stack size exceeded' && f && f.name) {
        /* V8 overflows on entering the function called: the start of its
         * body, for a callee written on the same line */
        var body = bodyStart(line, f.name), callee = body !== undefined && callsIn(line.slice(body))[0];
        var inner = callee ? bodyStart(line, callee.name) : undefined;
        return inner !== undefined ? inner : body;
    }
    return undefined;
}
/* the calls of plain names in line: [{ col, name }] (no declarations,
 * no keywords) */
function callsIn(line) {
    var re = /(^|[^\w$.])([A-Za-z_$][\w$]*)\s*\(/g, m, out = [];
    while ((m = re.exec(line))) {
        if (KEYWORDS.indexOf(m[2]) >= 0 || /\bfunction\s*\*?\s*$/.test(line.slice(0, m.index + m[1].length))) continue;
        out.push({ col: m.index + m[1].length, name: m[2] });
    }
    return out;
}
function idx(i, plus) { return i < 0 ? undefined : i + (plus || 0); }
/* where the body of the function called name starts in line */
function bodyStart(line, name) {
    var n = escapeRe(name);
    var m = new RegExp('\\bfunction\\s*\\*?\\s*' + n + '\\s*\\([^)]*\\)\\s*\\{\\s*').exec(line) ||
            new RegExp('(^|[^\\w$.])' + n + '\\s*=\\s*(async\\s*)?(\\([^)]*\\)|[\\w$]+)\\s*=>\\s*\\{?\\s*').exec(line);
    return m ? m.index + m[0].length : undefined;
}

/* (string operations on this path: each regexp costs microseconds) */
function firstToken(line) {
    for (var i = 0; i < line.length; i++) {
        var c = line.charAt(i);
        if (c !== ' ' && c !== '\t') return i;
    }
    return 0;
}

/* the column of the name of the last method called in line (`.name(`) */
function lastMethodCall(line) {
    var last;
    for (var at = line.indexOf('('); at >= 0; at = line.indexOf('(', at + 1)) {
        var e = at;
        while (e > 0 && (line.charAt(e - 1) === ' ' || line.charAt(e - 1) === '\t')) e--;
        var b = e;
        while (b > 0 && isId(line.charAt(b - 1))) b--;
        if (b < e && line.charAt(skipBack(line, b) - 1) === '.') last = b;
    }
    return last;
}
function skipBack(s, i) {
    while (i > 0 && (s.charAt(i - 1) === ' ' || s.charAt(i - 1) === '\t')) i--;
    return i;
}

/* "    at …" lines for frames (dukFrames, or captureStackTrace's) */
function frameLines(e, frames) {
    generation = rt.seq;
    /* an error made while no limit was set in this request was made with
     * V8's 10 (stdlib.js's setter, reset per request: rt.traceLimitSet),
     * whatever the limit is when .stack is read */
    var out = [], limit = LIMIT_AT in e ? e[LIMIT_AT] : 10, col0 = e[COLUMN], inner = null, first = firstUser(frames);
    var other = e[ASYNC], bodies = other ? other.bodies : null;
    if (other && other.frames.length) frames = frames.concat(other.frames);
    if (typeof limit !== 'number' || !(limit >= 0)) limit = 0;
    for (var i = 0; i < frames.length && out.length < limit; i += 2) {
        var f = frames[i], line = frames[i + 1], outer = frames[i + 2];
        if (!isUserFn(f)) {
            var bn = f && !f.fileName && f.name && builtinName(f.name);
            if (bn) out.push('    at ' + bn + ' (<anonymous>)');
            /* a native the user's line called (toString, new Array): V8
             * points at its call, shown in the stack or not */
            /* (front-rt.js's asyncBody, under an async function's body,
             * called nothing on the user's line) */
            if (!(f && f.name === 'asyncBody' && LOWERING.test(f.fileName))) inner = f && (f.name || f.fileName) ? f : null;
            continue;
        }
        var text = sourceLine(f.fileName, line), col = undefined, calls;
        /* an async function waiting: V8 points at its `await` */
        if (f.async && text !== undefined && (col = awaitColumn(text, inner)) !== undefined) { /* found */ }
        else if (i === first && col0 !== undefined) col = typeof col0 === 'number' ? col0 : tokenColumn(text, col0);
        else if (i === first && text !== undefined && (col = ruleColumn(e.message, text, f)) !== undefined) { /* found */ }
        else if (text !== undefined && inner && inner.name) col = callColumn(text, inner);
        if (col === undefined && text !== undefined && inner && !inner.name && isUserFn(inner)) {
            /* an anonymous function called (f()): in an async function's
             * line, most likely the one it awaits; else the line's first
             * call of a plain name (a parameter, a variable) */
            if ((col = awaitColumn(text)) !== undefined) col = skipSpaces(text, col + 5);
            else if ((calls = callsIn(text)).length) col = calls[0].col;
        }
        if (col === undefined && text !== undefined && i === first && e.constructor)
            col = callColumn(text, { name: e.constructor.name });
        /* a method of the runtime's, unnamed (Hash.prototype.digest =
         * function …) threw: the line's last method called, the one a
         * chain (Buffer.alloc(4).readUInt32BE(2)) calls last */
        if (col === undefined && text !== undefined && inner && !inner.name && !isUserFn(inner) && inner.fileName)
            col = lastMethodCall(text);
        if (col === undefined && text !== undefined && i > 0 && text.indexOf('super') >= 0 && /\bsuper\s*\(/.test(text)) col = text.search(/\bsuper\s*\(/);
        if (col === undefined) col = text !== undefined ? firstToken(text) : 0;
        var where = f.fileName + ':' + line + ':' + (col + 1);
        var name = f.name, recv;
        if (!name && outer && outer.fileName === 'invoke:module.js') name = 'Object.<anonymous>';
        else if (name && (name.lastIndexOf('get ', 0) === 0 || name.lastIndexOf('set ', 0) === 0))
            name += ' [as ' + name.slice(4) + ']';     /* V8: get x [as x], no class */
        else if (name && f.construct) name = 'new ' + name;
        else if (name && f.fn && f.fn[METHOD_OF]) name = (f.fn[METHOD_OF].name || 'Function') + '.' + name;
        else if (name && bodies && f.fn && (recv = bodyReceiver(bodies, f.fn, name)) !== undefined) name = recv + '.' + name;
        else if ((recv = assignedMethod(f.fileName, name, line)) !== undefined) name = recv;
        else if (name && literalMethod(f.fileName, name)) name = 'Object.' + name;
        if (f.async) out.push(name ? '    at async ' + name + ' (' + where + ')' : '    at async ' + where);
        else out.push(name ? '    at ' + name + ' (' + where + ')' : '    at ' + where);
        inner = f;
    }
    return out;
}
/* the receiver's name for fn, the body of an async function met */
function bodyReceiver(bodies, fn, name) {
    for (var i = 0; i < bodies.length; i += 2) if (bodies[i] === fn) return receiverName(bodies[i + 1], name);
    return undefined;
}
/* the column of the `await` in line that waits on a call of callee's
 * function (the frame before), else of the first */
function awaitColumn(line, callee) {
    var first, at, next;
    for (at = line.indexOf('await'); at >= 0; at = next) {
        next = line.indexOf('await', at + 1);
        if (isId(line.charAt(at - 1)) || isId(line.charAt(at + 5))) continue;
        if (first === undefined) first = at;
        if (callee && callColumn(next < 0 ? line.slice(at) : line.slice(at, next), callee) !== undefined) return at;
    }
    return first;
}
function firstUser(frames) {
    for (var i = 0; i < frames.length; i += 2) if (isUserFn(frames[i])) return i;
    return -1;
}

function header(e) {
    var name, msg;
    try { name = e.name; msg = e.message; } catch (x) { return 'Error'; }
    name = name === undefined ? 'Error' : String(name);
    msg = msg === undefined ? '' : String(msg);
    return !name ? msg : !msg ? name : name + ': ' + msg;
}

/* Error.captureStackTrace's text (stdlib.js): the frames of its caller,
 * from after skipTo's when given */
rt.stackOf = function (o, skipTo) {
    var frames = [], a, seen = skipTo === undefined, limit = Error.stackTraceLimit;
    /* -1 Duktape.act, -2 this function, -3 captureStackTrace */
    for (var level = -4; frames.length < 2 * MAX_FRAMES && (a = act(level)); level--) {
        if (!seen) { seen = a['function'] === skipTo; continue; }
        var f = a['function'];
        frames.push({ name: f && f.name || '', fileName: f && f.fileName, native: f && !f.fileName, construct: false }, a.lineNumber);
    }
    var target = { constructor: o && o.constructor };
    target[LIMIT_AT] = limit;
    var lines = frameLines(target, frames);
    return header(o) + (lines.length ? '\n' + lines.join('\n') : '');
};

var dukStack = gopd(Error.prototype, 'stack');
defProp(Error.prototype, 'stack', {
    get: function () {
        if (this === null || typeof this !== 'object' || !(this instanceof Error))
            return dukStack && dukStack.get ? dukStack.get.call(this) : undefined;
        var lines = frameLines(this, dukFrames(this));
        var s = header(this) + (lines.length ? '\n' + lines.join('\n') : '');
        /* V8 fixes the text at the first read */
        defProp(this, 'stack', { value: s, writable: true, configurable: true });
        return s;
    },
    set: function (v) {
        defProp(this, 'stack', { value: v, writable: true, configurable: true });
    },
    configurable: true
});

Duktape.errCreate = errCreate;

/* --- JSON.parse's messages ---
 * Duktape's decoder calls this with the whole text when it finds an error
 * (src/duk-fixes.sed); it reads the text again as V8's parser does and
 * makes V8's SyntaxError: the first thing that is wrong, where it is,
 * and a piece of the text around an unexpected token. */
function jsonError(text) {
    var s = String(text), i = 0, n = s.length;
    function fail(msg) { throw new SyntaxError(msg); }
    function at(msg) { fail(msg + ' in JSON at position ' + i); }
    function ws() { while (i < n && /[ \t\n\r]/.test(s.charAt(i))) i++; }
    function unexpected() {
        if (i >= n) fail('Unexpected end of JSON input');
        var ctx;
        if (n <= 20) ctx = '"' + s + '"';
        else {
            var from = Math.max(0, i - 10), to = Math.min(n, i + 10);
            ctx = (from > 0 ? '..."' : '"') + s.slice(from, to) + (to < n ? '"...' : '"');
        }
        fail('Unexpected token \'' + s.charAt(i) + '\', ' + ctx + ' is not valid JSON');
    }
    function literal(word) {
        for (var k = 0; k < word.length; k++, i++) if (s.charAt(i) !== word.charAt(k)) unexpected();
    }
    function digits() { var st = i; while (i < n && /[0-9]/.test(s.charAt(i))) i++; return i > st; }
    function number() {
        if (s.charAt(i) === '-') { i++; if (!/[0-9]/.test(s.charAt(i))) at('No number after minus sign'); }
        if (s.charAt(i) === '0') { i++; if (/[0-9]/.test(s.charAt(i))) at('Unexpected number'); }
        else digits();
        if (s.charAt(i) === '.') { i++; if (!digits()) at('Unterminated fractional number'); }
        if (s.charAt(i) === 'e' || s.charAt(i) === 'E') {
            i++;
            if (s.charAt(i) === '+' || s.charAt(i) === '-') i++;
            if (!digits()) at('Exponent part is missing a number');
        }
    }
    function string() {
        i++;
        for (;;) {
            if (i >= n) at('Unterminated string');
            var c = s.charCodeAt(i);
            if (c === 0x22) { i++; return; }
            if (c < 0x20) at('Bad control character in string literal');
            if (c === 0x5c) {
                i++;
                var e = s.charAt(i);
                if (e === 'u') {
                    i++;
                    for (var k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(s.charAt(i))) at('Bad Unicode escape');
                    continue;
                }
                if ('"\\/bfnrt'.indexOf(e) < 0 || e === '') at('Bad escaped character');
            }
            i++;
        }
    }
    function value() {
        ws();
        var c = s.charAt(i);
        if (c === '"') return string();
        if (c === '-' || /[0-9]/.test(c)) return number();
        if (c === 't') return literal('true');
        if (c === 'f') return literal('false');
        if (c === 'n') return literal('null');
        if (c === '[') {
            i++; ws();
            if (s.charAt(i) === ']') { i++; return; }
            for (;;) {
                value(); ws();
                if (s.charAt(i) === ',') { i++; continue; }
                if (s.charAt(i) === ']') { i++; return; }
                at('Expected \',\' or \']\' after array element');
            }
        }
        if (c === '{') {
            i++; ws();
            if (s.charAt(i) === '}') { i++; return; }
            if (s.charAt(i) !== '"') at('Expected property name or \'}\'');
            for (;;) {
                string(); ws();
                if (s.charAt(i) !== ':') at('Expected \':\' after property name');
                i++;
                value(); ws();
                if (s.charAt(i) === '}') { i++; return; }
                if (s.charAt(i) !== ',') at('Expected \',\' or \'}\' after property value');
                i++; ws();
                if (s.charAt(i) !== '"') at('Expected double-quoted property name');
            }
        }
        unexpected();
    }
    if (s === 'undefined' || s === 'NaN' || s === 'Infinity' || s === '[object Object]')
        fail('"' + s + '" is not valid JSON');
    try {
        value(); ws();
        if (i < n) fail('Unexpected non-whitespace character after JSON at position ' + i);
    } catch (e) {
        if (e instanceof SyntaxError) return e;
        throw e;
    }
    /* Duktape refused what reads as JSON here (nesting past its limit) */
    return new SyntaxError('Unexpected token in JSON at position ' + i);
}
defProp(Duktape, sys.hidden('v8JsonError'), { value: jsonError });

/* --- JSON.stringify on a cycle ---
 * Duktape's encoder says only that the input is cyclic; V8 says where the
 * circle starts and closes.  Having failed so (bigint.js's JSON.stringify
 * calls rt.jsonCycle), the value is walked again, only then, as the
 * encoder walked it, to find the circle. */
function ctorName(o) {
    /* (Array.prototype.constructor may be an accessor: harden.js) */
    var p = Object.getPrototypeOf(o), c = p && p.constructor;
    var n = typeof c === 'function' && c.name;
    return typeof n === 'string' && n ? n : 'Object';
}
function keyText(o, k) { return Array.isArray(o) ? 'index ' + k : 'property \'' + k + '\''; }
/* [{ obj, key }, …] from the object where the circle starts to the key
 * that closes it, or undefined */
function findCycle(v) {
    var path = [];
    function walk(o) {
        if (o === null || typeof o !== 'object') return false;
        if (typeof o.toJSON === 'function') return false;
        for (var i = 0; i < path.length; i++) if (path[i].obj === o) { path.splice(0, i); return true; }
        var entry = { obj: o, key: undefined };
        path.push(entry);
        var keys = Array.isArray(o) ? null : Object.keys(o), n = keys ? keys.length : o.length;
        for (var j = 0; j < n; j++) {
            entry.key = keys ? keys[j] : String(j);
            if (walk(o[entry.key])) return true;
        }
        path.pop();
        return false;
    }
    try { return walk(v) ? path : undefined; } catch (e) { return undefined; }
}
function cycleMessage(path) {
    var lines = ['Converting circular structure to JSON', '    --> starting at object with constructor \'' + ctorName(path[0].obj) + '\''];
    var mid = [];
    for (var i = 1; i < path.length; i++)
        mid.push('    |     ' + keyText(path[i - 1].obj, path[i - 1].key) + ' -> object with constructor \'' + ctorName(path[i].obj) + '\'');
    /* V8 keeps the first two steps and the last one */
    if (mid.length > 3) mid = mid.slice(0, 2).concat(['    |     ...'], mid.slice(-1));
    var last = path[path.length - 1];
    return lines.concat(mid, ['    --- ' + keyText(last.obj, last.key) + ' closes the circle']).join('\n');
}
/* e, with V8's message when it is the encoder's error for a cycle in
 * value (called by bigint.js's JSON.stringify, the only wrapper of it) */
rt.jsonCycle = function (e, value) {
    if (e instanceof TypeError && e.message === 'Converting circular structure to JSON') {
        var path = findCycle(value);
        if (path) defProp(e, 'message', { value: cycleMessage(path), writable: true, configurable: true });
    }
    return e;
};
