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
table µs '[["RS256 sign (RSA 2048)", "rs256Sign"], ["RS256 verify", "rs256Verify"],
  ["ES256 sign (P-256)", "es256Sign"], ["ES256 verify", "es256Verify"],
  ["EdDSA sign (Ed25519)", "eddsaSign"], ["EdDSA verify", "eddsaVerify"]]'
