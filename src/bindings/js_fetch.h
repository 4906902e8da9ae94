/* js_fetch.h - outbound HTTP on libcurl's multi interface (js_fetch.c). */
#ifndef INVOKE_JS_FETCH_H
#define INVOKE_JS_FETCH_H

#include <stddef.h>

#include "bindings/js_sys.h"

/* [ ... sys ] -> [ ... sys ]: adds the fetch natives (fetchStart,
 * fetchPoll, fetchState, fetchTake, fetchClose, ...) to the object on top of
 * the stack and reads the limits and the network policy from host->cfg.
 * libcurl itself is set up at the first fetch, after the worker's fork. */
void jfetch_init(duk_context *ctx, jsys_host *host);

/* Checks the syntax of a --fetch-allow/--fetch-deny list (comma-separated
 * host names, *.suffix, IP addresses, CIDR blocks).  Returns 0, or -1 with
 * a message naming the bad entry in err.  For the option parser, so a typo
 * stops the start instead of silently allowing a host. */
int jfetch_policy_check(const char *list, char *err, size_t errlen);

/* Whether host (a name, or an address as a URL writes it, without
 * brackets) matches an entry of a --fetch-allow/--fetch-deny list, the way
 * fetch checks it: by name before connecting and, for an address, as the
 * address connected to (so ::ffff:10.0.0.1 is 10.0.0.1).  Both strings
 * are borrowed; -1 when out of memory.  For t/unit/fetch_test.c. */
int jfetch_policy_match(const char *list, const char *host);

#endif
