/* net.c - fetch's limits and the network policy (see net.h).  Plain C: the
 * fetch binding applies them, the option parsers check them. */
#include "net/net.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

void net_opts_defaults(net_opts *o)
{
    if (!(o->connect_timeout > 0))
        o->connect_timeout = NET_CONNECT_TIMEOUT;
    if (!(o->timeout > 0))
        o->timeout = NET_TIMEOUT;
    if (o->max_size == 0)
        o->max_size = NET_MAX_SIZE;
    if (o->max_concurrent <= 0)
        o->max_concurrent = NET_MAX_CONCURRENT;
}

/* Parses one trimmed, lower-cased entry into r; -1 when it is not one. */
static int net_parse_rule(const char *s, net_rule *r)
{
    char buf[256], *slash;
    char *end;
    long bits;
    int max;

    memset(r, 0, sizeof *r);
    if (strlen(s) >= sizeof buf || *s == '\0')
        return -1;
    snprintf(buf, sizeof buf, "%s", s);
    slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    if (buf[0] == '[' && buf[strlen(buf) - 1] == ']') {
        memmove(buf, buf + 1, strlen(buf));
        buf[strlen(buf) - 1] = '\0';
    }
    if (inet_pton(AF_INET, buf, r->addr) == 1)
        r->family = AF_INET;
    else if (inet_pton(AF_INET6, buf, r->addr) == 1)
        r->family = AF_INET6;
    if (r->family) {
        r->kind = NET_ADDR;
        max = r->family == AF_INET ? 32 : 128;
        r->bits = max;
        if (slash) {
            errno = 0;
            bits = strtol(slash + 1, &end, 10);
            if (errno || end == slash + 1 || *end || bits < 0 || bits > max)
                return -1;
            r->bits = (int) bits;
        }
        return 0;
    }
    if (slash || strspn(buf, "abcdefghijklmnopqrstuvwxyz0123456789-._*") != strlen(buf))
        return -1;
    if (buf[0] == '*' && buf[1] == '.' && buf[2] != '\0' && strchr(buf + 1, '*') == NULL) {
        r->kind = NET_SUFFIX;
        snprintf(r->name, sizeof r->name, "%s", buf + 1);
        return 0;
    }
    if (strchr(buf, '*'))
        return -1;
    r->kind = NET_NAME;
    snprintf(r->name, sizeof r->name, "%s", buf);
    return 0;
}

/* Calls fn(entry, arg) for each trimmed, lower-cased entry of a comma list;
 * stops at the first non-zero answer and returns it. */
static int net_each_entry(const char *list, int (*fn)(const char *, void *), void *arg)
{
    char entry[300];
    size_t n, i;
    int rc;

    while (list && *list) {
        n = strcspn(list, ",");
        while (n > 0 && isspace((unsigned char) *list))
            list++, n--;
        i = n;
        while (i > 0 && isspace((unsigned char) list[i - 1]))
            i--;
        if (i > 0) {
            if (i >= sizeof entry)
                i = sizeof entry - 1;
            for (size_t k = 0; k < i; k++)
                entry[k] = (char) tolower((unsigned char) list[k]);
            entry[i] = '\0';
            if ((rc = fn(entry, arg)) != 0)
                return rc;
        }
        list += n;
        if (*list == ',')
            list++;
    }
    return 0;
}

struct net_check { char *err; size_t errlen; };

static int net_check_one(const char *entry, void *arg)
{
    struct net_check *c = arg;
    net_rule r;

    if (net_parse_rule(entry, &r) == 0)
        return 0;
    snprintf(c->err, c->errlen, "'%s' is not a host name, *.suffix, address or CIDR block", entry);
    return -1;
}

/* Borrowed list; the message goes into err. */
int net_policy_check(const char *list, char *err, size_t errlen)
{
    struct net_check c = { err, errlen };

    return net_each_entry(list, net_check_one, &c);
}

static int net_add_rule(const char *entry, void *arg)
{
    net_list *l = arg;
    net_rule r, *grown;

    if (net_parse_rule(entry, &r) < 0)
        return 0;               /* refused by the option parser already */
    grown = realloc(l->rules, (l->n + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    l->rules = grown;
    l->rules[l->n++] = r;
    if (r.kind == NET_ADDR)
        l->has_addr = 1;
    return 0;
}

static int net_addr_in(const net_rule *r, int family, const unsigned char *a)
{
    int full = r->bits / 8, rest = r->bits % 8;

    if (r->family != family || memcmp(r->addr, a, (size_t) full) != 0)
        return 0;
    return rest == 0 || ((r->addr[full] ^ a[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* Borrowed list and host; see net.h. */
int net_list_has_host(const net_list *l, const char *host)
{
    unsigned char a[16];
    int family = 0;
    size_t i, hl = strlen(host), sl;

    if (inet_pton(AF_INET, host, a) == 1)
        family = AF_INET;
    else if (inet_pton(AF_INET6, host, a) == 1)
        family = AF_INET6;
    for (i = 0; i < l->n; i++) {
        const net_rule *r = &l->rules[i];
        if (r->kind == NET_ADDR && family && net_addr_in(r, family, a))
            return 1;
        if (r->kind == NET_NAME && strcmp(r->name, host) == 0)
            return 1;
        if (r->kind == NET_SUFFIX && hl > (sl = strlen(r->name)) &&
            strcmp(host + hl - sl, r->name) == 0)
            return 1;
    }
    return 0;
}

int net_list_has_addr(const net_list *l, const struct sockaddr *sa)
{
    const unsigned char *a;
    unsigned char mapped[4];
    int family = sa->sa_family;
    size_t i;

    if (family == AF_INET) {
        a = (const unsigned char *) &((const struct sockaddr_in *) sa)->sin_addr;
    } else if (family == AF_INET6) {
        a = ((const struct sockaddr_in6 *) sa)->sin6_addr.s6_addr;
        /* ::ffff:127.0.0.1 is 127.0.0.1 */
        if (IN6_IS_ADDR_V4MAPPED((const struct in6_addr *) a)) {
            memcpy(mapped, a + 12, 4);
            a = mapped;
            family = AF_INET;
        }
    } else {
        return 0;
    }
    for (i = 0; i < l->n; i++)
        if (l->rules[i].kind == NET_ADDR && net_addr_in(&l->rules[i], family, a))
            return 1;
    return 0;
}

/* Borrowed strings; see net.h. */
int net_policy_match(const char *list, const char *host)
{
    net_list l = { NULL, 0, 0 };
    struct sockaddr_in6 a6;
    struct sockaddr_in a4;
    int hit;

    if (net_each_entry(list, net_add_rule, &l) != 0) {
        free(l.rules);
        return -1;
    }
    hit = net_list_has_host(&l, host);
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    if (!hit && inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        hit = net_list_has_addr(&l, (struct sockaddr *) &a4);
    } else if (!hit && inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        hit = net_list_has_addr(&l, (struct sockaddr *) &a6);
    }
    free(l.rules);
    return hit;
}


/* Owned by the caller, emptied here. */
void net_list_free(net_list *l)
{
    free(l->rules);
    memset(l, 0, sizeof *l);
}

/* Borrowed list; l is the caller's. */
int net_list_parse(net_list *l, const char *list)
{
    memset(l, 0, sizeof *l);
    if (net_each_entry(list, net_add_rule, l) == 0)
        return 0;
    net_list_free(l);
    return -1;
}
