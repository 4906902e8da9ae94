#!/bin/sh
# bench/errors.sh - what making an error costs (issue 26): µs per
# operation under `invoke exec` and under node 20, on the same machine,
# alternately, RUNS times each (medians of the runs' medians;
# bench/errors.js times 9 batches of 2,000 operations per run).
# Usage: sh bench/errors.sh [BUILDDIR] [RUNS]   (prints a Markdown table)
set -e
B=${1:-.}
RUNS=${2:-3}
. "$(dirname "$0")/alternate.sh"
alternate "$B" "$RUNS" "$(dirname "$0")/errors.js"
node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const inv = read(process.argv[1]), nd = read(process.argv[2]);
const med = (rows, k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
console.log("| operation | invoke exec, µs | node 20, µs | invoke / node |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, k] of [["new Error(msg)", "newError"], ["new Error(msg), 30 calls deep (calls included)", "newErrorDeep"],
    ["30 calls deep, no error", "deepCallsOnly"], ["new Error(msg).stack", "newErrorStack"],
    ["throw and catch new Error(msg)", "throwCatch"], ["o.a.b on undefined, caught", "engineError"],
    ["an undefined name, caught, .message read", "engineErrorMessage"], ["JSON.stringify of a small object", "jsonStringify"]]) {
  const a = med(inv, k), b = med(nd, k);
  console.log("| " + name + " | " + a + " | " + b + " | " + (a / b).toFixed(1) + " |");
}
' "$T/invoke" "$T/node"
