/* fcgi-hello.c - the ceiling: the least a libfcgi responder can do per
 * request (accept, answer a fixed body, finish).  Run under spawn-fcgi
 * behind the same nginx as every contender; nothing can go faster through
 * the FastCGI hop. */
#include <fcgiapp.h>

int main(void)
{
    FCGX_Request r;

    FCGX_Init();
    FCGX_InitRequest(&r, 0, 0);
    while (FCGX_Accept_r(&r) >= 0) {
        FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain\r\n"
                  "Content-Length: 12\r\n\r\nHello, world", r.out);
        FCGX_Finish_r(&r);
    }
    return 0;
}
