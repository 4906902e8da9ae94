// expect.js FILE... - fills in each case's expected output by running it
// with the reference, keeping "--- error" cases as written: node for
// JavaScript, and for a case with TypeScript files tsc's emit (t/tools,
// `cd t/tools && npm ci` first) run by node.  A developer's tool: review
// the diff before committing.
//
// A case of several files ("--- file PATH" sections, t/modules) is written
// to a folder of its own and its first file run.  TypeScript: the folder is
// compiled with tsc 5 (target ES2022, module nodenext, the package's type
// "module" when a file uses import or export; module commonjs instead when
// a relative import names no extension, which only CommonJS resolution
// completes), then node runs the emitted first file.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const PRELUDE = "globalThis.print = (...a) => console.log(a.map(x => typeof x === 'string' ? x : String(x)).join(' '));";
const TSC = path.join(__dirname, '..', 'tools', 'node_modules', '.bin', 'tsc');
const IS_TS = /\.[cm]?ts$/;

function parse(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const cases = [];
  for (const l of lines) {
    const c = cases[cases.length - 1];
    if (l.startsWith('=== ')) cases.push({ head: l, code: [], files: [], sep: null, expect: [] });
    else if (!c) continue;
    else if (c.sep === null && /^--- file \S+\s*$/.test(l)) c.files.push({ head: l, path: l.slice(9).trim(), code: [] });
    else if (c.sep === null && /^---( error .*)?\s*$/.test(l)) c.sep = l;
    else if (c.sep === null && c.files.length) c.files[c.files.length - 1].code.push(l);
    else if (c.sep === null) c.code.push(l);
    else c.expect.push(l);
  }
  return cases;
}

function write(dir, rel, text) {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

// TypeScript runs with tsc's source maps, so that stacks name the .ts
// file's own lines and columns (t/runtime/errors.txt), as invoke's do
function runNode(entry, pre, ts) {
  const args = (ts ? ['--enable-source-maps'] : []).concat(['-r', pre, entry]);
  return spawnSync(process.execPath, args, { encoding: 'utf8', cwd: path.dirname(entry) });
}

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;
const BARE_RELATIVE = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]*?)['"]/g;

// tsc over the case's files, then the emitted entry's path.
function compileTs(dir, files) {
  const src = path.join(dir, 'src'), out = path.join(dir, 'out');
  let esm = false, extless = false;
  for (const f of files) {
    const text = f.code.join('\n') + '\n';
    write(src, f.path, text);
    if (/\.(mts|mjs)$/.test(f.path) || (!/\.(cts|cjs)$/.test(f.path) && ESM_SYNTAX.test(text))) esm = true;
    for (const m of text.matchAll(BARE_RELATIVE)) if (!/\.[a-z]+$/.test(m[1])) extless = true;
  }
  const commonjs = extless;
  if (!fs.existsSync(path.join(src, 'package.json')))
    write(src, 'package.json', JSON.stringify({ type: esm && !commonjs ? 'module' : 'commonjs' }));
  write(src, 'globals.d.ts', 'declare function print(...args: any[]): void;\n');
  write(src, 'tsconfig.json', JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: commonjs ? 'commonjs' : 'nodenext',
      moduleResolution: commonjs ? 'node10' : 'nodenext', esModuleInterop: true,
      rewriteRelativeImportExtensions: !commonjs, allowJs: true, resolveJsonModule: true,
      outDir: out, rootDir: src, noEmitOnError: false, strict: false, skipLibCheck: true,
      types: [], experimentalDecorators: false, sourceMap: true
    },
    include: ['**/*']
  }));
  spawnSync(TSC, ['-p', path.join(src, 'tsconfig.json')], { encoding: 'utf8' });
  // what tsc does not emit (JSON, package.json) goes along as it is
  for (const f of files.concat([{ path: 'package.json' }]))
    if (!IS_TS.test(f.path) && !/\.[cm]?js$/.test(f.path) && fs.existsSync(path.join(src, f.path)))
      write(out, f.path, fs.readFileSync(path.join(src, f.path)));
  const entry = files[0].path.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
  return path.join(out, entry);
}

for (const file of process.argv.slice(2)) {
  const cases = parse(file);
  let out = '';
  // a folder of its own: two people regenerating at once must not share files
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'expect-'));
  const pre = write(top, 'expect-prelude.js', PRELUDE);
  cases.forEach((c, n) => {
    out += c.head + '\n';
    if (c.files.length) for (const f of c.files) out += f.head + '\n' + f.code.map((l) => l + '\n').join('');
    else out += c.code.join('\n') + '\n';
    if (c.sep && c.sep.startsWith('--- error')) {
      out += c.sep + '\n' + c.expect.map((l) => l + '\n').join('');
      return;
    }
    const dir = path.join(top, 'case' + n);
    let entry;
    if (!c.files.length) entry = write(dir, 'expect-case.js', c.code.join('\n') + '\n');
    else if (c.files.some((f) => IS_TS.test(f.path))) entry = compileTs(dir, c.files);
    else {
      for (const f of c.files) write(dir, f.path, f.code.join('\n') + '\n');
      entry = path.join(dir, c.files[0].path);
    }
    const r = runNode(entry, pre, c.files.some((f) => IS_TS.test(f.path)));
    if (r.status !== 0) process.stderr.write(`${file}: ${c.head}: node exit ${r.status}\n${r.stderr}\n`);
    out += '---\n' + r.stdout;
  });
  fs.rmSync(top, { recursive: true, force: true });
  fs.writeFileSync(file, out);
}
