/* access.c - API keys for _settings.json "access": "keys" (access.h). */
#include "engine/access.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void acc_hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

int acc_key_record(const char *folder, size_t flen, const char *key, size_t klen,
                   char *rec, size_t reclen)
{
    unsigned char md[32];
    unsigned int mdlen = 0;

    if (flen + 1 + 64 + 1 > reclen)
        return -1;
    if (EVP_Digest(key, klen, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return -1;
    memcpy(rec, folder, flen);
    rec[flen] = '\n';
    acc_hex(md, 32, rec + flen + 1);
    OPENSSL_cleanse(md, sizeof md);
    return 0;
}

int acc_key_new(char *out)
{
    unsigned char b[32];

    if (RAND_bytes(b, sizeof b) != 1)
        return -1;
    memcpy(out, "ik_", 3);
    acc_hex(b, sizeof b, out + 3);
    OPENSSL_cleanse(b, sizeof b);
    return 0;
}

/* The value of name=... in a query string, still percent-encoded (a key
 * is hex: nothing to decode), or NULL. */
static const char *acc_query(const char *q, const char *name, size_t *len)
{
    size_t nl = strlen(name);

    while (q && *q) {
        size_t n = strcspn(q, "&");
        if (n > nl && strncmp(q, name, nl) == 0 && q[nl] == '=') {
            *len = n - nl - 1;
            return q + nl + 1;
        }
        q += n;
        if (*q == '&')
            q++;
    }
    return NULL;
}

const char *acc_key_of(const cgi_vars *v, size_t *len)
{
    const char *a = cgi_get(v, "HTTP_AUTHORIZATION"), *k;
    if (a != NULL && strncasecmp(a, "Bearer ", 7) == 0) {
        a += 7;
        a += strspn(a, " ");
        *len = strcspn(a, " \t");
        return a;
    }
    if ((k = cgi_get(v, "HTTP_X_API_KEY")) != NULL) {
        *len = strlen(k);
        return k;
    }
    if ((k = acc_query(v->query, "api_key", len)) != NULL)
        return k;
    *len = 0;
    return NULL;
}

int acc_check_key(kv *store, const kv_scope *sc, const char *folder, size_t flen,
                  const cgi_vars *v, char *name, size_t namelen, char *id,
                  char *err, size_t errlen)
{
    char rec[KV_MAX_KEY], kerr[300];
    const char *key, *val;
    size_t klen, vlen;
    int rc;

    if (store == NULL || sc == NULL) {
        snprintf(err, errlen, "access \"keys\" needs the store: start the responder with --data");
        return ACC_ERR;
    }
    key = acc_key_of(v, &klen);
    /* only a key of the right shape is looked up: the store sees no
     * attacker-chosen lengths */
    if (key == NULL || klen != ACC_KEY_LEN || strncmp(key, "ik_", 3) != 0)
        return ACC_DENY;
    if (acc_key_record(folder, flen, key, klen, rec, sizeof rec) < 0) {
        snprintf(err, errlen, "folder name too long for a key record");
        return ACC_ERR;
    }
    /* The record is found by the key's hash: what a lookup's timing
     * could tell is about hashes, and no one can aim at a hash. */
    rc = kv_get(store, sc, rec, strlen(rec), &val, &vlen, NULL, kerr, sizeof kerr);
    if (rc == KV_NOTFOUND)
        return ACC_DENY;
    if (rc != KV_OK) {
        snprintf(err, errlen, "keys store: %s", kerr);
        return ACC_ERR;
    }
    snprintf(name, namelen, "%.*s", (int) vlen, val);
    memcpy(id, rec + flen + 1, ACC_ID_LEN);
    id[ACC_ID_LEN] = '\0';
    return ACC_OK;
}
