/* cgi.h - a request's CGI variables, read once.
 *
 * The web server hands every request over as CGI/1.1 variables
 * ("NAME=value" strings: nginx's fastcgi_params, Apache's, or a CGI
 * process's environment).  The request layer parses them once per request
 * into a cgi_vars that the worker, the router's caller, the rate limiter,
 * the engine and `req` all read, so every one of them sees the same value.
 * One rule for a name that comes twice: the last one counts, as in PHP-FPM
 * (an administrator's own fastcgi_param after `include fastcgi_params`
 * overrides the included one).  Plain C; nothing is copied.
 */
#ifndef INVOKE_CGI_H
#define INVOKE_CGI_H

typedef struct cgi_vars {
    char **envp;                /* every variable, NULL-terminated (borrowed) */
    const char *method;         /* REQUEST_METHOD */
    const char *uri;            /* REQUEST_URI, still percent-encoded */
    const char *query;          /* QUERY_STRING */
    const char *protocol;       /* SERVER_PROTOCOL */
    const char *content_type;   /* CONTENT_TYPE */
    const char *content_length; /* CONTENT_LENGTH */
    const char *remote_addr;    /* REMOTE_ADDR */
    const char *script_name;    /* SCRIPT_NAME */
    const char *path_info;      /* PATH_INFO */
    const char *invoke_root;    /* INVOKE_ROOT: this site's functions root */
    const char *invoke_base;    /* INVOKE_BASE: the folder mapped onto it */
    const char *invoke_kv_scope; /* INVOKE_KV_SCOPE: this site's store scope */
    const char *request_id;     /* HTTP_X_REQUEST_ID */
    const char *invoke_admin;   /* INVOKE_ADMIN: this site's admin panel path */
} cgi_vars;

/* Fills v from envp in one walk; a name absent is NULL.  The strings stay
 * envp's: v is valid as long as envp is. */
void cgi_parse(cgi_vars *v, char **envp);

/* Any variable by name, by the same rule (the last one), or NULL. */
const char *cgi_get(const cgi_vars *v, const char *name);

#endif
