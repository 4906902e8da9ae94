// ts-tree.js BUILDDIR FILE... - for t/97-ts-tree.t: every TypeScript file of
// the case files (t/modules/ts-*.txt), and every case of t/syntax/*.txt as a
// .ts, through typescript.js and front.js run by node on the build's acorn
// and TypeScript plugin (BUILDDIR/front-npm).  When tsToJs gives the tree
// without its types (js.ast), that tree must be the one acorn parses from
// tsToJs's code, node for node; and lower() must give the same text (or the
// same error) from that tree as from the code parsed again.  One line per
// source: "ok<TAB>stripped|parsed<TAB>name" or "not ok<TAB>why<TAB>name".
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [build, ...files] = process.argv.slice(2);
const src = path.join(__dirname, '..', '..', 'src', 'front');
const npm = path.join(build, 'front-npm', 'node_modules');

function cases(file) {
  if (/\.[cm]?ts$/.test(file)) return [{ name: file, path: path.basename(file), src: fs.readFileSync(file, 'utf8') }];
  const out = [];
  let c = null, f = null, sep = false;
  for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
    if (l.startsWith('=== ')) { c = { name: l.slice(4), files: [], code: [] }; out.push(c); f = null; sep = false; continue; }
    if (!c || sep) continue;
    if (/^--- file \S+\s*$/.test(l)) { f = { path: l.slice(9).trim(), code: [] }; c.files.push(f); continue; }
    if (/^---( error .*)?\s*$/.test(l)) { sep = true; continue; }
    (f ? f.code : c.code).push(l);
  }
  const srcs = [];
  const base = path.basename(file);
  for (const k of out) {
    if (!k.files.length) srcs.push({ name: `${base}: ${k.name}`, path: 'main.ts', src: k.code.join('\n') + '\n' });
    for (const x of k.files)
      if (/\.[cm]?[jt]s$/.test(x.path))
        srcs.push({ name: `${base}: ${k.name}: ${x.path}`, path: x.path.replace(/\.([cm]?)js$/, '.$1ts'), src: x.code.join('\n') + '\n' });
  }
  return srcs;
}

// what only the TypeScript tree has, and what acorn leaves out when false
const TS_ONLY = new Set(['loc', 'optional', 'definite', 'declare', 'abstract', 'accessibility', 'override',
                         'readonly', 'importKind', 'exportKind', 'isExport', 'extra']);
function differ(a, b, where) {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${where}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`;
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b) ? null : `${where}: regex`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${where}: array against not`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k.startsWith('$')) continue;
    const member = a.type === 'MemberExpression' || a.type === 'CallExpression';
    if (TS_ONLY.has(k) && !(k === 'optional' && member)) continue;
    if (k === 'optional' && !a[k] && !b[k]) continue;
    const d = differ(a[k], b[k], `${where}.${k}` + (a.type ? `(${a.type} ${a.start})` : ''));
    if (d) return d;
  }
  return null;
}

(async () => {
  const acorn = await import(pathToFileURL(path.join(npm, 'acorn', 'dist', 'acorn.mjs')).href);
  const plugin = await import(pathToFileURL(path.join(npm, '@sveltejs', 'acorn-typescript', 'index.js')).href);
  const rt = { acorn: { ...acorn }, acornTs: plugin.tsPlugin };
  new Function('sys', 'rt', fs.readFileSync(path.join(src, 'typescript.js'), 'utf8'))({}, rt);
  new Function('sys', 'rt', fs.readFileSync(path.join(src, 'front.js'), 'utf8'))({}, rt);
  const lines = [];
  for (const file of files) {
    for (const s of cases(file)) {
      let tree, js;
      try {
        const k = /\.mts$/.test(s.path) ? 'module' : /\.cts$/.test(s.path) ? 'script' : 'detect';
        try { tree = rt.tsParse(s.src, k === 'module' ? 'module' : 'script'); }
        catch (e) { if (k !== 'detect') throw e; tree = rt.tsParse(s.src, 'module'); }
        js = rt.tsToJs(tree, s.src);
      } catch (e) {
        continue;       // not TypeScript (a JavaScript case that is not): nothing to compare
      }
      const kind = js.module ? 'module' : 'script';
      let why = null, out1, out2;
      try { out1 = rt.lower(s.src, s.path); } catch (e) { out1 = 'throws ' + e; }
      try { out2 = rt.lower(s.src, s.path, { reparse: true }); } catch (e) { out2 = 'throws ' + e; }
      if (out1 !== out2) why = 'lower() differs from lower() on the code parsed again';
      const stripped = js.ast && tree.sourceType === kind;
      if (!why && stripped) {
        let ref = null;
        try {
          ref = acorn.parse(js.code, { ecmaVersion: 2024, sourceType: kind, allowReturnOutsideFunction: kind === 'script',
                                      allowHashBang: true, preserveParens: true });
        } catch (e) {
          why = 'acorn cannot parse the code: ' + e.message;
        }
        if (ref) why = differ(js.ast, ref, 'tree');
      }
      lines.push(why ? `not ok\t${why}\t${s.name}` : `ok\t${stripped ? 'stripped' : 'parsed'}\t${s.name}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
})().catch((e) => { console.error(e.stack); process.exit(1); });
