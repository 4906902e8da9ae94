/* net.h - what functions may reach on the network, and how long they may
 * take: fetch's limits and the administrator's network policy.
 *
 * Plain C, no Duktape: the option parsers of invoke-fcgi and `invoke run`
 * check a list here so that a typo stops the start instead of silently
 * allowing a host, and the fetch binding (bindings/js_fetch.c) applies the
 * lists by name before connecting and by address as it connects.  Adding a
 * limit means a field here, its option, and its use in the binding.
 */
#ifndef INVOKE_NET_H
#define INVOKE_NET_H

#include <stddef.h>
#include <sys/socket.h>

#define NET_CONNECT_TIMEOUT 10.0            /* seconds */
#define NET_TIMEOUT 30.0                    /* seconds, body included */
#define NET_MAX_SIZE (64L * 1024 * 1024)    /* body bytes */
#define NET_MAX_CONCURRENT 16               /* fetches at once per request */

/* The administrator's settings.  Strings are borrowed (argv's). */
typedef struct net_opts {
    double connect_timeout;     /* seconds (--fetch-connect-timeout) */
    double timeout;             /* seconds per fetch (--fetch-timeout) */
    long max_size;              /* body bytes per fetch (--fetch-max-size), < 0: none */
    int max_concurrent;         /* fetches at once per request (--fetch-max-concurrent) */
    const char *allow;          /* hosts fetch may reach (--fetch-allow), NULL: all */
    const char *deny;           /* hosts fetch must not reach (--fetch-deny), NULL: none */
    const char *ca_file;        /* CA bundle replacing the system store (--ca-file) */
} net_opts;

/* Gives every limit left at 0 its default (NET_*). */
void net_opts_defaults(net_opts *o);

/* Checks the syntax of a --fetch-allow/--fetch-deny list (comma-separated
 * host names, *.suffix, IP addresses, CIDR blocks).  Returns 0, or -1 with
 * a message naming the bad entry in err. */
int net_policy_check(const char *list, char *err, size_t errlen);

/* Whether host (a name, or an address as a URL writes it, without
 * brackets) matches an entry of a list, the way fetch checks it: by name
 * before connecting and, for an address, as the address connected to (so
 * ::ffff:10.0.0.1 is 10.0.0.1).  Both strings are borrowed; -1 when out of
 * memory.  For t/unit/fetch_test.c. */
int net_policy_match(const char *list, const char *host);

/* One entry of an allow or deny list. */
typedef struct net_rule {
    enum { NET_NAME, NET_SUFFIX, NET_ADDR } kind;
    char name[256];             /* lower case; for a suffix, ".example.com" */
    int family;                 /* AF_INET or AF_INET6 for NET_ADDR */
    unsigned char addr[16];
    int bits;                   /* prefix length */
} net_rule;

/* A parsed list; the caller owns it and frees it with net_list_free. */
typedef struct net_list {
    net_rule *rules;
    size_t n;
    int has_addr;               /* some entry is an address or a block */
} net_list;

/* Parses a list (NULL: empty) into l; 0, or -1 when out of memory.
 * Entries net_policy_check refuses are skipped. */
int net_list_parse(net_list *l, const char *list);
void net_list_free(net_list *l);

/* Does a host (lower case, no brackets; a name or an address) match? */
int net_list_has_host(const net_list *l, const char *host);

/* Does the address connected to match an address or block of the list? */
int net_list_has_addr(const net_list *l, const struct sockaddr *sa);

#endif
