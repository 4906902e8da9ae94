/* ratelimit.h - administrators' rate limits, checked before any JavaScript.
 *
 * A functions root may hold a file _rate-limits (private: never served)
 * with lines "PREFIX LIMIT WINDOW": at most LIMIT requests per client
 * address per WINDOW seconds to paths starting with PREFIX (the longest
 * matching prefix applies).  Counts live in the kv store (--data), in a
 * namespace of the root that functions never see.  This module sits between
 * the engine and the store; the request layer knows nothing of it.
 */
#ifndef INVOKE_RATELIMIT_H
#define INVOKE_RATELIMIT_H

#include "store/kv.h"

#define RL_ALLOW 0
#define RL_DENY 1

/* Counts one request from addr to path under root (a real path, whose
 * _rate-limits file it reads) in store (the engine's handle, NULL: none),
 * in scope (the root's "rate-limits" namespace, NULL: none could be made).
 * RL_DENY when over a limit (the caller answers 429): *retry_after gets
 * the seconds to wait.  Without a rules file, a store or a scope, or on a
 * store error (logged), RL_ALLOW.  Nothing is retained. */
int rl_check(kv *store, const kv_scope *scope, const char *root, const char *path,
             const char *addr, long *retry_after);

#endif
