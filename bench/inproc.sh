#!/bin/sh
# bench/inproc.sh - instructions per request of each bench/run scenario in
# one worker, without the FastCGI hop (bench/inproc.c under callgrind).
# Callgrind's counts are repeatable on a shared machine; each figure is
# (Ir of N+1 requests - Ir of 1 request) / N, so start-up and the cold
# compile drop out.
#
# Usage: sh bench/inproc.sh [N] [SCENARIO...]   (from the build tree)
# For a profile of the requests alone (no start-up, no cold compile):
#   KEEP_CG=1 sh bench/inproc.sh 1 hello; valgrind --tool=callgrind \
#     --toggle-collect=run_requests /tmp/inproc hello 200 /tmp/data
# INPROC_COUNT=1: with the admin panel's per-function counters (sb_count)
# updated after each request, as the worker does.
set -e
N=${1:-200}
[ $# -gt 0 ] && shift
SCEN=${*:-hello echo counter webhook}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# link with what the build links (the configured libraries)
libs=$(sed -n 's/^\(DB\|CRYPTO\|CRYPT\|CURL\|ICU\|ZLIB\|BROTLI\)_LIBS = //p' Makefile | tr '\n' ' ')
cc -O2 -g -Isrc -Iduk bench/inproc.c src/server/scoreboard.c libinvoke.a libduk.a ${libs:--lcrypto -ldb} -lm -o "$T/inproc"
perl -e 'my @i = map { {id=>$_, name=>"item $_", tags=>["a","b"]} } 1..14;
  use JSON::PP; my $s = JSON::PP->new->canonical->encode({items=>\@i}); $s .= " " x (1024 - length $s) if length $s < 1024; print $s' > /tmp/inproc-echo.json
printf '{"event":"payment.succeeded","id":"evt_123","amount":4200}' > /tmp/inproc-webhook.json
INPROC_SIG_PARAM=HTTP_X_SIGNATURE=$(openssl dgst -sha256 -hmac bench-secret -r /tmp/inproc-webhook.json | cut -d' ' -f1)
export INPROC_SIG_PARAM
ir() {  # ir SCENARIO COUNT -> total instructions
  mkdir -p "$T/data"
  valgrind --tool=callgrind --callgrind-out-file="$T/cg.$1.$2" "$T/inproc" "$1" "$2" "$T/data" > /dev/null 2>&1 ||
    { "$T/inproc" "$1" 1 "$T/data" >&2; exit 1; }
  callgrind_annotate "$T/cg.$1.$2" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}
for s in $SCEN; do
  "$T/inproc" "$s" 1 "$T/data" > /dev/null    # the store is created once, outside the counts
  a=$(ir "$s" 1); b=$(ir "$s" $((N + 1)))
  w=$("$T/inproc" "$s" 2000 "$T/data")
  echo "$s: $(( (b - a) / N )) instructions per request (callgrind, N=$N); wall: ${w#*, }"
  [ -z "${KEEP_CG:-}" ] || cp "$T/cg.$s.$((N + 1))" "/tmp/cg.$s"
  [ -z "${KEEP_CG:-}" ] || cp "$T/inproc" /tmp/inproc
done
