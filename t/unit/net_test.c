/* fetch_test.c - the network policy of js_fetch.c (--fetch-allow,
 * --fetch-deny): the list syntax the option parser refuses, and which hosts
 * and addresses an entry covers.  Pure C: no heap, no libcurl transfer, no
 * traffic (the end-to-end side is t/100-fetch-limits.t, which can only
 * check refusals without reaching beyond loopback). */
#include "net/net.h"
#include "tap.h"

static const struct {
    const char *list, *host;
    int match;
} cases[] = {
    { "10.0.0.0/8", "10.1.2.3", 1 },
    { "10.0.0.0/8", "11.0.0.1", 0 },
    { "172.16.0.0/12", "172.31.255.255", 1 },
    { "172.16.0.0/12", "172.32.0.0", 0 },
    { "172.16.0.0/12", "172.15.255.255", 0 },
    { "192.168.1.7", "192.168.1.7", 1 },
    { "192.168.1.7", "192.168.1.8", 0 },
    { "0.0.0.0/0", "203.0.113.9", 1 },
    { "0.0.0.0/0", "::1", 0 },
    { "127.0.0.0/8", "::ffff:127.0.0.1", 1 },     /* a mapped address is its IPv4 one */
    { "::1", "::1", 1 },
    { "[::1]", "::1", 1 },
    { "::1", "127.0.0.1", 0 },
    { "fc00::/7", "fd12:3456::1", 1 },
    { "fc00::/7", "fe80::1", 0 },
    { "fe80::/10", "febf::1", 1 },
    { "fe80::/10", "fec0::1", 0 },
    { "*.example.com", "api.example.com", 1 },
    { "*.example.com", "a.b.example.com", 1 },
    { "*.example.com", "example.com", 0 },
    { "*.example.com", "badexample.com", 0 },
    { "example.com", "example.com", 1 },
    { "example.com", "api.example.com", 0 },
    { " API.Example.com ,10.0.0.0/8", "api.example.com", 1 },    /* trimmed, lower case */
    { "a.test, b.test", "b.test", 1 },
    { "a.test, b.test", "c.test", 0 },
    { "", "anything", 0 },
    { "10.0.0.0/8", "10.example.com", 0 },        /* a name is not an address */
};

static const struct {
    const char *list;
    int valid;
} syntax[] = {
    { "10.0.0.0/8,*.example.com,api.test,::1,[::1],fc00::/7", 1 },
    { " a.test , , b.test ", 1 },
    { "10.0.0.0/33", 0 },
    { "::1/129", 0 },
    { "10.0.0.0/x", 0 },
    { "10.0.0.0/", 0 },
    { "a*b.test", 0 },
    { "*.", 0 },
    { "*.a.*.test", 0 },
    { "host.test/8", 0 },
    { "exa mple.test", 0 },
    { "http://a.test", 0 },
};

int main(void)
{
    char err[400], name[600];
    size_t i;

    plan((int) (sizeof cases / sizeof cases[0] + sizeof syntax / sizeof syntax[0]));
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(name, sizeof name, "'%s' %s '%s'", cases[i].list,
                 cases[i].match ? "covers" : "does not cover", cases[i].host);
        is_int(net_policy_match(cases[i].list, cases[i].host), cases[i].match, name);
    }
    for (i = 0; i < sizeof syntax / sizeof syntax[0]; i++) {
        int rc = net_policy_check(syntax[i].list, err, sizeof err);
        snprintf(name, sizeof name, "'%s' is %s%s%s", syntax[i].list,
                 syntax[i].valid ? "a valid list" : "refused", rc < 0 ? ": " : "", rc < 0 ? err : "");
        ok((rc == 0) == syntax[i].valid, name);
    }
    return done_testing();
}
