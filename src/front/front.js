/* front.js - the modern-syntax front end: ES2022 source in, ES5.1 out.
 *
 * Duktape 2.7 parses ES5.1.  Function files are parsed with acorn (from npm,
 * src/front/package-lock.json; evaluated before this file, as rt.acorn; a
 * TypeScript file is made JavaScript first by typescript.js) and lowered by
 * editing the source in place: every node that needs no change is copied
 * as the user wrote it, and a node that does is rebuilt around its
 * children's own (lowered) text, keeping the line breaks it spanned.  So the
 * output has the input's lines, and stack traces name the user's lines.
 *
 * Block scope: let/const/class in inner blocks are renamed to unique vars;
 * a binding captured by a closure inside a loop gets a fresh copy per
 * iteration through a catch parameter (`try { throw v } catch (x) { … }`),
 * which is the one per-iteration scope ES5 has.
 *
 * async functions and generators run their body in a Duktape.Thread
 * (front-rt.js); `await x` and `yield x` are calls that yield the thread.
 *
 * Needs: rt.acorn (acorn.js) and rt.tsParse, rt.tsToJs (typescript.js),
 *   evaluated before it in the front end's heap, whose sys and rt are its own.
 * Provides: rt.lower, which the engine hands the module binding;
 *   rt.patternNames, rt.isReference and rt.eachChild, for typescript.js.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
/* (rt.acorn stays: the TypeScript plugin, evaluated later, needs it) */
var acorn = rt.acorn;
var H = '__invoke';
var hasOwn = Object.prototype.hasOwnProperty;

function repeatNl(n) {
    var s = '';
    while (n-- > 0) s += '\n';
    return s;
}
function countNl(s) {
    var n = 0, i = -1;
    while ((i = s.indexOf('\n', i + 1)) >= 0) n++;
    return n;
}

/* --- scope analysis ------------------------------------------------- */

function Scope(kind, node, parent, fn) {
    this.kind = kind;           /* 'function' | 'block' */
    this.node = node;
    this.parent = parent;
    this.fn = kind === 'function' ? this : fn;
    this.decls = Object.create(null);   /* name -> binding (__proto__ is a name too) */
    this.inLoop = false;        /* a block inside a loop of its function */
}

function Binding(name, kind, scope) {
    this.name = name;
    this.kind = kind;           /* var | let | const | class | param | fn | catch */
    this.scope = scope;
    this.rename = null;
    this.captured = false;
    this.perIteration = false;
}

function patternNames(p, out) {
    if (!p) return out;
    switch (p.type) {
    case 'Identifier': out.push(p.name); break;
    case 'ObjectPattern':
        for (var i = 0; i < p.properties.length; i++) {
            var q = p.properties[i];
            patternNames(q.type === 'RestElement' ? q.argument : q.value, out);
        }
        break;
    case 'ArrayPattern':
        for (var j = 0; j < p.elements.length; j++) patternNames(p.elements[j], out);
        break;
    case 'RestElement': patternNames(p.argument, out); break;
    case 'AssignmentPattern': patternNames(p.left, out); break;
    case 'TSParameterProperty': patternNames(p.parameter, out); break;
    }
    return out;
}
rt.patternNames = patternNames;

function isFunction(n) {
    return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' ||
           n.type === 'ArrowFunctionExpression';
}
function isLoop(n) {
    return n.type === 'ForStatement' || n.type === 'ForInStatement' || n.type === 'ForOfStatement' ||
           n.type === 'WhileStatement' || n.type === 'DoWhileStatement';
}

var SKIP_KEYS = { type: 1, start: 1, end: 1, loc: 1, range: 1, raw: 1, parent: 1,
                  $scope: 1, $binding: 1, regex: 1, value: 0 };

/* fn.call(self, child, key) for each child node of node; keys of ours
 * ($scope, $binding, ...) are not children.  (hasOwn, a native call, only
 * for what could be a child: every pass walks every node this way.) */
function eachChild(node, fn, self) {
    for (var k in node) {
        if (SKIP_KEYS[k] === 1 || k.charCodeAt(0) === 36) continue;
        var v = node[k];
        if (v && typeof v === 'object' && hasOwn.call(node, k)) {
            if (Array.isArray(v)) {
                for (var i = 0; i < v.length; i++)
                    if (v[i] && typeof v[i].type === 'string') fn.call(self, v[i], k);
            } else if (typeof v.type === 'string') {
                fn.call(self, v, k);
            }
        }
    }
}
rt.eachChild = eachChild;

function children(node) {
    var out = [];
    eachChild(node, function (c) { out.push(c); });
    out.sort(function (a, b) { return a.start - b.start; });
    return out;
}

/* Pass 1: builds scopes and declares every binding. */
function declarePass(root) {
    var top = new Scope('function', root, null, null);
    root.$scope = top;
    function declare(scope, name, kind) {
        var b = scope.decls[name];
        if (!b) b = scope.decls[name] = new Binding(name, kind, scope);
        return b;
    }
    function varScope(scope) { return scope.fn; }
    function visit(node, scope, loopDepth) {
        var i, names, s;
        switch (node.type) {
        case 'FunctionDeclaration':
            if (node.id) declare(scope, node.id.name, 'fn');
            /* falls through */
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
            s = new Scope('function', node, scope, null);
            node.$scope = s;
            if (node.type === 'FunctionExpression' && node.id) declare(s, node.id.name, 'fn');
            for (i = 0; i < node.params.length; i++) {
                names = patternNames(node.params[i], []);
                for (var j = 0; j < names.length; j++) declare(s, names[j], 'param');
                visit(node.params[i], s, 0);
            }
            if (node.body.type === 'BlockStatement') {
                node.body.$scope = s;
                visitList(node.body.body, s, 0);
            } else {
                visit(node.body, s, 0);
            }
            return;
        case 'ClassDeclaration':
            if (node.id) declare(scope, node.id.name, 'class');
            break;
        case 'ImportDeclaration':
            for (i = 0; i < node.specifiers.length; i++)
                declare(scope, node.specifiers[i].local.name, 'import').spec = node.specifiers[i];
            return;
        case 'VariableDeclaration':
            for (i = 0; i < node.declarations.length; i++) {
                names = patternNames(node.declarations[i].id, []);
                for (var k = 0; k < names.length; k++) {
                    var db = declare(node.kind === 'var' ? varScope(scope) : scope, names[k], node.kind);
                    if (node.kind !== 'var' && db.declEnd === undefined) db.declEnd = node.declarations[i].end;
                }
                if (node.kind !== 'var') markDeclIds(node.declarations[i].id);
            }
            break;
        case 'BlockStatement':
        case 'StaticBlock':
            s = new Scope('block', node, scope, scope.fn);
            s.inLoop = loopDepth > 0;
            node.$scope = s;
            visitList(node.body, s, loopDepth);
            return;
        case 'SwitchStatement':
            visit(node.discriminant, scope, loopDepth);
            s = new Scope('block', node, scope, scope.fn);
            s.inLoop = loopDepth > 0;
            node.$scope = s;
            for (i = 0; i < node.cases.length; i++) {
                if (node.cases[i].test) visit(node.cases[i].test, s, loopDepth);
                visitList(node.cases[i].consequent, s, loopDepth);
            }
            return;
        case 'ForStatement':
        case 'ForInStatement':
        case 'ForOfStatement':
            s = new Scope('block', node, scope, scope.fn);
            s.inLoop = true;
            node.$scope = s;
            var kids = children(node);
            for (i = 0; i < kids.length; i++) visit(kids[i], s, loopDepth + 1);
            return;
        case 'WhileStatement':
        case 'DoWhileStatement':
            kids = children(node);
            for (i = 0; i < kids.length; i++) visit(kids[i], scope, loopDepth + 1);
            return;
        case 'CatchClause':
            s = new Scope('block', node, scope, scope.fn);
            s.inLoop = loopDepth > 0;
            node.$scope = s;
            if (node.param) {
                names = patternNames(node.param, []);
                for (i = 0; i < names.length; i++) declare(s, names[i], 'catch');
                visit(node.param, s, loopDepth);
            }
            node.body.$scope = s;
            visitList(node.body.body, s, loopDepth);
            return;
        }
        kids = children(node);
        for (i = 0; i < kids.length; i++) visit(kids[i], scope, loopDepth);
    }
    function visitList(list, scope, loopDepth) {
        for (var i = 0; i < list.length; i++) visit(list[i], scope, loopDepth);
    }
    visitList(root.body, top, 0);
    return top;
}

/* The names a let or const pattern declares are no reads of the binding. */
function markDeclIds(p) {
    if (!p) return;
    switch (p.type) {
    case 'Identifier': p.$declId = true; break;
    case 'ObjectPattern':
        for (var i = 0; i < p.properties.length; i++)
            markDeclIds(p.properties[i].type === 'RestElement' ? p.properties[i].argument : p.properties[i].value);
        break;
    case 'ArrayPattern':
        for (var j = 0; j < p.elements.length; j++) markDeclIds(p.elements[j]);
        break;
    case 'RestElement': markDeclIds(p.argument); break;
    case 'AssignmentPattern': markDeclIds(p.left); break;
    }
}

/* --- the dead zone ---------------------------------------------------
 * A let or const is renamed to a var, which reads undefined before its
 * declaration.  Where the text cannot show that every reference runs
 * after the declaration, the binding gets the dead zone at run time: it
 * holds $hole (__invoke.hole) from its scope's start until its declaration
 * runs, each such read is (x === $hole ? __invoke.tdz("x") : x) and each
 * such `x = v` is x = __invoke.tdzPut(x, v, "x").  A reference is safe
 * (and costs nothing) when it is in the binding's own function after the
 * declaration, or in a function expression, arrow or method made after it,
 * or in a function declaration that nothing names before the declaration
 * (nor any function declaration that is itself named before it).
 * Bindings of loop bodies, loop heads and switch blocks are left as they
 * were (undefined), and so are x += v, x++ and destructuring targets.
 * A default parameter that reads its own or a later parameter (not in a
 * closure) throws where the read is (b.$tdzAlways). */
function tdzEligible(b) {
    if ((b.kind !== 'let' && b.kind !== 'const') || b.declEnd === undefined) return false;
    var sc = b.scope;
    if (sc.kind === 'function') return true;
    var t = sc.node.type;
    return !sc.inLoop && (t === 'BlockStatement' || t === 'StaticBlock' || t === 'CatchClause');
}

function tdzPass(root) {
    var later = [];     /* [ref, binding, the function declaration it is in] */
    function fnUnsafe(fb, end, seen) {
        if (!fb || fb.firstRef === undefined) return false;
        if (fb.firstRef < end) return true;
        for (var i = 0; i < fb.refDecls.length; i++) {
            var g = fb.refDecls[i], gb = g.id && g.id.$binding;
            if (!gb) return true;
            if (seen.indexOf(gb) < 0) {
                seen.push(gb);
                if (fnUnsafe(gb, end, seen)) return true;
            }
        }
        return false;
    }
    function markRef(node, parent, key) {
        /* reads only: the targets of other writes stay as they were */
        if (parent.type === 'AssignmentExpression' && key === 'left') {
            if (parent.operator === '=') parent.$tdzPut = true;
            return;
        }
        if (parent.type === 'UpdateExpression' || parent.type === 'ArrayPattern' || parent.type === 'RestElement' ||
            parent.type === 'AssignmentPattern' && key === 'left' ||
            parent.type === 'Property' && key === 'value' && parent.$inPattern ||
            key === 'left' && (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement'))
            return;
        node.$tdz = true;
    }
    function walk(node, parent, key, fns) {
        if (node.type === 'Identifier') {
            var b = node.$binding;
            if (!b || node.$declId) return;
            if (b.kind === 'fn' && !(parent.type === 'FunctionDeclaration' && key === 'id')) {
                if (b.firstRef === undefined || node.start < b.firstRef) b.firstRef = node.start;
                if (!b.refDecls) b.refDecls = [];
                for (var d = 0; d < fns.length; d++)
                    if (fns[d].type === 'FunctionDeclaration' && b.refDecls.indexOf(fns[d]) < 0) b.refDecls.push(fns[d]);
                return;
            }
            if (b.kind === 'param' && b.paramIndex !== undefined && fns.length && fns[fns.length - 1] === b.scope.node &&
                node.$inDefault !== undefined && b.paramIndex >= node.$inDefault && key !== 'left') {
                node.$tdzAlways = true;
                return;
            }
            if (!tdzEligible(b)) return;
            /* f0: the outermost function within the binding's that holds the reference */
            var fnNode = b.scope.fn.node, f0 = fns[fnNode.type === 'Program' ? 0 : fns.indexOf(fnNode) + 1] || null;
            if (!f0) {
                if (node.start >= b.declEnd) return;
            } else if (f0.type === 'FunctionDeclaration') {
                later.push([node, parent, key, b, f0]);
                return;
            } else if (f0.start >= b.declEnd) {
                return;
            }
            b.tdz = true;
            markRef(node, parent, key);
            return;
        }
        if (node.type === 'ObjectPattern') {
            for (var q = 0; q < node.properties.length; q++) node.properties[q].$inPattern = true;
        }
        /* class x extends x: the class's own name, not yet initialised */
        if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id && node.superClass)
            markSelf(node.superClass, node, 'superClass', node.id.name);
        var inner = isFunction(node) ? fns.concat([node]) : fns;
        if (isFunction(node)) {
            /* a parameter's default: which parameters are still to come */
            for (var pi = 0; pi < node.params.length; pi++) {
                var names = patternNames(node.params[pi], []);
                for (var ni = 0; ni < names.length; ni++) {
                    var pb = node.$scope && node.$scope.decls[names[ni]];
                    if (pb && pb.kind === 'param' && pb.paramIndex === undefined) pb.paramIndex = pi;
                }
            }
            for (pi = 0; pi < node.params.length; pi++)
                if (node.params[pi].type === 'AssignmentPattern') markDefault(node.params[pi].right, pi);
        }
        eachChild(node, function (c, k) { walk(c, node, k, inner); });
    }
    /* the reads of name in n (not in a closure of it) */
    function markSelf(n, parent, key, name) {
        if (!n || isFunction(n) || n.type === 'ClassExpression') return;
        if (n.type === 'Identifier') {
            if (n.name === name && n.$ref && !(parent.type === 'AssignmentExpression' && key === 'left') &&
                parent.type !== 'UpdateExpression') n.$tdzAlways = true;
            return;
        }
        eachChild(n, function (c, k) { markSelf(c, n, k, name); });
    }
    /* the reads of a default that are not in a closure of it */
    function markDefault(n, index) {
        if (!n || isFunction(n) || n.type === 'ClassExpression') return;
        if (n.type === 'Identifier') { if (n.$inDefault === undefined) n.$inDefault = index; return; }
        eachChild(n, function (c) { markDefault(c, index); });
    }
    walk(root, null, null, []);
    for (var i = 0; i < later.length; i++) {
        var l = later[i], fb = l[4].id && l[4].id.$binding;
        if (fb && !fnUnsafe(fb, l[3].declEnd, [fb])) continue;
        l[3].tdz = true;
        markRef(l[0], l[1], l[2]);
    }
}

/* Is this Identifier a variable reference (not a property name or label)? */
function isReference(node, parent, key) {
    switch (parent.type) {
    case 'MemberExpression': return key !== 'property' || parent.computed;
    case 'Property': return key === 'value' || (key === 'key' && parent.computed);
    case 'PropertyDefinition':
    case 'MethodDefinition': return key !== 'key' || parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement': return false;
    case 'MetaProperty': return false;
    case 'ExportSpecifier':
    case 'ImportSpecifier': return false;
    }
    return true;
}
rt.isReference = isReference;

/* Pass 2: resolves every reference, marking bindings captured by closures. */
function resolvePass(root, top) {
    /* inParams: the function whose parameter list we are in, which cannot
     * see its body's declarations (a default `a = x` reads the outer x even
     * when the body says `var x`); such a body binding is renamed */
    function lookup(scope, name, inParams) {
        var crossed = false;
        for (var s = scope; s; s = s.parent) {
            if (hasOwn.call(s.decls, name)) {
                var b = s.decls[name];
                if (s !== inParams || b.kind === 'param' ||
                    b.kind === 'fn' && s.node.type === 'FunctionExpression' && s.node.id && s.node.id.name === name)
                    return { b: b, crossed: crossed };
                b.hiddenFromParams = true;
            }
            if (s.kind === 'function') crossed = true;
        }
        return null;
    }
    function visit(node, parent, key, scope, inParams) {
        if (node.$scope && node !== root) scope = node.$scope;
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'eval') {
            node.$evalScope = scope;
            /* the evaluated text may name any binding it can see, and
             * make closures of it: each is captured as by a closure (a
             * loop's let then gets its copy per iteration) */
            for (var es = scope; es; es = es.parent)
                for (var en in es.decls) es.decls[en].captured = true;
        }
        if (node.type === 'Identifier') {
            if (!parent || isReference(node, parent, key)) {
                var r = lookup(scope, node.name, inParams);
                node.$ref = true;
                if (r) {
                    node.$binding = r.b;
                    if (r.crossed) r.b.captured = true;
                    if (key === 'callee' && parent.type === 'CallExpression' ||
                        key === 'tag' && parent.type === 'TaggedTemplateExpression')
                        node.$callee = true;
                    /* written after its declaration: an export of it is live */
                    if (key === 'left' && parent.type === 'AssignmentExpression' ||
                        key === 'argument' && parent.type === 'UpdateExpression' ||
                        key === 'left' && (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement'))
                        r.b.mutated = true;
                }
            }
            return;
        }
        if (node.type === 'AssignmentExpression' && node.left.type !== 'Identifier' &&
            node.left.type !== 'MemberExpression') {
            var ids = patternNames(node.left, []);
            for (var n = 0; n < ids.length; n++) {
                var w = lookup(scope, ids[n], inParams);
                if (w) w.b.mutated = true;
            }
        }
        eachChild(node, function (c, k) {
            visit(c, node, k, scope, k === 'params' && isFunction(node) ? node.$scope : inParams);
        });
    }
    visit(root, null, null, top);
}

/* Decides the ES5 name of each block-scoped binding. */
function planNames(top, evalN) {
    var counter = 0;
    function walk(scope) {
        for (var name in scope.decls) {
            var b = scope.decls[name];
            if (b.hiddenFromParams) b.rename = name + '$' + (++counter);
            if (b.kind === 'let' || b.kind === 'const' || b.kind === 'class') {
                if (scope.kind === 'block')
                    b.rename = name + '$' + (++counter);
                /* eval's own let, const and class (evalN: the how-manieth
                 * eval): lowered to vars of the caller's function, so
                 * named apart from the caller's and from other evals' */
                else if (evalN && scope === top)
                    b.rename = name + '$e' + evalN + '_' + (++counter);
                if (scope.kind === 'block' && scope.inLoop && b.captured)
                    b.perIteration = true;
            }
        }
    }
    function all(node) {
        if (node.$scope && node.$scope.node === node) walk(node.$scope);
        var kids = children(node);
        for (var i = 0; i < kids.length; i++) all(kids[i]);
    }
    walk(top);
    all(top.node);
}

/* --- generation ------------------------------------------------------ */

function Lowerer(src, file) {
    this.src = src;
    this.file = file;
    this.big = false;       /* the file uses BigInt: operators become calls */
    this.bigLits = {};      /* bigint literal text -> its program variable */
    this.fn = null;         /* current function context */
    this.tempN = 0;
    this.plainSuper = null; /* lower()'s option */
    this.oddNames = false;  /* the source has a name Duktape does not take (ODD_NAME) */
    this.usesHole = false;  /* some binding has the dead zone at run time (tdzPass) */
    this.evalHome = null;   /* eval's text in a method: its home object's text */
    this.evalNames = null;  /* eval's text: the caller's renamed bindings, name -> ES5 name */
    this.isEval = false;    /* eval's text: its program-level vars start anew each time */
}

function FnCtx(node, parent, arrow) {
    this.node = node;
    this.parent = parent;
    this.arrow = arrow;
    this.temps = [];
    this.needThis = false;
    this.needArgs = false;
    this.async = !!node.async;
    this.generator = !!node.generator;
    this.cls = null;        /* class context for super */
}

var L = Lowerer.prototype;

/* An arrow function, and the body an async function or generator runs in,
 * become an object literal's method taken out of it: Duktape makes every
 * `function` expression constructable, with an automatic prototype whose
 * constructor points back at it, a cycle that only a collection frees
 * (with the closure's whole scope: a handler's req and res).  A method
 * has no prototype and cannot be constructed, as an arrow must not be;
 * its holder goes by reference counting.  Its name is '' as an
 * anonymous function expression's. */
var METHOD_OPEN = "({''", METHOD_CLOSE = "})['']";

/* Duktape takes these as property names but not as method shorthand names */
var RESERVED = /^(?:break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|implements|interface|package|private|protected|public|await|get|set)$/;

L.temp = function () {
    var name = '$t' + (++this.tempN);
    this.fn.temps.push(name);
    return name;
};

L.error = function (msg, pos) {
    var loc = acorn.getLineInfo(this.src, pos);
    var e = new SyntaxError(msg + ' (' + this.file + ':' + loc.line + ':' + (loc.column + 1) + ')');
    e.lineNumber = loc.line;
    throw e;
};

L.text = function (a, b) { return this.src.slice(a, b); };
/* out, plus the line breaks of src[a, b) that out does not have yet */
L.padTo = function (out, a, b) {
    return out + repeatNl(countNl(this.src.slice(a, b)) - countNl(out));
};
L.nl = function (a, b) { return repeatNl(countNl(this.src.slice(a, b))); };

/* The node's own text with each child replaced by its lowered form. */
L.copy = function (node) {
    var kids = children(node), out = '', pos = node.start;
    for (var i = 0; i < kids.length; i++) {
        var k = kids[i];
        if (k.start < pos) continue;
        out += this.src.slice(pos, k.start) + this.gen(k);
        pos = k.end;
    }
    return out + this.src.slice(pos, node.end);
};

/* Lowered text of node, padded with the line breaks of src between a and b
 * that the lowered text lost. */
L.genPad = function (node, a, b) {
    var s = this.gen(node);
    var want = countNl(this.src.slice(a, b)), got = countNl(s);
    return s + repeatNl(want - got);
};

L.gen = function (node) {
    var f = this['g' + node.type];
    var s = f ? f.call(this, node) : this.copy(node);
    /* a test (markTests) in a file that uses BigInt: 0n is falsy */
    if (node.$test && !boolish(node)) {
        if (node.type === 'SequenceExpression') s = '(' + s + ')';     /* if (a, b): one argument */
        s = this.plainRead(node, s) ? '(typeof ' + s + ' !== "object" ? ' + s + ' : ' + H + '.tt(' + s + '))' : H + '.tt(' + s + ')';
    }
    return s;
};

/* nearest function whose `this` an arrow sees */
L.thisFn = function () {
    var f = this.fn;
    while (f.arrow) f = f.parent;
    return f;
};

/* What ES2022 takes in a name and Duktape's lexer does not: the Other_ID_Start
 * and Other_ID_Continue characters (U+2118 and the like).  A name with one is
 * written as a string where it is a property name, and as asciiName(name)
 * where it is a variable's. */
var ODD_NAME = /[\u00b7\u0387\u1369-\u1371\u1885\u1886\u19da\u2118\u212e\u309b\u309c\u30fb\uff65]/;

L.gIdentifier = function (node) {
    var s = this.gName(node);
    if (node.$tdz) {
        this.usesHole = true;
        return '(' + s + ' === $hole ? ' + H + '.tdz(' + JSON.stringify(node.name) + ') : ' + s + ')';
    }
    if (node.$tdzAlways) return H + '.tdz(' + JSON.stringify(node.name) + ')';
    if (this.oddNames && ODD_NAME.test(s)) return node.$key ? JSON.stringify(node.name) : asciiName(s);
    return s;
};

L.gName = function (node) {
    var b = node.$binding;
    if (node.$bigFn) return H + '.' + node.name;
    /* require, module, exports, __filename, __dirname: not in an ES module
     * (but in a .cts, which tsc makes CommonJS) */
    if (!b && node.$ref && this.mod && WRAPPER_NAMES[node.name] === 1 && !this.cjsNames &&
        !(this.tsRequire && node.name === 'require'))
        return H + '.notInModule(' + JSON.stringify(node.name) + ')';
    /* an imported function is called with no `this`, as in a module */
    if (b && b.importMember && node.$callee) return '(0, ' + b.rename + ')';
    if (b && b.rename) return b.rename;
    if (!b && this.evalNames && node.$ref && hasOwn.call(this.evalNames, node.name)) return this.evalNames[node.name];
    /* an arrow's `arguments` is its function's (only the name read as a
     * variable: not o.arguments, nor { arguments: 1 }) */
    if (node.name === 'arguments' && !b && node.$ref && this.fn.arrow) {
        var f = this.thisFn();
        if (f.node.type !== 'Program') {
            f.needArgs = true;
            return '$args';
        }
    }
    return node.name;
};

L.gThisExpression = function () {
    var f = this.thisFn();
    /* parenthesised: `this.x` and `this && this.x` must stay valid */
    if (this.mod && f.node.type === 'Program') return '(void 0)';
    /* before super() a derived constructor has no this: V8's
     * ReferenceError (derivedThis), not a TypeError about undefined */
    if (f.cls && f.cls.derived && f.cls.ctor === f) return '($this || ' + H + '.derivedThis($this))';
    if (f !== this.fn) {
        f.needThis = true;
        return '$this';
    }
    return 'this';
};

L.gLiteral = function (node) {
    if (typeof node.value === 'number' && node.raw.indexOf('_') >= 0)
        return node.raw.replace(/_/g, '');
    if (node.regex) return this.regex(node);
    if (typeof node.bigint === 'string') return this.bigLiteral(node.bigint);
    return node.raw;
};

/* A regex Duktape's ES5 engine runs as written stays a literal; one with
 * named groups or the d, s, u, v or y flag becomes a call to stdlib.js's lowering
 * (a RegExp whose exec() gives groups and keeps the sticky rule).  What
 * cannot be lowered is a compile error here, not a different regex. */
L.regex = function (node) {
    var p = node.regex.pattern, fl = node.regex.flags;
    /* the pattern without escapes and classes, where groups can be seen */
    var bare = p.replace(/\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]/g, '_');
    if (/[dsuvy]/.test(fl) || /\(\?<[^=!]/.test(bare))
        return H + '.re(' + JSON.stringify(p) + ', ' + JSON.stringify(fl) + ')';
    /* Annex B's legacy syntax, which Duktape refuses (stdlib.js) */
    var legacy = rt.annexB ? rt.annexB(p) : p;
    if (legacy !== p) return '/' + legacy + '/' + fl;
    return node.raw;
};

/* --- functions ----------------------------------------------------- */

L.withFn = function (node, arrow, body) {
    var saved = this.fn;
    this.fn = new FnCtx(node, saved, arrow);
    if (saved && arrow) this.fn.cls = null;
    try {
        return body.call(this, this.fn);
    } finally {
        this.fn = saved;
    }
};

/* The number of directives ('use strict', ...) a statement list starts
 * with: what is inserted at the start of a body goes after them, so that
 * 'use strict' stays a directive. */
function directiveCount(list) {
    var k = 0;
    while (k < list.length && list[k].type === 'ExpressionStatement' && typeof list[k].directive === 'string') k++;
    return k;
}

/* A body's statements (list, the text src[a, b)) split where code may be
 * inserted: { dir, bare, rest }, dir the directive prologue (bare: the
 * directives alone, on no line of their own), ending in ';' when
 * it has any (the source's last directive may have none, and what is
 * inserted after it would otherwise continue it: `'use strict'var $t1;`). */
L.splitPrologue = function (list, a, b) {
    var k = directiveCount(list), bare = '';
    if (!k) return { dir: '', bare: '', rest: this.stmts(list, a, b) };
    for (var i = 0; i < k; i++) bare += list[i].expression.raw + ';';
    var end = list[k - 1].end, dir = this.stmts(list.slice(0, k), a, end);
    return { dir: this.src.charAt(end - 1) === ';' ? dir : dir + ';', bare: bare, rest: this.stmts(list.slice(k), end, b) };
};

/* "{" + prologue-safe insertion + body statements + "}" */
L.fnBody = function (node, fc, paramPrologue, name) {
    var body = node.body, inner, dir = '', bare = '';
    if (body.type === 'BlockStatement') {
        var parts = this.splitPrologue(body.body, body.start + 1, body.end - 1);
        dir = parts.dir;
        bare = parts.bare;
        inner = this.tdzInit(node.$scope) + parts.rest;
    } else {
        var e = this.gen(body);
        inner = 'return ' + e + ';';
    }
    var pre = paramPrologue || '';
    if (fc.needThis) pre = 'var $this = this;' + pre;
    if (fc.needArgs) pre = 'var $args = arguments;' + pre;
    if (fc.needNT) pre = 'var $nt = ' + H + '.ntOf(new.target);' + pre;
    if (fc.temps.length) pre = 'var ' + fc.temps.join(', ') + ';' + pre;
    if (fc.async || fc.generator) {
        var kind = fc.async && fc.generator ? 'asyncGen' : fc.async ? 'async' : 'gen';
        /* this and arguments reach the body through apply; a generator's
         * parameters are bound when it is called (an async function's
         * errors there reject its promise instead) */
        var wrapped = (fc.generator ? '' : pre) + inner;
        /* Duktape makes an arguments object for every call of a function
         * that names it (~11k instructions): the body gets the caller's
         * only when its text may read them (a false match costs nothing
         * but that object) */
        var args = /\barguments\b|\beval\b/.test(wrapped) ? 'arguments' : 'null';
        /* the directives lead both functions: 'use strict' makes the
         * outer one's this undefined for a plain call, as the body's */
        /* the body is named as its function is: Duktape's traceback
         * names a frame by its function, and the outer function, tail
         * called, leaves no frame (errors.js: `at a`, `at async b`) */
        var key = bodyName(node, name);
        inner = 'return ' + H + '.' + kind + '(this, ' + args + ', ({' + (key || "''") + '() {' +
            bare + wrapped + '}})' + (key ? '.' + key : "['']") + ');';
        if (!fc.generator) pre = '';
    }
    return '{' + dir + pre + inner + '}';
};

L.stmts = function (list, a, b) {
    var out = '', pos = a;
    for (var i = 0; i < list.length; i++) {
        out += this.src.slice(pos, list[i].start) + (i ? '' : this.declMarks(list)) + this.genStmt(list[i]);
        pos = list[i].end;
    }
    return out + this.src.slice(pos, b);
};

/* A statement of a list, lowered.  One the source starts with a name
 * (`a?.b()`, `x ??= y`, `this.x = 1` in a module) may be lowered to text
 * that starts with "(" or "[", which would continue a previous statement
 * the source left without ";" (ASI): `f()\n(($t1 = a) == null ...` calls
 * f's result.  Such a statement gets a ";" of its own first (in a list,
 * an empty statement). */
L.genStmt = function (node) {
    var s = this.gen(node), c = s.charAt(0);
    if ((c === '(' || c === '[') && this.src.charAt(node.start) !== c) s = ';' + s;
    return s;
};

/* case x: its statements are a list as a block's are */
L.gSwitchCase = function (node) {
    var cons = node.consequent;
    if (!cons.length) return this.copy(node);
    var head = node.test ? this.src.slice(node.start, node.test.start) + this.gen(node.test) : '';
    var from = node.test ? node.test.end : node.start;
    return head + this.stmts(cons, from, node.end);
};

/* Simple params stay; patterns, defaults and rest become a prologue. */
L.params = function (node) {
    var ps = node.params, names = [], pro = '', tail = false, unmapped = false, i;
    /* a function whose parameters are not all plain names has an arguments
     * object that no parameter follows: where its body reads arguments,
     * its lowered parameters are stand-ins, copied to vars of their names */
    if (node.type !== 'ArrowFunctionExpression' && node.body.type === 'BlockStatement') {
        for (i = 0; i < ps.length; i++) if (ps[i].type !== 'Identifier') unmapped = true;
        unmapped = unmapped && usesWord(this.src.slice(node.body.start, node.body.end), 'arguments');
    }
    for (i = 0; i < ps.length; i++) {
        var p = ps[i];
        /* the function's length counts the parameters before the first
         * default: the ones after it are read from arguments */
        if (p.type === 'AssignmentPattern') tail = true;
        if (tail && p.type !== 'RestElement') {
            var left = p.type === 'AssignmentPattern' ? p.left : p;
            var slot = left.type === 'Identifier' ? this.gIdentifier(left) : '$p' + i;
            pro += 'var ' + slot + ' = arguments[' + i + '];';
            if (p.type === 'AssignmentPattern' && left.type === 'Identifier') this.nameFor(p.right, left.name);
            if (p.type === 'AssignmentPattern') pro += 'if (' + slot + ' === void 0) ' + slot + ' = ' + this.gen(p.right) + ';';
            if (left.type !== 'Identifier') pro += 'var ' + this.destructure(left, slot, 'decl') + ';';
            continue;
        }
        if (p.type === 'Identifier' && unmapped) {
            names.push('$a' + i);
            pro += 'var ' + this.gIdentifier(p) + ' = $a' + i + ';';
        } else if (p.type === 'Identifier') {
            names.push(this.gIdentifier(p));
        } else if (p.type === 'RestElement') {
            var t = 'Array.prototype.slice.call(arguments, ' + i + ')';
            if (p.argument.type === 'Identifier') pro += 'var ' + this.gIdentifier(p.argument) + ' = ' + t + ';';
            else pro += 'var ' + this.destructure(p.argument, t, 'decl') + ';';
        } else if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') {
            this.nameFor(p.right, p.left.name);
            var n = this.gIdentifier(p.left);
            names.push(n);
            pro += 'if (' + n + ' === void 0) ' + n + ' = ' + this.gen(p.right) + ';';
        } else {
            var pn = '$p' + i;
            names.push(pn);
            pro += 'var ' + this.destructure(p, pn, 'decl') + ';';
        }
    }
    return { list: names.join(', '), prologue: pro };
};

/* the name an async function's or generator's body takes: its
 * function's (name, as func got it) when a plain name (Duktape names a
 * method by an identifier key only), or '' */
function bodyName(node, name) {
    var n = name !== undefined ? name : node.$name !== undefined ? node.$name :
        node.id ? node.id.name : node.$method;
    return typeof n === 'string' && /^[A-Za-z_$][\w$]*$/.test(n) && !RESERVED.test(n) && n !== '__proto__' ? n : '';
}

/* name: the name fnKind gives an async function or generator (an object
 * literal's method, which is lowered to a property's value) */
L.func = function (node, arrow, name) {
    return this.withFn(node, arrow, function (fc) {
        /* keep "function name" text, minus async/star; an arrow is a
         * method (METHOD_OPEN) */
        var as = !arrow && !node.id ? this.ownName(node) : null;
        var head = arrow ? '' : 'function' + (node.id ? ' ' + this.gIdentifier(node.id) : ' ' + (as || ''));
        var p = this.params(node);
        /* the parameters' line breaks go between ")" and "{" */
        var sig = head + '(' + p.list + ')';
        var want = countNl(this.src.slice(node.start, node.body.start)) - countNl(sig + p.prologue);
        var f = sig + repeatNl(want) + this.fnBody(node, fc, p.prologue, name);
        if (arrow) f = METHOD_OPEN + f + METHOD_CLOSE;
        /* an async function or generator gets the prototype node gives
         * it (AsyncFunction.prototype, ...); a declaration, where its
         * statement list starts (declMarks) */
        var k = fnKindOf(node);
        if (name === undefined && node.$name !== undefined && !node.id) name = node.$name;
        if (!k && name !== undefined && !as && node.type !== 'FunctionDeclaration')
            return H + '.named(' + f + ', ' + JSON.stringify(name) + ')';
        if (!k || node.type === 'FunctionDeclaration') return f;
        return H + '.fnKind(' + f + ', ' + k + (name === undefined ? '' : ', ' + JSON.stringify(name)) + ')';
    });
};

/* 1 async function, 2 generator, 3 async generator (front-rt.js, fnKind);
 * 0 for any other function */
function fnKindOf(node) {
    return (node.async ? 1 : 0) + (node.generator ? 2 : 0);
}

/* "__invoke.fnKind(f, k);" for each async function or generator a
 * statement list declares, to run before the list's first statement:
 * hoisted, such a function can be called or inspected before its
 * declaration is reached. */
L.declMarks = function (list) {
    var out = '';
    for (var i = 0; i < list.length; i++) {
        var n = list[i];
        if (n.type === 'ExportNamedDeclaration' || n.type === 'ExportDefaultDeclaration') n = n.declaration;
        if (n && n.type === 'FunctionDeclaration' && fnKindOf(n))
            out += H + '.fnKind(' + (n.id ? this.gIdentifier(n.id) : '$default') + ', ' + fnKindOf(n) + ');';
    }
    return out;
};

L.gFunctionDeclaration = function (node) {
    if (!node.async && !node.generator && !this.needsParams(node) &&
        !this.trailingComma(node.params, node.body.start))
        return this.withFn(node, false, function (fc) {
            var s = this.copyFnShell(node, fc);
            return s;
        });
    return this.func(node, false);
};
L.gFunctionExpression = L.gFunctionDeclaration;

L.needsParams = function (node) {
    for (var i = 0; i < node.params.length; i++)
        if (node.params[i].type !== 'Identifier') return true;
    return false;
};

/* An ES5-shaped function: copy its header, lower its body. */
L.copyFnShell = function (node, fc) {
    var head = this.src.slice(node.start, node.body.start);
    var rename = node.id && node.id.$binding && node.id.$binding.rename;
    /* a function, not a string: the new name has a $ in it */
    if (rename) head = head.replace(/^function(\s+)[^\s(]+/, function (m, sp) { return 'function' + sp + rename; });
    if (node.$name !== undefined && !node.id) {
        var as = this.ownName(node);
        if (!as) return H + '.named(' + head + this.fnBody(node, fc, '') + ', ' + JSON.stringify(node.$name) + ')';
        head = head.replace(/^function\s*/, function () { return 'function ' + as + ' '; });
    }
    return head + this.fnBody(node, fc, '');
};

/* whether text has word as a whole word (a name it may use) */
function usesWord(text, word) {
    for (var i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1))
        if (!/[\w$]/.test(text.charAt(i - 1)) && !/[\w$]/.test(text.charAt(i + word.length))) return true;
    return false;
}

/* NamedEvaluation (ES2015): an anonymous function, arrow or class given
 * to a name (x = function () {}, {k: () => 1}, a = class {} as a default)
 * is named by it.  The name is set on the node, for its generator. */
L.nameFor = function (value, name, binding) {
    /* (function () {}) is named too: NamedEvaluation looks through parentheses */
    while (value && value.type === 'ParenthesizedExpression') value = value.expression;
    if (!value || value.id || value.$name !== undefined) return;
    if (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression') value.$name = name;
    /* a lowered class binds its name inside its body: only a declared
     * name (binding), or one the class's text does not use, can be it */
    else if (value.type === 'ClassExpression' &&
             (binding || /^[A-Za-z_][\w$]*$/.test(name) && !RESERVED.test(name) &&
              !usesWord(this.src.slice(value.start, value.end), name)))
        value.$name = name;
};

/* The name a function expression named by NamedEvaluation can carry in
 * its own text (function x () {}: no call at run time), or null when that
 * would change what the body sees: the name is used in it (it would find
 * the function, not the outer binding) or cannot be a binding. */
L.ownName = function (node) {
    var n = node.$name;
    if (n === undefined || node.type !== 'FunctionExpression' || !/^[A-Za-z_$][\w$]*$/.test(n) ||
        RESERVED.test(n) || n === 'arguments' || n === 'eval' || n.charAt(0) === '$' ||
        usesWord(this.src.slice(node.start, node.end), n))
        return null;
    return n;
};

L.gArrowFunctionExpression = function (node) {
    return this.func(node, true);
};

/* --- statements and declarations ---------------------------------- */

/* Names for a declarator list, in "a = x, b = y" form (no "var"). */
L.declarators = function (node, perIter) {
    var parts = [];
    for (var i = 0; i < node.declarations.length; i++) {
        var d = node.declarations[i], pad = '';
        if (i + 1 < node.declarations.length)
            pad = this.nl(d.end, node.declarations[i + 1].start);
        if (d.id.type === 'Identifier') {
            /* and the line breaks before its `=` (a type annotation's, in
             * TypeScript), kept there: the initialiser stays on its line */
            var name = this.gIdentifier(d.id) + (d.init ? this.nl(d.id.end, d.init.start) : '');
            this.nameFor(d.init, d.id.name, true);
            if (node.kind === 'var' && this.redeclaresParam(d.id)) {
                /* the body runs in a nested function: a var there would hide the parameter */
                var t = this.temp();
                if (d.init) parts.push(t + ' = (' + name + ' = ' + this.genPad(d.init, d.init.start, d.init.end) + ')' + pad);
                else parts.push(t + pad);
            } else if (d.init) parts.push(name + ' = ' + this.genPad(d.init, d.init.start, d.init.end) + pad);
            else if (perIter || (node.kind !== 'var' && this.inLoopBody) || d.id.$binding && d.id.$binding.tdz)
                parts.push(name + ' = void 0' + pad);
            else parts.push(name + pad);
        } else {
            var init = this.genPad(d.init, d.id.start, d.init.end);
            parts.push(this.destructure(d.id, init, 'decl') + pad);
        }
    }
    return parts.join(', ');
};

/* `var a` in an async function or generator whose parameter is a */
L.redeclaresParam = function (id) {
    return (this.fn.async || this.fn.generator) && id.$binding && id.$binding.kind === 'param' &&
        id.$binding.scope === this.fn.node.$scope;
};

L.gVariableDeclaration = function (node) {
    var perIter = this.isPerIter(node);
    var semi = this.src.charAt(node.end - 1) === ';' ? ';' : '';
    var body = this.declarators(node, perIter);
    var lead = this.nl(node.start, node.declarations[0].start);
    /* the per-iteration names are catch parameters already; the others
     * (`const t = …, n = …` with only n captured) are declared here */
    if (perIter) {
        var others = this.nonPerIterNames(node);
        return (others.length ? 'var ' + others.join(', ') + '; ' : '') + lead + body + semi;
    }
    if (node.kind !== 'var' && !this.inForHead && this.fnLoopDepth() > 0) {
        /* a let without initialiser in a loop starts undefined each time */
        body = this.declarators(node, true);
    }
    return 'var ' + lead + body + semi;
};

L.fnLoopDepth = function () { return this.fn.loopDepth || 0; };

L.isPerIter = function (node) {
    if (node.kind === 'var') return false;
    for (var i = 0; i < node.declarations.length; i++) {
        var names = patternNames(node.declarations[i].id, []);
        for (var j = 0; j < names.length; j++) {
            var b = this.bindingOf(node.declarations[i].id, names[j]);
            if (b && b.perIteration) return true;
        }
    }
    return false;
};

/* The ES5 names of a declaration's bindings that are not per-iteration. */
L.nonPerIterNames = function (node) {
    var out = [];
    for (var i = 0; i < node.declarations.length; i++) {
        var names = patternNames(node.declarations[i].id, []);
        for (var j = 0; j < names.length; j++) {
            var b = this.bindingOf(node.declarations[i].id, names[j]);
            if (!b || !b.perIteration) out.push(b && b.rename || names[j]);
        }
    }
    return out;
};

L.bindingOf = function (pattern, name) {
    var found = null;
    (function walk(p) {
        if (!p || found) return;
        if (p.type === 'Identifier') { if (p.name === name) found = p.$binding || null; return; }
        var kids = children(p);
        for (var i = 0; i < kids.length; i++) walk(kids[i]);
    })(pattern);
    return found;
};

/* The per-iteration bindings a scope declares, as catch names. */
L.perIterNames = function (scope) {
    var out = [];
    if (!scope) return out;
    for (var n in scope.decls) {
        var b = scope.decls[n];
        if (b.perIteration) out.push(b.rename || n);
    }
    return out;
};

function catchOpen(names) {
    var s = '';
    for (var i = 0; i < names.length; i++) s += 'try { throw void 0 } catch (' + names[i] + ') {';
    return s;
}
function catchClose(names) {
    var s = '';
    for (var i = 0; i < names.length; i++) s += '}';
    return s;
}

/* the dead zone's start (tdzPass) for the bindings scope declares */
L.tdzInit = function (scope) {
    var out = '';
    if (!scope) return out;
    for (var n in scope.decls) {
        var b = scope.decls[n];
        if (b.tdz) out += (b.rename || n) + ' = $hole;';
    }
    if (out) this.usesHole = true;
    return out;
};

L.gBlockStatement = function (node) {
    var names = this.perIterNames(node.$scope);
    var inner = (node.$scope && node.$scope.node !== this.fn.node ? this.tdzInit(node.$scope) : '') +
        this.stmts(node.body, node.start + 1, node.end - 1);
    var fd = this.hoistedFns(node);
    return '{' + catchOpen(names) + fd + inner + catchClose(names) + '}';
};
L.hoistedFns = function () { return ''; };

L.gStaticBlock = L.gBlockStatement;

L.loop = function (node, body) {
    var saved = this.fn.loopDepth || 0;
    this.fn.loopDepth = saved + 1;
    try { return body.call(this); } finally { this.fn.loopDepth = saved; }
};

L.gWhileStatement = function (node) {
    return this.loop(node, function () { return this.copy(node); });
};
L.gDoWhileStatement = L.gWhileStatement;

L.bodyText = function (stmt) {
    if (stmt.type === 'BlockStatement') {
        var names = this.perIterNames(stmt.$scope);
        return { open: '{' + catchOpen(names), inner: this.stmts(stmt.body, stmt.start + 1, stmt.end - 1),
                 close: catchClose(names) + '}' };
    }
    return { open: '{', inner: this.gen(stmt), close: '}' };
};

L.gForStatement = function (node) {
    var self = this;
    return this.loop(node, function () {
        var init = node.init, names = self.perIterNames(node.$scope);
        if (!init || init.type !== 'VariableDeclaration' || init.kind === 'var' || !names.length)
            return self.copy(node);
        /* for (let i …) captured by a closure: i$h carries the value from
         * one iteration to the next; each iteration works on its own copy
         * (a catch parameter), on which the update (from the second
         * iteration on), the test and the body run, as the spec's
         * per-iteration environments do, and which is written back at its end. */
        var heads = [];
        for (var i = 0; i < names.length; i++) heads.push(names[i] + '$h');
        var decls = self.scopeDecls(node.$scope).filter(function (d) { return d.perIteration; });
        for (var j = 0; j < decls.length; j++) {
            decls[j].$saved = decls[j].rename;
            decls[j].rename = (decls[j].rename || decls[j].name) + '$h';
        }
        self.inForHead = true;
        var initS = 'var ' + self.declarators(init, false);
        self.inForHead = false;
        for (j = 0; j < decls.length; j++) decls[j].rename = decls[j].$saved;
        var first = self.temp();
        var test = node.test ? 'if (!(' + self.gen(node.test) + ')) break;' : '';
        var update = node.update ? 'if (' + first + ') ' + first + ' = false; else (' + self.gen(node.update) + ');' : '';
        var b = self.bodyText(node.body);
        var copyIn = '', copyOut = '';
        for (i = 0; i < names.length; i++) {
            copyIn += 'try { throw ' + heads[i] + ' } catch (' + names[i] + ') {';
            copyOut += heads[i] + ' = ' + names[i] + ';';
        }
        return self.text(node.start, node.init.start) + initS + ', ' + first + ' = true; ; ) ' +
            self.nl(node.init.end, node.body.start) +
            '{' + copyIn + update + test + 'try ' + b.open + b.inner + b.close + ' finally {' + copyOut + '}' + catchClose(names) + '}';
    });
};

L.scopeDecls = function (scope) {
    var out = [];
    for (var n in scope.decls) out.push(scope.decls[n]);
    return out;
};

/* for (x of it) / for (const [k, v] of it) */
/* for (x of it) body: the iterator is closed (its return() called) when
 * the loop is left early, by break, return or an exception, as the spec
 * says; a label stays on the loop itself, inside the try. */
L.gForOfStatement = function (node, label) {
    if (node.await) return this.forAwait(node, label);
    if (!this.fn.generator) return this.forOfArray(node, label);
    return this.iterLoop(node, label,
        function (right) { return H + '.iter(' + right + ')'; },
        function (it) { return it + '.next()'; },
        function (it, st) { return H + '.close(' + it + ', ' + st + ');'; });
};

/* The loop both for…of and for await become: `start` makes the iterator
 * from the right-hand side, `next` a step from the iterator, `close` the
 * finally block's statement that closes an iterator left early. */
L.iterLoop = function (node, label, start, next, close) {
    var self = this;
    return this.loop(node, function () {
        var it = self.temp(), st = self.temp();
        var right = self.gen(node.right);
        var bind = self.forBinding(node.left, st + '.value');
        var names = self.perIterNames(node.$scope);
        var b = self.bodyText(node.body);
        return 'try { ' + (label || '') + 'for (' + it + ' = ' + start(right) + '; !(' + st + ' = void 0, ' +
            st + ' = ' + next(it) + ').done;) ' + self.nl(node.start, node.body.start) +
            '{' + catchOpen(names) + bind + ';' + b.open + b.inner + b.close + catchClose(names) + '}' +
            ' } finally { ' + close(it, st) + ' }';
    });
};

/* for…of as above, and when the right-hand side is an array whose
 * iteration nobody replaced (rt.forOf gives null), an index loop over it
 * instead: what the array iterator reads (length at each step, then the
 * item), without its call and result object per item (issue 20). */
L.forOfArray = function (node, label) {
    var self = this;
    return this.loop(node, function () {
        var it = self.temp(), st = self.temp(), a = self.temp(), i = self.temp();
        var right = self.gen(node.right);
        var bind = self.forBinding(node.left, '(' + it + ' === null ? ' + a + '[' + i + '] : ' + st + '.value)');
        var names = self.perIterNames(node.$scope);
        var b = self.bodyText(node.body);
        return 'try { ' + (label || '') + 'for (' + a + ' = ' + right + ', ' + it + ' = ' + H + '.forOf(' + a + '), ' +
            i + ' = 0; ' + it + ' === null ? ' + i + ' < ' + a + '.length : !(' + st + ' = void 0, ' +
            st + ' = ' + it + '.next()).done; ' + i + '++) ' + self.nl(node.start, node.body.start) +
            '{' + catchOpen(names) + bind + ';' + b.open + b.inner + b.close + catchClose(names) + '}' +
            ' } finally { ' + H + '.close(' + it + ', ' + st + '); }';
    });
};

L.gLabeledStatement = function (node) {
    if (node.body.type === 'ForOfStatement')
        return this.gForOfStatement(node.body, this.text(node.start, node.body.start));
    return this.copy(node);
};

L.forBinding = function (left, value) {
    if (left.type === 'VariableDeclaration') {
        var id = left.declarations[0].id;
        var perIter = this.isPerIter(left);
        var others = perIter ? this.nonPerIterNames(left) : [];
        var pre = !perIter ? 'var ' : others.length ? 'var ' + others.join(', ') + '; ' : '';
        if (id.type === 'Identifier') return pre + this.gIdentifier(id) + ' = ' + value;
        return pre + this.destructure(id, value, 'decl');
    }
    if (this.isConst(left)) return this.constError(left, value);
    if (left.type === 'Identifier' || left.type === 'MemberExpression') return this.gen(left) + ' = ' + value;
    return this.destructure(left, value, 'assign');
};

L.gForInStatement = function (node) {
    var self = this;
    return this.loop(node, function () {
        var left = node.left;
        if (left.type === 'VariableDeclaration' && (left.kind !== 'var' || left.declarations[0].id.type !== 'Identifier') ||
            left.type === 'ObjectPattern' || left.type === 'ArrayPattern' || self.isConst(left)) {
            var k = self.temp();
            var names = self.perIterNames(node.$scope);
            var b = self.bodyText(node.body);
            return 'for (' + k + ' in ' + self.gen(node.right) + ') ' + self.nl(node.start, node.body.start) +
                '{' + catchOpen(names) + self.forBinding(left, k) + ';' + b.open + b.inner + b.close + catchClose(names) + '}';
        }
        return self.copy(node);
    });
};

L.gCatchClause = function (node) {
    var names = this.perIterNames(node.$scope);
    var inner = this.stmts(node.body.body, node.body.start + 1, node.body.end - 1);
    if (this.fn.generator) {
        var pn = node.param && node.param.type === 'Identifier' ? this.gIdentifier(node.param) : '$e';
        inner = H + '.ret(' + pn + ');' + inner;
    }
    if (!node.param)
        return 'catch ($e) ' + this.nl(node.start, node.body.start) + '{' + catchOpen(names) + inner + catchClose(names) + '}';
    if (node.param.type === 'Identifier')
        return this.text(node.start, node.body.start) + '{' + catchOpen(names) + inner + catchClose(names) + '}';
    return 'catch ($e) ' + this.nl(node.start, node.body.start) + '{var ' + this.destructure(node.param, '$e', 'decl') + ';' +
        catchOpen(names) + inner + catchClose(names) + '}';
};

L.gSwitchStatement = function (node) {
    var names = this.perIterNames(node.$scope);
    if (!names.length) return this.copy(node);
    return '{' + catchOpen(names) + this.copy(node) + catchClose(names) + '}';
};

/* --- destructuring -------------------------------------------------- */

/* Returns "a = …, b = …" assigning pattern from value (an expression). */
L.destructure = function (p, value, mode) {
    var parts = [];
    this.destr(p, value, parts, mode, true);
    return parts.join(', ');
};

L.isSimple = function (s) { return /^[A-Za-z_$][\w$]*$/.test(s); };

/* top: p is the whole pattern, not one inside another (V8's message for
 * a nested one from undefined reads its first key) */
L.destr = function (p, value, parts, mode, top) {
    var t, i;
    switch (p.type) {
    case 'Identifier':
        parts.push(mode === 'assign' && this.isConst(p) ? this.constError(p, value) : this.gIdentifier(p) + ' = ' + value);
        return;
    case 'MemberExpression':
        parts.push(this.gen(p) + ' = ' + value);
        return;
    case 'AssignmentPattern':
        if (p.left.type === 'Identifier') this.nameFor(p.right, p.left.name);
        t = this.temp();
        parts.push(t + ' = ' + value);
        this.destr(p.left, '(' + t + ' === void 0 ? ' + this.gen(p.right) + ' : ' + t + ')', parts, mode, top);
        return;
    case 'ObjectPattern':
        if (this.isSimple(value) && !/^\$t/.test(value) === false) t = value;
        else {
            /* obj() throws for null and undefined; called only then, a
             * call fewer per destructuring (the TypeScript plugin does
             * `const { type } = this` for every token) */
            t = this.temp();
            /* a nested pattern ({ a: { b } } = {}) from undefined: V8
             * says it reads the first key, when that is a plain one */
            var first = p.properties[0], read = '';
            if (!top && first && first.type !== 'RestElement' && !first.computed)
                read = ', ' + JSON.stringify(first.key.type === 'Identifier' ? first.key.name : String(first.key.value));
            parts.push(t + ' = (' + t + ' = ' + value + ') == null ? ' + H + '.obj(' + t + read + ') : ' + t);
        }
        var keys = [];
        for (i = 0; i < p.properties.length; i++) {
            var q = p.properties[i];
            if (q.type === 'RestElement') {
                this.destr(q.argument, H + '.objRest(' + t + ', [' + keys.join(', ') + '])', parts, mode);
                continue;
            }
            var access;
            if (q.computed) {
                var k = this.temp();
                parts.push(k + ' = ' + H + '.key(' + this.gen(q.key) + ')');
                keys.push(k);
                access = t + '[' + k + ']';
            } else if (q.key.type === 'Identifier') {
                keys.push(JSON.stringify(q.key.name));
                access = t + '.' + q.key.name;
            } else {
                keys.push(JSON.stringify(String(q.key.value)));
                access = t + '[' + JSON.stringify(String(q.key.value)) + ']';
            }
            this.destr(q.value, access, parts, mode);
        }
        return;
    case 'ArrayPattern':
        t = this.temp();
        var hasRest = p.elements.length && p.elements[p.elements.length - 1] &&
                      p.elements[p.elements.length - 1].type === 'RestElement';
        parts.push(t + ' = ' + H + '.arr(' + value + ', ' + (hasRest ? -1 : p.elements.length) + ')');
        for (i = 0; i < p.elements.length; i++) {
            var el = p.elements[i];
            if (!el) continue;
            if (el.type === 'RestElement') this.destr(el.argument, H + '.restOf(' + t + ', ' + i + ')', parts, mode);
            else this.destr(el, t + '[' + i + ']', parts, mode);
        }
        return;
    }
    this.error('unsupported destructuring target ' + p.type, p.start);
};

/* x = … where x is a const: evaluate the right side, then throw as V8 does */
L.isConst = function (id) {
    if (id.type !== 'Identifier') return false;
    var b = id.$binding;
    if (b && (b.kind === 'const' || b.kind === 'import')) return true;
    /* inside a class, its own name is a const binding of the class scope
     * (the lowering's `var C` in the class's function is not): unless a
     * binding declared within the class hides it */
    for (var i = this.clsStack.length - 1; i >= 0; i--) {
        var c = this.clsStack[i].node;
        if (b && b.scope.node.start >= c.start && b.scope.node.end <= c.end) return false;
        if (c.id && c.id.name === id.name) return true;
    }
    return false;
};
L.constError = function (id, value) {
    return '(' + value + ', ' + H + '.constAssign())';
};

L.gAssignmentExpression = function (node) {
    var op = node.operator, left = node.left;
    /* a const: ??= and ||= may short-circuit before the assignment */
    var logical = op === '??=' || op === '||=' || op === '&&=';
    if (left.type === 'Identifier' && (op === '=' || logical)) this.nameFor(node.right, left.name);
    if (this.isConst(left) && !logical) return this.constError(left, this.gen(node.right));
    if (node.$tdzPut) {
        var tn = this.gName(left);
        return tn + ' = ' + H + '.tdzPut(' + tn + ', ' + this.gen(node.right) + ', ' + JSON.stringify(left.name) + ')';
    }
    if (left.type === 'MemberExpression' && left.object.type === 'Super') return this.superAssign(node);
    if (this.privTarget(left)) {
        var po = this.temp(), pk = this.privKeyOf(left), pv = this.gen(node.right);
        if (op === '=') return H + '.privSet(' + this.gen(left.object) + ', ' + pk + ', ' + pv + ')';
        var bop = op.slice(0, -1);
        var cur = H + '.privGet(' + po + ', ' + pk + ')';
        var setp = function (v) { return H + '.privSet(' + po + ', ' + pk + ', ' + v + ')'; };
        var head = '(' + po + ' = ' + this.gen(left.object) + ', ';
        /* a logical assignment that short-circuits reads only: no setter runs */
        if (bop === '??') {
            var pt = this.temp();
            return head + '((' + pt + ' = ' + cur + ') != null ? ' + pt + ' : ' + setp(pv) + '))';
        }
        if (bop === '||' || bop === '&&') return head + this.logicalText(bop, cur, setp(pv)) + ')';
        return head + setp(this.binop(bop, cur, pv)) + ')';
    }
    if (left.type === 'ObjectPattern' || left.type === 'ArrayPattern') {
        var t = this.temp();
        return '(' + t + ' = ' + this.gen(node.right) + ', ' + this.destructure(left, t, 'assign') + ', ' + t + ')';
    }
    if (op === '??=' || op === '||=' || op === '&&=' || op === '**=') {
        var ref = this.reference(left), right = this.gen(node.right);
        var self = this, get = ref.get, set = function (v) {
            return self.isConst(left) ? self.constError(left, v) : '(' + ref.set + ' = ' + v + ')';
        };
        var e;
        if (op === '??=') e = '((' + ref.tmp + ' = ' + get + ') != null ? ' + ref.tmp + ' : ' + set(right) + ')';
        else if (this.big && op !== '**=') e = '(' + H + '.tt(' + ref.tmp + ' = ' + get + ') ? ' +
            (op === '||=' ? ref.tmp + ' : ' + set(right) : set(right) + ' : ' + ref.tmp) + ')';
        else if (op === '||=') e = '(' + get + ' || ' + set(right) + ')';
        else if (op === '&&=') e = '(' + get + ' && ' + set(right) + ')';
        else e = set(this.binop('**', get, right));
        return ref.pre ? '(' + ref.pre + ', ' + e + ')' : e;
    }
    if (this.big && op !== '=') return this.bigAssign(node);
    return this.copy(node);
};

L.gExpressionStatement = function (node) {
    var e = node.expression;
    return e.type === 'AssignmentExpression' && e.operator === '=' && this.selfAppend(e) || this.copy(node);
};

/* The statement s = s + a + b;, s = `${s}…`; or s = s.concat(a); (issue 20): Duktape appends
 * in place only for the statement `s += x` (and `s = s + x`), so these
 * forms copied all of s once per statement.  When s holds a string,
 * s + a + b is s + ("" + a + b) (each piece is made a string as it comes,
 * in the same order, and s's own conversion does nothing), and a
 * template's `${s}` is s, and s.concat(a) is s + "".concat(a) (its
 * arguments are made strings after all are evaluated, both ways): the
 * statement becomes `s += …`.  Anything else
 * (a number, an object whose valueOf runs) takes the statement as written.
 * s is a binding of this file (a global's getter would run twice); the
 * text must be one line, as the pieces are written twice, once per
 * branch.  Not as an expression: Duktape then computes the value in a
 * temporary, which holds a second reference, and copies anyway. */
L.selfAppend = function (node) {
    var left = node.left, right = node.right;
    if (this.big || left.type !== 'Identifier' || !left.$binding || this.isConst(left)) return null;
    if (/\n/.test(this.text(node.start, node.end))) return null;
    var same = function (e) { return e.type === 'Identifier' && e.$binding === left.$binding; };
    var s = this.gen(left);
    if (!this.isSimple(s)) return null;
    var orig, rest;
    if (right.type === 'BinaryExpression' && right.operator === '+') {
        var pieces = [], e = right;
        while (e.type === 'BinaryExpression' && e.operator === '+') {
            pieces.unshift(e.right);
            e = e.left;
        }
        /* s = s + x alone appends in place already */
        if (!same(e) || pieces.length < 2) return null;
        var texts = [];
        for (var i = 0; i < pieces.length; i++) texts.push('(' + this.gen(pieces[i]) + ')');
        orig = s + ' + ' + texts.join(' + ');
        rest = (pieces[0].type === 'Literal' && typeof pieces[0].value === 'string' ? '' : '"" + ') + texts.join(' + ');
    } else if (right.type === 'TemplateLiteral' && right.expressions.length > 0 &&
               right.quasis[0].value.cooked === '' && same(right.expressions[0])) {
        var subs = [s];
        for (var j = 1; j < right.expressions.length; j++) subs.push(this.gen(right.expressions[j]));
        orig = this.templateText(right, 0, subs);
        rest = this.templateText(right, 1, subs);
    } else if (right.type === 'CallExpression' && !right.optional && right.callee.type === 'MemberExpression' &&
               !right.callee.computed && !right.callee.optional && right.callee.property.name === 'concat' &&
               same(right.callee.object) && right.arguments.length > 0 && !this.hasSpread(right.arguments)) {
        /* s = s.concat(a, b): a string's concat is String.prototype's
         * (a request that replaces it changes this statement too, see
         * doc/internals.md); an array's is left as it is */
        var args = [];
        for (var a = 0; a < right.arguments.length; a++) args.push(this.gen(right.arguments[a]));
        orig = s + '.concat(' + args.join(', ') + ')';
        rest = '"".concat(' + args.join(', ') + ')';
    } else {
        return null;
    }
    return '{ if (typeof ' + s + ' === "string") ' + s + ' += ' + rest + '; else ' + s + ' = ' + orig + '; }';
};

/* A place to read and write once: { pre, get, set, tmp }. */
L.reference = function (left) {
    var tmp = this.temp();
    if (left.type === 'Identifier') {
        var n = this.gen(left);
        return { pre: '', get: n, set: n, tmp: tmp };
    }
    if (left.type === 'MemberExpression') {
        var o = this.temp(), pre = o + ' = ' + this.gen(left.object), acc;
        if (left.computed) {
            var k = this.temp();
            pre += ', ' + k + ' = ' + this.gen(left.property);
            acc = o + '[' + k + ']';
        } else {
            acc = o + '.' + left.property.name;
        }
        return { pre: pre, get: acc, set: acc, tmp: tmp };
    }
    this.error('invalid assignment target', left.start);
};

/* --- BigInt: operators as calls -------------------------------------- */

/* A bigint is an object (bigint.js), which Duktape's operators cannot
 * know: in a file that uses BigInt (usesBigInt), every operator a bigint
 * can reach becomes a call of __invoke's helper, which gives the native
 * operator's result at once when no operand is an object.  Where both
 * operands are plain reads (a name, a number), a typeof test chooses the
 * native operator inline, so a loop's `i < n` costs no call.  Files
 * without BigInt keep their operators. */
var BIG_OPS = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '**': 'pow', '&': 'band', '|': 'bor',
                '^': 'bxor', '<<': 'shl', '>>': 'shr', '>>>': 'ushr', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge',
                '==': 'eq', '!=': 'ne' };
var BIG_UNARY = { '-': 'neg', '+': 'pos', '~': 'bnot' };
/* global functions called, or handed over as in .filter(Boolean), that
 * convert: bigint.js has versions that know bigints */
var BIG_CALLS = { Number: 1, Boolean: 1, Object: 1 }, BIG_ARGS = { Number: 1, Boolean: 1 };
var TYPE_CMP = { '===': 1, '!==': 1, '==': 1, '!=': 1 };
var BOOL_OPS = /^(?:===|!==|==|!=|<|>|<=|>=|instanceof|in)$/;

/* Does the file use BigInt: name it, or write a literal such as 10n?
 * publicExponent counts as naming it: crypto's asymmetricKeyDetails hands
 * one out to code that may never write BigInt (Number(d.publicExponent)). */
function usesBigInt(src, ast) {
    if (/BigInt|bigint|publicExponent/.test(src)) return true;
    var found = false;
    (function walk(n) {
        if (found) return;
        if (n.type === 'Literal' && typeof n.bigint === 'string') found = true;
        else eachChild(n, walk);
    })(ast);
    return found;
}

/* Marks the expressions whose truth is tested ($test), and the && and ||
 * whose operands are tested in their place ($testLogical). */
function markTest(n) {
    if (n.type === 'ParenthesizedExpression') return markTest(n.expression);
    if (n.type === 'LogicalExpression' && n.operator !== '??') {
        n.$testLogical = true;
        markTest(n.left);
        markTest(n.right);
        return;
    }
    n.$test = true;
}
function markTests(node) {
    switch (node.type) {
    case 'IfStatement': case 'WhileStatement': case 'DoWhileStatement': case 'ConditionalExpression':
        markTest(node.test);
        break;
    case 'ForStatement':
        if (node.test) markTest(node.test);
        break;
    case 'UnaryExpression':
        if (node.operator === '!') markTest(node.argument);
        break;
    }
    eachChild(node, markTests);
}

/* Is the value of n never a bigint, so its native truth is right? */
function boolish(n) {
    switch (n.type) {
    case 'ParenthesizedExpression': return boolish(n.expression);
    case 'BinaryExpression': return BOOL_OPS.test(n.operator);
    case 'UnaryExpression': return n.operator === '!' || n.operator === 'delete' || n.operator === 'typeof' || n.operator === 'void';
    case 'Literal': return typeof n.bigint !== 'string';
    case 'LogicalExpression': return n.operator !== '??' && boolish(n.left) && boolish(n.right);
    case 'TemplateLiteral': case 'ArrayExpression': case 'ObjectExpression': case 'FunctionExpression':
    case 'ArrowFunctionExpression': case 'ClassExpression': case 'NewExpression':
        return true;
    }
    return false;
}

function isNumLit(n) {
    return n.type === 'Literal' && typeof n.value === 'number';
}
function isNullish(n) {
    return n.type === 'Literal' && n.value === null && !n.regex && typeof n.bigint !== 'string' ||
        n.type === 'Identifier' && n.name === 'undefined' && !n.$binding;
}
function isGlobalRef(n, names) {
    return n.type === 'Identifier' && !n.$binding && names[n.name] === 1;
}

/* Is text, the lowered node, a read that may be repeated (a name, this,
 * a number) on one line? */
L.plainRead = function (node, text) {
    return (node.type === 'Identifier' || node.type === 'ThisExpression' || isNumLit(node)) &&
        /^[\w$.]+$/.test(text);
};

/* The lowered texts a and b (its leading line breaks kept) under op; l and
 * r, the nodes they came from, when known. */
L.binop = function (op, a, b, l, r) {
    if (!this.big) return op === '**' ? 'Math.pow(' + a + ', ' + b + ')' : '(' + a + ' ' + op + ' ' + b + ')';
    var call = H + '.' + BIG_OPS[op] + '(' + a + ', ' + b + ')';
    if (!l || !r || !this.plainRead(l, a) || !this.plainRead(r, b)) return call;
    var test = [];
    if (!isNumLit(l)) test.push('typeof ' + a + ' !== "object"');
    if (!isNumLit(r)) test.push('typeof ' + b + ' !== "object"');
    var native = op === '**' ? 'Math.pow(' + a + ', ' + b + ')' : a + ' ' + op + ' ' + b;
    return test.length ? '(' + test.join(' && ') + ' ? ' + native + ' : ' + call + ')' : '(' + native + ')';
};

/* a && b, a || b as values: the first operand tested as a bigint would be */
L.logicalText = function (op, a, b) {
    if (!this.big) return '(' + a + ' ' + op + ' ' + b + ')';
    var t = this.temp();
    return '(' + H + '.tt(' + t + ' = ' + a + ') ? ' + (op === '&&' ? b + ' : ' + t : t + ' : ' + b) + ')';
};

/* A bigint literal: a variable of the program, made once. */
L.bigLiteral = function (text) {
    var lits = this.bigLits;
    if (!hasOwn.call(lits, text)) lits[text] = '$big' + (++this.tempN);
    return lits[text];
};

L.bigBinary = function (node) {
    var op = node.operator, l = node.left, r = node.right;
    /* typeof x === 'string': a bigint's native 'object' is no other
     * type's name, and two strings compare natively */
    if (TYPE_CMP[op] === 1) {
        var ty = l.type === 'UnaryExpression' && l.operator === 'typeof' ? l : r.type === 'UnaryExpression' && r.operator === 'typeof' ? r : null;
        var lit = ty === l ? r : l;
        if (ty && lit.type === 'Literal' && typeof lit.value === 'string') {
            if (lit.value !== 'object' && lit.value !== 'bigint') ty.$plainTypeof = true;
            return this.copy(node);
        }
    }
    if (op === 'instanceof' && !boolish(l) && !isNumLit(l)) {
        var v = this.gen(l), c = this.nl(l.end, r.start) + this.gen(r);
        return this.padTo(H + '.inst(' + v + ', ' + c + ')', node.start, node.end);
    }
    if (!hasOwn.call(BIG_OPS, op) || (TYPE_CMP[op] === 1 && (isNullish(l) || isNullish(r))) || (isNumLit(l) && isNumLit(r) && op !== '**'))
        return this.copy(node);
    var a = this.gen(l), b = this.nl(l.end, r.start) + this.gen(r);
    return this.padTo(this.binop(op, a, b, l, r), node.start, node.end);
};

L.bigUnary = function (node) {
    var op = node.operator, a = node.argument, s;
    if (op === 'typeof') {
        if (node.$plainTypeof) return this.copy(node);
        s = this.gen(a);
        /* a name stays a typeof of its own: it may be undeclared */
        if (a.type === 'Identifier' && this.plainRead(a, s))
            return '(typeof ' + s + ' === "object" ? ' + H + '.type(' + s + ') : typeof ' + s + ')';
        return this.padTo(H + '.type(' + s + ')', node.start, node.end);
    }
    if (!hasOwn.call(BIG_UNARY, op) || isNumLit(a)) return this.copy(node);
    if (op === '-' && a.type === 'Literal' && /^[0-9]+$/.test(a.bigint)) return this.bigLiteral('-' + a.bigint);
    s = this.gen(a);
    var call = H + '.' + BIG_UNARY[op] + '(' + s + ')';
    if (this.plainRead(a, s)) return '(typeof ' + s + ' !== "object" ? ' + op + s + ' : ' + call + ')';
    return this.padTo(call, node.start, node.end);
};

/* x++, --o[k]: the old value ToNumeric, as the spec says */
L.bigUpdate = function (node) {
    var a = node.argument, fn = H + '.' + (node.operator === '++' ? 'inc' : 'dec');
    var ref = this.reference(a), t = ref.tmp, e;
    if (node.prefix) e = '(' + ref.set + ' = ' + fn + '(' + ref.get + '))';
    else e = '(' + t + ' = ' + H + '.num(' + ref.get + '), ' + ref.set + ' = ' + fn + '(' + t + '), ' + t + ')';
    if (a.type === 'Identifier' && this.plainRead(a, ref.get))
        e = '(typeof ' + ref.get + ' !== "object" ? ' + (node.prefix ? node.operator + ref.get : ref.get + node.operator) +
            ' : ' + e + ')';
    return this.padTo(ref.pre ? '(' + ref.pre + ', ' + e + ')' : e, node.start, node.end);
};

/* x += y and the other compound assignments */
L.bigAssign = function (node) {
    var op = node.operator.slice(0, -1), left = node.left;
    if (!hasOwn.call(BIG_OPS, op) || (left.type !== 'Identifier' && left.type !== 'MemberExpression')) return this.copy(node);
    var ref = this.reference(left), v = this.nl(left.end, node.right.start) + this.gen(node.right);
    var e = '(' + ref.set + ' = ' + this.binop(op, ref.get, v, left.type === 'Identifier' ? left : null, node.right) + ')';
    return this.padTo(ref.pre ? '(' + ref.pre + ', ' + e + ')' : e, node.start, node.end);
};

/* --- expressions ---------------------------------------------------- */

L.gBinaryExpression = function (node) {
    if (node.left.type === 'PrivateIdentifier')
        return this.cls().privHas(node.left, this.gen(node.right));
    if (this.big) return this.bigBinary(node);
    if (node.operator === '**')
        return 'Math.pow(' + this.gen(node.left) + ', ' + this.genPad(node.right, node.left.end, node.right.end) + ')';
    return this.copy(node);
};

L.gLogicalExpression = function (node) {
    if (node.operator !== '??') {
        /* a value (not a test, whose operands are tests themselves):
         * 0n && x is 0n */
        if (!this.big || node.$testLogical || boolish(node.left)) return this.copy(node);
        var b = this.nl(node.left.end, node.right.start) + this.gen(node.right);
        return this.padTo(this.logicalText(node.operator, this.gen(node.left), b), node.start, node.end);
    }
    var t = this.temp();
    return '((' + t + ' = ' + this.gen(node.left) + ') != null ? ' + t + ' : ' +
        this.genPad(node.right, node.left.end, node.right.end) + ')';
};

/* A substitution that is a string or a number joins the text as it is
 * (the first part is always a string, so + is concatenation and a number
 * reads as ToString would); anything else goes through __invoke.str
 * (symbols throw, objects' toString before valueOf).  No call per
 * substitution in the common case (issue 20). */
L.gTemplateLiteral = function (node) {
    return this.templateText(node, 0);
};

/* The template from its quasi `from` on (selfAppend drops `${s}`); subs,
 * when given, the substitutions' lowered texts. */
L.templateText = function (node, from, subs) {
    var parts = [], qs = node.quasis, t = node.expressions.length > from ? this.temp() : null;
    for (var i = from; i < qs.length; i++) {
        var cooked = qs[i].value.cooked;
        if (cooked === null || cooked === undefined) this.error('invalid escape in template', qs[i].start);
        if (cooked !== '' || i === from) parts.push(JSON.stringify(cooked) + repeatNl(countNl(qs[i].value.raw)));
        if (i < node.expressions.length) {
            var e = node.expressions[i];
            parts.push('(typeof (' + t + ' = ' + (subs ? subs[i] : this.genPad(e, e.start, e.end)) + ') === "string" || typeof ' + t +
                ' === "number" ? ' + t + ' : ' + H + '.str(' + t + '))');
        }
    }
    /* four parts or more: one string made (String.prototype.concat
     * converts each as + would: every part is a string or a number by
     * now), where + interned each partial result (issue 20).  A request
     * that replaces String.prototype.concat changes its own templates
     * (doc/internals.md, the write barrier). */
    if (parts.length >= 4) return parts[0] + '.concat(' + parts.slice(1).join(', ') + ')';
    return '(' + parts.join(' + ') + ')';
};

L.gTaggedTemplateExpression = function (node) {
    var q = node.quasi, cooked = [], raw = [];
    for (var i = 0; i < q.quasis.length; i++) {
        var c = q.quasis[i].value.cooked;
        cooked.push(c === null || c === undefined ? 'void 0' : JSON.stringify(c));
        raw.push(JSON.stringify(q.quasis[i].value.raw));
    }
    /* the same strings array each time this site runs (a module-level var) */
    var sv = '$site' + (++this.tempN);
    this.moduleVars.push(sv);
    var site = '(' + sv + ' || (' + sv + ' = ' + H + '.site([' + cooked.join(', ') + '], [' + raw.join(', ') + '])))';
    var args = [site];
    for (i = 0; i < q.expressions.length; i++) args.push(this.gen(q.expressions[i]));
    var tag = node.tag, callee;
    if (tag.type === 'MemberExpression') {
        var o = this.temp();
        callee = '(' + o + ' = ' + this.gen(tag.object) + ', ' + o + (tag.computed ? '[' + this.gen(tag.property) + ']' : '.' + tag.property.name) + ').call(' + o + ', ';
        return this.padTo(callee + args.join(', ') + ')', node.start, node.end);
    }
    return this.padTo('(' + this.gen(tag) + ')(' + args.join(', ') + ')', node.start, node.end);
};

L.hasSpread = function (list) {
    for (var i = 0; i < list.length; i++) if (list[i] && list[i].type === 'SpreadElement') return true;
    return false;
};

/* [a, ...b, c] -> [].concat([a], H.spread(b), [c]) */
L.spreadList = function (list, a, b) {
    var groups = [], cur = null, pos = a;
    for (var i = 0; i < list.length; i++) {
        var el = list[i];
        if (el && el.type === 'SpreadElement') {
            if (cur) { groups.push('[' + cur.join(', ') + ']'); cur = null; }
            groups.push(H + '.spread(' + this.genPad(el.argument, pos, el.end) + ')');
        } else {
            if (!cur) cur = [];
            cur.push(el ? this.genPad(el, pos, el.end) : 'void 0');
        }
        if (el) pos = el.end;
    }
    if (cur) groups.push('[' + cur.join(', ') + ']');
    return '[].concat(' + groups.join(', ') + ')' + this.nl(pos, b);
};

L.gArrayExpression = function (node) {
    if (!this.hasSpread(node.elements)) return this.copy(node);
    return this.spreadList(node.elements, node.start, node.end);
};

/* eval(x): still a direct eval (Duktape tells one by its callee's name),
 * of x lowered when it is a text of modern syntax (front-rt.js ev); a
 * method's eval gets its home object's text, for super in the evaluated
 * code (lower()'s '<eval>' file).  Later arguments are evaluated, unused. */
L.directEval = function (node) {
    var h = this.homeStack[this.homeStack.length - 1], home = 'void 0';
    if (h) home = JSON.stringify(typeof h === 'string' ? h : h.isStatic ? h.C : h.C + '.prototype');
    /* the names the text can see that lowering renamed (a block's let x is
     * x$3): the evaluated code's free x is x$3 */
    var names = Object.create(null), any = false;
    for (var sc = node.$evalScope; sc; sc = sc.parent) {
        for (var n in sc.decls) {
            var b = sc.decls[n];
            if (!hasOwn.call(names, n)) {
                names[n] = b.rename || n;
                if (b.rename) any = true;
            }
        }
    }
    var more = any ? ', ' + home + ', ' + JSON.stringify(names) : h ? ', ' + home : '';
    var args = node.arguments, out = 'eval(' + H + '.ev(' + this.gen(args[0]) + more + ')';
    for (var i = 1; i < args.length; i++) out += ', ' + this.gen(args[i]);
    return this.padTo(out + ')', node.start, node.end);
};

L.gCallExpression = function (node) {
    if (node.callee.type === 'Super') return this.superCall(node);
    if (this.big) {
        if (isGlobalRef(node.callee, BIG_CALLS)) node.callee.$bigFn = true;
        for (var ai = 0; ai < node.arguments.length; ai++)
            if (isGlobalRef(node.arguments[ai], BIG_ARGS)) node.arguments[ai].$bigFn = true;
    }
    if (node.optional) return this.chain(node);
    var pc = node.callee, pm = parenChainMember(pc);
    /* (a?.b)(): a call of the chain's member on its object; a chain that
     * short-circuited calls undefined, which throws */
    if (pm) return this.chain({ type: 'CallExpression', callee: pm, arguments: node.arguments, optional: false,
                                start: node.start, end: node.end }, false, '(void 0)()');
    if (pc.type === 'MemberExpression' && !pc.optional && pc.property.type === 'PrivateIdentifier') {
        /* o.#m(a): the method called on o, which privGet alone would lose */
        var po = this.temp(), get = this.cls().privGet(pc, '(' + po + ' = ' + this.gen(pc.object) + ')');
        if (this.hasSpread(node.arguments))
            return get + '.apply(' + po + ', ' + this.spreadList(node.arguments, pc.end, node.end) + ')';
        return get + '.call(' + po + (node.arguments.length ? ', ' : '') + this.argsText(node) + ')';
    }
    if (!this.hasSpread(node.arguments)) {
        if (pc.type === 'Identifier' && pc.name === 'eval' && !pc.$binding && node.arguments.length)
            return this.directEval(node);
        if (node.callee.type === 'MemberExpression' && node.callee.object.type === 'Super')
            return this.superMethodCall(node, this.argsText(node));
        if (this.trailingComma(node.arguments, node.end))
            return this.gen(node.callee) + '(' + this.argsText(node) + ')';
        return this.copy(node);
    }
    var args = this.spreadList(node.arguments, node.callee.end, node.end);
    var c = node.callee;
    if (c.type === 'MemberExpression' && c.object.type === 'Super')
        return this.superMethodApply(node, args);
    if (c.type === 'MemberExpression') {
        var o = this.temp();
        return '(' + o + ' = ' + this.gen(c.object) + ', ' + o + (c.computed ? '[' + this.gen(c.property) + ']' : '.' + c.property.name) +
            '.apply(' + o + ', ' + args + '))';
    }
    return this.gen(c) + '.apply(void 0, ' + args + ')';
};

L.argsText = function (node) {
    var parts = [], pos = node.callee.end;
    for (var i = 0; i < node.arguments.length; i++) {
        parts.push(this.genPad(node.arguments[i], pos, node.arguments[i].end));
        pos = node.arguments[i].end;
    }
    return parts.join(', ') + this.nl(pos, node.end);
};

L.trailingComma = function (list, end) {
    return list.length > 0 && this.src.slice(list[list.length - 1].end, end).indexOf(',') >= 0;
};

L.gNewExpression = function (node) {
    if (!this.hasSpread(node.arguments)) {
        if (this.trailingComma(node.arguments, node.end))
            return 'new ' + this.gen(node.callee) + '(' + this.argsText(node) + ')';
        return this.copy(node);
    }
    return H + '.construct(' + this.gen(node.callee) + ', ' + this.spreadList(node.arguments, node.callee.end, node.end) + ')';
};

L.gObjectExpression = function (node) {
    var props = node.properties, need = false, i, protoProp = null;
    for (i = 0; i < props.length; i++) {
        var p = props[i];
        if (p.type === 'Property' && !p.computed && !p.shorthand && !p.method && p.kind === 'init' &&
            (p.key.name === '__proto__' || p.key.value === '__proto__')) {
            protoProp = p;
            need = true;
        }
        if (p.type === 'SpreadElement') need = true;
        else if (p.method || p.kind !== 'init') { if (this.usesSuper(p.value) || p.computed && p.kind !== 'init') need = true; }
    }
    if (!need) return this.copy(node);
    /* {a, ...b, c} -> H.assign({a}, b, {c}); a literal with super methods
     * gets its home object. */
    /* a run of plain properties after the first group is defined as it is
     * (H.lit: an accessor stays one), not read like a spread source */
    var groups = [], cur = null, pos = node.start + 1, home = null, curAcc = false;
    function flush() {
        var g = '{' + cur.join(', ') + '}';
        groups.push(groups.length && curAcc ? H + '.lit(' + g + ')' : g);
        cur = null;
        curAcc = false;
    }
    for (i = 0; i < props.length; i++) {
        p = props[i];
        if (p === protoProp) {
            pos = p.end;
            continue;
        }
        if (p.type === 'SpreadElement') {
            if (cur) flush();
            groups.push(this.genPad(p.argument, pos, p.end));
        } else if (p.computed && p.kind !== 'init') {
            /* get [k]() {}: Duktape has no computed accessor names */
            if (cur) flush();
            var accKey = this.gen(p.key), accFn;
            if (this.usesSuper(p.value)) {
                if (!home) home = this.temp();
                this.homeStack.push(home);
                try { accFn = this.func(p.value, false); } finally { this.homeStack.pop(); }
            } else {
                accFn = this.func(p.value, false);
            }
            groups.push(H + '.acc(' + accKey + ', ' + JSON.stringify(p.kind) + ', ' + accFn + ')');
        } else {
            if (!cur) cur = [];
            if (p.kind === 'get' || p.kind === 'set') curAcc = true;
            if (this.usesSuper(p.value)) {
                if (!home) home = this.temp();
                this.homeStack.push(home);
                try { cur.push(this.genPad(p, pos, p.end)); } finally { this.homeStack.pop(); }
            } else {
                cur.push(this.genPad(p, pos, p.end));
            }
        }
        pos = p.end;
    }
    if (cur) flush();
    if (!groups.length) groups.push('{}');
    var e = groups.length === 1 && groups[0].charAt(0) === '{' ? groups[0] :
        H + '.assign(' + (groups[0].charAt(0) === '{' ? '' : '{}, ') + groups.join(', ') + ')';
    if (protoProp) e = 'Object.setPrototypeOf(' + e + ', ' + this.gen(protoProp.value) + ')';
    if (home) e = '(' + home + ' = ' + e + ')';
    return this.padTo(e, node.start, node.end);
};

L.usesSuper = function (fnNode) {
    if (!fnNode || fnNode.type !== 'FunctionExpression') return false;
    var found = false;
    (function walk(n) {
        if (found || !n) return;
        if (n.type === 'Super') { found = true; return; }
        if ((n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') && n !== fnNode) return;
        var kids = children(n);
        for (var i = 0; i < kids.length; i++) walk(kids[i]);
    })(fnNode);
    return found;
};

L.gProperty = function (node) {
    if (node.method || node.kind === 'get' || node.kind === 'set') {
        var fnNode = node.value;
        if (fnNode.async || fnNode.generator || this.needsParams(fnNode) || this.usesSuper(fnNode) ||
            (node.kind === 'init' && (node.computed || (node.key.type === 'Identifier' && RESERVED.test(node.key.name))))) {
            var key = node.computed ? '[' + this.gen(node.key) + ']' : this.keyText(node.key);
            if (node.kind !== 'init') {
                return node.kind + ' ' + key + this.funcTail(fnNode);
            }
            /* still a method where Duktape takes its name: named by it */
            var plain = !node.computed && node.key.type === 'Identifier' && !RESERVED.test(node.key.name);
            if (plain && !fnKindOf(fnNode))
                return key + this.funcTail(fnNode);
            /* an async or generator one is a value (fnKind(...)): named */
            return key + ': ' + this.func(fnNode, false, node.computed ? undefined :
                node.key.type === 'Identifier' ? node.key.name : String(node.key.value));
        }
        return this.copy(node);
    }
    if (node.kind === 'init' && !node.computed && !node.shorthand) {
        var pname = node.key.type === 'Identifier' ? node.key.name : String(node.key.value);
        if (pname !== '__proto__') this.nameFor(node.value, pname);
    }
    if (node.shorthand && node.value.type === 'AssignmentPattern') return this.copy(node);
    if (node.shorthand) {
        var v = this.gen(node.value);
        return v === node.key.name ? this.copy(node) : this.keyText(node.key) + ': ' + v;
    }
    if (this.oddNames && !node.computed && node.key.type === 'Identifier') node.key.$key = true;
    return this.copy(node);
};

/* a property's name as written, or as a string where Duktape takes no such name */
L.keyText = function (key) {
    if (this.oddNames && key.type === 'Identifier' && ODD_NAME.test(key.name)) return JSON.stringify(key.name);
    return this.text(key.start, key.end);
};

/* "(params) { body }" of a method, lowered */
L.funcTail = function (fnNode) {
    var f = this.func(fnNode, false);
    return f.slice(f.indexOf('('));
};

L.gMemberExpression = function (node) {
    if (node.optional) return this.chain(node);
    if (node.object.type === 'Super') return this.superGet(node);
    if (node.property.type === 'PrivateIdentifier')
        return this.cls().privGet(node, this.gen(node.object));
    if (this.oddNames && !node.computed && ODD_NAME.test(node.property.name))
        return this.padTo(this.gen(node.object) + '[' + JSON.stringify(node.property.name) + ']', node.start, node.end);
    return this.copy(node);
};

/* the member expression of (a?.b), else null: called, it keeps a as this */
function parenChainMember(n, plainToo) {
    if (n.type !== 'ParenthesizedExpression') return null;
    while (n.type === 'ParenthesizedExpression') n = n.expression;
    if (plainToo && n.type === 'MemberExpression' && n.object.type !== 'Super') return n;
    return n.type === 'ChainExpression' && n.expression.type === 'MemberExpression' ? n.expression : null;
}

L.gChainExpression = function (node) {
    return this.chain(node.expression);
};

/* a?.b.c(d)?.[e] -> nested conditionals that short-circuit the chain */
/* `delete a?.b`: short is what a short-circuited chain gives (true for delete) */
/* short: what a short-circuit gives instead, when not that */
L.chain = function (node, isDelete, short) {
    var ops = [], n = node, inner;
    if (short === undefined) short = isDelete ? 'true' : 'void 0';
    for (;;) {
        while (n.type === 'MemberExpression' || n.type === 'CallExpression') {
            ops.unshift(n);
            n = n.type === 'MemberExpression' ? n.object : n.callee;
            if (n.type === 'ChainExpression') n = n.expression;
        }
        /* (a?.b)?.(): the call keeps a as this, as a?.b?.() does */
        if (ops.length && ops[0].type === 'CallExpression' && (inner = parenChainMember(n, true))) n = inner;
        else break;
    }
    var cur, pre = '', lastObj = null, i = 0;
    if (n.type === 'Super' && ops[0].type === 'CallExpression') {
        /* super()?.x: the chain starts from the constructor call's this */
        cur = this.superCall(ops[0]);
        i = 1;
    } else if (n.type === 'Super') {
        /* super.m?.(): the method read through the home object, called on this */
        cur = this.superGet(ops[0]);
        lastObj = this.superThis();
        i = 1;
        if (ops[1] && ops[1].type === 'CallExpression' && !ops[1].optional) {
            cur += '.call(' + lastObj + (ops[1].arguments.length ? ', ' + this.argsText(ops[1]) : '') + ')';
            lastObj = null;
            i = 2;
        }
    } else {
        cur = this.gen(n);
    }
    for (; i < ops.length; i++) {
        var op = ops[i], t;
        if (op.optional) {
            t = this.temp();
            if (op.type === 'CallExpression' && lastObj) {
                pre += '(' + t + ' = ' + cur + ') == null ? ' + short + ' : ';
                cur = this.hasSpread(op.arguments) ?
                    t + '.apply(' + lastObj + ', ' + this.spreadList(op.arguments, op.callee.end, op.end) + ')' :
                    t + '.call(' + lastObj + (op.arguments.length ? ', ' + this.argsText(op) : '') + ')';
                lastObj = null;
                continue;
            }
            pre += '(' + t + ' = ' + cur + ') == null ? ' + short + ' : ';
            cur = t;
        }
        if (op.type === 'MemberExpression') {
            var next = ops[i + 1];
            if (next && next.type === 'CallExpression' && (next.optional || op.property.type === 'PrivateIdentifier')) {
                /* the object the call needs as this: a?.b?.() and a?.#m() */
                var o = this.temp();
                cur = '(' + o + ' = ' + cur + ')';
                lastObj = o;
            } else {
                lastObj = null;
            }
            if (op.property.type === 'PrivateIdentifier') cur = this.cls().privGet(op, cur);
            else if (op.computed) cur += '[' + this.gen(op.property) + ']';
            else if (this.oddNames && ODD_NAME.test(op.property.name)) cur += '[' + JSON.stringify(op.property.name) + ']';
            else cur += '.' + op.property.name;
        } else {
            if (this.hasSpread(op.arguments)) {
                if (lastObj === null && op.callee.type === 'MemberExpression') {
                    /* keep this: a?.b.c(...x) */
                    var mo = this.temp(), dot = cur.lastIndexOf('.');
                    cur = '(' + mo + ' = ' + cur.slice(0, dot) + ')' + cur.slice(dot);
                    cur = cur + '.apply(' + mo + ', ' + this.spreadList(op.arguments, op.callee.end, op.end) + ')';
                } else {
                    cur = cur + '.apply(' + (lastObj || 'void 0') + ', ' + this.spreadList(op.arguments, op.callee.end, op.end) + ')';
                }
            } else if (lastObj !== null) {
                cur = cur + '.call(' + lastObj + (op.arguments.length ? ', ' : '') + this.argsText(op) + ')';
            } else {
                cur = cur + '(' + this.argsText(op) + ')';
            }
            lastObj = null;
        }
    }
    if (isDelete) cur = 'delete ' + cur;
    return '(' + pre + cur + ')' + repeatNl(countNl(this.text(node.start, node.end)) - countNl(pre + cur));
};

L.gUnaryExpression = function (node) {
    var a = node.argument;
    if (node.operator === 'typeof' && this.mod && a.type === 'Identifier' && !a.$binding &&
        WRAPPER_NAMES[a.name] === 1 && !this.cjsNames)
        return '"undefined"';
    if (node.operator === 'delete' && node.argument.type === 'ChainExpression')
        return this.padTo(this.chain(node.argument.expression, true), node.start, node.end);
    /* delete new.target: no reference, so true; lowered, it is a variable,
     * which delete would refuse */
    while (a.type === 'ParenthesizedExpression') a = a.expression;
    if (node.operator === 'delete' && a.type === 'MetaProperty')
        return this.padTo('(' + this.gen(node.argument) + ', true)', node.start, node.end);
    if (this.big) return this.bigUnary(node);
    return this.copy(node);
};

L.gYieldExpression = function (node) {
    var arg = node.argument ? this.gen(node.argument) : 'void 0';
    if (node.delegate)
        return '(' + H + (this.fn.async ? '.yieldStarAsync(' : '.yieldStar(') + arg + '))';
    return '(' + H + '.yield(' + arg + '))';
};

L.gAwaitExpression = function (node) {
    return '(' + H + '.await(' + this.gen(node.argument) + '))';
};

L.forAwait = function (node, label) {
    return this.iterLoop(node, label,
        function (right) { return H + '.asyncIter(' + right + ')'; },
        function (it) { return H + '.await(' + it + '.next())'; },
        function (it, st) {
            return 'if (' + st + ' && !' + st + '.done && typeof ' + it + '["return"] === "function") ' +
                   H + '.await(' + it + '["return"]());';
        });
};

/* --- classes -------------------------------------------------------- */

/* A name made of what Duktape takes in any identifier: a private name may
 * hold what ES2022 allows and Duktape's lexer does not (U+2118, ZWJ, a
 * character past U+FFFF).  Each other character becomes $hex$, and $ only
 * comes from that, so two names never meet. */
function asciiName(n) {
    return /^[A-Za-z0-9_]*$/.test(n) ? n : n.replace(/[^A-Za-z0-9_]/g, function (c) {
        return '$' + c.charCodeAt(0).toString(16) + '$';
    });
}

function ClassCtx(node, name, parent) {
    this.node = node;
    this.name = name;
    this.derived = !!node.superClass;
    this.parent = parent;
    this.ctor = null;
    this.privNames = {};
    this.id = 0;
}

L.cls = function () {
    if (!this.clsStack.length) this.error('private name outside a class', 0);
    return this.clsStack[this.clsStack.length - 1];
};

L.privKey = function (cc, name) {
    for (var c = cc; c; c = c.parent)
        if (hasOwn.call(c.privNames, name)) return c.privNames[name];
    return null;
};

ClassCtx.prototype.privGet = function (node, obj) {
    var k = this.L.privKey(this, node.property.name);
    if (!k) this.L.error('undeclared private name #' + node.property.name, node.start);
    return H + '.privGet(' + obj + ', ' + k + ')';
};
ClassCtx.prototype.privHas = function (node, obj) {
    var k = this.L.privKey(this, node.name);
    return H + '.privHas(' + obj + ', ' + k + ')';
};

L.gClassDeclaration = function (node) {
    var name = this.gIdentifier(node.id);
    return 'var ' + name + ' = ' + this.classExpr(node, name) + ';';
};

L.gClassExpression = function (node) {
    /* const K = class {}: the class is named K */
    return '(' + this.classExpr(node, node.id ? node.id.name : node.$name || '$class') + ')';
};

L.classExpr = function (node, name) {
    var cc = new ClassCtx(node, name, this.clsStack[this.clsStack.length - 1] || null);
    cc.L = this;
    cc.id = ++this.tempN;
    var body = node.body.body, i, m, ctor = null, out = [];
    for (i = 0; i < body.length; i++) {
        m = body[i];
        if (m.key && m.key.type === 'PrivateIdentifier')
            cc.privNames[m.key.name] = '$priv' + cc.id + '_' + asciiName(m.key.name);
    }
    this.clsStack.push(cc);
    try {
        var C = '$C' + cc.id, S = cc.derived ? '$S' + cc.id : null;
        /* each piece with where it was in the source (lines: putAt) */
        var fields = [], statics = [], methods = [], fieldsAt = [], staticsAt = [], methodsAt = [];
        for (i = 0; i < body.length; i++) {
            m = body[i];
            if (m.type === 'MethodDefinition' && m.kind === 'constructor') ctor = m;
        }
        for (i = 0; i < body.length; i++) {
            m = body[i];
            if (m.type === 'MethodDefinition' && m.kind === 'constructor') continue;
            var keyExpr = m.key ? (m.computed ? H + '.key(' + this.gen(m.key) + ')' :
                m.key.type === 'PrivateIdentifier' ? cc.privNames[m.key.name] :
                JSON.stringify(m.key.type === 'Identifier' ? m.key.name : String(m.key.value))) : null;
            if (m.type === 'StaticBlock') {
                var sb = this.withMethod(cc, m, C, function () {
                    return this.withFn({ type: 'FunctionExpression', params: [], body: m }, false, function (fc) {
                        var open = this.src.indexOf('{', m.start) + 1;
                        var inner = this.stmts(m.body, open, m.end - 1);
                        return 'function () {' + this.fnPrologue(fc) + inner + '}';
                    });
                }, true);
                statics.push('(' + sb + ').call(' + C + ')');
                staticsAt.push(m.start);
            } else if (m.type === 'PropertyDefinition') {
                if (m.computed) {
                    /* a computed field name is evaluated once, with the class */
                    var kv = '$k' + cc.id + '_' + i;
                    methods.push('var ' + kv + ' = ' + keyExpr);
                    methodsAt.push(m.start);
                    keyExpr = kv;
                }
                if (!m.computed && m.key.type !== 'PrivateIdentifier')
                    this.nameFor(m.value, m.key.type === 'Identifier' ? m.key.name : String(m.key.value));
                var target = m.static ? C : 'this';
                var val = m.value ? this.withMethod(cc, m, C, function () {
                    return this.withFn({ type: 'FunctionExpression', params: [], body: m.value }, false, function (fc) {
                        var v = this.gen(m.value);
                        return 'function () {' + this.fnPrologue(fc) + 'return ' + v + '; }';
                    });
                }, m.static) : null;
                var v = val ? '(' + val + ').call(' + target + ')' : 'void 0';
                var def = m.key.type === 'PrivateIdentifier' ?
                    H + '.privInit(' + target + ', ' + keyExpr + ', ' + v + ')' :
                    H + '.field(' + target + ', ' + keyExpr + ', ' + v + ')';
                if (m.static) { statics.push(def); staticsAt.push(m.start); } else { fields.push(def); fieldsAt.push(m.start); }
            } else {
                if (!m.computed && m.key.type === 'Identifier') m.value.$method = m.key.name;
                var fn = this.withMethod(cc, m, C, function () { return this.func(m.value, false); }, m.static);
                if (m.key.type === 'PrivateIdentifier') {
                    var d = H + '.privMethod(' + (m.static ? C : C + '.prototype') + ', ' + keyExpr + ', ' +
                        JSON.stringify(m.kind) + ', ' + fn + ')';
                    methods.push(d);
                } else {
                    methods.push(H + '.method(' + (m.static ? C : C + '.prototype') + ', ' + keyExpr + ', ' +
                        JSON.stringify(m.kind) + ', ' + fn + ')');
                }
                methodsAt.push(m.start);
            }
        }
        /* fields run at the start of the constructor (after super()) */
        var fieldsFn = fields.length ? 'function () {' + fields.join('; ') + '}' : null;
        var ctorS;
        cc.fieldsVar = fieldsFn ? '$F' + cc.id : null;
        if (ctor) {
            ctorS = this.withMethod(cc, ctor, C, function () { return this.ctorFunc(cc, ctor.value, C); }, false);
        } else if (cc.derived) {
            ctorS = 'function ' + this.safeName(name) + '() { var $nt = ' + H + '.nt(new.target), $this = ' + H + '.superNow(' + C + ', this, arguments, $nt);' +
                (cc.fieldsVar ? cc.fieldsVar + '.call($this);' : '') + 'return $this; }';
        } else {
            ctorS = 'function ' + this.safeName(name) + '() { ' + H + '.nt(new.target);' +
                (cc.fieldsVar ? cc.fieldsVar + '.call(this);' : '') + ' }';
        }
        var superExpr = node.superClass ? this.gen(node.superClass) : null;
        var privDecl = '';
        for (var pn in cc.privNames) privDecl += 'var ' + cc.privNames[pn] + ' = Symbol(' + JSON.stringify('#' + pn) + ');';
        /* the class's own name, bound inside its body (static blocks and
         * field initialisers run before the outer binding is assigned) */
        var inner = node.id ? (node.type === 'ClassDeclaration' ? name : node.id.name) : '';
        inner = this.safeName(inner);
        /* each member on the line it was written on, as far as the
         * order allows (fields before the constructor when written so;
         * statics after the methods, as they run): stacks name the
         * user's lines inside a class too (issue 26) */
        var src = this.src, s, lines;
        var putAt = function (text, pos, pad) {
            if (pad && pos !== undefined) {
                var want = countNl(src.slice(node.start, pos));
                if (want > lines) { s += repeatNl(want - lines); lines = want; }
            }
            s += text;
            lines += countNl(text);
        };
        var fieldsFirst = fieldsFn && !(ctor && ctor.start < fieldsAt[0]);
        var assemble = function (pad) {
            s = '';
            lines = 0;
            putAt('(function (' + (S ? S : '') + ') {' + privDecl);
            if (fieldsFirst) putFields(pad);
            putAt('var ' + C + ' = ' + ctorS + ';', ctor ? ctor.start : undefined, pad);
            putAt(inner ? 'var ' + inner + ' = ' + C + ';' : '');
            if (fieldsFn && !fieldsFirst) putFields(pad);
            putAt(H + '.setupClass(' + C + ', ' + (S || 'null') + ', ' + (S ? 'true' : 'false') + ');');
            for (var k = 0; k < methods.length; k++) putAt(methods[k] + ';', methodsAt[k], pad);
            for (k = 0; k < statics.length; k++) putAt(statics[k] + ';', staticsAt[k], pad);
            putAt('return ' + C + ';})(' + (superExpr || '') + ')');
        };
        var putFields = function (pad) {
            putAt('var ' + cc.fieldsVar + ' = function () {');
            for (var k = 0; k < fields.length; k++) putAt((k ? '; ' : '') + fields[k], fieldsAt[k], pad);
            putAt('};');
        };
        assemble(true);
        /* a static written early and spanning lines can push the class
         * past its own lines: then unpadded, as the lines after it count */
        if (lines > countNl(src.slice(node.start, node.end))) assemble(false);
        return this.padTo(s, node.start, node.end);
    } finally {
        this.clsStack.pop();
    }
};

/* var declarations a lowered function body starts with */
L.fnPrologue = function (fc) {
    var pre = '';
    if (fc.temps.length) pre += 'var ' + fc.temps.join(', ') + ';';
    if (fc.needThis) pre += 'var $this = this;';
    if (fc.needArgs) pre += 'var $args = arguments;';
    if (fc.needNT) pre += 'var $nt = ' + H + '.ntOf(new.target);';
    return pre;
};

L.safeName = function (n) { return /^[A-Za-z_$][\w$]*$/.test(n) ? n : ''; };

L.withMethod = function (cc, m, C, body, isStatic) {
    this.homeStack.push({ cls: cc, C: C, isStatic: isStatic });
    var savedFn = this.fn;
    try { return body.call(this); } finally { this.homeStack.pop(); this.fn = savedFn; }
};

L.ctorFunc = function (cc, fnNode, C) {
    return this.withFn(fnNode, false, function (fc) {
        fc.cls = cc;
        cc.ctor = fc;
        var p = this.params(fnNode);
        var inner = this.stmts(fnNode.body.body, fnNode.body.start + 1, fnNode.body.end - 1);
        var pre = p.prologue;
        if (fc.needArgs) pre = 'var $args = arguments;' + pre;
        /* an arrow in a base class's constructor reads this as $this (a
         * derived one's $this is the superCall's result, declared below) */
        if (fc.needThis && !cc.derived) pre = 'var $this = this;' + pre;
        if (fc.temps.length) pre = 'var ' + fc.temps.join(', ') + ';' + pre;
        var nm = this.safeName(cc.name);
        if (cc.derived)
            return 'function ' + nm + '(' + p.list + ') {var $this, $nt = ' + H + '.nt(new.target);' + pre + inner + ';return ' + H + '.derivedThis($this);}';
        return 'function ' + nm + '(' + p.list + ') {var $nt = ' + H + '.nt(new.target);' +
            (cc.fieldsVar ? cc.fieldsVar + '.call(this);' : '') + pre + inner + '}';
    });
};

L.home = function () {
    var h = this.homeStack[this.homeStack.length - 1];
    if (!h) this.error("'super' keyword unexpected here", 0);
    return h;
};

/* super(...) is the this it made (super()?.x, return super()) */
L.superCall = function (node) {
    var cc = this.cls(), C = '$C' + cc.id;
    var args = this.hasSpread(node.arguments) ? this.spreadList(node.arguments, node.callee.end, node.end) :
        '[' + this.argsText(node) + ']';
    return '($this = ' + H + '.superNow(' + C + ', this, ' + args + ', $nt)' +
        (cc.fieldsVar ? ', ' + cc.fieldsVar + '.call($this)' : '') + ', $this)';
};

/* super.x: the home object's prototype */
L.superBase = function () {
    var h = this.home();
    if (typeof h === 'string') return 'Object.getPrototypeOf(' + h + ')';
    return 'Object.getPrototypeOf(' + (h.isStatic ? h.C : h.C + '.prototype') + ')';
};

L.superThis = function () { return this.gThisExpression(); };

/* super.x reads x from the home object's prototype with this as the
 * receiver (superGet: a getter found there runs on this).  With
 * plainSuper (lower()'s option, for code that build-lower.js has checked
 * reads no accessor through super) it is the prototype's x, a property
 * read instead of superGet's walk of descriptors, which was a third of the
 * TypeScript parser's time (every token goes through a few super calls). */
L.superRead = function (key) {
    if (this.plainSuper && /^"[A-Za-z_$][\w$]*"$/.test(key)) {
        this.plainSuper[JSON.parse(key)] = true;
        return this.superBase() + '.' + JSON.parse(key);
    }
    return H + '.superGet(' + this.superBase() + ', ' + key + ', ' + this.superThis() + ')';
};

L.superGet = function (node) {
    return this.superRead(node.computed ? this.gen(node.property) : JSON.stringify(node.property.name));
};

L.superMethodCall = function (node, args) {
    var m = node.callee;
    var key = m.computed ? this.gen(m.property) : JSON.stringify(m.property.name);
    return this.superRead(key) + '.call(' + this.superThis() + (node.arguments.length ? ', ' + args : args) + ')';
};

L.superMethodApply = function (node, args) {
    var m = node.callee;
    var key = m.computed ? this.gen(m.property) : JSON.stringify(m.property.name);
    return this.superRead(key) + '.apply(' + this.superThis() + ', ' + args + ')';
};

/* super.x = v sets through the home object's prototype chain, on this */
L.superAssign = function (node) {
    var left = node.left, op = node.operator, base = this.superBase(), self = this.superThis();
    var k = this.temp(), v = this.gen(node.right);
    var pre = k + ' = ' + H + '.key(' + (left.computed ? this.gen(left.property) : JSON.stringify(left.property.name)) + ')';
    var get = H + '.superGet(' + base + ', ' + k + ', ' + self + ')';
    var set = function (x) { return H + '.superSet(' + base + ', ' + k + ', ' + x + ', ' + self + ')'; };
    var bop = op.slice(0, -1), e;
    if (op === '=') e = set(v);
    else if (bop === '??') { var t = this.temp(); e = '((' + t + ' = ' + get + ') != null ? ' + t + ' : ' + set(v) + ')'; }
    else if (bop === '||' || bop === '&&') e = this.logicalText(bop, get, set(v));
    else e = set(this.binop(bop, get, v));
    return '(' + pre + ', ' + e + ')';
};

L.gMetaProperty = function (node) {
    if (node.meta.name === 'import') return this.gMetaPropertyImport(node);
    if (node.meta.name === 'new') {
        var f = this.thisFn();
        if (f.cls && f.cls.ctor === f) return '$nt';
        /* an arrow (a function once lowered) sees its enclosing function's */
        if (f !== this.fn && f.node.type !== 'Program') {
            f.needNT = true;
            return '$nt';
        }
        /* a plain function's: also the class a super() call constructs,
         * read once at its start (ntOf takes it) */
        if (f.node.type !== 'Program') {
            f.needNT = true;
            return '$nt';
        }
    }
    return this.copy(node);
};

L.gReturnStatement = function (node) {
    var f = this.fn;
    if (!node.argument && f.cls && f.cls.derived && f.cls.ctor === f) return 'return ' + H + '.derivedThis($this);';
    /* a derived constructor returns an object, or its this for undefined;
     * anything else is a TypeError (Duktape's new would keep its own this) */
    if (node.argument && f.cls && f.cls.derived && f.cls.ctor === f)
        return this.padTo('return ' + H + '.derivedReturn(' + this.gen(node.argument) + ', $this);', node.start, node.end);
    return this.copy(node);
};

/* this.#x = v, this.#x += v, this.#x++ */
L.privTarget = function (m) {
    return m && m.type === 'MemberExpression' && m.property.type === 'PrivateIdentifier';
};
L.privKeyOf = function (m) {
    var k = this.privKey(this.cls(), m.property.name);
    if (!k) this.error('undeclared private name #' + m.property.name, m.start);
    return k;
};
L.gUpdateExpression = function (node) {
    if (this.isConst(node.argument)) return this.constError(node.argument, '0');
    if (this.big && !this.privTarget(node.argument) &&
        !(node.argument.type === 'MemberExpression' && node.argument.object.type === 'Super'))
        return this.bigUpdate(node);
    if (!this.privTarget(node.argument)) return this.copy(node);
    var m = node.argument;
    return H + '.privUpd(' + this.gen(m.object) + ', ' + this.privKeyOf(m) + ', ' +
        (node.operator === '++' ? 1 : -1) + ', ' + (node.prefix ? 'true' : 'false') + ')';
};

/* --- ES modules, onto the CommonJS wrapper ------------------------- */

/* An ES module runs in the same wrapper as a CommonJS one (module.js):
 * its imports become require() calls hoisted to the first line, each
 * imported name a read of the required module (so bindings stay live),
 * and its exports the properties of a namespace object that replaces
 * module.exports (front-rt.js, __invoke.esm).  Interop is Node's: a
 * CommonJS module's default is its module.exports and its properties are
 * its named exports; require() of an ES module gives its namespace. */

/* The names the wrapper passes, which module code must not shadow. */
var WRAPPER_NAMES = { module: 1, exports: 1, require: 1, __filename: 1, __dirname: 1 };

function ModInfo() {
    this.sources = [];          /* [{ spec, v }] in first-import order */
    this.bySpec = {};
    this.exports = [];          /* [{ name, local (binding) | expr (text) }] */
    this.stars = [];            /* module vars whose names `export *` adds */
    this.hoisted = [];          /* exported function declarations' assignments */
    this.after = {};            /* statement start -> "ns.x = x;" to follow it */
    this.live = [];             /* [name, expr]: a getter each */
    this.usesMeta = false;
    this.tla = false;
}

/* The module variable of a source: $imp1 = require(spec). */
L.moduleVar = function (spec) {
    var mi = this.mod;
    if (!hasOwn.call(mi.bySpec, spec)) {
        var v = '$imp' + (mi.sources.length + 1);
        mi.bySpec[spec] = { spec: spec, v: v, dflt: false, ns: false };
        mi.sources.push(mi.bySpec[spec]);
    }
    return mi.bySpec[spec];
};

/* Reads imports and exports before generation: renames each imported
 * binding to the read that stands for it, and decides how each export is
 * published (an assignment after its declaration, or a getter when it is
 * written later). */
L.planModule = function (ast, top) {
    var mi = this.mod, i, j, n, sp, src;
    var self = this, counter = 0;
    for (var name in top.decls) {
        var b = top.decls[name];
        if (WRAPPER_NAMES[name] === 1 && b.kind !== 'import') b.rename = name + '$m' + (++counter);
    }
    function exportLocal(exported, local, node) {
        var b = top.decls[local];
        if (!b) {
            self.error("export '" + local + "' is not defined in this module", node.start);
        }
        mi.exports.push({ name: exported, binding: b });
    }
    for (i = 0; i < ast.body.length; i++) {
        n = ast.body[i];
        if (n.type === 'ImportDeclaration') {
            if (n.importKind === 'type') continue;
            src = this.moduleVar(n.source.value);
            for (j = 0; j < n.specifiers.length; j++) {
                sp = n.specifiers[j];
                var b2 = top.decls[sp.local.name];
                if (sp.importKind === 'type') { b2.typeOnly = true; continue; }
                if (sp.type === 'ImportDefaultSpecifier' ||
                    sp.type === 'ImportSpecifier' && this.specName(sp.imported) === 'default') {
                    /* read from the namespace at each use: live, as an
                     * export default's binding is */
                    src.dflt = true;
                    b2.rename = this.memberRead(src.v + 'd', 'default');
                    b2.importMember = true;
                } else if (sp.type === 'ImportNamespaceSpecifier') {
                    src.ns = true;
                    b2.rename = src.v + 'n';
                } else {
                    b2.rename = this.memberRead(src.v, this.specName(sp.imported));
                    b2.importMember = true;
                }
            }
        } else if (n.type === 'ExportNamedDeclaration') {
            if (n.exportKind === 'type') continue;
            if (n.declaration) {
                var d = n.declaration, names = [];
                if (d.type === 'VariableDeclaration')
                    for (j = 0; j < d.declarations.length; j++) patternNames(d.declarations[j].id, names);
                else if (d.id) names.push(d.id.name);
                for (j = 0; j < names.length; j++) exportLocal(names[j], names[j], d);
            } else if (n.source) {
                src = this.moduleVar(n.source.value);
                for (j = 0; j < n.specifiers.length; j++) {
                    sp = n.specifiers[j];
                    if (sp.exportKind === 'type') continue;
                    var from = this.specName(sp.local);
                    mi.exports.push({ name: this.specName(sp.exported),
                                      expr: from === 'default' ? H + '.dflt(' + src.v + ')' : this.memberRead(src.v, from) });
                }
            } else {
                for (j = 0; j < n.specifiers.length; j++) {
                    sp = n.specifiers[j];
                    if (sp.exportKind === 'type') continue;
                    exportLocal(this.specName(sp.exported), sp.local.name, sp);
                }
            }
        } else if (n.type === 'ExportDefaultDeclaration') {
            var dd = n.declaration;
            if ((dd.type === 'FunctionDeclaration' || dd.type === 'ClassDeclaration') && dd.id)
                exportLocal('default', dd.id.name, dd);
            else
                mi.exports.push({ name: 'default', expr: '$default', local: true, node: n });
        } else if (n.type === 'ExportAllDeclaration') {
            src = this.moduleVar(n.source.value);
            if (n.exported) {
                src.ns = true;
                mi.exports.push({ name: this.specName(n.exported), expr: src.v + 'n' });
            } else {
                mi.stars.push(src.v);
            }
        }
    }
    /* how each local export is published */
    for (i = 0; i < mi.exports.length; i++) {
        var e = mi.exports[i], bb = e.binding;
        if (!bb) {
            if (!e.local) mi.live.push([e.name, e.expr]);
            continue;
        }
        var ref = bb.rename || bb.name;
        if (bb.kind === 'import') {
            mi.live.push([e.name, ref]);
        } else if (bb.mutated || bb.kind === 'var' && !this.topDecl(ast, bb.name)) {
            mi.live.push([e.name, ref]);
        } else if (bb.kind === 'fn') {
            mi.hoisted.push(this.nsSet(e.name, ref));
        } else {
            e.after = true;
        }
    }
};

/* Whether a top-level statement of the program declares name (a var in a
 * nested block is declared by none: its export is a getter). */
L.topDecl = function (ast, name) {
    for (var i = 0; i < ast.body.length; i++) {
        var n = ast.body[i], d = n.type === 'ExportNamedDeclaration' ? n.declaration : n;
        if (d && d.type === 'VariableDeclaration') {
            for (var j = 0; j < d.declarations.length; j++)
                if (patternNames(d.declarations[j].id, []).indexOf(name) >= 0) return true;
        }
    }
    return false;
};

/* An import or export name: an identifier or, since ES2022, a string. */
L.specName = function (n) { return n.type === 'Literal' ? String(n.value) : n.name; };

L.memberRead = function (v, name) {
    return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.test(name) ? v + '.' + name : v + '[' + JSON.stringify(name) + ']';
};

L.nsSet = function (name, expr) {
    return this.memberRead('$esm', name) + ' = ' + expr + ';';
};

/* "ns.x = x;" for the exports a top-level statement declares. */
L.exportsAfter = function (decl) {
    var mi = this.mod, out = '', names = [], i, j;
    if (!decl) return '';
    if (decl.type === 'VariableDeclaration')
        for (j = 0; j < decl.declarations.length; j++) patternNames(decl.declarations[j].id, names);
    else if (decl.id) names.push(decl.id.name);
    for (i = 0; i < mi.exports.length; i++) {
        var e = mi.exports[i];
        if (e.after && e.binding && names.indexOf(e.binding.name) >= 0)
            out += this.nsSet(e.name, e.binding.rename || e.binding.name);
    }
    return out;
};

/* An import or export that leaves no code leaves ";": the statements
 * around it must not join (`a = b` and `(f)()` on the lines before and
 * after an import are two statements, as the import separated them). */
L.gImportDeclaration = function (node) {
    return this.mod ? ';' + this.nl(node.start, node.end) : this.error('import declarations need an ES module', node.start);
};

L.gExportNamedDeclaration = function (node) {
    if (!this.mod) this.error('export needs an ES module', node.start);
    if (!node.declaration || node.exportKind === 'type') return ';' + this.nl(node.start, node.end);
    return this.nl(node.start, node.declaration.start) + this.gen(node.declaration);
};

L.gExportDefaultDeclaration = function (node) {
    if (!this.mod) this.error('export needs an ES module', node.start);
    var d = node.declaration, lead = this.nl(node.start, d.start);
    if (d.type === 'FunctionDeclaration' && !d.id) {
        /* export default function () {}: hoisted, named `default` */
        this.mod.hoisted.push(this.nsSet('default', '$default') +
                              'Object.defineProperty($default, "name", { value: "default" });');
        var f = this.gen(d);
        return lead + f.replace(/^function(\s*\*?)\s*\(/, 'function$1 $default(');
    }
    if (d.type === 'ClassDeclaration' && !d.id) {
        d.$name = 'default';
        return lead + 'var $default = ' + this.classExpr(d, 'default') + ';' + this.nsSet('default', '$default');
    }
    if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration')
        return lead + this.gen(d);
    if ((d.type === 'FunctionExpression' || d.type === 'ArrowFunctionExpression' || d.type === 'ClassExpression') && !d.id)
        d.$name = 'default';
    return lead + 'var $default = ' + this.gen(d) + ';' + this.nsSet('default', '$default') +
           this.nl(d.end, node.end);
};

L.gExportAllDeclaration = function (node) {
    if (!this.mod) this.error('export needs an ES module', node.start);
    return ';' + this.nl(node.start, node.end);
};

/* import.meta: the module's url, filename and dirname, and resolve() */
L.gMetaPropertyImport = function (node) {
    if (!this.mod) this.error("import.meta needs an ES module", node.start);
    this.mod.usesMeta = true;
    return '$meta';
};

/* import(spec): a promise of the module's namespace, in any module */
L.gImportExpression = function (node) {
    return H + '.dynImport(require, ' + this.genPad(node.source, node.source.start, node.end) + ', __filename)';
};

/* The top-level statements, each declaration followed (on its last line)
 * by the assignments that publish what it exports. */
L.moduleStmts = function (list) {
    var out = '', pos = 0;
    for (var i = 0; i < list.length; i++) {
        var n = list[i], s = (i ? '' : this.declMarks(list)) + this.genStmt(n);
        var after = this.exportsAfter(n.type === 'ExportNamedDeclaration' || n.type === 'ExportDefaultDeclaration' ?
                                      n.declaration : n);
        /* `export const a = 1` with no ";": the assignments must not
         * continue its last expression (`1$esm.a = a`) */
        if (after && !/;\s*$/.test(s)) after = ';' + after;
        out += this.src.slice(pos, n.start) + s + after;
        pos = n.end;
    }
    return out + this.src.slice(pos);
};

/* The first line of an ES module: the namespace, the exports published
 * before anything runs, and the modules it imports, in order. */
L.modulePrologue = function () {
    var mi = this.mod, names = [], i, pre = '', req = [];
    for (i = 0; i < mi.exports.length; i++) names.push(JSON.stringify(mi.exports[i].name));
    names.sort();
    /* a .cts: tsc's CommonJS, its exports on module.exports with __esModule */
    pre += 'var $esm = ' + H + '.esm(module, [' + names.join(', ') + ']' + (this.cjsNames ? ', true' : '') + ');';
    /* before the imports run: a module importing this one back (a cycle)
     * finds its functions, as their declarations are, in a module,
     * initialised before anything runs */
    if (!mi.tla) pre += this.moduleLocals();
    if (mi.usesMeta) pre += 'var $meta = ' + H + '.meta(__filename);';
    for (i = 0; i < mi.sources.length; i++) {
        var src = mi.sources[i], r = src.v + ' = require(' + JSON.stringify(src.spec) + ')';
        if (src.dflt) r += ', ' + src.v + 'd = ' + H + '.dfltOf(' + src.v + (this.cjsNames ? ', true' : '') + ')';
        if (src.ns) r += ', ' + src.v + 'n = ' + H + '.ns(' + src.v + ')';
        req.push(r);
    }
    if (req.length) {
        var deps = [];
        for (i = 0; i < mi.sources.length; i++) deps.push(mi.sources[i].v);
        pre += 'var ' + req.join(', ') + ';';
        /* an import still awaiting at its top level: this module runs
         * again once it is done (front-rt.js, waits) */
        pre += 'if (' + H + '.waits(module, require, [' + deps.join(', ') + '])) return;';
    }
    for (i = 0; i < mi.stars.length; i++) pre += H + '.star($esm, ' + mi.stars[i] + ');';
    return pre;
};

/* What must run inside the module's scope before its statements. */
L.moduleLocals = function () {
    var mi = this.mod, pre = mi.hoisted.join('');
    for (var i = 0; i < mi.live.length; i++)
        pre += H + '.live($esm, ' + JSON.stringify(mi.live[i][0]) + ', ' + METHOD_OPEN + '() { return ' + mi.live[i][1] + '; }' + METHOD_CLOSE + ');';
    return pre;
};

L.gProgram = function (node) {
    this.clsStack = [];
    this.homeStack = this.evalHome ? [this.evalHome] : [];
    this.moduleVars = [];
    var fc = new FnCtx(node, null, false);
    this.fn = fc;
    if (this.mod && this.mod.tla) fc.async = true;
    var parts = this.mod ? { dir: '', rest: this.moduleStmts(node.body) } :
        this.splitPrologue(node.body, 0, this.src.length);
    var inner = parts.rest;
    var pre = this.moduleVars.length ? 'var ' + this.moduleVars.join(this.isEval ? ' = void 0, ' : ', ') +
        (this.isEval ? ' = void 0;' : ';') : '';
    var hole = this.tdzInit(node.$scope);
    if (this.usesHole) pre = 'var $hole = ' + H + '.hole;' + pre + hole;
    var lits = [];
    for (var lit in this.bigLits) lits.push(this.bigLits[lit] + ' = ' + H + '.big(' + JSON.stringify(lit) + ')');
    if (lits.length) pre += 'var ' + lits.join(', ') + ';';
    if (fc.needThis) pre = 'var $this = this;' + pre;
    if (fc.temps.length) pre = 'var ' + fc.temps.join(', ') + ';' + pre;
    if (!this.mod) return parts.dir + pre + inner;
    /* strict, as every ES module is; with top-level await its statements
     * run as an async body the dispatcher waits for.  (Its own directives
     * stay where they are, expression statements now.) */
    var head = "'use strict';" + this.modulePrologue();
    if (this.mod.tla)
        return head + H + '.tla($esm, ' + H + '.async(void 0, null, ' + METHOD_OPEN + '() {' +
               pre + this.moduleLocals() + inner + '}' + METHOD_CLOSE + '));';
    return head + pre + inner;
};

/* What kind of module a file is by its name: 'module' (.mjs, .mts),
 * 'script' (.cjs, .cts: CommonJS) or 'detect' (.js, .ts: an ES module when
 * it uses import or export, as Node 22 and Bun decide). */
function moduleKind(file) {
    return /\.m[jt]s$/.test(file) ? 'module' : /\.c[jt]s$/.test(file) ? 'script' : 'detect';
}

function parse(src, sourceType) {
    return acorn.parse(src, { ecmaVersion: 2024, sourceType: sourceType, allowReturnOutsideFunction: sourceType === 'script',
                              allowHashBang: true, allowAwaitOutsideFunction: false,
                              preserveParens: true, allowImportExportEverywhere: false });
}

function parseWithSuper(src, sourceType) {
    return acorn.parse(src, { ecmaVersion: 2024, sourceType: sourceType, allowHashBang: true,
                              allowSuperOutsideMethod: true, preserveParens: true });
}

function syntaxError(e, file) {
    var loc = e.loc || { line: 0, column: 0 };
    var err = new SyntaxError(String(e.message).replace(/ \(\d+:\d+\)$/, '') + ' (' + file + ':' + loc.line + ':' + (loc.column + 1) + ')');
    err.lineNumber = loc.line;
    return err;
}

/* Parse errors that say the file is an ES module read as a script. */
var MODULE_SYNTAX = /'import' and 'export' may appear only with 'sourceType: module'|import\.meta|Cannot use keyword 'await' outside an async function/;

/* Does the program await at its top level (outside any function)? */
function hasTopLevelAwait(node) {
    if (!node || typeof node !== 'object') return false;
    if (node.type === 'AwaitExpression' || node.type === 'ForOfStatement' && node.await) return true;
    if (isFunction(node) || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition' && !node.static) return false;
    var kids = children(node);
    for (var i = 0; i < kids.length; i++) if (hasTopLevelAwait(kids[i])) return true;
    return false;
}

/* Parses a file as its name says (moduleKind), or for 'detect' as a script
 * and, when that fails, as a module. */
function parseKind(src, file, kind, parseWith) {
    try {
        return parseWith(src, kind === 'module' ? 'module' : 'script');
    } catch (e) {
        /* a script that parses as a module is one (import, export, a
         * top-level await); else the script's error, unless it already
         * said the file is a module */
        if (kind !== 'detect') throw syntaxError(e, file);
        try {
            return parseWith(src, 'module');
        } catch (e2) {
            throw syntaxError(MODULE_SYNTAX.test(String(e.message)) ? e2 : e, file);
        }
    }
}

/* The file name front-rt.js lowers a function made at run time under
 * (new Function(…), AsyncFunction(…) and the like): its source is then
 * JSON, { kind (fnKind's), params, body } as the constructor got them. */
var DYNAMIC_FILE = '<Function>';
/* eval's text, from front-rt.js ev: JSON { src, home }, home the text of
 * the calling method's home object (super in the text reads from it) */
var EVAL_FILE = '<eval>';
var evalSeq = 0;
var DYNAMIC_KW = ['function', 'async function', 'function*', 'async function*'];

/* The script whose completion is that function, made as node makes its
 * text: "(function anonymous(" + params + "\n) {\n" + body + "\n})";
 * the body's braces are where they must be found again. */
function dynamicSource(json) {
    var d = JSON.parse(json);
    var head = 'return (' + DYNAMIC_KW[d.kind] + ' anonymous(' + d.params + '\n) ';
    var src = head + '{\n' + d.body + '\n})';
    return { src: src, bodyStart: head.length, bodyEnd: src.length - 1 };
}

/* Node parses the parameters and the body each alone: a text that is more
 * than the one function (`a) { x` as a parameter, `}); f(); ({` as a body)
 * is an error, not code that runs as the function is made. */
function checkDynamic(ast, dyn) {
    var st = ast.body.length === 1 ? ast.body[0] : null, e = st && st.type === 'ReturnStatement' && st.argument;
    var fn = e && e.type === 'ParenthesizedExpression' ? e.expression : null;
    if (!fn || fn.type !== 'FunctionExpression' || fn.body.start !== dyn.bodyStart)
        throw new SyntaxError('Arg string terminates parameters early');
    if (fn.body.end !== dyn.bodyEnd)
        throw new SyntaxError("Unexpected token '}'");
}

/* lower(source, filename[, options]) -> ES5.1 source with the same lines.
 * TypeScript is JavaScript first (typescript.js), whose kind tsc's rules
 * decided; its tree, without the types, is lowered when that JavaScript is
 * the source with its types blanked out, else the JavaScript is parsed
 * again (always with options.reparse: t/97-ts-tree.t compares both).
 * options.plainSuper: super.x is read as a plain property (superRead),
 * and the names so read are left in options.plainSuper, an object, for
 * the caller to check (build-lower.js).  options.bigint false: no
 * operator becomes a BigInt helper (build-lower.js, for the front end's
 * heap, which has no BigInt). */
/* Duktape keeps a character past U+FFFF that arrived as UTF-8 as one
 * character (charCodeAt gives its code point), where acorn counts two
 * UTF-16 units: the source is split into surrogate pairs before it is
 * parsed, and the pairs of the output (those, and the names acorn decoded
 * from \u{...}) are joined again, for Duktape's compiler takes such a
 * character in a name only whole.  Under node (build-lower.js) strings are
 * UTF-16 already: both are left as they are. */
var WIDE = String.fromCharCode(0x10000).length === 1 && String.fromCharCode(0x10000).charCodeAt(0) === 0x10000;
var ASTRAL = WIDE ? new RegExp('[' + String.fromCharCode(0x10000) + '-' + String.fromCharCode(0x10ffff) + ']', 'g') : null;
var PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

function splitAstral(c) {
    var cp = c.charCodeAt(0) - 0x10000;
    return String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023));
}
function joinPair(p) {
    return String.fromCharCode(((p.charCodeAt(0) - 0xd800) << 10) + (p.charCodeAt(1) - 0xdc00) + 0x10000);
}

function lower(src, file, options) {
    if (!WIDE) return lowerUnits(src, file, options);
    src = src.replace(ASTRAL, splitAstral);
    return lowerUnits(src, file, options).replace(PAIR, joinPair);
}

function lowerUnits(src, file, options) {
    var reparse = options && options.reparse, plainSuper = options && options.plainSuper;
    var kind = moduleKind(file), ast = null, tsRequire = false, cts = kind === 'script', dyn = null;
    var evalHome = null, evalNames = null;
    if (file === DYNAMIC_FILE) {
        dyn = dynamicSource(src);
        src = dyn.src;
        kind = 'script';
    } else if (file === EVAL_FILE) {
        var ev = JSON.parse(src);
        src = String(ev.src);
        evalHome = typeof ev.home === 'string' ? ev.home : null;
        evalNames = ev.names && typeof ev.names === 'object' ? ev.names : null;
        kind = 'script';
    }
    /* "#!" starts a comment (node's rule) of the line it is on: a comment
     * in Duktape's words too, whatever the output puts before it */
    if (src.charAt(0) === '#' && src.charAt(1) === '!') src = '//' + src.slice(2);
    if (/\.[cm]?ts$/.test(file)) {
        var js, tsAst;
        try {
            /* a .cts may use import and export: tsc makes it CommonJS */
            tsAst = parseKind(src, file, cts ? 'detect' : kind, rt.tsParse);
            js = rt.tsToJs(tsAst, src);
        } catch (e) {
            /* acorn's errors and typescript.js's own (tsError) carry loc;
             * Duktape gives every error a lineNumber, so that cannot tell */
            throw e.loc ? syntaxError(e, file) : e;
        }
        src = js.code;
        kind = js.module ? 'module' : 'script';
        tsRequire = js.usesRequire || cts;
        if (!reparse && tsAst.sourceType === kind) ast = js.ast;
    }
    if (!ast) ast = evalHome ? parseKind(src, file, kind, parseWithSuper) : parseKind(src, file, kind, parse);
    if (dyn) checkDynamic(ast, dyn);
    var top = declarePass(ast);
    resolvePass(ast, top);
    tdzPass(ast);
    var evalN = file === EVAL_FILE ? ++evalSeq : 0;
    planNames(top, evalN);
    var lw = new Lowerer(src, file);
    lw.oddNames = ODD_NAME.test(src) || src.indexOf('\\u') >= 0;   /* or written as an escape */
    if ((!options || options.bigint !== false) && usesBigInt(src, ast)) {
        lw.big = true;
        markTests(ast);
    }
    lw.plainSuper = plainSuper || null;
    if (file === EVAL_FILE) {
        /* the evaluated code's vars are its caller's: its temporaries must
         * not be the caller's ($t3 in the middle of a?.b(eval(…))) */
        lw.tempN = 100000 * evalN;
        lw.evalHome = evalHome;
        lw.evalNames = evalNames;
        lw.isEval = true;
    }
    lw.tsRequire = tsRequire;
    lw.cjsNames = cts;
    if (ast.sourceType === 'module') {
        lw.mod = new ModInfo();
        lw.mod.tla = hasTopLevelAwait(ast);
        lw.planModule(ast, top);
    }
    return lw.gProgram(ast);
}

rt.lower = lower;
