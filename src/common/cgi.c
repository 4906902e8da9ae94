/* cgi.c - a request's CGI variables, read once (see cgi.h). */
#include "common/cgi.h"

#include <stddef.h>
#include <string.h>

/* The variables cgi_vars names, and where each goes. */
static const struct {
    const char *name;
    size_t len;
    size_t off;
} cgi_fields[] = {
#define CGI_FIELD(n, f) { n, sizeof n - 1, offsetof(cgi_vars, f) }
    CGI_FIELD("REQUEST_METHOD", method),
    CGI_FIELD("REQUEST_URI", uri),
    CGI_FIELD("QUERY_STRING", query),
    CGI_FIELD("SERVER_PROTOCOL", protocol),
    CGI_FIELD("CONTENT_TYPE", content_type),
    CGI_FIELD("CONTENT_LENGTH", content_length),
    CGI_FIELD("REMOTE_ADDR", remote_addr),
    CGI_FIELD("SCRIPT_NAME", script_name),
    CGI_FIELD("PATH_INFO", path_info),
    CGI_FIELD("INVOKE_ROOT", invoke_root),
    CGI_FIELD("INVOKE_BASE", invoke_base),
    CGI_FIELD("INVOKE_KV_SCOPE", invoke_kv_scope),
    CGI_FIELD("HTTP_X_REQUEST_ID", request_id),
    CGI_FIELD("INVOKE_ADMIN", invoke_admin),
#undef CGI_FIELD
    { NULL, 0, 0 }
};

void cgi_parse(cgi_vars *v, char **envp)
{
    char **p;
    int i;

    memset(v, 0, sizeof *v);
    v->envp = envp;
    for (p = envp; p && *p; p++) {
        const char *s = *p;

        /* most variables are HTTP_* headers: the first byte sorts them out */
        for (i = 0; cgi_fields[i].name; i++) {
            size_t n = cgi_fields[i].len;

            if (*s == *cgi_fields[i].name && strncmp(s, cgi_fields[i].name, n) == 0 &&
                s[n] == '=') {
                *(const char **) ((char *) v + cgi_fields[i].off) = s + n + 1;
                break;
            }
        }
    }
}

const char *cgi_get(const cgi_vars *v, const char *name)
{
    size_t n = strlen(name);
    const char *found = NULL;
    char **p;

    for (p = v->envp; p && *p; p++)
        if (**p == *name && strncmp(*p, name, n) == 0 && (*p)[n] == '=')
            found = *p + n + 1;
    return found;
}
