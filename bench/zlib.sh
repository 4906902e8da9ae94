#!/bin/sh
# bench/zlib.sh - gzip and gunzip of 1 MB of text-like data (and Brotli at
# quality 5, and createGzip() fed 64 KB writes): ms per operation under
# `invoke exec` and under node 20, on the same machine, alternately, RUNS
# times each (medians of the runs' medians; bench/zlib.js times 15
# operations per run).
# Usage: sh bench/zlib.sh [BUILDDIR] [RUNS]   (prints a Markdown table)
set -e
B=${1:-.}
RUNS=${2:-3}
. "$(dirname "$0")/alternate.sh"
alternate "$B" "$RUNS" "$(dirname "$0")/zlib.js"
node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const inv = read(process.argv[1]), nd = read(process.argv[2]);
const med = (rows, k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
const rows = [["gzipSync, 1 MB", "gzip"], ["gunzipSync, 1 MB", "gunzip"],
  ["createGzip(), 16 writes of 64 KB", "gzipStream"],
  ["brotliCompressSync quality 5, 1 MB", "brotli5"], ["brotliDecompressSync, 1 MB", "unbrotli"]];
console.log("| operation | invoke exec, ms | node 20, ms | invoke / node |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, k] of rows) {
  const a = med(inv, k), b = med(nd, k);
  console.log("| " + name + " | " + a.toFixed(1) + " | " + b.toFixed(1) + " | " + (a / b).toFixed(2) + " |");
}
console.log("\ncompressed: " + inv[0].gzBytes + " bytes (invoke, Debian zlib), " + nd[0].gzBytes + " bytes (node, its own zlib)");
' "$T/invoke" "$T/node"
