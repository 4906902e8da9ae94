#!/bin/sh
# The crypto natives against published vectors (t/unit/crypto_test.c).
# INVOKE_TEST_VALGRIND=1 runs them under valgrind, failing on any leak or
# invalid access (the error paths throw through Duktape half-way).
bin="${INVOKE_BUILDDIR:-.}/t/unit/crypto_test"
vectors="$(dirname "$0")/runtime/crypto-vectors.json"
if [ -n "$INVOKE_TEST_VALGRIND" ] && command -v valgrind >/dev/null 2>&1; then
  exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=9 "$bin" "$vectors"
fi
exec "$bin" "$vectors"
