// build-lower.js ACORN PLUGIN OUT - the TypeScript plugin for acorn
// (@sveltejs/acorn-typescript, an ES module of ES2020) lowered by this
// project's own front end to the ES5 Duktape runs, for the front end's
// heap.  Run by node at build time (Makefile.am); front.js is the same file
// the front end's heap evaluates.
'use strict';
const fs = require('fs');
const path = require('path');

const [acornPath, pluginPath, out] = process.argv.slice(2);
const rt = { acorn: require(path.resolve(acornPath)) };
new Function('sys', 'rt', fs.readFileSync(path.join(__dirname, 'front.js'), 'utf8'))({}, rt);
// the front end's heap has no BigInt, and the plugin computes none (its
// "bigint" is TypeScript's type keyword): its operators stay operators
const lowered = rt.lower(fs.readFileSync(pluginPath, 'utf8'), 'acorn-typescript.mjs', { bigint: false });
const text =
  '/* acorn-typescript.js - @sveltejs/acorn-typescript (src/front/package-lock.json),\n' +
  ' * lowered by front.js at build time (src/front/build-lower.js): do not edit.\n' +
  ' * Runs as the body of function (sys, rt) in the front end\'s heap, after\n' +
  ' * acorn.js, promise.js, front-rt.js and stdlib.js; leaves rt.acornTs. */\n' +
  'var module = { exports: {} };\n' +
  '(function (exports, require, module, __filename, __dirname) {' + lowered + '\n})(module.exports, function (id) {\n' +
  '    if (id === "acorn") return rt.acorn;\n' +
  '    throw new Error("acorn-typescript: no module " + id);\n' +
  '}, module, "acorn-typescript.mjs", "/");\n' +
  'rt.acornTs = module.exports.tsPlugin;\n';
fs.writeFileSync(out + '.tmp', text);
fs.renameSync(out + '.tmp', out);
