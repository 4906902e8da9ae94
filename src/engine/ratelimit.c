/* ratelimit.c - the _rate-limits file of a functions root, enforced through
 * the kv store's kv_rate before the function runs (see ratelimit.h).
 *
 * The rules are parsed once and kept while the file's mtime and size stay
 * the same, so a request pays one stat() for them.  One root's rules are
 * cached per worker (a worker usually serves one root); another root's
 * request reloads.
 */
#include "engine/ratelimit.h"
#include "common/log.h"
#include "store/kv.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RL_FILE "_rate-limits"
#define RL_MAX_RULES 64
#define RL_MAX_PREFIX 256

typedef struct {
    char prefix[RL_MAX_PREFIX];
    long limit;
    double window;
} rl_rule;

static struct {
    char root[PATH_MAX];
    struct timespec mtime;
    off_t size;
    int n;
    rl_rule rules[RL_MAX_RULES];
} rl_cache;

/* Reads the rules of path into the cache; 0 rules when it is missing. */
static void rl_load(const char *root, const char *path, const struct stat *st)
{
    char line[512];
    FILE *f;
    int lineno = 0;

    rl_cache.n = 0;
    snprintf(rl_cache.root, sizeof rl_cache.root, "%s", root);
    rl_cache.mtime = st ? st->st_mtim : (struct timespec) { 0, 0 };
    rl_cache.size = st ? st->st_size : -1;
    if (st == NULL || (f = fopen(path, "r")) == NULL)
        return;
    while (fgets(line, sizeof line, f) && rl_cache.n < RL_MAX_RULES) {
        rl_rule *r = &rl_cache.rules[rl_cache.n];
        char prefix[RL_MAX_PREFIX];
        lineno++;
        if (line[strspn(line, " \t")] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        if (sscanf(line, "%255s %ld %lf", prefix, &r->limit, &r->window) != 3 ||
            prefix[0] != '/' || r->limit < 0 || !(r->window > 0)) {
            log_sys("error", "%s:%d: expected PREFIX LIMIT WINDOW-SECONDS", path, lineno);
            continue;
        }
        memcpy(r->prefix, prefix, sizeof prefix);
        rl_cache.n++;
    }
    fclose(f);
}

/* The rule for path: the longest matching prefix, or NULL. */
static const rl_rule *rl_match(const char *path)
{
    const rl_rule *best = NULL;
    size_t bl = 0;
    int i;

    for (i = 0; i < rl_cache.n; i++) {
        size_t l = strlen(rl_cache.rules[i].prefix);
        if (l >= bl && strncmp(path, rl_cache.rules[i].prefix, l) == 0) {
            best = &rl_cache.rules[i];
            bl = l;
        }
    }
    return best;
}

int rl_check(kv *store, const kv_scope *scope, const char *root, const char *path,
             const char *addr, long *retry_after)
{
    char file[PATH_MAX], key[RL_MAX_PREFIX + 128], err[300];
    const rl_rule *r;
    kv_rate_result res;
    struct stat st;
    int have = 0, rc;

    snprintf(file, sizeof file, "%s/" RL_FILE, root);
    have = stat(file, &st) == 0 && S_ISREG(st.st_mode);
    if (strcmp(root, rl_cache.root) != 0 || !have != (rl_cache.size < 0) ||
        (have && (st.st_mtim.tv_sec != rl_cache.mtime.tv_sec ||
                  st.st_mtim.tv_nsec != rl_cache.mtime.tv_nsec || st.st_size != rl_cache.size)))
        rl_load(root, file, have ? &st : NULL);
    if (rl_cache.n == 0 || (r = rl_match(path)) == NULL)
        return RL_ALLOW;
    if (store == NULL || scope == NULL) {
        static int told;
        if (!told++)
            log_sys("error", "%s: rate limits need the store: %s", file,
                    store ? "it has no scope for this root" : "start with --data");
        return RL_ALLOW;
    }
    snprintf(key, sizeof key, "%s %s", r->prefix, addr && *addr ? addr : "-");
    rc = kv_rate(store, scope, key, strlen(key), r->limit, (int64_t) (r->window * 1000.0),
                 &res, err, sizeof err);
    if (rc != KV_OK) {
        log_sys("error", "rate limit %s: %s", key, err);
        return RL_ALLOW;
    }
    if (res.allowed)
        return RL_ALLOW;
    *retry_after = (long) ((res.reset_at - kv_now() + 999) / 1000);
    if (*retry_after < 1)
        *retry_after = 1;
    return RL_DENY;
}
