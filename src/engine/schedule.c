/* schedule.c - the `_schedule` file, its records in the store, and one
 * scheduled run (see schedule.h).
 */
#include "engine/schedule.h"
#include "common/cgi.h"
#include "common/http.h"
#include "store/kv.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SCHED_NS "schedule"
#define SCHED_GRACE_MAX 60

/* FNV-1a, 64 bits, over timing NUL path: the entry's name in the store. */
static void sched_hash(sched_entry *e)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t h = 14695981039346656037ULL;
    const unsigned char *p;
    int i;

    for (p = (const unsigned char *)e->timing; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h *= 1099511628211ULL;
    for (p = (const unsigned char *)e->path; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    for (i = 15; i >= 0; i--, h >>= 4)
        e->id[i] = hex[h & 15];
    e->id[16] = '\0';
}

int sched_parse_line(const char *line, sched_entry *e, char *err, size_t errlen)
{
    const char *p = line + strspn(line, " \t"), *w;
    size_t used, n, tn = 0;

    if (*p == '#' || p[strspn(p, " \t\r\n")] == '\0')
        return 0;
    memset(e, 0, sizeof *e);
    if (cron_parse(&e->spec, p, &used, err, errlen) < 0)
        return -1;
    /* the timing as written, its words joined by one blank */
    for (w = p; w < p + used;) {
        w += strspn(w, " \t");
        n = strcspn(w, " \t\r\n");
        if (n == 0 || w >= p + used)
            break;
        if (tn + n + 2 > sizeof e->timing) {
            snprintf(err, errlen, "timing too long");
            return -1;
        }
        if (tn > 0)
            e->timing[tn++] = ' ';
        memcpy(e->timing + tn, w, n);
        tn += n;
        w += n;
    }
    e->timing[tn] = '\0';
    p += used;
    p += strspn(p, " \t");
    n = strcspn(p, " \t\r\n");
    if (n == 0) {
        snprintf(err, errlen, "expected a function path after the timing");
        return -1;
    }
    if (*p != '/') {
        snprintf(err, errlen, "the function path must start with '/': \"%.*s\"",
                 (int)(n > 60 ? 60 : n), p);
        return -1;
    }
    if (n >= sizeof e->path) {
        snprintf(err, errlen, "function path too long");
        return -1;
    }
    memcpy(e->path, p, n);
    e->path[n] = '\0';
    p += n;
    p += strspn(p, " \t\r\n");
    if (*p != '\0' && *p != '#') {
        snprintf(err, errlen, "unexpected \"%.30s\" after the function path", p);
        return -1;
    }
    if (cron_next(&e->spec, time(NULL)) < 0) {
        snprintf(err, errlen, "\"%s\" never fires in the next five years", e->timing);
        return -1;
    }
    sched_hash(e);
    return 1;
}

void sched_free(sched_table *t)
{
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

int sched_load(sched_table *t, const char *root, sched_report report, void *ud)
{
    char file[PATH_MAX], line[2048], err[256];
    struct stat st;
    int have, lineno = 0;
    FILE *f;

    if ((size_t)snprintf(file, sizeof file, "%s/" SCHED_FILE, root) >= sizeof file)
        return 0;
    have = stat(file, &st) == 0 && S_ISREG(st.st_mode);
    if (strcmp(file, t->file) == 0 && have == t->have &&
        (!have || (st.st_mtim.tv_sec == t->mtime.tv_sec &&
                   st.st_mtim.tv_nsec == t->mtime.tv_nsec && st.st_size == t->size &&
                   st.st_dev == t->dev && st.st_ino == t->ino)))
        return 0;
    sched_free(t);
    t->errors = 0;
    memcpy(t->file, file, sizeof file);
    t->have = have;
    t->mtime = have ? st.st_mtim : (struct timespec) { 0, 0 };
    t->size = have ? st.st_size : -1;
    t->dev = have ? st.st_dev : 0;
    t->ino = have ? st.st_ino : 0;
    if (!have || (f = fopen(file, "r")) == NULL) {
        if (have && report)
            report(ud, file, 0, strerror(errno));
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        sched_entry e;
        int rc;

        lineno++;
        if (strchr(line, '\n') == NULL && !feof(f)) {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            t->errors++;
            if (report)
                report(ud, file, lineno, "line too long");
            continue;
        }
        rc = sched_parse_line(line, &e, err, sizeof err);
        if (rc == 0)
            continue;
        if (rc < 0 || t->n == SCHED_MAX_ENTRIES) {
            t->errors++;
            if (report)
                report(ud, file, lineno, rc < 0 ? err : "too many entries (at most 256)");
            continue;
        }
        if (t->n % 16 == 0) {
            sched_entry *nv = realloc(t->v, (size_t)(t->n + 16) * sizeof *nv);
            if (nv == NULL) {
                t->errors++;
                if (report)
                    report(ud, file, lineno, "out of memory");
                break;
            }
            t->v = nv;
        }
        e.line = lineno;
        t->v[t->n++] = e;
    }
    fclose(f);
    return 1;
}

time_t sched_grace(const sched_entry *e)
{
    if (e->spec.every > 0 && e->spec.every < SCHED_GRACE_MAX)
        return e->spec.every;
    return SCHED_GRACE_MAX;
}

int sched_scope(kv_scope *sc, const char *site, const char *kv_scope_name, char *err,
                size_t errlen)
{
    if (kv_scope_name != NULL && *kv_scope_name != '\0')
        return kv_scope_named(sc, kv_scope_name, SCHED_NS, err, errlen);
    return kv_scope_root(sc, site, SCHED_NS, err, errlen);
}

int sched_claim(kv *s, const kv_scope *sc, const sched_entry *e, time_t due, time_t keep_until,
                int *mine, char *err, size_t errlen)
{
    char key[64];
    double n = 0;
    int rc;

    snprintf(key, sizeof key, "claim %s %lld", e->id, (long long)due);
    rc = kv_incr(s, sc, key, strlen(key), 1, (int64_t)keep_until * 1000, &n, err, errlen);
    *mine = rc == KV_OK && n == 1;
    return rc;
}

int sched_put_last(kv *s, const kv_scope *sc, const sched_entry *e, const sched_last *l,
                   char *err, size_t errlen)
{
    char key[32], val[256];
    int n;

    snprintf(key, sizeof key, "last %s", e->id);
    n = snprintf(val, sizeof val, "{\"due\":%" PRId64 ",\"started\":%" PRId64 ",\"ms\":%ld,"
                 "\"status\":%d,\"running\":%s,\"pid\":%d,\"request\":\"%s\"}",
                 l->due, l->started, l->ms, l->status, l->running ? "true" : "false", l->pid,
                 l->request);
    return kv_set(s, sc, key, strlen(key), val, (size_t)n, 0, err, errlen);
}

int sched_get_last(kv *s, const kv_scope *sc, const sched_entry *e, sched_last *l, char *err,
                   size_t errlen)
{
    char key[32], val[256], running[8];
    const char *v;
    size_t vlen;
    int rc;

    snprintf(key, sizeof key, "last %s", e->id);
    rc = kv_get(s, sc, key, strlen(key), &v, &vlen, NULL, err, errlen);
    if (rc != KV_OK)
        return rc;
    memset(l, 0, sizeof *l);
    snprintf(val, sizeof val, "%.*s", (int)vlen, v);
    /* what sched_put_last wrote, field by field */
    if (sscanf(val, "{\"due\":%" SCNd64 ",\"started\":%" SCNd64 ",\"ms\":%ld,\"status\":%d,"
               "\"running\":%7[a-z],\"pid\":%d,\"request\":\"%39[^\"]\"}",
               &l->due, &l->started, &l->ms, &l->status, running, &l->pid, l->request) != 7) {
        snprintf(err, errlen, "unreadable record %s", key);
        return KV_ERR;
    }
    l->running = strcmp(running, "true") == 0;
    return KV_OK;
}

static int sched_rc(int rc)
{
    return rc == KV_OK ? SCHED_RUN : rc == KV_FATAL ? SCHED_FATAL : SCHED_ERR;
}

int sched_begin(eng *e, const char *site, const char *kv_scope_name, const sched_entry *en,
                time_t due, const sched_last *start, char *err, size_t errlen)
{
    kv *s = eng_store(e);
    kv_scope sc;
    int mine = 0, rc;

    if (s == NULL)
        return SCHED_NOSTORE;
    if (sched_scope(&sc, site, kv_scope_name, err, errlen) != KV_OK)
        return SCHED_ERR;
    rc = sched_claim(s, &sc, en, due, due + sched_grace(en) + 60, &mine, err, errlen);
    if (rc != KV_OK)
        return sched_rc(rc);
    if (!mine)
        return SCHED_TAKEN;
    /* the claim is what counts: a start that could not be recorded still
     * runs (the caller logs err) */
    rc = sched_put_last(s, &sc, en, start, err, errlen);
    return rc == KV_FATAL ? SCHED_FATAL : rc == KV_OK ? SCHED_RUN : SCHED_UNRECORDED;
}

int sched_end(eng *e, const char *site, const char *kv_scope_name, const sched_entry *en,
              const sched_last *done, char *err, size_t errlen)
{
    kv *s = eng_store(e);
    kv_scope sc;

    if (s == NULL)
        return SCHED_NOSTORE;
    if (sched_scope(&sc, site, kv_scope_name, err, errlen) != KV_OK)
        return SCHED_ERR;
    return sched_rc(sched_put_last(s, &sc, en, done, err, errlen));
}

/* --- one run ------------------------------------------------------------ */

static int sched_head(void *ud, int status, const char *headers, size_t len)
{
    sched_result *r = ud;

    (void)headers;
    (void)len;
    r->status = status;
    return 0;
}

static int sched_body(void *ud, const char *data, size_t len)
{
    sched_result *r = ud;
    size_t room = SCHED_BODY_MAX - r->len;

    if (r->body == NULL)
        return 0;
    if (len > room) {
        len = room;
        r->truncated = 1;
    }
    memcpy(r->body + r->len, data, len);
    r->len += len;
    r->body[r->len] = '\0';
    return 0;
}

static int sched_flush(void *ud)
{
    (void)ud;
    return 0;
}

int sched_invoke(eng *e, const char *root, const char *site, const char *path,
                 const char *reqid, time_t due, sched_result *out)
{
    char uri[SCHED_MAX_PATH + 16], script[SCHED_MAX_PATH + 16], query[SCHED_MAX_PATH + 16];
    char idv[80], duev[64];
    char *envp[16];
    http_io io = { out, sched_head, sched_body, sched_flush, NULL, NULL };
    eng_request req;
    cgi_vars vars;
    const char *q = strchr(path, '?');
    int n = 0;

    memset(out, 0, sizeof *out);
    out->body = malloc(SCHED_BODY_MAX + 1);
    if (out->body != NULL)
        out->body[0] = '\0';
    snprintf(uri, sizeof uri, "REQUEST_URI=%s", path);
    snprintf(script, sizeof script, "SCRIPT_NAME=%.*s", (int)(q ? q - path : (long)strlen(path)),
             path);
    snprintf(query, sizeof query, "QUERY_STRING=%s", q ? q + 1 : "");
    snprintf(idv, sizeof idv, "HTTP_X_REQUEST_ID=%s", reqid);
    envp[n++] = "GATEWAY_INTERFACE=CGI/1.1";
    envp[n++] = "REQUEST_METHOD=POST";
    envp[n++] = uri;
    envp[n++] = script;
    envp[n++] = query;
    envp[n++] = "SERVER_PROTOCOL=HTTP/1.1";
    envp[n++] = "CONTENT_LENGTH=0";
    envp[n++] = "HTTP_HOST=localhost";
    envp[n++] = "HTTP_X_SCHEDULED_EXECUTION=true";
    envp[n++] = idv;
    if (due > 0) {
        struct tm tm;
        if (gmtime_r(&due, &tm) != NULL) {
            strftime(duev, sizeof duev, "HTTP_X_SCHEDULE_DUE=%Y-%m-%dT%H:%M:%SZ", &tm);
            envp[n++] = duev;
        }
    }
    envp[n] = NULL;
    cgi_parse(&vars, envp);
    memset(&req, 0, sizeof req);
    req.vars = &vars;
    req.root = root;
    req.site = site;
    req.id = reqid;
    req.io = &io;
    req.internal = 1;
    out->status = eng_handle(e, &req);
    return out->status;
}
