/* bytecode.h - compiled code kept under --data, in DATA/bytecode, shared
 * by every worker and by the `invoke` tool.
 *
 * The store layer keeps the bytes and knows nothing of what they mean: the
 * module binding files each module's bytecode under a key it computes from
 * what the bytecode depends on (bc_key), the engine files the front end's.
 * Bytecode is loaded unchecked, so only from a folder this user alone can
 * write.  A reader sees a whole file or none; a failure to write is quiet
 * (the cache is then missed, not wrong).
 */
#ifndef INVOKE_BYTECODE_H
#define INVOKE_BYTECODE_H

#include <limits.h>
#include <stddef.h>

/* The folder DATA/bytecode (made if need be) into dir (n bytes); 0, or -1
 * when data is NULL or empty, or the folder is not ours alone. */
int bc_dir(const char *data, char *dir, size_t n);

/* A cache file as a malloc'd buffer (the caller frees it) when it starts
 * with magic and an origin and holds more than that; else NULL.  *len
 * counts the whole file, *off is where the data begins. */
char *bc_read(const char *path, const char *magic, size_t *len, size_t *off);

/* Writes magic, origin (the real path of the file the data was made from,
 * NUL-terminated; "" when it came from no file of a site) and data to path
 * under a temporary name and renames it into place.  Borrows everything.
 * bc_prune removes the file once its origin is gone. */
void bc_write(const char *path, const char *magic, const char *origin,
              const void *data, size_t len);

/* What bc_prune did. */
typedef struct bc_pruned {
    unsigned long gone;             /* files whose origin no longer exists */
    unsigned long over;             /* least recently used, over the bound */
    unsigned long litter;           /* temporary and lock files left behind */
    unsigned long long bytes;       /* what the folder holds afterwards */
} bc_pruned;

/* Prunes the folder dir (from bc_dir): every cache file whose origin is
 * gone (a release deleted, a file moved away), then the least recently
 * read until the rest holds at most max bytes (0: no bound), and
 * temporary and lock files older than an hour.  A file removed while a
 * worker uses it costs that worker nothing (it holds the code in its
 * heap) and the next one a compile.  0, or -1 when dir cannot be read;
 * *out is filled either way (out may be NULL). */
int bc_prune(const char *dir, unsigned long long max, bc_pruned *out);

/* One compiled module's place in the folder, and its compile lock. */
typedef struct bc_slot {
    char file[PATH_MAX];        /* DIR/<sha256 hex>.bc */
    int lock;                   /* fd of DIR/<hex>.lock while locked, or -1 */
} bc_slot;

/* Fills s with the file of dir whose name is the SHA-256 of `build`
 * (a NUL-terminated build identity), `runtime` (the runtime's identity),
 * the real path and the source bytes: another build, runtime, file or
 * content never finds it.  0, or -1 (s->lock is -1 either way). */
int bc_key(bc_slot *s, const char *dir, const char *build, unsigned long long runtime,
           const char *real, const char *data, size_t len);

/* Takes the slot's compile lock, waiting while another process holds it,
 * so a burst of first requests compiles once; bc_unlock releases it (a
 * slot not locked is left as it is). */
void bc_lock(bc_slot *s);
void bc_unlock(bc_slot *s);

#endif
