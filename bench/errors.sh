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
table µs '[["new Error(msg)", "newError"], ["new Error(msg), 30 calls deep (calls included)", "newErrorDeep"],
  ["30 calls deep, no error", "deepCallsOnly"], ["new Error(msg).stack", "newErrorStack"],
  ["throw and catch new Error(msg)", "throwCatch"], ["o.a.b on undefined, caught", "engineError"],
  ["an undefined name, caught, .message read", "engineErrorMessage"], ["JSON.stringify of a small object", "jsonStringify"]]'
