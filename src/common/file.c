/* file.c - a whole regular file into memory (see file.h). */
#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *file_read(const char *path, size_t *len, int *err)
{
    struct stat st;
    char *buf;
    size_t got = 0;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        *err = S_ISDIR(st.st_mode) ? EISDIR : EIO;
        close(fd);
        return NULL;
    }
    buf = malloc((size_t) st.st_size + 1);
    if (buf == NULL) {
        *err = EFBIG;
        close(fd);
        return NULL;
    }
    while (got < (size_t) st.st_size &&
           (n = read(fd, buf + got, (size_t) st.st_size - got)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *err = errno;
            free(buf);
            close(fd);
            return NULL;
        }
        got += (size_t) n;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

void file_stamp_set(file_stamp *fs, const struct stat *st)
{
    fs->dev = st->st_dev;
    fs->ino = st->st_ino;
    fs->size = st->st_size;
    fs->mtime = st->st_mtim;
}

int file_stamp_same(const file_stamp *fs, const struct stat *st)
{
    return fs->dev == st->st_dev && fs->ino == st->st_ino && fs->size == st->st_size &&
           fs->mtime.tv_sec == st->st_mtim.tv_sec && fs->mtime.tv_nsec == st->st_mtim.tv_nsec;
}
