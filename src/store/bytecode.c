/* bytecode.c - compiled code kept under --data (see bytecode.h).
 *
 * Keys are SHA-256 hashes (OpenSSL): a key names exactly the bytes a
 * module was compiled from, with the build and runtime that compiled it,
 * so an edited file, another build or a changed front end never loads
 * stale bytecode; there is nothing to invalidate.
 */
#include "store/bytecode.h"
#include "common/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
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
char *bc_read(const char *path, const char *magic, size_t *len, size_t *off)
{
    size_t ml = strlen(magic);
    int err = 0;
    char *b = file_read(path, len, &err), *nul;

    if (b == NULL)
        return NULL;
    /* file_read puts a NUL after the bytes: the origin's always ends */
    nul = *len > ml ? memchr(b + ml, '\0', *len - ml) : NULL;
    if (nul == NULL || memcmp(b, magic, ml) != 0 || (size_t) (nul + 1 - b) >= *len) {
        free(b);
        return NULL;
    }
    *off = (size_t) (nul + 1 - b);
    return b;
}

/* Borrows everything it is given. */
void bc_write(const char *path, const char *magic, const char *origin,
              const void *data, size_t len)
{
    char tmp[PATH_MAX + 32];
    size_t ml = strlen(magic), ol = strlen(origin) + 1;
    int fd, ok;

    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long) getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    ok = write(fd, magic, ml) == (ssize_t) ml && write(fd, origin, ol) == (ssize_t) ol &&
         write(fd, data, len) == (ssize_t) len;
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

/* --- pruning --- */

/* A cache file's origin into out (PATH_MAX): the bytes after the magic's
 * newline up to the NUL.  0, or -1 when the file is not one of ours. */
static int bc_origin(int dirfd, const char *name, char *out)
{
    char head[PATH_MAX + 64], *nl, *nul;
    ssize_t n;
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    if (fd < 0)
        return -1;
    n = read(fd, head, sizeof head);
    close(fd);
    if (n < 8 || memcmp(head, "invoke-", 7) != 0 ||
        (nl = memchr(head, '\n', (size_t) n)) == NULL ||
        (nul = memchr(nl + 1, '\0', (size_t) (head + n - (nl + 1)))) == NULL ||
        nul - (nl + 1) >= PATH_MAX)
        return -1;
    memcpy(out, nl + 1, (size_t) (nul - (nl + 1)) + 1);
    return 0;
}

/* Whether the file an origin names is gone for good (not merely
 * unreadable to us at this moment). */
static int bc_origin_gone(const char *origin)
{
    struct stat st;

    return origin[0] == '/' && stat(origin, &st) < 0 && (errno == ENOENT || errno == ENOTDIR);
}

typedef struct {
    char name[80];
    unsigned long long size;
    time_t used;
} bc_entry;

static int bc_by_use(const void *a, const void *b)
{
    const bc_entry *x = a, *y = b;

    return x->used < y->used ? -1 : x->used > y->used;
}

static int bc_ends(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);

    return n > e && strcmp(name + n - e, ext) == 0;
}

/* Owned by the caller (out). */
int bc_prune(const char *dir, unsigned long long max, bc_pruned *out)
{
    bc_pruned r = { 0, 0, 0, 0 };
    bc_entry *list = NULL, *grown;
    size_t n = 0, cap = 0, i;
    char origin[PATH_MAX];
    struct dirent *d;
    struct stat st;
    time_t now = time(NULL);
    DIR *dh = opendir(dir);
    int fd;

    if (out != NULL)
        *out = r;
    if (dh == NULL)
        return -1;
    fd = dirfd(dh);
    while ((d = readdir(dh)) != NULL) {
        if (d->d_name[0] == '.' || fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (bc_ends(d->d_name, ".tmp") || bc_ends(d->d_name, ".lock")) {
            /* a writer or a compiler an hour old died long ago; a lock
             * file is only an open() away from being made again */
            if (now - st.st_mtime > 3600 && unlinkat(fd, d->d_name, 0) == 0)
                r.litter++;
            continue;
        }
        if (!bc_ends(d->d_name, ".bc") || strlen(d->d_name) >= sizeof list->name ||
            bc_origin(fd, d->d_name, origin) < 0)
            continue;
        if (bc_origin_gone(origin)) {
            if (unlinkat(fd, d->d_name, 0) == 0)
                r.gone++;
            continue;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            grown = realloc(list, cap * sizeof *list);
            if (grown == NULL)
                break;      /* out of memory: prune what was seen */
            list = grown;
        }
        memcpy(list[n].name, d->d_name, strlen(d->d_name) + 1);
        list[n].size = (unsigned long long) st.st_size;
        /* atime: read (relatime: at least daily) or written, whichever last */
        list[n].used = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
        r.bytes += list[n].size;
        n++;
    }
    closedir(dh);
    if (max > 0 && r.bytes > max && n > 0) {
        qsort(list, n, sizeof *list, bc_by_use);
        for (i = 0; i < n && r.bytes > max; i++) {
            char path[PATH_MAX + 100];

            snprintf(path, sizeof path, "%s/%s", dir, list[i].name);
            if (unlink(path) == 0) {
                r.bytes -= list[i].size;
                r.over++;
            }
        }
    }
    free(list);
    if (out != NULL)
        *out = r;
    return 0;
}
