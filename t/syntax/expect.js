// expect.js FILE... - fills in each case's expected output by running it
// with node (the reference), keeping "--- error" cases as written.
// A developer's tool: review the diff before committing.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const PRELUDE = "globalThis.print = (...a) => console.log(a.map(x => typeof x === 'string' ? x : String(x)).join(' '));";

for (const file of process.argv.slice(2)) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const cases = [];
  for (const l of lines) {
    if (l.startsWith('=== ')) cases.push({ head: l, code: [], sep: null, expect: [] });
    else if (!cases.length) continue;
    else if (cases[cases.length - 1].sep === null && /^---( error .*)?\s*$/.test(l)) cases[cases.length - 1].sep = l;
    else if (cases[cases.length - 1].sep === null) cases[cases.length - 1].code.push(l);
    else cases[cases.length - 1].expect.push(l);
  }
  let out = '';
  // a folder of its own: two people regenerating at once must not share files
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expect-'));
  for (const c of cases) {
    const code = c.code.join('\n') + '\n';
    out += c.head + '\n' + code;
    if (c.sep && c.sep.startsWith('--- error')) {
      out += c.sep + '\n' + c.expect.map((l) => l + '\n').join('');
      continue;
    }
    const tmp = path.join(dir, 'expect-case.js');
    const pre = path.join(dir, 'expect-prelude.js');
    fs.writeFileSync(pre, PRELUDE);
    fs.writeFileSync(tmp, code);
    const r = spawnSync(process.execPath, ['-r', pre, tmp], { encoding: 'utf8' });
    if (r.status !== 0) process.stderr.write(`${file}: ${c.head}: node exit ${r.status}\n${r.stderr}\n`);
    out += '---\n' + r.stdout;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.writeFileSync(file, out);
}
