#!/bin/sh
# bench/compute/micro.sh - issue 20's micro-benchmarks under this build's
# `invoke exec` (INVOKE=other/invoke for a before/after), node and php-cli,
# as one Markdown table.  Each row runs in a process of its own (best of 3
# inside); the figure is that process's user + system CPU time less a run
# of the set-up alone, divided by 3: CPU time rather than wall clock, so
# that a shared, busy machine still gives figures that compare.
# Rows: micro.js (issue 20's table), then micro-compute.js (the compute
# scenario's costly parts).
# Usage (from the build tree): sh bench/compute/micro.sh [ROW-SUBSTRING]
INVOKE=${INVOKE:-./invoke}
D=$(dirname "$0")
cpu() {   # cpu CMD... -> ms of user + system time
  /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%d", ($1 + $2) * 1000 }'
}
ms() {    # ms N FILE ROW CMD... -> (cpu(CMD FILE ROW) - cpu(CMD FILE -)) / N
  n=$1 f=$2 r=$3; shift 3
  a=$(cpu "$@" "$f" "$r"); b=$(cpu "$@" "$f" -)
  echo $(( (a - b) / n ))
}
echo "| work | invoke-fcgi ms | node 20 ms | PHP 8.2 ms |"
echo "|---|---:|---:|---:|"
for js in micro.js micro-compute.js; do
node "$D/$js" list | while read -r name; do
  case "$name" in *"${1:-}"*) ;; *) continue ;; esac
  i=$(ms 3 "$D/$js" "$name" $INVOKE exec)
  n=$(ms 3 "$D/$js" "$name" node)
  if php -r 'exit(0);' 2>/dev/null && php "$D/micro.php" "$name" | grep -q .; then p=$(ms 3 "$D/micro.php" "$name" php); else p=-; fi
  echo "| $name | $i | $n | $p |"
done
done
case "top level" in *"${1:-}"*)
  echo "| s += i + ',' x 100,000 (top level, once) | $(ms 1 "$D/micro-top.js" x $INVOKE exec) | $(ms 1 "$D/micro-top.js" x node) | - |" ;;
esac
