/* kv_test.c - the store layer (src/store/kv.c) on a real Berkeley DB
 * environment in a temporary folder: values, expiry, scopes, numbers,
 * listing, purging, limits, reopening, and exact counts from forked
 * processes incrementing one key at once.
 */
#include "store/kv.h"
#include "tap.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[256], root_a[PATH_MAX], root_b[PATH_MAX];
static char err[300];
static kv_scope sc;             /* the scope the tests use now */

static void nap_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

static int get_str(kv *s, const char *key, char *out, size_t cap)
{
    const char *v;
    size_t n;
    int rc = kv_get(s, &sc, key, strlen(key), &v, &n, NULL, err, sizeof err);

    out[0] = '\0';
    if (rc == KV_OK)
        snprintf(out, cap, "%.*s", (int) n, v);
    return rc;
}

static int set_str(kv *s, const char *key, const char *val, int64_t exp)
{
    return kv_set(s, &sc, key, strlen(key), val, strlen(val), exp, err, sizeof err);
}

static void test_basics(kv *s)
{
    char buf[256];

    ok(kv_scope_root(&sc, root_a, NULL, err, sizeof err) == KV_OK, "scope for root a");
    is_int(strlen(sc.id), KV_SCOPE_LEN, "a scope is 16 hex digits");
    is_int(get_str(s, "missing", buf, sizeof buf), KV_NOTFOUND, "absent key: not found");
    is_int(set_str(s, "k", "{\"a\":[1,2]}", 0), KV_OK, "set");
    is_int(get_str(s, "k", buf, sizeof buf), KV_OK, "get");
    is_str(buf, "{\"a\":[1,2]}", "the value comes back byte for byte");
    is_int(set_str(s, "k", "\"other\"", 0), KV_OK, "overwrite");
    get_str(s, "k", buf, sizeof buf);
    is_str(buf, "\"other\"", "the new value replaces the old");
    is_int(kv_del(s, &sc, "k", 1, err, sizeof err), KV_OK, "delete an existing key");
    is_int(kv_del(s, &sc, "k", 1, err, sizeof err), KV_NOTFOUND, "delete again: not found");
    is_int(get_str(s, "k", buf, sizeof buf), KV_NOTFOUND, "gone after delete");
}

static void test_limits(kv *s)
{
    char key[KV_MAX_KEY + 2];
    char *big = malloc(KV_MAX_VALUE + 1);
    const char *v;
    size_t n;

    memset(key, 'k', sizeof key);
    is_int(kv_set(s, &sc, key, KV_MAX_KEY, "1", 1, 0, err, sizeof err), KV_OK, "a 1 KB key is accepted");
    is_int(kv_set(s, &sc, key, KV_MAX_KEY + 1, "1", 1, 0, err, sizeof err), KV_ERR, "a longer key is refused");
    is_int(kv_set(s, &sc, "", 0, "1", 1, 0, err, sizeof err), KV_ERR, "an empty key is refused");
    memset(big, 'x', KV_MAX_VALUE + 1);
    is_int(kv_set(s, &sc, "big", 3, big, KV_MAX_VALUE + 1, 0, err, sizeof err), KV_ERR,
           "a value past the limit is refused");
    is_int(kv_set(s, &sc, "big", 3, big, KV_MAX_VALUE, 0, err, sizeof err), KV_OK,
           "a value at the limit is stored");
    ok(kv_get(s, &sc, "big", 3, &v, &n, NULL, err, sizeof err) == KV_OK && n == KV_MAX_VALUE &&
       memcmp(v, big, n) == 0, "and read back whole");
    kv_del(s, &sc, "big", 3, err, sizeof err);
    kv_del(s, &sc, key, KV_MAX_KEY, err, sizeof err);
    free(big);
}

static void test_expiry(kv *s)
{
    char buf[64];
    int64_t exp = 0;
    const char *v;
    size_t n, purged = 0;

    is_int(set_str(s, "ttl", "1", kv_now() + 400), KV_OK, "set with an expiry");
    ok(kv_get(s, &sc, "ttl", 3, &v, &n, &exp, err, sizeof err) == KV_OK && exp > kv_now(),
       "readable before it expires, with its expiry");
    nap_ms(500);
    is_int(get_str(s, "ttl", buf, sizeof buf), KV_NOTFOUND, "absent once expired");
    is_int(kv_del(s, &sc, "ttl", 3, err, sizeof err), KV_NOTFOUND, "deleting an expired key: not found");
    set_str(s, "e1", "1", kv_now() - 1);
    set_str(s, "e2", "1", kv_now() - 1);
    set_str(s, "e3", "1", kv_now() - 1);
    set_str(s, "keep", "1", kv_now() + 60000);
    set_str(s, "forever", "1", 0);
    if (!is_int(kv_purge(s, 2, &purged, err, sizeof err), KV_OK, "purge"))
        diag(err);
    is_int((long) purged, 2, "the purge stops at its bound");
    kv_purge(s, 100, &purged, err, sizeof err);
    is_int((long) purged, 1, "the next pass takes the rest");
    is_int(get_str(s, "keep", buf, sizeof buf), KV_OK, "an unexpired key survives the purge");
    is_int(get_str(s, "forever", buf, sizeof buf), KV_OK, "a key without expiry survives");
    /* set without TTL over a key with one: no stale index entry left */
    set_str(s, "keep", "2", 0);
    kv_purge(s, 100, &purged, err, sizeof err);
    is_int((long) purged, 0, "replacing a TTL by none leaves nothing to purge");
    kv_del(s, &sc, "keep", 4, err, sizeof err);
    kv_del(s, &sc, "forever", 7, err, sizeof err);
}

static void test_numbers(kv *s)
{
    double r = 0;
    kv_rate_result rr;
    char buf[64];
    int i, allowed = 0;

    is_int(kv_incr(s, &sc, "n", 1, 1, 0, &r, err, sizeof err), KV_OK, "incr an absent key");
    ok(r == 1, "starts from 0");
    kv_incr(s, &sc, "n", 1, 41, 0, &r, err, sizeof err);
    ok(r == 42, "adds");
    kv_incr(s, &sc, "n", 1, -0.5, 0, &r, err, sizeof err);
    ok(r == 41.5, "adds fractions and negatives");
    get_str(s, "n", buf, sizeof buf);
    is_str(buf, "41.5", "stored as a JSON number");
    set_str(s, "s", "\"text\"", 0);
    is_int(kv_incr(s, &sc, "s", 1, 1, 0, &r, err, sizeof err), KV_ERR, "incr on a string fails");
    ok(strstr(err, "not a number") != NULL, "saying why");
    set_str(s, "huge", "1e308", 0);
    is_int(kv_incr(s, &sc, "huge", 4, 1e308, 0, &r, err, sizeof err), KV_ERR,
           "incr past the largest double fails");
    get_str(s, "huge", buf, sizeof buf);
    is_str(buf, "1e308", "and leaves the value as it was");
    kv_incr(s, &sc, "t", 1, 1, kv_now() + 500, &r, err, sizeof err);
    kv_incr(s, &sc, "t", 1, 1, kv_now() + 100000, &r, err, sizeof err);
    nap_ms(600);
    is_int(get_str(s, "t", buf, sizeof buf), KV_NOTFOUND,
           "incr keeps the expiry given when the key was created");
    /* an expired number replaced in place (a cursor's DB_CURRENT): the
     * expiry index must lose its old entry, or a purge would take the
     * live key with it */
    kv_incr(s, &sc, "e", 1, 5, kv_now() + 300, &r, err, sizeof err);
    kv_incr(s, &sc, "e", 1, 1, 0, &r, err, sizeof err);
    nap_ms(400);
    kv_incr(s, &sc, "e", 1, 1, kv_now() + 100000, &r, err, sizeof err);
    ok(r == 1, "incr on an expired number starts from 0");
    kv_purge(s, 100, NULL, err, sizeof err);
    is_int(get_str(s, "e", buf, sizeof buf), KV_OK, "and a purge leaves the new one");
    is_str(buf, "1", "with its value");
    for (i = 0; i < 5; i++) {
        kv_rate(s, &sc, "rl", 2, 3, 60000, &rr, err, sizeof err);
        allowed += rr.allowed;
    }
    is_int(allowed, 3, "a rate limit of 3 allows 3 of 5");
    ok(!rr.allowed && rr.remaining == 0 && rr.reset_at > kv_now(), "then refuses, saying when it resets");
    kv_rate(s, &sc, "rw", 2, 1, 500, &rr, err, sizeof err);
    kv_rate(s, &sc, "rw", 2, 1, 500, &rr, err, sizeof err);
    ok(!rr.allowed, "a full window refuses");
    nap_ms(600);
    kv_rate(s, &sc, "rw", 2, 1, 500, &rr, err, sizeof err);
    ok(rr.allowed, "a new window allows again");
}

static void test_list(kv *s)
{
    kv_list_result r;
    char key[16];
    int i, ok_order = 1;

    kv_clear(s, &sc, err, sizeof err);
    for (i = 9; i >= 0; i--) {
        snprintf(key, sizeof key, "user:%02d", i);
        set_str(s, key, "1", 0);
    }
    set_str(s, "other", "1", 0);
    set_str(s, "user:gone", "1", kv_now() - 1);
    is_int(kv_list(s, &sc, "user:", 5, NULL, 0, 4, 0, &r, err, sizeof err), KV_OK, "list a prefix");
    is_int((long) r.n, 4, "a page holds the limit");
    ok(r.more, "and says more follow");
    for (i = 0; i < (int) r.n; i++) {
        snprintf(key, sizeof key, "user:%02d", i);
        ok_order &= r.items[i].klen == strlen(key) && memcmp(r.items[i].key, key, r.items[i].klen) == 0;
    }
    ok(ok_order, "in byte order, without the scope");
    snprintf(key, sizeof key, "%.*s", (int) r.items[3].klen, r.items[3].key);
    kv_list_free(&r);
    kv_list(s, &sc, "user:", 5, key, strlen(key), 100, 1, &r, err, sizeof err);
    is_int((long) r.n, 6, "the next page starts after the cursor, skipping the expired");
    ok(!r.more && r.n > 0 && memcmp(r.items[0].key, "user:04", 7) == 0 &&
       r.items[0].vlen == 1 && r.items[0].val[0] == '1', "with values when asked");
    kv_list_free(&r);
    kv_list(s, &sc, "", 0, NULL, 0, 100, 0, &r, err, sizeof err);
    is_int((long) r.n, 11, "an empty prefix lists the whole scope");
    kv_list_free(&r);
    kv_list(s, &sc, "user:", 5, "aaaaaaaaaaaa", 12, 100, 0, &r, err, sizeof err);
    is_int((long) r.n, 10, "a cursor before the prefix, even a longer one, starts at the prefix");
    kv_list_free(&r);
    kv_list(s, &sc, "user:", 5, "v", 1, 100, 0, &r, err, sizeof err);
    is_int((long) r.n, 0, "a cursor past the prefix lists nothing");
    kv_list_free(&r);
}

static void test_scopes(kv *s)
{
    char buf[64];
    kv_list_result r;

    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
    set_str(s, "shared-name", "\"a\"", 0);
    kv_scope_root(&sc, root_b, NULL, err, sizeof err);
    is_int(get_str(s, "shared-name", buf, sizeof buf), KV_NOTFOUND, "root b does not see root a's key");
    set_str(s, "shared-name", "\"b\"", 0);
    kv_list(s, &sc, "", 0, NULL, 0, 100, 0, &r, err, sizeof err);
    is_int((long) r.n, 1, "nor list it");
    kv_list_free(&r);
    is_int(kv_clear(s, &sc, err, sizeof err), KV_OK, "clear root b");
    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
    get_str(s, "shared-name", buf, sizeof buf);
    is_str(buf, "\"a\"", "root a's key survives b's clear");
    is_int(kv_scope_legacy(&sc, "/no/such/root", NULL, err, sizeof err), KV_ERR,
           "a root that does not exist has no real path (the 0.1 scope)");
    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
}

/* The scope of a root is its path as named, so a release swapped under a
 * symlink keeps its records; a name is a scope of its own; and moving a
 * scope into another loses nothing. */
static void test_scope_paths(kv *s)
{
    char cur[PATH_MAX], rel1[PATH_MAX], rel2[PATH_MAX], buf[64], odd[PATH_MAX * 2];
    kv_scope a, b, legacy, named, named2;
    size_t moved = 0, kept = 0;
    int used = -1;

    snprintf(rel1, sizeof rel1, "%s/releases-1", dir);
    snprintf(rel2, sizeof rel2, "%s/releases-2", dir);
    snprintf(cur, sizeof cur, "%s/current", dir);
    mkdir(rel1, 0700);
    mkdir(rel2, 0700);
    ok(symlink(rel1, cur) == 0, "current -> releases-1");
    kv_scope_root(&a, cur, NULL, err, sizeof err);
    unlink(cur);
    ok(symlink(rel2, cur) == 0, "current -> releases-2");
    kv_scope_root(&b, cur, NULL, err, sizeof err);
    is_str(a.id, b.id, "a root's scope stays when a release is swapped under it");
    kv_scope_legacy(&legacy, cur, NULL, err, sizeof err);
    ok(strcmp(legacy.id, b.id) != 0, "where 0.1's real-path scope changed");
    kv_scope_legacy(&legacy, root_a, NULL, err, sizeof err);
    kv_scope_root(&a, root_a, NULL, err, sizeof err);
    is_str(a.id, legacy.id, "a root without symlinks keeps 0.1's scope: nothing to migrate");
    snprintf(odd, sizeof odd, "%s//./root-b/../root-a/", dir);
    kv_scope_root(&b, odd, NULL, err, sizeof err);
    is_str(b.id, a.id, "//, ., .. and a trailing slash name the same root");
    kv_scope_named(&named, "shop", NULL, err, sizeof err);
    kv_scope_root(&b, "shop", NULL, err, sizeof err);
    ok(strcmp(named.id, b.id) != 0 && strcmp(named.id, a.id) != 0, "a named scope is no root's");
    kv_scope_named(&named2, "shop", "rate-limits", err, sizeof err);
    ok(strcmp(named.id, named2.id) != 0, "and its namespaces are its own");
    is_int(kv_scope_named(&named2, "", NULL, err, sizeof err), KV_ERR, "an empty name is refused");

    /* move: live records go, a key the target has stays, expired ones wait
     * for the purge */
    sc = named;
    set_str(s, "m1", "1", 0);
    set_str(s, "m2", "2", 0);
    set_str(s, "both", "\"from\"", 0);
    set_str(s, "gone", "3", kv_now() - 1000);
    sc = named2;
    set_str(s, "both", "\"to\"", 0);
    is_int(kv_scope_move(s, &named, &named2, &moved, &kept, err, sizeof err), KV_OK, "move a scope");
    is_int((long) moved, 2, "two live records moved");
    is_int((long) kept, 1, "the key the target had was counted as kept");
    get_str(s, "both", buf, sizeof buf);
    is_str(buf, "\"to\"", "and the target's value won");
    get_str(s, "m2", buf, sizeof buf);
    is_str(buf, "2", "a moved value reads back");
    sc = named;
    get_str(s, "both", buf, sizeof buf);
    is_str(buf, "\"from\"", "the source's value of a kept key stays in the source");
    is_int(get_str(s, "m1", buf, sizeof buf), KV_NOTFOUND, "a moved key left the source");

    /* adopt: a new scope takes over an old one's records only when empty */
    kv_scope_named(&a, "adopt-new", NULL, err, sizeof err);
    kv_scope_named(&b, "adopt-old", NULL, err, sizeof err);
    sc = b;
    set_str(s, "k", "\"old\"", 0);
    is_int(kv_scope_adopt(s, &a, &b, &moved, err, sizeof err), KV_OK, "adopt");
    is_int((long) moved, 1, "an empty scope takes over the old one's record");
    kv_scope_used(s, &b, &used, err, sizeof err);
    is_int(used, 0, "the old scope is empty then");
    sc = b;
    set_str(s, "k2", "\"later\"", 0);
    kv_scope_adopt(s, &a, &b, &moved, err, sizeof err);
    is_int((long) moved, 0, "a scope that has records takes over nothing");
    unlink(cur);
    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
}

/* 4 processes x 250 increments of one key: exactly 1000. */
static void test_concurrency(void)
{
    pid_t pids[4];
    int i, st, clean = 1;
    double r = 0;
    kv *s;

    for (i = 0; i < 4; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            kv *c = kv_open(dir, err, sizeof err);
            int j, bad = c == NULL || kv_scope_root(&sc, root_a, NULL, err, sizeof err) != KV_OK;
            for (j = 0; j < 250 && !bad; j++)
                bad = kv_incr(c, &sc, "shared", 6, 1, 0, &r, err, sizeof err) != KV_OK;
            if (bad)
                printf("# child %d: %s\n", i, err);
            kv_close(c);
            _exit(bad);
        }
    }
    for (i = 0; i < 4; i++)
        clean &= waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    ok(clean, "4 processes incremented without an error");
    s = kv_open(dir, err, sizeof err);
    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
    kv_incr(s, &sc, "shared", 6, 0, 0, &r, err, sizeof err);
    ok(r == 1000, "and not one increment was lost");
    kv_close(s);
}

int main(void)
{
    char buf[64];
    kv *s;

    snprintf(dir, sizeof dir, "/tmp/kv_test.%d", (int) getpid());
    snprintf(root_a, sizeof root_a, "%s/root-a", dir);
    snprintf(root_b, sizeof root_b, "%s/root-b", dir);
    mkdir(dir, 0700);
    mkdir(root_a, 0700);
    mkdir(root_b, 0700);
    ok(kv_open("/no/such/folder", err, sizeof err) == NULL, "a missing folder is an error");
    s = kv_open(dir, err, sizeof err);
    if (!ok(s != NULL, "open a new store"))
        diag(err);
    if (s == NULL)
        return done_testing();
    test_basics(s);
    test_limits(s);
    test_expiry(s);
    test_numbers(s);
    test_list(s);
    test_scopes(s);
    test_scope_paths(s);
    set_str(s, "durable", "7", 0);
    kv_close(s);
    test_concurrency();
    s = kv_open(dir, err, sizeof err);
    kv_scope_root(&sc, root_a, NULL, err, sizeof err);
    ok(s && get_str(s, "durable", buf, sizeof buf) == KV_OK && strcmp(buf, "7") == 0,
       "a value survives closing and reopening");
    kv_close(s);
    if (fork() == 0) {
        execlp("rm", "rm", "-rf", dir, (char *) NULL);
        _exit(1);
    }
    wait(NULL);
    return done_testing();
}
