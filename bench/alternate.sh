# bench/alternate.sh - sourced by bench/zlib.sh, bench/sign.sh and bench/errors.sh: runs
# SCRIPT under `invoke exec` and under node, alternately (so that a change
# in the machine's load falls on both), RUNS times each, appending each
# run's output line to $T/invoke and $T/node.  Sets T (a temporary folder
# removed on exit); table prints the medians as a Markdown table.
# Usage: . bench/alternate.sh; alternate BUILDDIR RUNS SCRIPT
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
alternate() {
  i=0
  while [ $i -lt "$2" ]; do
    "$1/invoke" exec "$3" >> "$T/invoke"
    node "$3" >> "$T/node"
    i=$((i + 1))
  done
}
# The Markdown table of the medians of the runs' figures, one row per
# [label, key] of ROWS (JSON), in UNIT, with invoke / node.
# Usage: table UNIT ROWS
table() {
  node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const inv = read(process.argv[1]), nd = read(process.argv[2]), unit = process.argv[3];
const med = (rows, k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
console.log("| operation | invoke exec, " + unit + " | node 20, " + unit + " | invoke / node |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, k] of JSON.parse(process.argv[4])) {
  const a = med(inv, k), b = med(nd, k);
  console.log("| " + name + " | " + a + " | " + b + " | " + (a / b).toFixed(2) + " |");
}
' "$T/invoke" "$T/node" "$1" "$2"
}
