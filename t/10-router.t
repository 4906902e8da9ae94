#!/bin/sh
exec "${INVOKE_BUILDDIR:-.}/t/unit/router_test"
