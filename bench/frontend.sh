#!/bin/sh
# bench/frontend.sh - what the modern-syntax front end costs.
#
#   cold: a module compiled from source (acorn parse + lowering + Duktape
#         compile + dump), timed inside the request around require();
#   warm: the same module loaded from the shared bytecode cache
#         (--data/bytecode) by a new process: sha256 of the file, read,
#         duk_load_function;
#   es5:  a module Duktape compiles directly (no front end);
#   ts:   the 5 KB module typed, through typescript.js and the front end.
#
# Sizes 1, 5 and 20 KB, made of the seed's samples in examples/best-practices.
# Usage: sh bench/frontend.sh [BUILDDIR]   (prints a Markdown table)
set -e
B=${1:-.}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/root"
# One modern module of about N KB: the samples' bodies as uniquely named
# functions, so nothing is shared between sizes.
make_module() {   # make_module KB FILE
  n=0
  : > "$2"
  while [ "$(wc -c < "$2")" -lt $(($1 * 1024)) ]; do
    for f in examples/best-practices/*.js; do
      [ "$(wc -c < "$2")" -lt $(($1 * 1024)) ] || break
      n=$((n + 1))
      echo "{" >> "$2"    # each sample in its own block: no name clashes
      sed -e "s/module\.exports = /const handler$n = /" "$f" |
        sed -e "s/require('\.\/_helpers')/{ validateEmail: () => true, sanitizeInput: (s) => s }/" \
            -e "s/^const crypto = require('crypto');//" >> "$2"
      echo "}" >> "$2"
    done
  done
  echo "module.exports = () => 0;" >> "$2"
}
cat > "$T/root/index.js" <<'JS'
module.exports = function (req, res) {
  var t0 = performance.now();
  require('./' + req.query.m);
  var t1 = performance.now();
  res.json({ ms: t1 - t0 });
};
JS
run() {   # run MODULE DATA -> ms
  "$B/invoke" run "$T/root" "/?m=$1" --data "$2" | tail -1 | sed -e 's/.*"ms":\([0-9.e-]*\).*/\1/'
}
echo "| module | size | cold compile | per KB | cached load (other process) |"
echo "| --- | --- | --- | --- | --- |"
for kb in 1 5 20; do
  make_module $kb "$T/root/m$kb.js"
  size=$(wc -c < "$T/root/m$kb.js")
  cold=""; warm=""
  for i in 1 2 3 4 5; do
    rm -rf "$T/data"; mkdir "$T/data"
    c=$(run m$kb.js "$T/data"); w=$(run m$kb.js "$T/data")
    cold="$cold $c"; warm="$warm $w"
  done
  med() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -g | sed -n 3p; }
  c=$(med $cold); w=$(med $warm)
  printf '| modern | %s B | %.1f ms | %.1f ms | %.0f µs |\n' "$size" "$c" "$(echo "$c $size" | awk '{print $1 * 1024 / $2}')" "$(echo "$w" | awk '{print $1 * 1000}')"
done
med() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -g | sed -n 3p; }
row() {   # row FILE LABEL: medians of 5 cold compiles and 5 cached loads
  size=$(wc -c < "$T/root/$1")
  cold=""; warm=""
  for i in 1 2 3 4 5; do
    rm -rf "$T/data"; mkdir "$T/data"
    cold="$cold $(run "$1" "$T/data")"; warm="$warm $(run "$1" "$T/data")"
  done
  c=$(med $cold); w=$(med $warm)
  printf '| %s | %s B | %.1f ms | %.1f ms | %.0f µs |\n' "$2" "$size" "$c" "$(echo "$c $size" | awk '{print $1 * 1024 / $2}')" "$(echo "$w" | awk '{print $1 * 1000}')"
}
# ES5 of the same size: Duktape alone
"$B/invoke" compile "$T/root/m5.js" > "$T/root/e5.js"
sed -i 's/\blet /var /g' "$T/root/e5.js"
row e5.js 'ES5 (the lowered 5 KB one)'

# TypeScript: the 5 KB module typed (its handlers' parameters annotated,
# an interface each), compiled through typescript.js first.
{ echo 'interface Req { [k: string]: any } interface Res { [k: string]: any }'
  sed -e 's/(req, res)/(req: Req, res: Res)/g' -e 's/(err)/(err: Error | any)/g' "$T/root/m5.js"; } > "$T/root/t5.ts"
row t5.ts 'TypeScript (the 5 KB one, typed)'

# Per request once a worker has the module: its in-memory cache.
if cc -O2 -I"$B/src" -Isrc -I"$B/duk" -I"$B" bench/frontend-load.c "$B/libinvoke.a" "$B/libduk.a" \
     $(pkg-config --libs libcrypto) -ldb -lcurl $(pkg-config --libs icu-i18n) -lm -o "$T/load" 2>/dev/null; then
  echo 'module.exports = (req, res) => res.send("x");' > "$T/root/bare.js"
  echo 'require("./m5.js"); module.exports = (req, res) => res.send("x");' > "$T/root/mod.js"
  echo
  "$T/load" "$T/root" 5000
fi
