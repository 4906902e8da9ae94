#!/bin/sh
exec "${INVOKE_BUILDDIR:-.}/t/unit/crypto_test" "$(dirname "$0")/runtime/crypto-vectors.json"
