#!/bin/sh
# fetch's network policy lists (src/net/net.c, t/unit/net_test.c).
exec "${INVOKE_BUILDDIR:-.}/t/unit/net_test"
