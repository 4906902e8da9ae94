/* http.c - reason phrases and the JSON error replies (see http.h). */
#include "common/http.h"

#include <stdio.h>
#include <string.h>

const char *http_reason(int status)
{
    static const struct { int code; const char *text; } reasons[] = {
        { 100, "Continue" }, { 101, "Switching Protocols" },
        { 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
        { 203, "Non-Authoritative Information" }, { 204, "No Content" },
        { 205, "Reset Content" }, { 206, "Partial Content" },
        { 300, "Multiple Choices" }, { 301, "Moved Permanently" },
        { 302, "Found" }, { 303, "See Other" }, { 304, "Not Modified" },
        { 307, "Temporary Redirect" }, { 308, "Permanent Redirect" },
        { 400, "Bad Request" }, { 401, "Unauthorized" },
        { 402, "Payment Required" }, { 403, "Forbidden" },
        { 404, "Not Found" }, { 405, "Method Not Allowed" },
        { 406, "Not Acceptable" }, { 408, "Request Timeout" },
        { 409, "Conflict" }, { 410, "Gone" }, { 411, "Length Required" },
        { 412, "Precondition Failed" }, { 413, "Payload Too Large" },
        { 414, "URI Too Long" }, { 415, "Unsupported Media Type" },
        { 416, "Range Not Satisfiable" }, { 417, "Expectation Failed" },
        { 418, "I'm a Teapot" }, { 422, "Unprocessable Entity" },
        { 425, "Too Early" }, { 426, "Upgrade Required" },
        { 428, "Precondition Required" }, { 429, "Too Many Requests" },
        { 431, "Request Header Fields Too Large" },
        { 451, "Unavailable For Legal Reasons" },
        { 500, "Internal Server Error" }, { 501, "Not Implemented" },
        { 502, "Bad Gateway" }, { 503, "Service Unavailable" },
        { 504, "Gateway Timeout" }, { 505, "HTTP Version Not Supported" },
        { 0, NULL }
    };
    int i;

    for (i = 0; reasons[i].text; i++)
        if (reasons[i].code == status)
            return reasons[i].text;
    return "Unknown";
}

/* Appends s to out as JSON string content; returns the new length. */
static size_t http_json_escape(char *out, size_t n, size_t cap, const char *s)
{
    for (; *s && n + 7 < cap; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\') {
            out[n++] = '\\';
            out[n++] = (char) c;
        } else if (c < 0x20) {
            n += (size_t) snprintf(out + n, cap - n, "\\u%04x", c);
        } else {
            out[n++] = (char) c;
        }
    }
    return n;
}

void http_send_error(const http_io *io, int status, const char *message,
                     const char *headers)
{
    char body[1024], head[512];
    size_t n;

    n = http_json_escape(body, (size_t) snprintf(body, sizeof body, "{\"error\":\""),
                         sizeof body - 16, http_reason(status));
    if (message) {
        n += (size_t) snprintf(body + n, sizeof body - n, "\",\"message\":\"");
        n = http_json_escape(body, n, sizeof body - 4, message);
    }
    n += (size_t) snprintf(body + n, sizeof body - n, "\"}");
    snprintf(head, sizeof head,
             "Content-Type: application/json; charset=utf-8\r\n"
             "Cache-Control: no-store\r\n%sContent-Length: %lu\r\n",
             headers ? headers : "", (unsigned long) n);
    if (io->head(io->ud, status, head, strlen(head)) == 0 &&
        io->body(io->ud, body, n) == 0)
        io->flush(io->ud);
}
