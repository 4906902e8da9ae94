/* access.h - who may call a folder's functions (_settings.json "access"),
 * checked before any JavaScript runs.
 *
 * API keys: random secrets made by `invoke keys add FOLDER`, of which the
 * store keeps only the SHA-256 (a key is 256 random bits, so a fast hash
 * is enough: there is nothing to guess), under the site's "keys"
 * namespace that functions never see.  A request brings its key as
 * "Authorization: Bearer KEY", "X-API-Key: KEY" or "?api_key=KEY".
 * Nothing here logs a key or its hash.
 */
#ifndef INVOKE_ACCESS_H
#define INVOKE_ACCESS_H

#include <stddef.h>

#include "common/cgi.h"
#include "net/net.h"
#include "store/kv.h"

#define ACC_OK 0            /* allowed */
#define ACC_DENY 1          /* no or a wrong credential: 401 */
#define ACC_ERR (-1)        /* cannot tell (no store...): 500, err says why */

#define ACC_KEY_LEN 67      /* "ik_" and 64 hex digits */
#define ACC_ID_LEN 12       /* hex digits of a key's hash that name it */

/* The store record of a key: "FOLDER\n" and the 64 hex digits of its
 * SHA-256, into rec (KV_MAX_KEY).  folder: flen bytes, "" for the root.
 * 0, or -1 when it does not fit. */
int acc_key_record(const char *folder, size_t flen, const char *key, size_t klen,
                   char *rec, size_t reclen);

/* A new key into out (ACC_KEY_LEN + 1): 0, or -1 without randomness. */
int acc_key_new(char *out);

/* The key the request brings, or NULL (*len set). */
const char *acc_key_of(const cgi_vars *v, size_t *len);

/* Checks the request's key against folder's keys in store/sc.  On ACC_OK
 * the key's name (the value stored, JSON) goes into name and its id
 * into id (ACC_ID_LEN + 1). */
int acc_check_key(kv *store, const kv_scope *sc, const char *folder, size_t flen,
                  const cgi_vars *v, char *name, size_t namelen, char *id,
                  char *err, size_t errlen);

/* HTTP Basic against a password file (real path `file`): lines
 * "user:HASH", HASH as crypt(3) makes it and htpasswd -B ($2y$, bcrypt) or
 * openssl passwd -6/-5 ($6$, $5$) write it, or yescrypt ($y$).  On ACC_OK
 * the user's name goes into user.  A file that cannot be read or holds a
 * line of another form is ACC_ERR (err: "FILE:LINE: why"). */
int acc_check_basic(const char *file, const cgi_vars *v, char *user, size_t userlen,
                    char *err, size_t errlen);

/* A JWT as "Authorization: Bearer TOKEN", signed by a key of the JWKS
 * file jwks (real path) with one of algs (SET_RS256... bits, settings.h), not expired (exp required),
 * not before nbf, of issuer and audience when given (NULL: any).  On
 * ACC_OK *claims is the payload's JSON text (malloc'd, the caller frees)
 * and sub its "sub" (or ""). ACC_DENY for any token that does not pass;
 * ACC_ERR when the JWKS file is unusable (err: why). */
int acc_check_jwt(const char *jwks, const char *issuer, const char *audience, unsigned algs,
                  const cgi_vars *v, char *sub, size_t sublen, char **claims,
                  char *err, size_t errlen);

/* The same with the JWKS of an https:// (or http://) URL, fetched under
 * the responder's fetch policy and limits (net), kept ACC_JWKS_TTL
 * seconds, fetched again sooner (at most every ACC_JWKS_RETRY seconds)
 * for a token whose kid it lacks; a failed fetch keeps the last good
 * copy, and without one the folder fails closed (ACC_ERR). */
#define ACC_JWKS_TTL 300
#define ACC_JWKS_RETRY 30
int acc_check_jwt_url(const char *url, const net_opts *net, const char *issuer,
                      const char *audience, unsigned algs, const cgi_vars *v, char *sub,
                      size_t sublen, char **claims, char *err, size_t errlen);

#endif
