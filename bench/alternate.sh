# bench/alternate.sh - sourced by bench/zlib.sh and bench/sign.sh: runs
# SCRIPT under `invoke exec` and under node, alternately (so that a change
# in the machine's load falls on both), RUNS times each, appending each
# run's output line to $T/invoke and $T/node.  Sets T (a temporary folder
# removed on exit).
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
