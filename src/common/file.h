/* file.h - a whole regular file into memory. */
#ifndef INVOKE_FILE_H
#define INVOKE_FILE_H

#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

/* Reads the regular file at path into a malloc'd buffer (the caller frees
 * it) with a NUL after its *len bytes.  NULL with *err set (an errno value;
 * EISDIR for a folder, EIO for anything else that is not a regular file,
 * EFBIG when out of memory). */
char *file_read(const char *path, size_t *len, int *err);

/* What stat() says of a file that a cache was read from: the cache is
 * good while all four are the same (a file replaced by rename, even with
 * the same size and time, has another inode). */
typedef struct file_stamp {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} file_stamp;

/* Sets *fs (the caller's) from *st. */
void file_stamp_set(file_stamp *fs, const struct stat *st);

/* 1 when *st describes the file *fs was taken from, unchanged; else 0. */
int file_stamp_same(const file_stamp *fs, const struct stat *st);

#endif
