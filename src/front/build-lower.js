// build-lower.js ACORN PLUGIN OUT - the TypeScript plugin for acorn
// (@sveltejs/acorn-typescript, an ES module of ES2020) lowered by this
// project's own front end to the ES5 Duktape runs, for the front end's
// heap.  Run by node at build time (Makefile.am); front.js is the same file
// the front end's heap evaluates.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [acornPath, pluginPath, out] = process.argv.slice(2);
const rt = { acorn: require(path.resolve(acornPath)) };
new Function('sys', 'rt', fs.readFileSync(path.join(__dirname, 'front.js'), 'utf8'))({}, rt);
// super.m() as a plain read of the parent prototype's m (front.js,
// superRead): the plugin's parser calls its parents' methods through super
// for every token, and the exact read (a getter on the way would run on
// this) cost a third of a TypeScript parse.  Exact here as long as no name
// read so is an accessor anywhere up the parser's class chain: checked
// below on the plugin itself, before anything is written.
const superNames = {};
// The front end's heap has no BigInt, and the plugin computes none (its
// "bigint" is TypeScript's type keyword): its operators stay operators.
const lowered = rt.lower(fs.readFileSync(pluginPath, 'utf8'), 'acorn-typescript.mjs',
                         { plainSuper: superNames, bigint: false });

async function checkSuper() {
  const acorn = await import(pathToFileURL(path.resolve(path.dirname(acornPath), 'acorn.mjs')).href);
  const plugin = await import(pathToFileURL(path.resolve(pluginPath)).href);
  const P = acorn.Parser.extend(plugin.tsPlugin());
  for (const start of [P.prototype, P]) {
    for (let o = start; o; o = Object.getPrototypeOf(o)) {
      for (const name of Object.keys(superNames)) {
        const d = Object.getOwnPropertyDescriptor(o, name);
        if (d && (d.get || d.set))
          throw new Error(`build-lower.js: super.${name} reads an accessor: it needs front.js's exact super`);
      }
    }
  }
}

checkSuper().then(() => {
  const text =
    '/* acorn-typescript.js - @sveltejs/acorn-typescript (src/front/package-lock.json),\n' +
    ' * lowered by front.js at build time (src/front/build-lower.js): do not edit.\n' +
    ' * Runs as the body of function (sys, rt) in the front end\'s heap when it\n' +
    ' * first compiles TypeScript (front.c), after acorn.js, promise.js,\n' +
    ' * front-rt.js, stdlib.js, typescript.js and front.js; leaves rt.acornTs. */\n' +
    'var module = { exports: {} };\n' +
    '(function (exports, require, module, __filename, __dirname) {' + lowered + '\n})(module.exports, function (id) {\n' +
    '    if (id === "acorn") return rt.acorn;\n' +
    '    throw new Error("acorn-typescript: no module " + id);\n' +
    '}, module, "acorn-typescript.mjs", "/");\n' +
    'rt.acornTs = module.exports.tsPlugin;\n';
  fs.writeFileSync(out + '.tmp', text);
  fs.renameSync(out + '.tmp', out);
}, (e) => {
  console.error(e.message);
  process.exit(1);
});
