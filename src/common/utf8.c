/* utf8.c - UTF-8 checks and CESU-8 conversion (see utf8.h). */
#include "common/utf8.h"

size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    size_t n, i;
    unsigned lo = 0x80, hi = 0xbf;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else
        return 0;
    if (left < n || s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return n;
}

/* A CESU-8 high (D800-DBFF) or low (DC00-DFFF) surrogate at p. */
static int utf8_is_high(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xAF;
}

static int utf8_is_low(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xED && p[1] >= 0xB0 && p[1] <= 0xBF;
}

size_t utf8_from_cesu(const unsigned char *src, size_t len, unsigned char *dst)
{
    size_t i = 0, o = 0;

    while (i < len) {
        if (utf8_is_high(src + i, len - i) && utf8_is_low(src + i + 3, len - i - 3)) {
            unsigned hi = ((src[i + 1] & 0x0Fu) << 6) | (src[i + 2] & 0x3Fu);
            unsigned lo = ((src[i + 4] & 0x0Fu) << 6) | (src[i + 5] & 0x3Fu);
            unsigned cp = 0x10000 + (hi << 10) + lo;
            dst[o++] = (unsigned char) (0xF0 | (cp >> 18));
            dst[o++] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
            dst[o++] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
            dst[o++] = (unsigned char) (0x80 | (cp & 0x3F));
            i += 6;
        } else if (utf8_is_high(src + i, len - i) || utf8_is_low(src + i, len - i)) {
            dst[o++] = 0xEF; dst[o++] = 0xBF; dst[o++] = 0xBD;
            i += 3;
        } else {
            dst[o++] = src[i++];
        }
    }
    return o;
}
