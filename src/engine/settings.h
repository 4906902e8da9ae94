/* settings.h - per-folder settings (_settings.json), applied before any
 * JavaScript runs.
 *
 * Any folder of a functions root may hold _settings.json (a private name:
 * never served).  It applies to the function files in that folder and
 * below; a deeper file's keys override a shallower one's (env merges per
 * variable).  A file that does not parse, names an unknown key or gives a
 * key a value of the wrong kind makes every function below it answer 500
 * (failed, with the file and line in why): settings that may guard
 * something are never ignored.  Files are read again when they change
 * (one stat() per folder on the way per request).  This module knows
 * files and JSON only; the engine applies what it returns.
 */
#ifndef INVOKE_SETTINGS_H
#define INVOKE_SETTINGS_H

#include <limits.h>
#include <stddef.h>

#define SET_MAX_ENV 64

/* A parsed JSON value (the settings' own parser, which knows lines). */
enum { SJ_NULL, SJ_BOOL, SJ_NUM, SJ_STR, SJ_ARR, SJ_OBJ };

typedef struct set_json {
    int type, line, b;
    double num;
    char *str;                  /* SJ_STR (NUL-terminated, UTF-8) */
    int n;                      /* SJ_ARR, SJ_OBJ */
    char **keys;                /* SJ_OBJ */
    int *keylines;              /* SJ_OBJ: the line of each key */
    struct set_json *items;
} set_json;

/* Parses text into *out (freed with set_json_free): 0, or -1 with
 * "LINE: why" in why. */
int set_json_parse(const char *text, size_t len, set_json *out, char *why, size_t whylen);
void set_json_free(set_json *v);
/* The member key of object obj, or NULL. */
const set_json *set_json_get(const set_json *obj, const char *key);

/* methods: one bit per method name */
enum {
    SET_GET = 1, SET_HEAD = 2, SET_POST = 4, SET_PUT = 8, SET_PATCH = 16,
    SET_DELETE = 32, SET_OPTIONS = 64
};

#define SET_MAX_LIST 32

/* cors: who may call from a page of another origin */
typedef struct set_cors {
    int any;                    /* "*" among the origins */
    int norigin;
    char *origin[SET_MAX_LIST]; /* "https://app.example.com" */
    unsigned methods;           /* SET_* bits; GET, HEAD, POST when none given */
    int nheader;
    char *header[SET_MAX_LIST]; /* request headers a page may send */
    int nexpose;
    char *expose[SET_MAX_LIST]; /* response headers a page may read */
    int credentials;            /* cookies and Authorization may come along */
    long max_age;               /* seconds a preflight holds; -1: unsaid */
} set_cors;

/* JWT algorithms a folder may accept (access.c checks them) */
enum { SET_RS256 = 1, SET_ES256 = 2, SET_EDDSA = 4, SET_HS256 = 8 };

/* The SET_* bit of a JWT "alg" name, 0 for one not supported (never
 * "none"). */
unsigned set_jwt_alg(const char *name);

/* access: who may call */
enum { SET_ACCESS_OPEN = 0, SET_ACCESS_PUBLIC, SET_ACCESS_KEYS, SET_ACCESS_BASIC, SET_ACCESS_JWT };

typedef struct settings {
    int failed;                 /* a settings file on the way is broken */
    char why[PATH_MAX + 512];   /* "FILE:LINE: reason" when failed */
    double timeout;             /* seconds; 0: the responder's own */
    size_t memory_limit;        /* bytes; 0: the responder's own */
    long max_body;              /* bytes; -1: the responder's own */
    unsigned methods;           /* SET_* bits allowed; 0: every method */
    const set_cors *cors;       /* NULL: no cors key applies */
    int access;                 /* SET_ACCESS_*: OPEN when no file says */
    size_t access_dir;          /* the folder whose file set access: the
                                   first access_dir bytes of rel ("" root) */
    const char *basic_file;     /* BASIC: the password file, relative to
                                   that folder */
    const char *jwt_jwks;       /* JWT: the JWKS file, likewise, or NULL */
    const char *jwt_jwks_url;   /* JWT: the JWKS URL, or NULL */
    const char *jwt_issuer;     /* NULL: any */
    const char *jwt_audience;   /* NULL: any */
    unsigned jwt_algs;          /* SET_RS256... bits */
    int nenv;                   /* env: merged, deeper wins */
    const char *env_name[SET_MAX_ENV];
    const char *env_value[SET_MAX_ENV];
} settings;

/* The settings for function file rel (relative to root, a real path):
 * _settings.json of root, then of each folder down to rel's own.  The
 * strings in *out stay valid until the next call.  Never fails: a broken
 * file is out->failed. */
void set_resolve(const char *root, const char *rel, settings *out);

enum { SET_CORS_SIMPLE, SET_CORS_PREFLIGHT_OK, SET_CORS_PREFLIGHT_REFUSED };

/* The CORS response headers ("Name: value\r\n" lines) into out for a
 * request from origin (NULL: a request without Origin).  With
 * req_method (Access-Control-Request-Method) it is a preflight: the
 * answer is whether origin, method and req_headers are all allowed.
 * Vary: Origin is always there (the answer differs by origin); the
 * Access-Control-Allow-* headers only for an allowed origin. */
int set_cors_headers(const set_cors *c, const char *origin, const char *req_method,
                     const char *req_headers, char *out, size_t len);

/* The SET_* bit of an HTTP method, 0 for one without a bit. */
unsigned set_method_bit(const char *method);

/* "GET, HEAD, POST": the Allow header's value for bits into buf. */
void set_allow(unsigned bits, char *buf, size_t len);

#endif
