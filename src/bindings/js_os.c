/* js_os.c - what Node's `os` and `tty` modules tell about the machine
 * (src/runtime/os.js): uname, memory, load, uptime, the CPUs, the user the
 * worker runs as, the network interfaces, isatty.
 *
 * Every native reads and answers; none changes anything.  The figures are
 * read where libuv (and so Node) reads them, so `os.cpus()` or
 * `os.freemem()` give what node gives on the same machine: CPU times from
 * /proc/stat, models from /proc/cpuinfo, speeds from cpufreq, free memory
 * as MemAvailable.  Scratch space is a Duktape buffer on the value stack,
 * and the C resources (files, getifaddrs' list) are released before the
 * next Duktape call: any of them may throw.
 */
#include "config.h"
#include "bindings/js_os.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* Throws a SystemError as Node's os functions do: "A system error
 * occurred: uv_X returned CODE (text)", with code, errno and syscall. */
static duk_ret_t js_os_throw(duk_context *ctx, int err, const char *syscall)
{
    const char *code = err == ENOENT ? "ENOENT" : err == EACCES ? "EACCES" :
                       err == EPERM ? "EPERM" : err == ESRCH ? "ESRCH" :
                       err == EINVAL ? "EINVAL" : err == ENOMEM ? "ENOMEM" : "EIO";

    duk_push_error_object(ctx, DUK_ERR_ERROR, "A system error occurred: %s returned %s (%s)",
                          syscall, code, strerror(err));
    duk_push_string(ctx, "SystemError");
    duk_put_prop_string(ctx, -2, "name");
    duk_push_string(ctx, "ERR_SYSTEM_ERROR");
    duk_put_prop_string(ctx, -2, "code");
    duk_push_int(ctx, -err);
    duk_put_prop_string(ctx, -2, "errno");
    duk_push_string(ctx, syscall);
    duk_put_prop_string(ctx, -2, "syscall");
    return duk_throw(ctx);
}

/* osUname() -> { sysname, nodename, release, version, machine } */
static duk_ret_t js_os_uname(duk_context *ctx)
{
    struct utsname u;

    if (uname(&u) < 0)
        return js_os_throw(ctx, errno, "uv_os_uname");
    duk_push_object(ctx);
    duk_push_string(ctx, u.sysname);
    duk_put_prop_string(ctx, -2, "sysname");
    duk_push_string(ctx, u.nodename);
    duk_put_prop_string(ctx, -2, "nodename");
    duk_push_string(ctx, u.release);
    duk_put_prop_string(ctx, -2, "release");
    duk_push_string(ctx, u.version);
    duk_put_prop_string(ctx, -2, "version");
    duk_push_string(ctx, u.machine);
    duk_put_prop_string(ctx, -2, "machine");
    return 1;
}

/* A "Name:   1234 kB" line of /proc/meminfo, in bytes; 0 when absent. */
static double js_os_meminfo(const char *name)
{
    char line[256];
    size_t n = strlen(name);
    double v = 0;
    FILE *f = fopen("/proc/meminfo", "re");

    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, name, n) == 0 && line[n] == ':') {
            v = strtod(line + n + 1, NULL) * 1024.0;
            break;
        }
    }
    fclose(f);
    return v;
}

/* osMemory() -> { total, free } in bytes: MemTotal and MemAvailable, as
 * libuv reads them, else sysinfo's. */
static duk_ret_t js_os_memory(duk_context *ctx)
{
    struct sysinfo si;
    double total = js_os_meminfo("MemTotal"), avail = js_os_meminfo("MemAvailable");

    if ((total == 0 || avail == 0) && sysinfo(&si) == 0) {
        if (total == 0)
            total = (double) si.totalram * si.mem_unit;
        if (avail == 0)
            avail = (double) si.freeram * si.mem_unit;
    }
    duk_push_object(ctx);
    duk_push_number(ctx, total);
    duk_put_prop_string(ctx, -2, "total");
    duk_push_number(ctx, avail);
    duk_put_prop_string(ctx, -2, "free");
    return 1;
}

/* osUptime() -> seconds since boot (/proc/uptime's two decimals) */
static duk_ret_t js_os_uptime(duk_context *ctx)
{
    double up = -1;
    struct timespec ts;
    FILE *f = fopen("/proc/uptime", "re");

    if (f != NULL) {
        if (fscanf(f, "%lf", &up) != 1)
            up = -1;
        fclose(f);
    }
    if (up < 0) {
        if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0)
            return js_os_throw(ctx, errno, "uv_uptime");
        up = (double) ts.tv_sec;
    }
    duk_push_number(ctx, up);
    return 1;
}

/* osLoadavg() -> [ 1, 5, 15 minutes ], /proc/loadavg's figures as libuv
 * reads them (getloadavg's come from sysinfo, with more decimals) */
static duk_ret_t js_os_loadavg(duk_context *ctx)
{
    double l[3] = { 0, 0, 0 };
    int i, ok = 0;
    FILE *f = fopen("/proc/loadavg", "re");

    if (f != NULL) {
        ok = fscanf(f, "%lf %lf %lf", &l[0], &l[1], &l[2]) == 3;
        fclose(f);
    }
    if (!ok && getloadavg(l, 3) < 0)
        l[0] = l[1] = l[2] = 0;
    duk_push_array(ctx);
    for (i = 0; i < 3; i++) {
        duk_push_number(ctx, l[i]);
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    return 1;
}

/* osParallelism() -> the CPUs this process may run on (sched_getaffinity),
 * at least 1, as uv_available_parallelism. */
static duk_ret_t js_os_parallelism(duk_context *ctx)
{
    cpu_set_t set;
    long n = 0;

    if (sched_getaffinity(0, sizeof set, &set) == 0)
        n = CPU_COUNT(&set);
    if (n < 1)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    duk_push_int(ctx, n < 1 ? 1 : (duk_int_t) n);
    return 1;
}

#define JS_OS_MAX_CPUS 1024
#define JS_OS_MODEL 128

typedef struct {
    double user, nice, sys, idle, irq, speed;
    char model[JS_OS_MODEL];
} js_os_cpu;

/* Fills cpus from /proc/stat (times in ms) and /proc/cpuinfo (models, in
 * processor order); speeds from cpufreq, 0 where there is none.  Returns
 * how many, or -1 with errno. */
static int js_os_read_cpus(js_os_cpu *cpus, int cap)
{
    char line[512], path[96];
    double ms = 1000.0 / (double) sysconf(_SC_CLK_TCK);
    unsigned long long u, ni, sy, id, iw, irq;
    unsigned idx;
    int n = 0, m = 0, i;
    FILE *f = fopen("/proc/stat", "re");

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL && n < cap) {
        if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9')
            continue;
        if (sscanf(line, "cpu%u %llu %llu %llu %llu %llu %llu", &idx, &u, &ni, &sy, &id, &iw,
                   &irq) != 7)
            continue;
        memset(&cpus[n], 0, sizeof cpus[n]);
        cpus[n].user = (double) u * ms;
        cpus[n].nice = (double) ni * ms;
        cpus[n].sys = (double) sy * ms;
        cpus[n].idle = (double) id * ms;
        cpus[n].irq = (double) irq * ms;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%u/cpufreq/scaling_cur_freq", idx);
        {
            FILE *fq = fopen(path, "re");
            unsigned long khz = 0;

            if (fq != NULL) {
                if (fscanf(fq, "%lu", &khz) != 1)
                    khz = 0;
                fclose(fq);
            }
            cpus[n].speed = (double) (khz / 1000);
        }
        n++;
    }
    fclose(f);
    f = fopen("/proc/cpuinfo", "re");
    if (f != NULL) {
        while (fgets(line, sizeof line, f) != NULL && m < n) {
            char *colon;
            size_t l;

            if (strncmp(line, "model name", 10) != 0 || (colon = strchr(line, ':')) == NULL)
                continue;
            colon++;
            while (*colon == ' ' || *colon == '\t')
                colon++;
            l = strcspn(colon, "\n");
            if (l >= JS_OS_MODEL)
                l = JS_OS_MODEL - 1;
            memcpy(cpus[m].model, colon, l);
            cpus[m].model[l] = '\0';
            m++;
        }
        fclose(f);
    }
    for (i = m; i < n; i++)
        strcpy(cpus[i].model, "unknown");
    return n;
}

static void js_os_put_number(duk_context *ctx, const char *name, double v)
{
    duk_push_number(ctx, v);
    duk_put_prop_string(ctx, -2, name);
}

/* osCpus() -> [ { model, speed, times: { user, nice, sys, idle, irq } } ] */
static duk_ret_t js_os_cpus(duk_context *ctx)
{
    js_os_cpu *copy = duk_push_dynamic_buffer(ctx, sizeof *copy * JS_OS_MAX_CPUS);
    int n = js_os_read_cpus(copy, JS_OS_MAX_CPUS), i;

    if (n < 0)
        return js_os_throw(ctx, errno, "uv_cpu_info");
    copy = duk_resize_buffer(ctx, -1, sizeof *copy * (size_t) (n > 0 ? n : 1));
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        duk_push_object(ctx);
        duk_push_string(ctx, copy[i].model);
        duk_put_prop_string(ctx, -2, "model");
        js_os_put_number(ctx, "speed", copy[i].speed);
        duk_push_object(ctx);
        js_os_put_number(ctx, "user", copy[i].user);
        js_os_put_number(ctx, "nice", copy[i].nice);
        js_os_put_number(ctx, "sys", copy[i].sys);
        js_os_put_number(ctx, "idle", copy[i].idle);
        js_os_put_number(ctx, "irq", copy[i].irq);
        duk_put_prop_string(ctx, -2, "times");
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    return 1;
}

/* osUser() -> { uid, gid, username, homedir, shell } of the worker's user
 * (getpwuid_r), as os.userInfo(). */
static duk_ret_t js_os_user(duk_context *ctx)
{
    struct passwd pw, *found = NULL;
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    char *buf;
    int rc;

    if (size < 1024)
        size = 1024;
    /* the strings pw points to live in buf, a buffer on the value stack */
    buf = duk_push_dynamic_buffer(ctx, (duk_size_t) size);
    for (;;) {
        rc = getpwuid_r(geteuid(), &pw, buf, (size_t) size, &found);
        if (rc != ERANGE || size >= 1 << 20)
            break;
        size *= 4;
        buf = duk_resize_buffer(ctx, -1, (duk_size_t) size);
    }
    if (rc != 0 || found == NULL)
        return js_os_throw(ctx, rc != 0 ? rc : ENOENT, "uv_os_get_passwd");
    duk_push_object(ctx);
    js_os_put_number(ctx, "uid", (double) pw.pw_uid);
    js_os_put_number(ctx, "gid", (double) pw.pw_gid);
    duk_push_string(ctx, pw.pw_name);
    duk_put_prop_string(ctx, -2, "username");
    duk_push_string(ctx, pw.pw_dir);
    duk_put_prop_string(ctx, -2, "homedir");
    duk_push_string(ctx, pw.pw_shell != NULL ? pw.pw_shell : "");
    duk_put_prop_string(ctx, -2, "shell");
    return 1;
}

/* osHomedir() -> $HOME, else the user's home from passwd (uv_os_homedir) */
static duk_ret_t js_os_homedir(duk_context *ctx)
{
    const char *home = getenv("HOME");

    if (home != NULL && *home != '\0') {
        duk_push_string(ctx, home);
        return 1;
    }
    js_os_user(ctx);
    duk_get_prop_string(ctx, -1, "homedir");
    return 1;
}

/* osPriority(pid) -> the nice value of pid (0: this process) */
static duk_ret_t js_os_priority(duk_context *ctx)
{
    int pid = duk_require_int(ctx, 0), p;

    errno = 0;
    p = getpriority(PRIO_PROCESS, (id_t) pid);
    if (p == -1 && errno != 0)
        return js_os_throw(ctx, errno, "uv_os_getpriority");
    duk_push_int(ctx, p);
    return 1;
}

#define JS_OS_MAX_ADDRS 256

typedef struct {
    char name[IF_NAMESIZE + 1];
    char address[INET6_ADDRSTRLEN], netmask[INET6_ADDRSTRLEN];
    char mac[18];
    int family, internal, prefix;
    unsigned scopeid;
} js_os_addr;

/* The bits set in a netmask of len bytes. */
static int js_os_prefix(const unsigned char *m, size_t len)
{
    int bits = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char b = m[i];

        while (b & 0x80) {
            bits++;
            b = (unsigned char) (b << 1);
        }
        if (m[i] != 0xff)
            break;
    }
    return bits;
}

/* Fills out with the IPv4 and IPv6 addresses of the interfaces that are
 * up, each with its interface's MAC address (from the AF_PACKET entry of
 * the same name), as uv_interface_addresses.  Returns how many, or -1. */
static int js_os_read_addrs(js_os_addr *out, int cap)
{
    struct ifaddrs *all, *a, *p;
    int n = 0;

    if (getifaddrs(&all) < 0)
        return -1;
    for (a = all; a != NULL && n < cap; a = a->ifa_next) {
        js_os_addr *o = &out[n];
        int fam;

        if (a->ifa_addr == NULL || !(a->ifa_flags & IFF_UP) || !(a->ifa_flags & IFF_RUNNING))
            continue;
        fam = a->ifa_addr->sa_family;
        if (fam != AF_INET && fam != AF_INET6)
            continue;
        memset(o, 0, sizeof *o);
        snprintf(o->name, sizeof o->name, "%s", a->ifa_name);
        o->family = fam == AF_INET ? 4 : 6;
        o->internal = !!(a->ifa_flags & IFF_LOOPBACK);
        if (fam == AF_INET) {
            const struct sockaddr_in *s = (const struct sockaddr_in *) (void *) a->ifa_addr;
            const struct sockaddr_in *m = (const struct sockaddr_in *) (void *) a->ifa_netmask;

            inet_ntop(AF_INET, &s->sin_addr, o->address, sizeof o->address);
            if (m != NULL) {
                inet_ntop(AF_INET, &m->sin_addr, o->netmask, sizeof o->netmask);
                o->prefix = js_os_prefix((const unsigned char *) &m->sin_addr, 4);
            }
        } else {
            const struct sockaddr_in6 *s = (const struct sockaddr_in6 *) (void *) a->ifa_addr;
            const struct sockaddr_in6 *m = (const struct sockaddr_in6 *) (void *) a->ifa_netmask;

            inet_ntop(AF_INET6, &s->sin6_addr, o->address, sizeof o->address);
            o->scopeid = s->sin6_scope_id;
            if (m != NULL) {
                inet_ntop(AF_INET6, &m->sin6_addr, o->netmask, sizeof o->netmask);
                o->prefix = js_os_prefix((const unsigned char *) &m->sin6_addr, 16);
            }
        }
        strcpy(o->mac, "00:00:00:00:00:00");
        for (p = all; p != NULL; p = p->ifa_next) {
            if (p->ifa_addr != NULL && p->ifa_addr->sa_family == AF_PACKET &&
                strcmp(p->ifa_name, a->ifa_name) == 0) {
                const struct sockaddr_ll *ll = (const struct sockaddr_ll *) (void *) p->ifa_addr;
                const unsigned char *h = ll->sll_addr;

                snprintf(o->mac, sizeof o->mac, "%02x:%02x:%02x:%02x:%02x:%02x",
                         h[0], h[1], h[2], h[3], h[4], h[5]);
                break;
            }
        }
        n++;
    }
    freeifaddrs(all);
    return n;
}

/* osInterfaces() -> [ { name, address, netmask, family ('IPv4'|'IPv6'),
 * mac, internal, prefix, scopeid (IPv6) } ] */
static duk_ret_t js_os_interfaces(duk_context *ctx)
{
    js_os_addr *copy = duk_push_dynamic_buffer(ctx, sizeof *copy * JS_OS_MAX_ADDRS);
    int n = js_os_read_addrs(copy, JS_OS_MAX_ADDRS), i;

    if (n < 0)
        return js_os_throw(ctx, errno, "uv_interface_addresses");
    copy = duk_resize_buffer(ctx, -1, sizeof *copy * (size_t) (n > 0 ? n : 1));
    duk_push_array(ctx);
    for (i = 0; i < n; i++) {
        duk_push_object(ctx);
        duk_push_string(ctx, copy[i].name);
        duk_put_prop_string(ctx, -2, "name");
        duk_push_string(ctx, copy[i].address);
        duk_put_prop_string(ctx, -2, "address");
        duk_push_string(ctx, copy[i].netmask);
        duk_put_prop_string(ctx, -2, "netmask");
        duk_push_string(ctx, copy[i].family == 4 ? "IPv4" : "IPv6");
        duk_put_prop_string(ctx, -2, "family");
        duk_push_string(ctx, copy[i].mac);
        duk_put_prop_string(ctx, -2, "mac");
        duk_push_boolean(ctx, copy[i].internal);
        duk_put_prop_string(ctx, -2, "internal");
        duk_push_int(ctx, copy[i].prefix);
        duk_put_prop_string(ctx, -2, "prefix");
        if (copy[i].family == 6) {
            duk_push_uint(ctx, copy[i].scopeid);
            duk_put_prop_string(ctx, -2, "scopeid");
        }
        duk_put_prop_index(ctx, -2, (duk_uarridx_t) i);
    }
    return 1;
}

/* isatty(fd) -> whether fd is a terminal (false for anything not an int) */
static duk_ret_t js_os_isatty(duk_context *ctx)
{
    double fd = duk_get_number_default(ctx, 0, -1);

    duk_push_boolean(ctx, fd >= 0 && fd <= 2147483647.0 && fd == (double) (int) fd &&
                          isatty((int) fd) == 1);
    return 1;
}

/* The constants Node's os.constants lists for Linux, from the headers. */
typedef struct {
    const char *name;
    int value;
} js_os_const;

static const js_os_const js_os_signals[] = {
    { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT }, { "SIGILL", SIGILL },
    { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT }, { "SIGIOT", SIGIOT }, { "SIGBUS", SIGBUS },
    { "SIGFPE", SIGFPE }, { "SIGKILL", SIGKILL }, { "SIGUSR1", SIGUSR1 }, { "SIGSEGV", SIGSEGV },
    { "SIGUSR2", SIGUSR2 }, { "SIGPIPE", SIGPIPE }, { "SIGALRM", SIGALRM }, { "SIGTERM", SIGTERM },
    { "SIGCHLD", SIGCHLD }, { "SIGSTKFLT", SIGSTKFLT }, { "SIGCONT", SIGCONT },
    { "SIGSTOP", SIGSTOP }, { "SIGTSTP", SIGTSTP }, { "SIGTTIN", SIGTTIN }, { "SIGTTOU", SIGTTOU },
    { "SIGURG", SIGURG }, { "SIGXCPU", SIGXCPU }, { "SIGXFSZ", SIGXFSZ },
    { "SIGVTALRM", SIGVTALRM }, { "SIGPROF", SIGPROF }, { "SIGWINCH", SIGWINCH },
    { "SIGIO", SIGIO }, { "SIGPOLL", SIGPOLL }, { "SIGPWR", SIGPWR }, { "SIGSYS", SIGSYS },
    { NULL, 0 }
};

static const js_os_const js_os_errnos[] = {
    { "E2BIG", E2BIG }, { "EACCES", EACCES }, { "EADDRINUSE", EADDRINUSE },
    { "EADDRNOTAVAIL", EADDRNOTAVAIL }, { "EAFNOSUPPORT", EAFNOSUPPORT }, { "EAGAIN", EAGAIN },
    { "EALREADY", EALREADY }, { "EBADF", EBADF }, { "EBADMSG", EBADMSG }, { "EBUSY", EBUSY },
    { "ECANCELED", ECANCELED }, { "ECHILD", ECHILD }, { "ECONNABORTED", ECONNABORTED },
    { "ECONNREFUSED", ECONNREFUSED }, { "ECONNRESET", ECONNRESET }, { "EDEADLK", EDEADLK },
    { "EDESTADDRREQ", EDESTADDRREQ }, { "EDOM", EDOM }, { "EDQUOT", EDQUOT },
    { "EEXIST", EEXIST }, { "EFAULT", EFAULT }, { "EFBIG", EFBIG },
    { "EHOSTUNREACH", EHOSTUNREACH }, { "EIDRM", EIDRM }, { "EILSEQ", EILSEQ },
    { "EINPROGRESS", EINPROGRESS }, { "EINTR", EINTR }, { "EINVAL", EINVAL }, { "EIO", EIO },
    { "EISCONN", EISCONN }, { "EISDIR", EISDIR }, { "ELOOP", ELOOP }, { "EMFILE", EMFILE },
    { "EMLINK", EMLINK }, { "EMSGSIZE", EMSGSIZE }, { "EMULTIHOP", EMULTIHOP },
    { "ENAMETOOLONG", ENAMETOOLONG }, { "ENETDOWN", ENETDOWN }, { "ENETRESET", ENETRESET },
    { "ENETUNREACH", ENETUNREACH }, { "ENFILE", ENFILE }, { "ENOBUFS", ENOBUFS },
    { "ENODATA", ENODATA }, { "ENODEV", ENODEV }, { "ENOENT", ENOENT }, { "ENOEXEC", ENOEXEC },
    { "ENOLCK", ENOLCK }, { "ENOLINK", ENOLINK }, { "ENOMEM", ENOMEM }, { "ENOMSG", ENOMSG },
    { "ENOPROTOOPT", ENOPROTOOPT }, { "ENOSPC", ENOSPC }, { "ENOSR", ENOSR },
    { "ENOSTR", ENOSTR }, { "ENOSYS", ENOSYS }, { "ENOTCONN", ENOTCONN },
    { "ENOTDIR", ENOTDIR }, { "ENOTEMPTY", ENOTEMPTY }, { "ENOTSOCK", ENOTSOCK },
    { "ENOTSUP", ENOTSUP }, { "ENOTTY", ENOTTY }, { "ENXIO", ENXIO },
    { "EOPNOTSUPP", EOPNOTSUPP }, { "EOVERFLOW", EOVERFLOW }, { "EPERM", EPERM },
    { "EPIPE", EPIPE }, { "EPROTO", EPROTO }, { "EPROTONOSUPPORT", EPROTONOSUPPORT },
    { "EPROTOTYPE", EPROTOTYPE }, { "ERANGE", ERANGE }, { "EROFS", EROFS },
    { "ESPIPE", ESPIPE }, { "ESRCH", ESRCH }, { "ESTALE", ESTALE }, { "ETIME", ETIME },
    { "ETIMEDOUT", ETIMEDOUT }, { "ETXTBSY", ETXTBSY }, { "EWOULDBLOCK", EWOULDBLOCK },
    { "EXDEV", EXDEV },
    { NULL, 0 }
};

/* [ ... obj ] -> [ ... obj ]: obj[name] = { NAME: value, ... } */
static void js_os_put_table(duk_context *ctx, const char *name, const js_os_const *t)
{
    duk_push_bare_object(ctx);
    for (; t->name != NULL; t++) {
        duk_push_int(ctx, t->value);
        duk_put_prop_string(ctx, -2, t->name);
    }
    duk_put_prop_string(ctx, -2, name);
}

static const duk_function_list_entry js_os_funcs[] = {
    { "osUname", js_os_uname, 0 },
    { "osMemory", js_os_memory, 0 },
    { "osUptime", js_os_uptime, 0 },
    { "osLoadavg", js_os_loadavg, 0 },
    { "osParallelism", js_os_parallelism, 0 },
    { "osCpus", js_os_cpus, 0 },
    { "osUser", js_os_user, 0 },
    { "osHomedir", js_os_homedir, 0 },
    { "osPriority", js_os_priority, 1 },
    { "osInterfaces", js_os_interfaces, 0 },
    { "isatty", js_os_isatty, 1 },
    { NULL, NULL, 0 }
};

/* [ ... sys ] -> [ ... sys ]; see js_os.h. */
void js_os_init(duk_context *ctx, js_host *host)
{
    js_host_put_funcs(ctx, js_os_funcs, host);
    duk_push_bare_object(ctx);
    js_os_put_table(ctx, "signals", js_os_signals);
    js_os_put_table(ctx, "errno", js_os_errnos);
    duk_put_prop_string(ctx, -2, "osConstants");
}
