/* bytecode.c - compiled code kept under --data (see bytecode.h).
 *
 * Keys are SHA-256 hashes (OpenSSL): a key names exactly the bytes a
 * module was compiled from, with the build and runtime that compiled it,
 * so an edited file, another build or a changed front end never loads
 * stale bytecode; there is nothing to invalidate.
 */
#include "store/bytecode.h"
#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Owned by the caller (dir, n bytes). */
int bc_dir(const char *data, char *dir, size_t n)
{
    struct stat st;

    if (data == NULL || data[0] == '\0' ||
        (size_t) snprintf(dir, n, "%s/bytecode", data) >= n)
        return -1;
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return -1;
    /* Bytecode is loaded unchecked: only from a folder of ours. */
    if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
        (st.st_mode & 022) != 0)
        return -1;
    return 0;
}

/* Owned by the caller (the result: free it). */
char *bc_read(const char *path, const char *magic, size_t *len)
{
    size_t ml = strlen(magic);
    int err = 0;
    char *b = file_read(path, len, &err);

    if (b != NULL && (*len <= ml || memcmp(b, magic, ml) != 0)) {
        free(b);
        return NULL;
    }
    return b;
}

/* Borrows everything it is given. */
void bc_write(const char *path, const char *magic, const void *data, size_t len)
{
    char tmp[PATH_MAX + 32];
    size_t ml = strlen(magic);
    int fd, ok;

    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long) getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    ok = write(fd, magic, ml) == (ssize_t) ml && write(fd, data, len) == (ssize_t) len;
    if (close(fd) < 0 || !ok || rename(tmp, path) < 0)
        unlink(tmp);
}

/* Borrows everything; s is the caller's. */
int bc_key(bc_slot *s, const char *dir, const char *build, unsigned long long runtime,
           const char *real, const char *data, size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c != NULL &&
             EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
             EVP_DigestUpdate(c, build, strlen(build) + 1) == 1 &&
             EVP_DigestUpdate(c, &runtime, sizeof runtime) == 1 &&
             EVP_DigestUpdate(c, real, strlen(real) + 1) == 1 &&
             EVP_DigestUpdate(c, data, len) == 1 &&
             EVP_DigestFinal_ex(c, md, &mdlen) == 1;

    EVP_MD_CTX_free(c);
    s->lock = -1;
    if (!ok)
        return -1;
    for (i = 0; i < mdlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return snprintf(s->file, sizeof s->file, "%s/%s.bc", dir, hex) <
           (int) sizeof s->file ? 0 : -1;
}

void bc_lock(bc_slot *s)
{
    char lk[PATH_MAX + 8];

    snprintf(lk, sizeof lk, "%.*s.lock", (int) (strlen(s->file) - 3), s->file);
    s->lock = open(lk, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (s->lock >= 0 && flock(s->lock, LOCK_EX) < 0) {
        close(s->lock);
        s->lock = -1;
    }
}

void bc_unlock(bc_slot *s)
{
    if (s->lock >= 0)
        close(s->lock);     /* releases the flock */
    s->lock = -1;
}
