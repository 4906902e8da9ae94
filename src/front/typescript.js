/* typescript.js - TypeScript in, JavaScript out, line for line.
 *
 * A .ts/.mts/.cts file is parsed with acorn and its TypeScript plugin
 * (@sveltejs/acorn-typescript) and turned into the JavaScript tsc would
 * emit for it (target ES2022, useDefineForClassFields), which front.js then
 * lowers as any other file.  The source is edited in place, as front.js
 * edits JavaScript: types (annotations, interfaces, type aliases, type
 * arguments, `as`, `!`, overloads, `declare`) become blanks of the same
 * length with their line breaks kept, so every line and most columns stay
 * where the user wrote them.  What has a runtime meaning is rewritten on
 * its own lines: enums and namespaces become tsc's closures, parameter
 * properties become fields assigned in the constructor, `import x =
 * require()` a require, `export =` module.exports; imports whose bindings
 * are used only as types are dropped, as tsc drops them.
 *
 * Decorators are refused: TC39 decorators (what tsc compiles without
 * experimentalDecorators) need a runtime of their own.
 *
 * Needs: rt.acorn (acorn.js), evaluated before it in the front end's
 *   heap, and rt.acornTs (acorn-typescript.js), evaluated into it before
 *   the first TypeScript file (front.c, front_ts); rt.patternNames,
 *   rt.isReference and rt.eachChild (front.js, evaluated after it, before
 *   any compile).
 * Provides: rt.tsParse(src, sourceType) -> AST and
 *   rt.tsToJs(ast, src) -> { code, module, usesRequire, ast: the AST
 *   without its types, or null }, for front.js.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var tsAcorn = rt.acorn;
var hasOwnTs = Object.prototype.hasOwnProperty;
var TSParser = null;

/* Extending acorn builds the plugin's parser classes: only when a
 * TypeScript file is first compiled, which is also when the engine has
 * evaluated the plugin into this heap (front.c, front_ts).  The options are front.js's own
 * (parentheses kept as nodes), so that the tree, its types taken out, is
 * the one front.js would parse from tsToJs's code (Ts.strip); the plugin
 * wants locations.  The comments' ends are kept on the tree ($comments)
 * for Ts.strip, which must step back over them. */
function tsParse(src, sourceType) {
    if (!TSParser) {
        if (typeof rt.acornTs !== 'function') throw new Error('the TypeScript plugin is not loaded');
        TSParser = tsAcorn.Parser.extend(rt.acornTs());
    }
    var comments = {};
    var ast = TSParser.parse(src, { ecmaVersion: 2024, sourceType: sourceType, locations: true,
                                    allowReturnOutsideFunction: sourceType === 'script',
                                    allowHashBang: true, preserveParens: true,
                                    onComment: function (block, text, start, end) { comments[end] = start; } });
    ast.$comments = comments;
    return ast;
}

function nlCount(s) {
    var n = 0, i = -1;
    while ((i = s.indexOf('\n', i + 1)) >= 0) n++;
    return n;
}
function nls(n) {
    var s = '';
    while (n-- > 0) s += '\n';
    return s;
}
function blankOut(s) { return s.replace(/[^\n\r\u2028\u2029]/g, ' '); }

/* A node that is only a type, with no JavaScript left of it. */
var TYPE_KEYS = { typeAnnotation: 1, returnType: 1, typeParameters: 1, typeArguments: 1,
                  superTypeParameters: 1, superTypeArguments: 1 };
var MODIFIERS = { 'public': 1, 'private': 1, 'protected': 1, readonly: 1, override: 1, declare: 1, abstract: 1 };
var IDENT_RUN = /(?:[$\w]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\}|[^\x00-\x7f])+/g;

function tsError(src, msg, pos) {
    var loc = tsAcorn.getLineInfo(src, pos);
    var e = new SyntaxError(msg + ' (' + loc.line + ':' + loc.column + ')');
    e.loc = loc;
    e.pos = pos;
    throw e;
}

/* The names a binding pattern declares: front.js's patternNames (rt is
 * shared by the front end's files; front.js runs before any TypeScript is
 * compiled). */
function bindingNames(p, out) {
    return rt.patternNames(p, out);
}

function isFn(n) {
    return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' ||
           n.type === 'ArrowFunctionExpression';
}

/* Is a declaration only a type: nothing of it is emitted? */
function typeOnlyDecl(d) {
    if (!d) return false;
    switch (d.type) {
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSDeclareFunction':
        return true;
    case 'TSModuleDeclaration':
        return !!d.declare || d.id.type !== 'Identifier' || !instantiated(d);
    case 'TSImportEqualsDeclaration':
        return d.importKind === 'type';
    }
    return !!d.declare;
}

/* Does a namespace hold values (tsc emits nothing for one of types)? */
function instantiated(ns) {
    var body = ns.body;
    if (!body) return false;
    if (body.type === 'TSModuleDeclaration') return !typeOnlyDecl(body);
    for (var i = 0; i < body.body.length; i++) {
        var s = body.body[i];
        if (s.type === 'ExportNamedDeclaration') {
            if (s.exportKind === 'type' || !s.declaration) continue;
            s = s.declaration;
        }
        if (s.type === 'TSImportEqualsDeclaration') continue;
        if (!typeOnlyDecl(s)) return true;
    }
    return false;
}

/* Names a namespace exports as values: { name: 'var' | 'decl' }; a var
 * lives on the namespace object, a declaration is also a local. */
function nsExports(ns, out) {
    if (ns.body && ns.body.type === 'TSModuleDeclaration') {
        out[ns.body.id.name] = 'decl';
        return out;
    }
    var list = ns.body ? ns.body.body : [];
    for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.type === 'TSImportEqualsDeclaration' && s.isExport && s.importKind !== 'type') {
            out[s.id.name] = 'var';
            continue;
        }
        if (s.type !== 'ExportNamedDeclaration' || !s.declaration || typeOnlyDecl(s.declaration)) continue;
        var d = s.declaration;
        if (d.type === 'VariableDeclaration') {
            for (var j = 0; j < d.declarations.length; j++) {
                var names = bindingNames(d.declarations[j].id, []);
                for (var k = 0; k < names.length; k++) out[names[k]] = 'var';
            }
        } else if (d.id && d.id.type === 'Identifier') {
            out[d.id.name] = 'decl';
        }
    }
    return out;
}

/* The names a statement list declares at its own level (what a block
 * scope holds), and with vars: the vars of its nested blocks too. */
function declaredIn(list, withVars, out) {
    for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') s = s.declaration || s;
        if (!s) continue;
        if (s.type === 'VariableDeclaration') {
            if (s.kind !== 'var' || withVars)
                for (var j = 0; j < s.declarations.length; j++) bindingNames(s.declarations[j].id, []).forEach(add);
        } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration' ||
                    s.type === 'TSEnumDeclaration' || s.type === 'TSModuleDeclaration' ||
                    s.type === 'TSImportEqualsDeclaration') && s.id && s.id.type === 'Identifier') {
            add(s.id.name);
        } else if (s.type === 'ImportDeclaration') {
            for (var k = 0; k < s.specifiers.length; k++) add(s.specifiers[k].local.name);
        }
        if (withVars) hoistedVars(s, out);
    }
    function add(n) { out[n] = true; }
    return out;
}

/* var declarations anywhere in a statement, outside nested functions */
function hoistedVars(node, out) {
    if (!node || typeof node !== 'object' || isFn(node) || node.type === 'ClassDeclaration' ||
        node.type === 'ClassExpression' || node.type === 'TSModuleDeclaration') return;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
        for (var j = 0; j < node.declarations.length; j++) {
            var names = bindingNames(node.declarations[j].id, []);
            for (var i = 0; i < names.length; i++) out[names[i]] = true;
        }
    }
    rt.eachChild(node, function (c, k) { if (TYPE_KEYS[k] !== 1) hoistedVars(c, out); });
}

function Ts(src) {
    this.src = src;
    this.edits = [];
    this.seq = 0;
    this.used = {};             /* names read as values anywhere */
    this.scope = null;          /* only inside namespaces and enums */
    this.qualDepth = 0;
    this.usesRequire = false;
    this.enums = {};            /* enum name -> { member: constant value } */
    this.imports = [];
    this.exports = [];
    this.typeNames = {};        /* declared only as types, at the top */
    this.valueNames = {};
    /* the tree without its types, for front.js (see "The tree without
     * its types" below) */
    this.path = [];             /* the nodes being visited, outermost first */
    this.cover = {};            /* blank start -> its farthest end */
    this.fixStart = [];         /* nodes that start in a blank */
    this.fixEnd = [];           /* nodes that end in one */
    this.removed = [];          /* { list, node } a blank covers */
    this.strippable = true;
}

var T = Ts.prototype;

T.error = function (msg, pos) { tsError(this.src, msg, pos); };

T.blank = function (a, b) {
    if (b <= a) return;
    this.edits.push({ a: a, b: b, text: null, seq: this.seq++ });
    if (!(this.cover[a] >= b)) this.cover[a] = b;
    /* the nodes around it that start or end with it */
    for (var i = this.path.length - 1; i >= 0; i--) {
        var n = this.path[i];
        if (n.start === a) this.fixStart.push(n);
        if (n.end === b) this.fixEnd.push(n);
    }
};
/* Is node blanked whole? */
T.covered = function (node) { return this.cover[node.start] >= node.end; };
T.replace = function (a, b, text) {
    this.edits.push({ a: a, b: b, text: text, seq: this.seq++ });
};

/* src[a, b) with the edits inside it applied; those edits are used up. */
T.sub = function (a, b) {
    var inside = [], rest = [];
    for (var i = 0; i < this.edits.length; i++) {
        var e = this.edits[i];
        (e.a >= a && e.b <= b && !(e.a === b && e.b === b) ? inside : rest).push(e);
    }
    this.edits = rest;
    return this.apply(inside, a, b);
};

T.apply = function (edits, a, b) {
    /* at one position: what is inserted there comes before what is
     * replaced from there */
    edits.sort(function (x, y) {
        return x.a - y.a || (x.b > x.a ? 1 : 0) - (y.b > y.a ? 1 : 0) || x.seq - y.seq;
    });
    var src = this.src, out = '', pos = a;
    for (var i = 0; i < edits.length; i++) {
        var e = edits[i];
        if (e.a < pos) {
            /* a blank inside one already made */
            if (e.text !== null) this.error('internal error: overlapping TypeScript edits', e.a);
            if (e.b > pos) { out += blankOut(src.slice(pos, e.b)); pos = e.b; }
            continue;
        }
        out += src.slice(pos, e.a);
        if (e.text === null) out += blankOut(src.slice(e.a, e.b));
        else out += e.text + nls(nlCount(src.slice(e.a, e.b)) - nlCount(e.text));
        pos = e.b;
    }
    return out + src.slice(pos, b);
};

/* Where an identifier's own name ends (its node also covers `?`, `!` and
 * its type annotation). */
T.nameEnd = function (node) {
    IDENT_RUN.lastIndex = node.start;
    var m = IDENT_RUN.exec(this.src);
    return m && m.index === node.start ? node.start + m[0].length : node.start + node.name.length;
};

/* The next character that is not white space (nor a comment) from pos. */
T.skipSpace = function (pos) {
    var src = this.src;
    for (;;) {
        var c = src.charAt(pos);
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff') pos++;
        else if (c === '/' && src.charAt(pos + 1) === '/') { pos = src.indexOf('\n', pos); if (pos < 0) return src.length; }
        else if (c === '/' && src.charAt(pos + 1) === '*') { pos = src.indexOf('*/', pos + 2) + 2; if (pos < 2) return src.length; }
        else return pos;
    }
};

/* --- names inside namespaces and enums ------------------------------ */

T.pushScope = function (names, qual, qualifier) {
    this.scope = { names: names || {}, qual: qual || null, qualifier: qualifier, parent: this.scope };
};
T.popScope = function () { this.scope = this.scope.parent; };

/* What a reference to name becomes: "N.name" for a namespace's export or
 * an enum's member, else null. */
T.qualified = function (name) {
    for (var s = this.scope; s; s = s.parent) {
        if (hasOwnTs.call(s.names, name)) return null;
        if (s.qual && hasOwnTs.call(s.qual, name)) return s.qualifier + '.' + name;
    }
    return null;
};

/* --- the walk ------------------------------------------------------- */

/* Is an Identifier read as a value: front.js's isReference, and not a
 * declaration's own name nor an import's local name either. */
function isRef(node, parent, key) {
    if (!parent) return true;
    switch (parent.type) {
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
        return false;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
    case 'VariableDeclarator':
        return key !== 'id';
    }
    return rt.isReference(node, parent, key);
}

/* node type -> its visitor, or null: 'v' + type made once per type, not
 * once per node */
var VISITOR = {};

T.visit = function (node, parent, key) {
    if (node.decorators && node.decorators.length)
        this.error('decorators are not supported', node.decorators[0].start);
    var f = VISITOR[node.type];
    if (f === undefined) f = VISITOR[node.type] = T['v' + node.type] || null;
    /* the plugin wants locations, nothing reads them once parsed, and the
     * tree is lowered: one key fewer for each of front.js's walks over it,
     * three objects fewer for each collection to mark */
    delete node.loc;
    this.path.push(node);
    if (f) f.call(this, node, parent, key);
    else if (node.type.charCodeAt(0) === 84 && node.type.charCodeAt(1) === 83)     /* "TS" */
        /* a type anywhere else (a type assertion's, an annotation's) */
        this.blank(node.start, node.end);
    else this.kids(node);
    this.path.pop();
    /* taken out of the tree: blanked whole, or x of `x as T` and the like
     * in the place of its wrapper (x is the wrapper's expression, its own
     * wrappers already taken off) */
    if (parent && this.covered(node)) this.remove(parent[key], node);
    else if (UNWRAP[node.type] === 1) this.unwrap(node, parent, key);
};

T.remove = function (list, node) {
    if (list instanceof Array) this.removed.push({ list: list, node: node });
    else this.strippable = false;
};

T.unwrap = function (node, parent, key) {
    var v = parent ? parent[key] : null, i;
    if (v === node) parent[key] = node.expression;
    else if (v instanceof Array && (i = v.indexOf(node)) >= 0) v[i] = node.expression;
    else this.strippable = false;
};

/* The children: types blanked and taken off the tree, the rest visited. */
T.kids = function (node) {
    rt.eachChild(node, function (c, k) {
        if (TYPE_KEYS[k] === 1) {
            this.blank(c.start, c.end);
            delete node[k];
        } else if (k !== 'decorators') {
            this.visit(c, node, k);
        }
    }, this);
};

/* A key of node that holds a type: blanked, and taken off the tree. */
T.typeKey = function (node, k) {
    var t = node[k];
    if (t) {
        this.blank(t.start, t.end);
        delete node[k];
    }
};

T.vIdentifier = function (node, parent, key) {
    if (node.typeAnnotation || node.optional || node.definite) {
        this.blank(this.nameEnd(node), node.end);
        delete node.typeAnnotation;
    }
    if (!isRef(node, parent, key)) return;
    this.used[node.name] = true;
    if (this.qualDepth) {
        var q = this.qualified(node.name);
        if (q) this.replace(node.start, this.nameEnd(node), q);
    }
};

/* {a} where a is a namespace's export: {a: N.a} */
T.vProperty = function (node) {
    if (node.shorthand && this.qualDepth) {
        var id = node.value.type === 'AssignmentPattern' ? node.value.left : node.value;
        var q = id.type === 'Identifier' && this.qualified(id.name);
        if (q) {
            this.used[id.name] = true;
            this.replace(id.start, this.nameEnd(id), id.name + ': ' + q);
            if (node.value.type === 'AssignmentPattern') this.visit(node.value.right, node.value, 'right');
            return;
        }
    }
    this.kids(node);
};

/* x as T, x satisfies T: from the keyword (after any parentheses that
 * close around x) to the type's end */
T.vTSAsExpression = function (node) {
    var x = node.expression;
    this.visit(x, node, 'expression');
    var pos = this.skipSpace(x.end);
    while (this.src.charAt(pos) === ')') pos = this.skipSpace(pos + 1);
    this.blank(pos, node.typeAnnotation.end);
};
T.vTSSatisfiesExpression = T.vTSAsExpression;
T.vTSNonNullExpression = function (node) {
    this.visit(node.expression, node, 'expression');
    if (this.src.charAt(node.end - 1) === '!') this.blank(node.end - 1, node.end);
};
/* <T>x: the angle brackets and the type */
T.vTSTypeAssertion = function (node) {
    var close = this.skipSpace(node.typeAnnotation.end);
    this.blank(node.start, close + 1);
    this.visit(node.expression, node, 'expression');
};
T.vTSInstantiationExpression = function (node) {
    this.visit(node.expression, node, 'expression');
    this.typeKey(node, 'typeArguments');
};

/* --- functions ------------------------------------------------------ */

T.fnParams = function (node) {
    var ps = node.params;
    for (var i = 0; i < ps.length; i++) {
        var p = ps[i];
        if (p.decorators && p.decorators.length) this.error('decorators are not supported', p.decorators[0].start);
        if (i === 0 && p.type === 'Identifier' && p.name === 'this') {
            /* the `this` parameter is a type */
            this.blank(p.start, ps.length > 1 ? ps[1].start : p.end);
            this.remove(ps, p);
            continue;
        }
        if (p.type === 'TSParameterProperty') {
            var id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
            this.blank(p.start, id.start);
            this.visit(p.parameter, p, 'parameter');
            continue;
        }
        this.visit(p, node, 'params');
    }
};

T.fnScope = function (node) {
    if (!this.qualDepth) return false;
    var names = {};
    for (var i = 0; i < node.params.length; i++) bindingNames(node.params[i], []).forEach(function (n) { names[n] = true; });
    if (node.type === 'FunctionExpression' && node.id) names[node.id.name] = true;
    if (node.body && node.body.type === 'BlockStatement') declaredIn(node.body.body, true, names);
    names.arguments = true;
    this.pushScope(names);
    return true;
};

T.vFunctionDeclaration = function (node, parent, key) {
    if (node.id) this.visit(node.id, node, 'id');
    this.typeKey(node, 'typeParameters');
    this.typeKey(node, 'returnType');
    var scoped = this.fnScope(node);
    this.fnParams(node);
    if (node.body) this.visit(node.body, node, 'body');
    if (scoped) this.popScope();
};
T.vFunctionExpression = T.vFunctionDeclaration;

T.vArrowFunctionExpression = function (node) {
    this.typeKey(node, 'typeParameters');
    if (node.returnType) {
        /* no line break may come before =>: the type's go after it */
        var arrow = this.src.indexOf('=>', node.returnType.end);
        if (nlCount(this.src.slice(node.returnType.start, arrow)) > 0)
            this.replace(node.returnType.start, arrow + 2, '=>');
        else
            this.typeKey(node, 'returnType');
    }
    var scoped = this.fnScope(node);
    this.fnParams(node);
    this.visit(node.body, node, 'body');
    if (scoped) this.popScope();
};

/* An overload, and a declared function: no body, nothing emitted. */
T.vTSDeclareFunction = function (node) { this.blank(node.start, node.end); };

T.vBlockStatement = function (node) {
    var scoped = false;
    if (this.qualDepth) { this.pushScope(declaredIn(node.body, false, {})); scoped = true; }
    this.stmts(node.body);
    if (scoped) this.popScope();
};
T.vStaticBlock = T.vBlockStatement;

T.vCatchClause = function (node) {
    var scoped = false;
    if (this.qualDepth && node.param) {
        var names = {};
        bindingNames(node.param, []).forEach(function (n) { names[n] = true; });
        this.pushScope(names);
        scoped = true;
    }
    this.kids(node);
    if (scoped) this.popScope();
};

T.loopScope = function (node, head) {
    if (!this.qualDepth || !head || head.type !== 'VariableDeclaration' || head.kind === 'var') return false;
    var names = {};
    for (var i = 0; i < head.declarations.length; i++)
        bindingNames(head.declarations[i].id, []).forEach(function (n) { names[n] = true; });
    this.pushScope(names);
    return true;
};
T.vForStatement = function (node) {
    var scoped = this.loopScope(node, node.init);
    this.kids(node);
    if (scoped) this.popScope();
};
T.vForInStatement = function (node) {
    var scoped = this.loopScope(node, node.left);
    this.kids(node);
    if (scoped) this.popScope();
};
T.vForOfStatement = T.vForInStatement;

T.vVariableDeclaration = function (node, parent) {
    if (node.declare) { this.blank(node.start, node.end); return; }
    this.kids(node);
};

/* --- classes -------------------------------------------------------- */

T.vClassDeclaration = function (node) {
    if (node.declare) { this.blank(node.start, node.end); return; }
    var src = this.src;
    if (node.abstract) {
        var at = src.indexOf('abstract', node.start);
        if (at >= 0 && at < (node.id ? node.id.start : node.body.start)) this.blank(at, at + 8);
    }
    if (node.id) this.visit(node.id, node, 'id');
    this.typeKey(node, 'typeParameters');
    if (node.superClass) this.visit(node.superClass, node, 'superClass');
    this.typeKey(node, 'superTypeParameters');
    this.typeKey(node, 'superTypeArguments');
    if (node.implements && node.implements.length) {
        var first = node.implements[0], kw = src.lastIndexOf('implements', first.start);
        this.blank(kw, node.implements[node.implements.length - 1].end);
    }
    delete node.implements;
    var scoped = false;
    if (this.qualDepth && node.id) {
        var names = {};
        names[node.id.name] = true;
        this.pushScope(names);
        scoped = true;
    }
    this.classBody(node.body);
    if (scoped) this.popScope();
};
T.vClassExpression = T.vClassDeclaration;

T.memberModifiers = function (m) {
    var src = this.src, end = m.key ? m.key.start : m.end;
    if (m.computed) end = src.lastIndexOf('[', m.key.start);
    var re = /[A-Za-z_$][\w$]*|\S/g, t;
    re.lastIndex = m.start;
    while ((t = re.exec(src)) && t.index < end) {
        if (MODIFIERS[t[0]] === 1) this.blank(t.index, t.index + t[0].length);
    }
};

/* The `?` or `!` after a member's name. */
T.memberMark = function (m) {
    var pos = this.skipSpace(m.key.end);
    if (m.computed && this.src.charAt(pos) === ']') pos = this.skipSpace(pos + 1);
    var c = this.src.charAt(pos);
    if (c === '?' || c === '!') this.blank(pos, pos + 1);
};

T.classBody = function (body) {
    var members = body.body, i, m, ctor = null, props = [];
    for (i = 0; i < members.length; i++) {
        m = members[i];
        if (m.type === 'MethodDefinition' && m.kind === 'constructor' && m.value.type === 'FunctionExpression') ctor = m;
    }
    if (ctor) {
        for (i = 0; i < ctor.value.params.length; i++) {
            var p = ctor.value.params[i];
            if (p.type === 'TSParameterProperty') {
                var id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
                if (id.type !== 'Identifier') this.error('a parameter property must be a name', id.start);
                props.push(id.name);
            }
        }
    }
    for (i = 0; i < members.length; i++) {
        m = members[i];
        if (m.decorators && m.decorators.length) this.error('decorators are not supported', m.decorators[0].start);
        if (m.type === 'StaticBlock') { this.visit(m, body, 'body'); continue; }
        this.path.push(m);
        if (m.type === 'TSIndexSignature' || m.declare || m.abstract ||
            m.value && m.value.type === 'TSDeclareMethod') {
            this.blank(m.start, m.end);
            this.remove(members, m);
        } else {
            this.memberModifiers(m);
            if (m.optional || m.definite) this.memberMark(m);
            if (m.computed) this.visit(m.key, m, 'key');
            this.typeKey(m, 'typeParameters');
            this.typeKey(m, 'typeAnnotation');
            if (m.value) this.visit(m.value, m, 'value');
        }
        this.path.pop();
    }
    if (props.length) {
        /* tsc (useDefineForClassFields): the fields first, then assigned
         * right after super() or at the constructor's start */
        var fields = '', sets = '';
        for (i = 0; i < props.length; i++) {
            fields += ' ' + props[i] + ';';
            sets += ' this.' + props[i] + ' = ' + props[i] + ';';
        }
        this.replace(body.start + 1, body.start + 1, fields);
        var cb = ctor.value.body, at = cb.start + 1;
        for (i = 0; i < cb.body.length; i++) {
            var s = cb.body[i];
            if (s.type === 'ExpressionStatement' && s.expression.type === 'CallExpression' &&
                s.expression.callee.type === 'Super') {
                at = s.end;
                sets = ';' + sets;
                break;
            }
        }
        this.replace(at, at, sets);
    }
};

/* --- statements ----------------------------------------------------- */

/* A statement list: namespaces and enums there need a var (a let but at
 * the top) unless a function, a class or an earlier namespace or enum
 * declared the name. */
T.stmts = function (list, ns, top) {
    var have = {}, i, s;
    if (top) have[' top'] = true;
    for (i = 0; i < list.length; i++) {
        s = list[i];
        if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') s = s.declaration || s;
        if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id && !s.declare)
            have[s.id.name] = true;
    }
    for (i = 0; i < list.length; i++) {
        s = list[i];
        this.path.push(s);
        this.stmt(s, ns, have);
        this.path.pop();
        if (this.covered(s)) this.remove(list, s);
    }
};

T.stmt = function (s, ns, have) {
    var d;
    switch (s.type) {
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSDeclareFunction':
        this.blank(s.start, s.end);
        return;
    case 'TSEnumDeclaration':
        if (s.declare) this.blank(s.start, s.end);
        else this.enumDecl(s, s.start, ns, false, have);
        return;
    case 'TSModuleDeclaration':
        if (typeOnlyDecl(s)) this.blank(s.start, s.end);
        else this.nsDecl(s, s.start, ns, false, have);
        return;
    case 'TSImportEqualsDeclaration':
        this.importEquals(s, ns);
        return;
    case 'TSExportAssignment':
        if (ns) this.error('export = is not allowed in a namespace', s.start);
        this.exportAssign = s;
        this.replace(s.start, s.expression.start, 'module.exports = ');
        this.visit(s.expression, s, 'expression');
        return;
    case 'ImportDeclaration':
        this.imports.push(s);
        return;
    case 'ExportAllDeclaration':
        if (s.exportKind === 'type') this.blank(s.start, s.end);
        return;
    case 'ExportNamedDeclaration':
        d = s.declaration;
        if (s.exportKind === 'type' || typeOnlyDecl(d)) { this.blank(s.start, s.end); return; }
        if (!d) {
            if (ns) this.error('export lists are not allowed in a namespace', s.start);
            this.exports.push(s);
            return;
        }
        if (ns) { this.nsExport(s, d, ns, have); return; }
        if (d.type === 'TSEnumDeclaration') this.enumDecl(d, d.start, null, false, have, s);
        else if (d.type === 'TSModuleDeclaration') this.nsDecl(d, d.start, null, false, have, s);
        else this.visit(d, s, 'declaration');
        return;
    case 'ExportDefaultDeclaration':
        d = s.declaration;
        if (typeOnlyDecl(d) || d.type === 'Identifier' && this.typeOnlyName(d.name)) {
            this.blank(s.start, s.end);
            return;
        }
        this.defaultExport = s;
        this.visit(d, s, 'declaration');
        return;
    }
    this.visit(s, null, null);
};

/* `export` inside a namespace: the name goes on the namespace object. */
T.nsExport = function (s, d, ns, have) {
    var N = ns.param, i;
    if (d.type === 'TSEnumDeclaration') { this.enumDecl(d, s.start, ns, true, have); return; }
    if (d.type === 'TSModuleDeclaration') { this.nsDecl(d, s.start, ns, true, have); return; }
    if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') {
        this.blank(s.start, d.start);
        this.visit(d, s, 'declaration');
        this.replace(d.end, d.end, ' ' + N + '.' + d.id.name + ' = ' + d.id.name + ';');
        return;
    }
    if (d.type !== 'VariableDeclaration') { this.visit(d, s, 'declaration'); return; }
    /* export const a = 1, {b} = o  ->  N.a = 1, ({b: N.b} = o); */
    var parts = [], pos = s.start;
    for (i = 0; i < d.declarations.length; i++) {
        var dc = d.declarations[i];
        if (!dc.init) continue;
        this.visit(dc.init, dc, 'init');
        var init = this.sub(dc.init.start, dc.init.end), target;
        if (dc.id.type === 'Identifier') {
            target = N + '.' + dc.id.name;
        } else {
            this.exportPattern(dc.id, N);
            target = this.sub(dc.id.start, dc.id.end);
        }
        var lead = nls(nlCount(this.src.slice(pos, dc.start)));
        parts.push(lead + (dc.id.type === 'Identifier' ? target + ' = ' + init : '(' + target + ' = ' + init + ')'));
        pos = dc.init.end;
    }
    this.replace(s.start, s.end, parts.length ? parts.join(', ') + ';' : '');
};

/* A destructuring pattern whose names are a namespace's: N.x each. */
T.exportPattern = function (p, N) {
    if (!p) return;
    switch (p.type) {
    case 'Identifier':
        this.replace(p.start, p.end, N + '.' + p.name);
        return;
    case 'ObjectPattern':
        if (p.typeAnnotation) this.blank(p.typeAnnotation.start, p.typeAnnotation.end);
        for (var i = 0; i < p.properties.length; i++) {
            var q = p.properties[i];
            if (q.type === 'RestElement') { this.exportPattern(q.argument, N); continue; }
            if (q.computed) this.visit(q.key, q, 'key');
            if (q.shorthand) {
                var id = q.value.type === 'AssignmentPattern' ? q.value.left : q.value;
                this.replace(id.start, id.end, id.name + ': ' + N + '.' + id.name);
                if (q.value.type === 'AssignmentPattern') this.visit(q.value.right, q.value, 'right');
            } else {
                this.exportPattern(q.value, N);
            }
        }
        return;
    case 'ArrayPattern':
        if (p.typeAnnotation) this.blank(p.typeAnnotation.start, p.typeAnnotation.end);
        for (var j = 0; j < p.elements.length; j++) this.exportPattern(p.elements[j], N);
        return;
    case 'RestElement':
        this.exportPattern(p.argument, N);
        return;
    case 'AssignmentPattern':
        this.exportPattern(p.left, N);
        this.visit(p.right, p, 'right');
        return;
    }
};

/* The opening and closing of a namespace's or an enum's closure, as tsc
 * writes them: `var N; (function (N) {` ... `})(N || (N = {}));`. */
T.closure = function (name, ns, exported, have, exportStmt, param) {
    var declare = !hasOwnTs.call(have, name);
    have[name] = true;
    var kw = have[' top'] ? 'var' : 'let';
    var head = (declare ? kw + ' ' + name + '; ' : '') + '(function (' + (param || name) + ') {';
    var arg = exported ? name + ' = ' + ns.param + '.' + name + ' || (' + ns.param + '.' + name + ' = {})' :
        name + ' || (' + name + ' = {})';
    /* `export namespace N` again: the first declaration exported it */
    if (exportStmt && !declare) this.blank(exportStmt.start, exportStmt.declaration.start);
    return { head: head, tail: '})(' + arg + ');' };
};

/* The closure's parameter: the namespace's name, unless its body names
 * something so (a local, a parameter, a namespace inside), which would
 * hide it: then N_1, as tsc names it. */
function nsParam(name, body) {
    var names = {};
    (function walk(n) {
        if (n.type === 'Identifier') names[n.name] = true;
        else rt.eachChild(n, walk);
    })(body);
    if (!hasOwnTs.call(names, name)) return name;
    for (var i = 1; ; i++) if (!hasOwnTs.call(names, name + '_' + i)) return name + '_' + i;
}

T.nsDecl = function (node, from, ns, exported, have, exportStmt) {
    var param = nsParam(node.id.name, node.body);
    var c = this.closure(node.id.name, ns, exported, have, exportStmt, param);
    var inner = node.body, info = { param: param };
    if (inner.type === 'TSModuleDeclaration') {
        /* namespace A.B { }: B, exported from A */
        this.replace(from, inner.start, c.head);
        this.qualDepth++;
        this.pushScope({}, this.nsMerged(node), info.param);
        this.nsDecl(inner, inner.start, info, true, {});
        this.popScope();
        this.qualDepth--;
        this.replace(node.end, node.end, c.tail);
        return;
    }
    var exportsAll = this.nsMerged(node), locals = {}, body = inner.body;
    declaredIn(body, true, locals);
    for (var n in exportsAll) if (exportsAll[n] === 'var') delete locals[n];
    this.replace(from, inner.start + 1, c.head);
    this.qualDepth++;
    this.pushScope(locals, exportsAll, info.param);
    this.stmts(body, info);
    this.popScope();
    this.qualDepth--;
    this.replace(inner.end - 1, inner.end, c.tail);
};

/* The exports of every declaration of a namespace (linkNamespaces):
 * declarations merge, and one sees another's exports as N.x. */
T.nsMerged = function (node) {
    var list = node.$siblings || [node];
    if (!list.$exports) {
        var out = {};
        for (var i = 0; i < list.length; i++) nsExports(list[i], out);
        list.$exports = out;
    }
    return list.$exports;
};

T.importEquals = function (s, ns) {
    if (s.importKind === 'type') { this.blank(s.start, s.end); return; }
    var ref = s.moduleReference, name = s.id.name, value;
    if (ref.type === 'TSExternalModuleReference') {
        this.usesRequire = true;
        value = 'require(' + this.src.slice(ref.expression.start, ref.expression.end) + ')';
    } else {
        value = this.entityName(ref);
    }
    if (ns && s.isExport) { this.replace(s.start, s.end, ns.param + '.' + name + ' = ' + value + ';'); return; }
    if (!s.isExport) {
        /* dropped, as an import, when the name is only a type */
        this.importEqs = this.importEqs || [];
        this.importEqs.push({ node: s, text: (ref.type === 'TSExternalModuleReference' ? 'const ' : 'var ') + name + ' = ' + value + ';' });
        return;
    }
    this.replace(s.start, s.end, 'export ' + (ref.type === 'TSExternalModuleReference' ? 'const ' : 'var ') + name + ' = ' + value + ';');
};

T.entityName = function (n) {
    if (n.type === 'TSQualifiedName') return this.entityName(n.left) + '.' + n.right.name;
    this.used[n.name] = true;
    return (this.qualDepth && this.qualified(n.name)) || n.name;
};

/* --- enums ---------------------------------------------------------- */

T.enumDecl = function (node, from, ns, exported, have, exportStmt) {
    var E = node.id.name, c = this.closure(E, ns, exported, have, exportStmt);
    var src = this.src, open = src.indexOf('{', node.id.end), members = node.members;
    var known = this.enums[E] = this.enums[E] || {}, qual = {}, i;
    for (i = 0; i < members.length; i++) qual[this.memberName(members[i])] = true;
    this.replace(from, open + 1, c.head);
    var prev = null;
    this.qualDepth++;
    this.pushScope({}, qual, E);
    for (i = 0; i < members.length; i++) {
        var m = members[i], name = this.memberName(m), key = E + '[' + JSON.stringify(name) + ']';
        var next = i + 1 < members.length ? members[i + 1].start : node.end - 1;
        var value = m.initializer ? this.constant(m.initializer, E, known) :
            prev === null ? 0 : typeof known[prev] === 'number' ? known[prev] + 1 : undefined;
        known[name] = value;
        if (typeof value === 'string') {
            this.replace(m.start, next, key + ' = ' + JSON.stringify(value) + ';');
        } else if (typeof value === 'number') {
            this.replace(m.start, next, E + '[' + key + ' = ' + numText(value) + '] = ' + JSON.stringify(name) + ';');
        } else if (m.initializer) {
            /* computed at run time: a number, as tsc assumes */
            this.replace(m.start, m.initializer.start, E + '[' + key + ' = ');
            this.visit(m.initializer, m, 'initializer');
            this.replace(m.initializer.end, next, '] = ' + JSON.stringify(name) + ';');
        } else {
            this.replace(m.start, next, E + '[' + key + ' = ' + E + '[' + JSON.stringify(prev) + '] + 1] = ' + JSON.stringify(name) + ';');
        }
        prev = name;
    }
    this.popScope();
    this.qualDepth--;
    this.replace(node.end - 1, node.end, c.tail);
};

T.memberName = function (m) {
    return m.id.type === 'Identifier' ? m.id.name : String(m.id.value);
};

/* as tsc prints a computed value: -0 is 0 */
function numText(v) { return String(v); }

/* An enum member's value when tsc can compute it, else undefined. */
T.constant = function (n, E, known) {
    var self = this;
    function ev(n) {
        switch (n.type) {
        case 'Literal':
            return typeof n.value === 'number' || typeof n.value === 'string' ? n.value : undefined;
        case 'TemplateLiteral':
            if (n.expressions.length) {
                var s = n.quasis[0].value.cooked;
                for (var i = 0; i < n.expressions.length; i++) {
                    var x = ev(n.expressions[i]);
                    if (x === undefined) return undefined;
                    s += String(x) + n.quasis[i + 1].value.cooked;
                }
                return s;
            }
            return n.quasis[0].value.cooked;
        case 'ParenthesizedExpression':
            return ev(n.expression);
        case 'Identifier':
            if (n.name === 'Infinity') return Infinity;
            if (n.name === 'NaN') return NaN;
            return hasOwnTs.call(known, n.name) ? known[n.name] : undefined;
        case 'MemberExpression':
            if (n.object.type !== 'Identifier' || !hasOwnTs.call(self.enums, n.object.name)) return undefined;
            var key = n.computed ? (n.property.type === 'Literal' ? String(n.property.value) : null) : n.property.name;
            var en = self.enums[n.object.name];
            return key !== null && hasOwnTs.call(en, key) ? en[key] : undefined;
        case 'UnaryExpression':
            var a = ev(n.argument);
            if (typeof a !== 'number') return undefined;
            return n.operator === '-' ? -a : n.operator === '+' ? a : n.operator === '~' ? ~a : undefined;
        case 'BinaryExpression':
            var l = ev(n.left), r = ev(n.right);
            if (l === undefined || r === undefined) return undefined;
            if (typeof l === 'string' || typeof r === 'string')
                return n.operator === '+' ? String(l) + String(r) : undefined;
            switch (n.operator) {
            case '+': return l + r;
            case '-': return l - r;
            case '*': return l * r;
            case '/': return l / r;
            case '%': return l % r;
            case '**': return Math.pow(l, r);
            case '|': return l | r;
            case '&': return l & r;
            case '^': return l ^ r;
            case '<<': return l << r;
            case '>>': return l >> r;
            case '>>>': return l >>> r;
            }
            return undefined;
        }
        return undefined;
    }
    return ev(n);
};

/* --- imports and exports, once every use is known ------------------- */

T.typeOnlyName = function (name) {
    return hasOwnTs.call(this.typeNames, name) && !hasOwnTs.call(this.valueNames, name);
};

T.topNames = function (list) {
    for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.type === 'ExportNamedDeclaration' && s.declaration) s = s.declaration;
        if (s.type === 'ImportDeclaration') {
            for (var j = 0; j < s.specifiers.length; j++) {
                var sp = s.specifiers[j];
                (s.importKind === 'type' || sp.importKind === 'type' ? this.typeNames : this.valueNames)[sp.local.name] = true;
            }
        } else if (s.type === 'TSImportEqualsDeclaration') {
            (s.importKind === 'type' ? this.typeNames : this.valueNames)[s.id.name] = true;
        } else if (s.id && s.id.type === 'Identifier') {
            (typeOnlyDecl(s) && !s.declare ? this.typeNames : this.valueNames)[s.id.name] = true;
        } else if (s.type === 'VariableDeclaration') {
            for (var k = 0; k < s.declarations.length; k++)
                bindingNames(s.declarations[k].id, []).forEach(function (n) { this.valueNames[n] = true; }, this);
        }
    }
};

T.finishImports = function () {
    var i, j;
    for (i = 0; i < this.imports.length; i++) {
        var s = this.imports[i];
        if (s.importKind === 'type') { this.blank(s.start, s.end); this.remove(this.topList, s); continue; }
        if (!s.specifiers.length) continue;
        var keep = [], dflt = null, star = null, named = [];
        for (j = 0; j < s.specifiers.length; j++) {
            var sp = s.specifiers[j];
            if (sp.importKind === 'type' || !hasOwnTs.call(this.used, sp.local.name)) continue;
            keep.push(sp);
            if (sp.type === 'ImportDefaultSpecifier') dflt = sp.local.name;
            else if (sp.type === 'ImportNamespaceSpecifier') star = '* as ' + sp.local.name;
            else named.push(this.src.slice(sp.imported.start, sp.imported.end) +
                            (sp.local.start !== sp.imported.start ? ' as ' + sp.local.name : ''));
        }
        if (!keep.length) { this.blank(s.start, s.end); this.remove(this.topList, s); continue; }
        if (keep.length === s.specifiers.length) continue;
        var parts = [];
        if (dflt) parts.push(dflt);
        if (star) parts.push(star);
        if (named.length) parts.push('{ ' + named.join(', ') + ' }');
        this.replace(s.start, s.source.start, 'import ' + parts.join(', ') + ' from ');
    }
    var eqs = this.importEqs || [];
    for (i = 0; i < eqs.length; i++) {
        var e = eqs[i].node;
        if (hasOwnTs.call(this.used, e.id.name)) this.replace(e.start, e.end, eqs[i].text);
        else { this.blank(e.start, e.end); this.remove(this.topList, e); }
    }
    for (i = 0; i < this.exports.length; i++) {
        var x = this.exports[i], out = [];
        for (j = 0; j < x.specifiers.length; j++) {
            var es = x.specifiers[j];
            if (es.exportKind === 'type' || !x.source && es.local.type === 'Identifier' && this.typeOnlyName(es.local.name))
                continue;
            out.push(this.src.slice(es.start, es.end));
        }
        if (out.length === x.specifiers.length) continue;
        var tail = x.source ? ' from ' + this.src.slice(x.source.start, x.end) : ';';
        this.replace(x.start, x.end, 'export { ' + out.join(', ') + ' }' + tail);
    }
};

/* export { x } reads x: its import stays. */
T.exportUses = function () {
    for (var i = 0; i < this.exports.length; i++) {
        var x = this.exports[i];
        if (x.source) continue;
        for (var j = 0; j < x.specifiers.length; j++) {
            var es = x.specifiers[j];
            if (es.exportKind !== 'type' && es.local.type === 'Identifier') this.used[es.local.name] = true;
        }
    }
};

/* Links each namespace to the other declarations of its name in the same
 * statement list, so that each sees the others' exports; and so on down,
 * for the namespaces they hold (namespace A.B merges with namespace A's
 * export namespace B). */
function linkNamespaces(list) {
    var byName = {};
    for (var i = 0; i < list.length; i++) addNamespace(byName, list[i]);
    for (var n in byName) linkGroup(byName[n]);
}
function addNamespace(byName, s) {
    if (s.type === 'ExportNamedDeclaration' && s.declaration) s = s.declaration;
    if (s.type === 'TSModuleDeclaration' && s.id.type === 'Identifier' && !s.declare)
        (byName['$' + s.id.name] = byName['$' + s.id.name] || []).push(s);
}
function linkGroup(decls) {
    var byName = {}, i, j;
    for (i = 0; i < decls.length; i++) {
        var d = decls[i];
        d.$siblings = decls;
        if (!d.body) continue;
        if (d.body.type === 'TSModuleDeclaration') addNamespace(byName, d.body);
        else for (j = 0; j < d.body.body.length; j++) addNamespace(byName, d.body.body[j]);
    }
    for (var n in byName) linkGroup(byName[n]);
}

/* Is this program an ES module: import or export syntax (type-only too),
 * or an await at its top level? tsc's `import x = require()` and
 * `export =` are CommonJS. */
function esmSyntax(ast) {
    for (var i = 0; i < ast.body.length; i++) {
        var t = ast.body[i].type;
        if (t === 'ImportDeclaration' || t === 'ExportNamedDeclaration' || t === 'ExportDefaultDeclaration' ||
            t === 'ExportAllDeclaration')
            return true;
    }
    return false;
}

function tsToJs(ast, src) {
    var ts = new Ts(src);
    ts.topList = ast.body;
    linkNamespaces(ast.body);
    ts.topNames(ast.body);
    ts.stmts(ast.body, null, true);
    var esm = esmSyntax(ast);
    if (ts.exportAssign && esm) ts.error('export = cannot be used in an ES module', ts.exportAssign.start);
    ts.exportUses();
    ts.finishImports();
    var code = ts.apply(ts.edits, 0, src.length);
    return { code: code,
             module: ast.sourceType === 'module' && !ts.exportAssign && (esm || !ts.importEqs && !ts.usesRequire),
             usesRequire: ts.usesRequire,
             ast: ts.strip(ast, code) };
}

/* --- the tree without its types ------------------------------------- */

/* When tsToJs only blanked types out, every position in its code is the
 * source's, and the TypeScript tree, without what was blanked, is the
 * tree acorn makes of that code: front.js lowers it instead of parsing the
 * code again (the TypeScript parse costs as much again as acorn's alone).
 * The walk above takes out as it blanks: the nodes a blank covers whole
 * (interfaces, type aliases, overloads, `declare`, type-only imports and
 * exports, the `this` parameter, abstract and index members: remove), the
 * keys that hold only types (annotations, type parameters and arguments,
 * implements: typeKey, kids), and the wrappers of an expression (x as T,
 * x satisfies T, x!, <T>x, f<T>: unwrap), which leave x in their place.
 * What remains can start or end inside a blank (a modifier, an
 * annotation, `as T` at the end of a statement without a semicolon):
 * acorn's node starts at its first token and ends at its last, so such a
 * start moves forward, and such an end back, over blanks and comments
 * (blank notes, from the nodes being visited, those that start or end
 * where it does).  When tsToJs wrote text of its own (enums, namespaces,
 * parameter properties, import = require...) or a blank took a node that
 * must be there, there is no such tree (null) and front.js parses the code;
 * the tree is then half stripped, and not used again. */
var UNWRAP = { TSAsExpression: 1, TSSatisfiesExpression: 1, TSNonNullExpression: 1,
               TSTypeAssertion: 1, TSInstantiationExpression: 1 };

function isSpaceCode(c) {
    return c === 32 || c === 10 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xa0 ||
           c === 0xfeff || c === 0x2028 || c === 0x2029 ||
           c > 0x1000 && /\s/.test(String.fromCharCode(c));
}

T.strip = function (ast, code) {
    var comments = ast.$comments || {}, i, r, n, p;
    if (!this.strippable) return null;
    for (i = 0; i < this.edits.length; i++) if (this.edits[i].text !== null) return null;
    for (i = 0; i < this.removed.length; i++) {
        r = this.removed[i];
        p = r.list.indexOf(r.node);
        if (p < 0) return null;
        r.list.splice(p, 1);
    }
    /* acorn's skipSpace: white space and comments, forward */
    for (i = 0; i < this.fixStart.length; i++) {
        n = this.fixStart[i];
        p = n.start;
        for (;;) {
            var c = code.charCodeAt(p);
            if (isSpaceCode(c)) p++;
            else if (c === 47 && code.charCodeAt(p + 1) === 47) {
                while (p < code.length && (c = code.charCodeAt(p)) !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029) p++;
            } else if (c === 47 && code.charCodeAt(p + 1) === 42 && code.indexOf('*/', p + 2) > 0) {
                p = code.indexOf('*/', p + 2) + 2;
            } else break;
        }
        n.start = p;
    }
    /* back to the end of the token before: over white space, and over the
     * comments the parse saw (a regex may end as a comment does) */
    for (i = 0; i < this.fixEnd.length; i++) {
        n = this.fixEnd[i];
        p = n.end;
        for (;;) {
            if (p > 0 && isSpaceCode(code.charCodeAt(p - 1))) p--;
            else if (hasOwnTs.call(comments, p) && comments[p] < p) p = comments[p];
            else break;
        }
        n.end = p;
    }
    return ast;
};

rt.tsParse = tsParse;
rt.tsToJs = tsToJs;
