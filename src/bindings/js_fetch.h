/* js_fetch.h - outbound HTTP on libcurl's multi interface (js_fetch.c). */
#ifndef INVOKE_JS_FETCH_H
#define INVOKE_JS_FETCH_H

#include "bindings/js_host.h"
#include "net/net.h"

/* [ ... sys ] -> [ ... sys ]: adds the fetch natives (fetchStart,
 * fetchPoll, fetchState, fetchTake, fetchClose, ...) to the object on top of
 * the stack, with the limits and the network policy of o (copied; its
 * strings must outlive the heap; a limit left at 0 takes net.h's default).
 * libcurl itself is set up at the first fetch, after the worker's fork. */
void js_fetch_init(duk_context *ctx, js_host *host, const net_opts *o);

#endif
