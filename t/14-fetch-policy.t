#!/bin/sh
exec "${INVOKE_BUILDDIR:-.}/t/unit/fetch_test"
