/* access.c - API keys for _settings.json "access": "keys" (access.h). */
#include "config.h"
#include "engine/access.h"
#include "engine/settings.h"
#include "common/file.h"
#include "common/log.h"

#include <arpa/inet.h>
#include <crypt.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <math.h>
#include <time.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
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
    file_stamp stamp;
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
    file_stamp_set(&acc_pw.stamp, st);
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
    if (strcmp(acc_pw.path, file) != 0 || !file_stamp_same(&acc_pw.stamp, &st))
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

/* --- JWT --- */

/* base64url without padding into out (malloc'd, *n bytes), or NULL. */
static unsigned char *acc_b64url(const char *s, size_t len, size_t *n)
{
    size_t i, pad = (4 - len % 4) % 4, blen = len + pad;
    char *b;
    unsigned char *out;
    int got;

    if (pad == 3)
        return NULL;
    for (i = 0; i < len; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
            return NULL;
    b = malloc(blen + 1);
    out = malloc(blen / 4 * 3 + 1);
    if (b == NULL || out == NULL) {
        free(b);
        free(out);
        return NULL;
    }
    for (i = 0; i < len; i++)
        b[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
    for (; i < blen; i++)
        b[i] = '=';
    got = blen ? EVP_DecodeBlock(out, (unsigned char *) b, (int) blen) : 0;
    free(b);
    if (got < 0) {
        free(out);
        return NULL;
    }
    *n = (size_t) got - pad;
    out[*n] = '\0';
    return out;
}

/* The JWKS file, parsed, kept while stat() finds it unchanged. */
static struct {
    char path[PATH_MAX];
    file_stamp stamp;
    set_json keys;              /* the "keys" array's parent object */
    int ok;
    char why[PATH_MAX + 128];
} acc_jwks;

/* JWKS text into *out: 0, or -1 with "WHERE:LINE: why" in why. */
static int acc_jwks_parse(set_json *out, const char *text, size_t n, const char *where,
                          char *why, size_t whylen)
{
    char msg[256];
    const set_json *keys;

    if (set_json_parse(text, n, out, msg, sizeof msg) < 0) {
        snprintf(why, whylen, "%s:%s", where, msg);
        return -1;
    }
    if ((keys = set_json_get(out, "keys")) == NULL || keys->type != SJ_ARR) {
        set_json_free(out);
        snprintf(why, whylen, "%s: expected a JWKS, { \"keys\": [...] }", where);
        return -1;
    }
    return 0;
}

static int acc_jwks_load(const char *file, char *err, size_t errlen)
{
    struct stat st;
    char *text;
    FILE *f;
    size_t n;

    if (stat(file, &st) < 0) {
        snprintf(err, errlen, "%s: %s", file, strerror(errno));
        return -1;
    }
    if (acc_jwks.path[0] && strcmp(acc_jwks.path, file) == 0 && file_stamp_same(&acc_jwks.stamp, &st)) {
        if (!acc_jwks.ok)
            snprintf(err, errlen, "%s", acc_jwks.why);
        return acc_jwks.ok ? 0 : -1;
    }
    set_json_free(&acc_jwks.keys);
    memset(&acc_jwks, 0, sizeof acc_jwks);
    snprintf(acc_jwks.path, sizeof acc_jwks.path, "%s", file);
    file_stamp_set(&acc_jwks.stamp, &st);
    if (st.st_size > ACC_MAX_FILE || (f = fopen(file, "r")) == NULL) {
        snprintf(acc_jwks.why, sizeof acc_jwks.why, "%s: %s", file,
                 st.st_size > ACC_MAX_FILE ? "too large" : strerror(errno));
    } else {
        text = malloc((size_t) st.st_size + 1);
        n = text ? fread(text, 1, (size_t) st.st_size, f) : 0;
        fclose(f);
        if (text == NULL)
            snprintf(acc_jwks.why, sizeof acc_jwks.why, "%s: out of memory", file);
        else if (acc_jwks_parse(&acc_jwks.keys, text, n, file, acc_jwks.why, sizeof acc_jwks.why) == 0)
            acc_jwks.ok = 1;
        free(text);
    }
    if (!acc_jwks.ok)
        snprintf(err, errlen, "%s", acc_jwks.why);
    return acc_jwks.ok ? 0 : -1;
}

static const char *acc_str(const set_json *o, const char *k)
{
    const set_json *v = set_json_get(o, k);

    return v && v->type == SJ_STR ? v->str : NULL;
}

/* A JWK member decoded from base64url, or NULL. */
static unsigned char *acc_jwk_bytes(const set_json *jwk, const char *k, size_t *n)
{
    const char *s = acc_str(jwk, k);

    return s ? acc_b64url(s, strlen(s), n) : NULL;
}

/* The public key of an RSA, EC P-256 or Ed25519 JWK, or NULL. */
static EVP_PKEY *acc_jwk_key(const set_json *jwk, unsigned alg)
{
    const char *kty = acc_str(jwk, "kty"), *crv = acc_str(jwk, "crv");
    EVP_PKEY *pk = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    BIGNUM *bn_n = NULL, *bn_e = NULL;
    unsigned char *a = NULL, *b = NULL, pub[65];
    size_t an = 0, bnl = 0;

    if (kty == NULL)
        return NULL;
    if (alg == SET_EDDSA && strcmp(kty, "OKP") == 0 && crv && strcmp(crv, "Ed25519") == 0) {
        if ((a = acc_jwk_bytes(jwk, "x", &an)) != NULL && an == 32)
            pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, a, an);
        free(a);
        return pk;
    }
    if ((bld = OSSL_PARAM_BLD_new()) == NULL)
        return NULL;
    if (alg == SET_RS256 && strcmp(kty, "RSA") == 0) {
        a = acc_jwk_bytes(jwk, "n", &an);
        b = acc_jwk_bytes(jwk, "e", &bnl);
        if (a && b && an >= 256 && (bn_n = BN_bin2bn(a, (int) an, NULL)) != NULL &&
            (bn_e = BN_bin2bn(b, (int) bnl, NULL)) != NULL &&
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) &&
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e))
            ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    } else if (alg == SET_ES256 && strcmp(kty, "EC") == 0 && crv && strcmp(crv, "P-256") == 0) {
        a = acc_jwk_bytes(jwk, "x", &an);
        b = acc_jwk_bytes(jwk, "y", &bnl);
        if (a && b && an == 32 && bnl == 32) {
            pub[0] = 4;
            memcpy(pub + 1, a, 32);
            memcpy(pub + 33, b, 32);
            if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) &&
                OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub))
                ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
        }
    }
    if (ctx != NULL && (params = OSSL_PARAM_BLD_to_param(bld)) != NULL &&
        EVP_PKEY_fromdata_init(ctx) == 1)
        if (EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) != 1)
            pk = NULL;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    BN_free(bn_n);
    BN_free(bn_e);
    free(a);
    free(b);
    return pk;
}

/* Whether sig is key's signature of data under alg. */
static int acc_jwt_verify(const set_json *jwk, unsigned alg, const char *data, size_t dlen,
                          const unsigned char *sig, size_t slen)
{
    EVP_MD_CTX *md;
    EVP_PKEY *pk;
    unsigned char *der = NULL, mac[32];
    unsigned int maclen = 0;
    int ok = 0, derlen;

    if (alg == SET_HS256) {
        size_t kn = 0;
        unsigned char *k;
        const char *kty = acc_str(jwk, "kty");

        if (kty == NULL || strcmp(kty, "oct") != 0 || (k = acc_jwk_bytes(jwk, "k", &kn)) == NULL)
            return 0;
        ok = kn >= 32 && HMAC(EVP_sha256(), k, (int) kn, (const unsigned char *) data, dlen, mac, &maclen) &&
             maclen == slen && CRYPTO_memcmp(mac, sig, slen) == 0;
        OPENSSL_cleanse(k, kn);
        free(k);
        return ok;
    }
    if ((pk = acc_jwk_key(jwk, alg)) == NULL)
        return 0;
    if (alg == SET_ES256) {
        /* JWS carries r||s; OpenSSL verifies DER */
        ECDSA_SIG *es;
        BIGNUM *r, *s;

        if (slen != 64 || (es = ECDSA_SIG_new()) == NULL) {
            EVP_PKEY_free(pk);
            return 0;
        }
        r = BN_bin2bn(sig, 32, NULL);
        s = BN_bin2bn(sig + 32, 32, NULL);
        if (r == NULL || s == NULL || ECDSA_SIG_set0(es, r, s) != 1) {
            BN_free(r);
            BN_free(s);
            ECDSA_SIG_free(es);
            EVP_PKEY_free(pk);
            return 0;
        }
        derlen = i2d_ECDSA_SIG(es, &der);
        ECDSA_SIG_free(es);
        if (derlen <= 0) {
            EVP_PKEY_free(pk);
            return 0;
        }
        sig = der;
        slen = (size_t) derlen;
    }
    if ((md = EVP_MD_CTX_new()) != NULL &&
        EVP_DigestVerifyInit(md, NULL, alg == SET_EDDSA ? NULL : EVP_sha256(), NULL, pk) == 1)
        ok = EVP_DigestVerify(md, sig, slen, (const unsigned char *) data, dlen) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(pk);
    OPENSSL_free(der);
    return ok;
}

static int acc_jwt_with(const set_json *jwks, const char *issuer, const char *audience,
                        unsigned algs, const cgi_vars *v, char *sub, size_t sublen,
                        char **claims, int *kid_missing);

int acc_check_jwt(const char *jwks, const char *issuer, const char *audience, unsigned algs,
                  const cgi_vars *v, char *sub, size_t sublen, char **claims,
                  char *err, size_t errlen)
{
    int kid_missing;

    *claims = NULL;
    if (acc_jwks_load(jwks, err, errlen) < 0)
        return ACC_ERR;
    return acc_jwt_with(&acc_jwks.keys, issuer, audience, algs, v, sub, sublen, claims,
                        &kid_missing);
}

/* Checks the request's token against jwks; *kid_missing: the token named
 * a kid that no key of jwks has. */
static int acc_jwt_with(const set_json *jwks, const char *issuer, const char *audience,
                        unsigned algs, const cgi_vars *v, char *sub, size_t sublen,
                        char **claims, int *kid_missing)
{
    const char *a = cgi_get(v, "HTTP_AUTHORIZATION"), *d1, *d2, *kid, *alg_name, *s;
    unsigned char *head = NULL, *body = NULL, *sig = NULL;
    size_t tlen, hn, bn, sn;
    set_json h, p;
    const set_json *keys, *x;
    char why[128];
    unsigned alg;
    double now = (double) time(NULL);
    int i, rc = ACC_DENY, hok = 0, pok = 0, verified = 0;

    *claims = NULL;
    *kid_missing = 0;
    if (a == NULL || strncasecmp(a, "Bearer ", 7) != 0)
        return ACC_DENY;
    a += 7;
    a += strspn(a, " ");
    tlen = strcspn(a, " \t");
    if (tlen > 16384 || (d1 = memchr(a, '.', tlen)) == NULL ||
        (d2 = memchr(d1 + 1, '.', tlen - (size_t) (d1 + 1 - a))) == NULL)
        return ACC_DENY;
    head = acc_b64url(a, (size_t) (d1 - a), &hn);
    body = acc_b64url(d1 + 1, (size_t) (d2 - d1 - 1), &bn);
    sig = acc_b64url(d2 + 1, tlen - (size_t) (d2 + 1 - a), &sn);
    if (head == NULL || body == NULL || sig == NULL)
        goto out;
    hok = set_json_parse((char *) head, hn, &h, why, sizeof why) == 0;
    if (!hok || h.type != SJ_OBJ || (alg_name = acc_str(&h, "alg")) == NULL)
        goto out;
    /* "none", and anything not allowed here, never verifies */
    alg = set_jwt_alg(alg_name);
    if (alg == 0 || !(alg & algs))
        goto out;
    kid = acc_str(&h, "kid");
    keys = set_json_get(jwks, "keys");
    *kid_missing = kid != NULL;
    for (i = 0; i < keys->n && !verified; i++) {
        const char *k_kid = acc_str(&keys->items[i], "kid");
        const char *k_alg = acc_str(&keys->items[i], "alg");
        if (kid && (k_kid == NULL || strcmp(kid, k_kid) != 0))
            continue;
        *kid_missing = 0;
        if (k_alg && strcmp(k_alg, alg_name) != 0)
            continue;
        verified = acc_jwt_verify(&keys->items[i], alg, a, (size_t) (d2 - a), sig, sn);
    }
    if (!verified)
        goto out;
    pok = set_json_parse((char *) body, bn, &p, why, sizeof why) == 0;
    if (!pok || p.type != SJ_OBJ)
        goto out;
    /* exp is required: a token that never expires is no access control */
    if ((x = set_json_get(&p, "exp")) == NULL || x->type != SJ_NUM || !(x->num > now))
        goto out;
    if ((x = set_json_get(&p, "nbf")) != NULL && (x->type != SJ_NUM || x->num > now + 1))
        goto out;
    if (issuer && ((s = acc_str(&p, "iss")) == NULL || strcmp(s, issuer) != 0))
        goto out;
    if (audience) {
        int seen = 0;
        x = set_json_get(&p, "aud");
        if (x && x->type == SJ_STR)
            seen = strcmp(x->str, audience) == 0;
        for (i = 0; x && x->type == SJ_ARR && i < x->n && !seen; i++)
            seen = x->items[i].type == SJ_STR && strcmp(x->items[i].str, audience) == 0;
        if (!seen)
            goto out;
    }
    snprintf(sub, sublen, "%s", (s = acc_str(&p, "sub")) ? s : "");
    *claims = (char *) body;
    body = NULL;
    rc = ACC_OK;
out:
    if (hok)
        set_json_free(&h);
    if (pok)
        set_json_free(&p);
    free(head);
    free(body);
    free(sig);
    return rc;
}

/* --- a JWKS URL --- */

#define ACC_JWKS_MAX (1024 * 1024)

static struct {
    char url[2048];
    set_json keys;
    int ok;                     /* keys holds a good copy */
    time_t fetched, tried;      /* the last good fetch, the last attempt */
    char why[512];              /* why the last attempt failed */
} acc_remote;

struct acc_get {
    char *buf;
    size_t len;
    int too_big;
    const net_list *allow, *deny;
    int name_allowed, refused;
};

static size_t acc_get_data(char *p, size_t size, size_t n, void *ud)
{
    struct acc_get *g = ud;
    size_t k = size * n;
    char *grown;

    if (g->len + k > ACC_JWKS_MAX) {
        g->too_big = 1;
        return 0;
    }
    if ((grown = realloc(g->buf, g->len + k + 1)) == NULL)
        return 0;
    g->buf = grown;
    memcpy(g->buf + g->len, p, k);
    g->len += k;
    g->buf[g->len] = '\0';
    return k;
}

/* The fetch policy's second check, on the address connected to, as
 * fetch() makes it (bindings/js_fetch.c). */
static curl_socket_t acc_get_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct acc_get *g = ud;
    const struct sockaddr *sa = &a->addr;

    if (purpose == CURLSOCKTYPE_IPCXN &&
        (net_list_has_addr(g->deny, sa) ||
         (g->allow->n > 0 && !g->name_allowed && !net_list_has_addr(g->allow, sa)))) {
        g->refused = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* GETs url under net's policy into *out (malloc'd): 0, or -1 with why. */
static int acc_get(const char *url, const net_opts *net, char **out, size_t *len,
                   char *err, size_t errlen)
{
    static int curl_ready;
    net_list allow, deny;
    struct acc_get g;
    CURLU *u = curl_url();
    char *host = NULL;
    CURL *e = NULL;
    CURLcode rc;
    long status = 0;
    int ok = 1, ret = -1;

    memset(&g, 0, sizeof g);
    memset(&allow, 0, sizeof allow);
    memset(&deny, 0, sizeof deny);
    if (!curl_ready && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
        curl_ready = 1;
    if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        snprintf(err, errlen, "%s: not a URL", url);
        goto out;
    }
    if (net_list_parse(&allow, net ? net->allow : NULL) < 0 ||
        net_list_parse(&deny, net ? net->deny : NULL) < 0) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    /* hosts as fetch() judges them: by name before anything is sent */
    {
        char *h = host;
        size_t hl = strlen(h);
        if (h[0] == '[' && hl > 2) {
            h[hl - 1] = '\0';
            h++;
        }
        for (char *c = h; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char) (*c - 'A' + 'a');
        g.name_allowed = allow.n > 0 && net_list_has_host(&allow, h);
        if (net_list_has_host(&deny, h) || (allow.n > 0 && !g.name_allowed && !allow.has_addr)) {
            snprintf(err, errlen, "%s: refused by the fetch policy (--fetch-allow/--fetch-deny)", url);
            goto out;
        }
    }
    g.allow = &allow;
    g.deny = &deny;
    if ((e = curl_easy_init()) == NULL) {
        snprintf(err, errlen, "cannot start a transfer");
        goto out;
    }
#define SET(opt, val) ok &= curl_easy_setopt(e, opt, val) == CURLE_OK
    SET(CURLOPT_URL, url);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_PROXY, "");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_WRITEFUNCTION, acc_get_data);
    SET(CURLOPT_WRITEDATA, (void *) &g);
    SET(CURLOPT_OPENSOCKETFUNCTION, acc_get_socket);
    SET(CURLOPT_OPENSOCKETDATA, (void *) &g);
    /* a request waits for this: the fetch limits, but never long */
    SET(CURLOPT_CONNECTTIMEOUT_MS, (long) (net && net->connect_timeout > 0 && net->connect_timeout < 5 ?
                                          net->connect_timeout * 1000 : 5000));
    SET(CURLOPT_TIMEOUT_MS, (long) (net && net->timeout > 0 && net->timeout < 10 ? net->timeout * 1000 : 10000));
    SET(CURLOPT_USERAGENT, "invoke-fcgi/" PACKAGE_VERSION);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (net && net->ca_file) {
        SET(CURLOPT_CAINFO, net->ca_file);
        SET(CURLOPT_CAPATH, NULL);
    }
#undef SET
    if (!ok) {
        snprintf(err, errlen, "cannot set up the transfer");
        goto out;
    }
    rc = curl_easy_perform(e);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    if (g.refused)
        snprintf(err, errlen, "%s: its address is refused by the fetch policy", url);
    else if (g.too_big)
        snprintf(err, errlen, "%s: larger than %d bytes", url, ACC_JWKS_MAX);
    else if (rc != CURLE_OK)
        snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(rc));
    else if (status != 200)
        snprintf(err, errlen, "%s: status %ld", url, status);
    else {
        *out = g.buf ? g.buf : strdup("");
        *len = g.len;
        g.buf = NULL;
        ret = *out ? 0 : -1;
    }
out:
    free(g.buf);
    if (e)
        curl_easy_cleanup(e);
    curl_free(host);
    curl_url_cleanup(u);
    net_list_free(&allow);
    net_list_free(&deny);
    return ret;
}

/* Fetches the JWKS of url into acc_remote; a failure keeps what was
 * there.  0, or -1 with why. */
static int acc_remote_fetch(const char *url, const net_opts *net, char *err, size_t errlen)
{
    char *text = NULL;
    size_t n = 0;
    set_json keys;

    acc_remote.tried = time(NULL);
    if (acc_get(url, net, &text, &n, err, errlen) < 0)
        return -1;
    if (acc_jwks_parse(&keys, text, n, url, err, errlen) < 0) {
        free(text);
        return -1;
    }
    free(text);
    if (acc_remote.ok)
        set_json_free(&acc_remote.keys);
    acc_remote.keys = keys;
    acc_remote.ok = 1;
    acc_remote.fetched = acc_remote.tried;
    return 0;
}

int acc_check_jwt_url(const char *url, const net_opts *net, const char *issuer,
                      const char *audience, unsigned algs, const cgi_vars *v, char *sub,
                      size_t sublen, char **claims, char *err, size_t errlen)
{
    time_t now = time(NULL);
    int rc, kid_missing = 0;
    char why[512];

    *claims = NULL;
    if (strcmp(acc_remote.url, url) != 0) {
        if (acc_remote.ok)
            set_json_free(&acc_remote.keys);
        memset(&acc_remote, 0, sizeof acc_remote);
        snprintf(acc_remote.url, sizeof acc_remote.url, "%s", url);
    }
    if (!acc_remote.ok || now - acc_remote.fetched >= ACC_JWKS_TTL) {
        /* without a copy, tried again at most once a second: a provider
         * that is down must not hold every request for its timeout */
        if (acc_remote.tried != 0 && now - acc_remote.tried < (acc_remote.ok ? ACC_JWKS_RETRY : 1)) {
            if (!acc_remote.ok) {
                snprintf(err, errlen, "%s", acc_remote.why);
                return ACC_ERR;
            }
        } else if (acc_remote_fetch(url, net, why, sizeof why) < 0) {
            snprintf(acc_remote.why, sizeof acc_remote.why, "%s", why);
            if (!acc_remote.ok) {
                snprintf(err, errlen, "%s", why);
                return ACC_ERR;
            }
            log_sys("warn", "JWKS %s (the copy of %lds ago stays in use)", why,
                    (long) (now - acc_remote.fetched));
        }
    }
    rc = acc_jwt_with(&acc_remote.keys, issuer, audience, algs, v, sub, sublen, claims, &kid_missing);
    /* a key the provider has just added: fetched again, not too often */
    if (rc == ACC_DENY && kid_missing && now - acc_remote.tried >= ACC_JWKS_RETRY) {
        if (acc_remote_fetch(url, net, why, sizeof why) == 0)
            rc = acc_jwt_with(&acc_remote.keys, issuer, audience, algs, v, sub, sublen, claims,
                              &kid_missing);
        else
            log_sys("warn", "JWKS %s", why);
    }
    return rc;
}
