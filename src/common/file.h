/* file.h - a whole regular file into memory. */
#ifndef INVOKE_FILE_H
#define INVOKE_FILE_H

#include <stddef.h>

/* Reads the regular file at path into a malloc'd buffer (the caller frees
 * it) with a NUL after its *len bytes.  NULL with *err set (an errno value;
 * EISDIR for a folder, EIO for anything else that is not a regular file,
 * EFBIG when out of memory). */
char *file_read(const char *path, size_t *len, int *err);

#endif
