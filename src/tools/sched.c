/* sched.c - `invoke schedule` (see sched.h). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "engine/cron.h"
#include "engine/engine.h"
#include "engine/schedule.h"
#include "common/http.h"
#include "store/kv.h"
#include "tools/sched.h"

#define SCH_FAIL 1
#define SCH_USAGE_EXIT 2

typedef struct {
    const char *data, *kv_scope, *after, *count;
    int dev;
    char **args;            /* operands after the sub-command */
    int nargs;
} sch_opts;

static int sch_usage(void)
{
    fprintf(stderr, "usage: invoke " SCH_USAGE "\n");
    return SCH_USAGE_EXIT;
}

static int sch_args(sch_opts *o, int argc, char **argv)
{
    static const struct option longs[] = {
        { "data", required_argument, NULL, 'D' },
        { "kv-scope", required_argument, NULL, 'S' },
        { "dev", no_argument, NULL, 'V' },
        { "after", required_argument, NULL, 'A' },
        { "count", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 }
    };
    char err[300];
    int opt;

    memset(o, 0, sizeof *o);
    opterr = 0;
    optind = 1;
    /* '+' would stop at the first operand; options may come anywhere */
    while ((opt = getopt_long(argc, argv, ":n:", longs, NULL)) != -1) {
        switch (opt) {
        case 'D': o->data = optarg; break;
        case 'V': o->dev = 1; break;
        case 'A': o->after = optarg; break;
        case 'n': o->count = optarg; break;
        case 'S':
            if (eng_kv_scope_check(optarg, err, sizeof err) < 0) {
                fprintf(stderr, "invoke: --kv-scope: %s\n", err);
                return -1;
            }
            o->kv_scope = optarg;
            break;
        case ':':
            fprintf(stderr, "invoke: %s: requires an argument\n", argv[optind - 1]);
            return -1;
        default:
            fprintf(stderr, "invoke: %s: unknown option\n", argv[optind - 1]);
            return -1;
        }
    }
    if (o->kv_scope == NULL && (o->kv_scope = getenv("INVOKE_KV_SCOPE")) != NULL &&
        eng_kv_scope_check(o->kv_scope, err, sizeof err) < 0) {
        fprintf(stderr, "invoke: INVOKE_KV_SCOPE: %s\n", err);
        return -1;
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
}

static void sch_report(void *ud, const char *file, int line, const char *msg)
{
    (void)ud;
    if (line > 0)
        fprintf(stderr, "%s:%d: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
}

/* Local time as "2026-12-06 21:30:00 +0100". */
static void sch_time(time_t t, char *out, size_t outlen)
{
    struct tm tm;

    if (t <= 0 || localtime_r(&t, &tm) == NULL)
        snprintf(out, outlen, "-");
    else
        strftime(out, outlen, "%Y-%m-%d %H:%M:%S %z", &tm);
}

static int sch_root(const char *given, char *real)
{
    struct stat st;

    if (realpath(given, real) == NULL || stat(real, &st) < 0) {
        fprintf(stderr, "invoke: %s: %s\n", given, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "invoke: %s: not a folder\n", given);
        return -1;
    }
    return 0;
}

static int sch_list(const sch_opts *o)
{
    char root[PATH_MAX], err[300], when[64], ran[64];
    sched_table t;
    kv *s = NULL;
    kv_scope sc;
    time_t now = time(NULL);
    int i;

    if (o->nargs != 1)
        return sch_usage();
    if (sch_root(o->args[0], root) < 0)
        return SCH_USAGE_EXIT;
    memset(&t, 0, sizeof t);
    sched_load(&t, root, sch_report, NULL);
    if (!t.have) {
        fprintf(stderr, "invoke: %s: no such file\n", t.file);
        return SCH_FAIL;
    }
    if (o->data != NULL) {
        if (sched_scope(&sc, o->args[0], o->kv_scope, err, sizeof err) != KV_OK ||
            (s = kv_open(o->data, err, sizeof err)) == NULL) {
            fprintf(stderr, "invoke: store %s: %s\n", o->data, err);
            sched_free(&t);
            return SCH_FAIL;
        }
    }
    printf("LINE\tTIMING\tPATH\tNEXT\tLAST-DUE\tSTATUS\tMS\tREQUEST\n");
    for (i = 0; i < t.n; i++) {
        const sched_entry *e = &t.v[i];
        sched_last l;
        int rc = KV_NOTFOUND;

        sch_time(cron_next(&e->spec, now), when, sizeof when);
        if (s != NULL && (rc = sched_get_last(s, &sc, e, &l, err, sizeof err)) == KV_ERR)
            fprintf(stderr, "invoke: %s: %s\n", e->path, err);
        printf("%d\t%s\t%s\t%s\t", e->line, e->timing, e->path, when);
        if (rc != KV_OK) {
            printf("%s\t-\t-\t-\n", s ? "never" : "-");
            continue;
        }
        sch_time((time_t)l.due, ran, sizeof ran);
        if (l.running)
            printf("%s\trunning\t-\t%s\n", ran, l.request);
        else
            printf("%s\t%d\t%ld\t%s\n", ran, l.status, l.ms, l.request);
    }
    kv_close(s);
    i = t.errors;
    sched_free(&t);
    if (fflush(stdout) != 0)
        return SCH_FAIL;
    return i > 0 ? SCH_FAIL : 0;
}

static int sch_run(const sch_opts *o)
{
    char root[PATH_MAX], err[256] = "", id[32];
    eng_config ec;
    sched_result r;
    eng *e;
    int status;

    if (o->nargs != 2)
        return sch_usage();
    if (sch_root(o->args[0], root) < 0)
        return SCH_USAGE_EXIT;
    if (o->args[1][0] != '/') {
        fprintf(stderr, "invoke: %s: the function path must start with '/'\n", o->args[1]);
        return SCH_USAGE_EXIT;
    }
    memset(&ec, 0, sizeof ec);
    ec.root = root;
    ec.timeout = 30;
    ec.memory_limit = (size_t)256 * 1024 * 1024;
    ec.dev = o->dev;
    ec.data = o->data;
    ec.kv_scope = o->kv_scope;
    e = eng_new(&ec, err, sizeof err);
    if (e == NULL) {
        fprintf(stderr, "invoke: engine: %s\n", err[0] ? err : "could not start");
        return SCH_FAIL;
    }
    snprintf(id, sizeof id, "s%04x%08x", (unsigned)getpid() & 0xffffu, 1u);
    status = sched_invoke(e, root, o->args[0], o->args[1], id, 0, &r);
    eng_free(e);
    printf("%d %s\n", status, http_reason(status));
    if (r.body != NULL && r.len > 0) {
        fwrite(r.body, 1, r.len, stdout);
        if (r.body[r.len - 1] != '\n')
            putchar('\n');
    }
    if (r.truncated)
        fprintf(stderr, "invoke: body cut at %d bytes\n", SCHED_BODY_MAX);
    free(r.body);
    if (fflush(stdout) != 0)
        return SCH_FAIL;
    return status < 400 ? 0 : SCH_FAIL;
}

static int sch_next(const sch_opts *o)
{
    char err[256], when[64], *end;
    cron_spec c;
    size_t used;
    time_t t = time(NULL);
    long n = 5, i;

    if (o->nargs != 1)
        return sch_usage();
    if (o->after != NULL) {
        long long v = strtoll(o->after, &end, 10);
        if (*o->after == '\0' || *end != '\0' || v < 0) {
            fprintf(stderr, "invoke: --after: expected seconds since the epoch\n");
            return SCH_USAGE_EXIT;
        }
        t = (time_t)v;
    }
    if (o->count != NULL) {
        n = strtol(o->count, &end, 10);
        if (*o->count == '\0' || *end != '\0' || n < 1 || n > 10000) {
            fprintf(stderr, "invoke: --count: expected 1 to 10000\n");
            return SCH_USAGE_EXIT;
        }
    }
    if (cron_parse(&c, o->args[0], &used, err, sizeof err) < 0) {
        fprintf(stderr, "invoke: %s\n", err);
        return SCH_FAIL;
    }
    used += strspn(o->args[0] + used, " \t");
    if (o->args[0][used] != '\0') {
        fprintf(stderr, "invoke: unexpected \"%s\" after the timing\n", o->args[0] + used);
        return SCH_FAIL;
    }
    for (i = 0; i < n; i++) {
        t = cron_next(&c, t);
        if (t < 0 && i == 0) {
            fprintf(stderr, "invoke: \"%s\" never fires in the next five years\n", o->args[0]);
            return SCH_FAIL;
        }
        if (t < 0)
            break;
        sch_time(t, when, sizeof when);
        printf("%lld\t%s\n", (long long)t, when);
    }
    return fflush(stdout) == 0 ? 0 : SCH_FAIL;
}

int sch_cmd_schedule(int argc, char **argv)
{
    sch_opts o;
    const char *sub;

    if (argc < 2)
        return sch_usage();
    sub = argv[1];
    if (sch_args(&o, argc - 1, argv + 1) < 0)
        return SCH_USAGE_EXIT;
    if (strcmp(sub, "list") == 0)
        return sch_list(&o);
    if (strcmp(sub, "run") == 0)
        return sch_run(&o);
    if (strcmp(sub, "next") == 0)
        return sch_next(&o);
    fprintf(stderr, "invoke: schedule: unknown sub-command '%s'\n", sub);
    return sch_usage();
}
