#!/bin/sh
# fuzz/run.sh SRCDIR BUILDDIR - builds the libFuzzer harnesses with clang,
# ASan and UBSan, and runs each for FUZZ_TIME seconds (default 60).
#
# Called by `make fuzz`, which passes the engine's sources (FUZZ_SOURCES)
# and libraries (FUZZ_LIBS).  Corpora grow in BUILDDIR/fuzz/corpus/NAME,
# seeded from SRCDIR/fuzz/seeds/NAME; a crash leaves its input in
# BUILDDIR/fuzz-out/crash-NAME-* and makes the target fail: fix it and keep the
# input as a regression test in t/ (see t/71-fuzz-regressions.t).
set -eu
src=$1 build=$2
: "${FUZZ_TIME:=60}" "${CLANG:=clang}" "${FUZZ_SOURCES:?}" "${FUZZ_LIBS:=}"
out=$build/fuzz-out
mkdir -p "$out/obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-g -O1 -D_GNU_SOURCE -I$build/duk -I$src/src -I$build/src -I$build -I$src"
objs=
for f in $FUZZ_SOURCES duk/duktape.c; do
    case $f in *.c) ;; *) continue ;; esac
    [ -f "$src/$f" ] && path=$src/$f || path=$build/$f
    o=$out/obj/$(echo "$f" | tr / _).o
    if [ ! -f "$o" ] || [ "$path" -nt "$o" ]; then
        echo "  CC (fuzz) $f"
        # Duktape is not ours: ASan only (its idioms, such as adding 0 to
        # a NULL pointer, trip UBSan and would hide our findings)
        fs=$san; case $f in duk/*) fs="-w -fsanitize=address" ;; esac
        $CLANG $cflags $fs -fsanitize=fuzzer-no-link -c "$path" -o "$o"
    fi
    objs="$objs $o"
done
status=0
for h in router request; do
    echo "  LD (fuzz) ${h}_fuzz"
    $CLANG $cflags $san -fsanitize=fuzzer "$src/fuzz/${h}_fuzz.c" $objs $FUZZ_LIBS -lm \
        -o "$out/${h}_fuzz"
    mkdir -p "$out/corpus/$h"
    echo "fuzz: ${h}_fuzz for ${FUZZ_TIME}s"
    FUZZ_ROOT=$src/t/fixtures/root ASAN_OPTIONS=detect_leaks=0 \
        "$out/${h}_fuzz" -max_total_time="$FUZZ_TIME" -max_len=4096 -timeout=10 \
        -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$out/crash-$h-" \
        "$out/corpus/$h" "$src/fuzz/seeds/$h" || status=1
done
exit $status
