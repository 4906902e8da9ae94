/* access.c - API keys for _settings.json "access": "keys" (access.h). */
#include "engine/access.h"

#include <crypt.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
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

/* --- HTTP Basic --- */

#define ACC_MAX_USERS 1024
#define ACC_MAX_FILE (1024 * 1024)

/* One password file, parsed, kept while stat() finds it unchanged. */
static struct {
    char path[PATH_MAX];
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    char *text;                 /* the file, lines cut in place */
    int n;
    char *user[ACC_MAX_USERS], *hash[ACC_MAX_USERS];
    char why[PATH_MAX + 128];   /* non-empty: the file is broken */
} acc_pw;

static struct crypt_data acc_crypt;     /* ~32 KB: not on the stack */

/* The hash forms crypt(3) checks here; anything else (htpasswd's default
 * $apr1$ MD5, {SHA}, plain text) is refused rather than half-supported. */
static int acc_hash_ok(const char *h)
{
    static const char *const ok[] = { "$2y$", "$2b$", "$2a$", "$5$", "$6$", "$y$", NULL };
    int i;

    for (i = 0; ok[i]; i++)
        if (strncmp(h, ok[i], strlen(ok[i])) == 0)
            return 1;
    return 0;
}

static void acc_pw_load(const char *file, const struct stat *st)
{
    FILE *f;
    size_t n;
    char *line, *next;
    int lineno = 0;

    free(acc_pw.text);
    memset(&acc_pw, 0, sizeof acc_pw);
    snprintf(acc_pw.path, sizeof acc_pw.path, "%s", file);
    acc_pw.dev = st->st_dev;
    acc_pw.ino = st->st_ino;
    acc_pw.size = st->st_size;
    acc_pw.mtime = st->st_mtim;
    if (st->st_size > ACC_MAX_FILE || (f = fopen(file, "r")) == NULL) {
        snprintf(acc_pw.why, sizeof acc_pw.why, "%s:1: %s", file,
                 st->st_size > ACC_MAX_FILE ? "too large" : strerror(errno));
        return;
    }
    acc_pw.text = malloc((size_t) st->st_size + 1);
    n = acc_pw.text ? fread(acc_pw.text, 1, (size_t) st->st_size, f) : 0;
    fclose(f);
    if (acc_pw.text == NULL) {
        snprintf(acc_pw.why, sizeof acc_pw.why, "%s:1: out of memory", file);
        return;
    }
    acc_pw.text[n] = '\0';
    for (line = acc_pw.text; line != NULL; line = next) {
        char *colon;
        size_t l;

        lineno++;
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        l = strlen(line);
        if (l > 0 && line[l - 1] == '\r')
            line[--l] = '\0';
        if (l == 0 || line[0] == '#')
            continue;
        colon = strchr(line, ':');
        if (colon == NULL || colon == line || !acc_hash_ok(colon + 1) || acc_pw.n == ACC_MAX_USERS) {
            snprintf(acc_pw.why, sizeof acc_pw.why, "%s:%d: expected user:HASH, HASH from htpasswd -B "
                     "or openssl passwd -6 ($2y$, $6$, $5$ or $y$)", file, lineno);
            return;
        }
        *colon = '\0';
        acc_pw.user[acc_pw.n] = line;
        acc_pw.hash[acc_pw.n++] = colon + 1;
    }
}

/* Basic credentials: "user:password" decoded into buf, or -1. */
static int acc_basic_of(const cgi_vars *v, char *buf, size_t len)
{
    const char *a = cgi_get(v, "HTTP_AUTHORIZATION");
    size_t n;
    int out;

    if (a == NULL || strncasecmp(a, "Basic ", 6) != 0)
        return -1;
    a += 6;
    a += strspn(a, " ");
    n = strcspn(a, " \t");
    if (n == 0 || n % 4 != 0 || n / 4 * 3 + 1 > len)
        return -1;
    out = EVP_DecodeBlock((unsigned char *) buf, (const unsigned char *) a, (int) n);
    if (out < 0)
        return -1;
    /* EVP_DecodeBlock counts the padding's zero bytes */
    if (a[n - 1] == '=')
        out--;
    if (a[n - 2] == '=')
        out--;
    buf[out] = '\0';
    if ((int) strlen(buf) != out)
        return -1;          /* a NUL inside */
    return out;
}

int acc_check_basic(const char *file, const cgi_vars *v, char *user, size_t userlen,
                    char *err, size_t errlen)
{
    char cred[1024], *pass;
    const char *hash, *got;
    struct stat st;
    int i, found = -1, ok;

    if (stat(file, &st) < 0) {
        snprintf(err, errlen, "%s:1: %s", file, strerror(errno));
        return ACC_ERR;
    }
    if (strcmp(acc_pw.path, file) != 0 || acc_pw.dev != st.st_dev || acc_pw.ino != st.st_ino ||
        acc_pw.size != st.st_size || acc_pw.mtime.tv_sec != st.st_mtim.tv_sec ||
        acc_pw.mtime.tv_nsec != st.st_mtim.tv_nsec)
        acc_pw_load(file, &st);
    if (acc_pw.why[0] != '\0') {
        snprintf(err, errlen, "%s", acc_pw.why);
        return ACC_ERR;
    }
    if (acc_basic_of(v, cred, sizeof cred) < 0 || (pass = strchr(cred, ':')) == NULL) {
        OPENSSL_cleanse(cred, sizeof cred);
        return ACC_DENY;
    }
    *pass++ = '\0';
    for (i = 0; i < acc_pw.n; i++)
        if (strcmp(acc_pw.user[i], cred) == 0) {
            found = i;
            break;
        }
    /* an unknown user costs a hash too, so that the time taken does not
     * tell which users exist */
    hash = found >= 0 ? acc_pw.hash[found] : acc_pw.n > 0 ? acc_pw.hash[0] :
           "$6$invoke$0000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    memset(&acc_crypt, 0, sizeof acc_crypt);
    got = crypt_rn(pass, hash, &acc_crypt, sizeof acc_crypt);
    ok = found >= 0 && got != NULL && strlen(got) == strlen(hash) &&
         CRYPTO_memcmp(got, hash, strlen(hash)) == 0;
    OPENSSL_cleanse(cred + strlen(cred) + 1, strlen(pass));
    OPENSSL_cleanse(&acc_crypt, sizeof acc_crypt);
    if (!ok) {
        OPENSSL_cleanse(cred, sizeof cred);
        return ACC_DENY;
    }
    snprintf(user, userlen, "%s", cred);
    OPENSSL_cleanse(cred, sizeof cred);
    return ACC_OK;
}
