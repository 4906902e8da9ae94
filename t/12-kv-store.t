#!/bin/sh
exec "${INVOKE_BUILDDIR:-.}/t/unit/kv_test"
