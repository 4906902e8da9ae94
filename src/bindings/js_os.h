/* js_os.h - the machine as Node's os and tty modules describe it
 * (js_os.c). */
#ifndef INVOKE_JS_OS_H
#define INVOKE_JS_OS_H

#include "bindings/js_host.h"

/* [ ... sys ] -> [ ... sys ]: adds osUname, osMemory, osUptime, osLoadavg,
 * osParallelism, osCpus, osUser, osHomedir, osPriority, osInterfaces and
 * isatty, and osConstants ({ signals, errno } from the system's headers),
 * to the object on top of the stack.  Nothing they do changes the
 * machine; `host` is not used beyond the common function table. */
void js_os_init(duk_context *ctx, js_host *host);

#endif
