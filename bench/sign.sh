#!/bin/sh
# bench/sign.sh - RS256, ES256 and EdDSA sign and verify (what checking a
# JWT costs): µs per operation under `invoke exec` and under node 20, on
# the same machine, alternately, RUNS times each (medians of the runs'
# medians; bench/sign.js times 9 batches of 20 operations per run).
# Usage: sh bench/sign.sh [BUILDDIR] [RUNS]   (prints a Markdown table)
set -e
B=${1:-.}
RUNS=${2:-3}
. "$(dirname "$0")/alternate.sh"
alternate "$B" "$RUNS" "$(dirname "$0")/sign.js"
node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const inv = read(process.argv[1]), nd = read(process.argv[2]);
const med = (rows, k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
console.log("| operation | invoke exec, µs | node 20, µs | invoke / node |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, k] of [["RS256 sign (RSA 2048)", "rs256Sign"], ["RS256 verify", "rs256Verify"],
    ["ES256 sign (P-256)", "es256Sign"], ["ES256 verify", "es256Verify"],
    ["EdDSA sign (Ed25519)", "eddsaSign"], ["EdDSA verify", "eddsaVerify"]]) {
  const a = med(inv, k), b = med(nd, k);
  console.log("| " + name + " | " + a + " | " + b + " | " + (a / b).toFixed(2) + " |");
}
' "$T/invoke" "$T/node"
