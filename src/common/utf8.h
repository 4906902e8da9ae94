/* utf8.h - UTF-8 as it crosses between the outside world and Duktape.
 *
 * Duktape keeps strings in an extended UTF-8 in which a character beyond
 * U+FFFF that a script built from two surrogates ("\ud83d\ude00") is two
 * 3-byte sequences (CESU-8), while text that arrived as UTF-8 stays UTF-8.
 * What leaves (responses, log lines, `invoke kv` output) must be UTF-8;
 * what enters (CGI variables, bodies) may be any bytes.
 */
#ifndef INVOKE_UTF8_H
#define INVOKE_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4, at most `left` bytes
 * looked at), 0 when it is not one (overlong forms, surrogates and code
 * points past U+10FFFF included). */
size_t utf8_seq(const unsigned char *s, size_t left);

/* Copies src to dst (at least len bytes: the result is never longer) with
 * each CESU-8 surrogate pair turned into the 4-byte UTF-8 form of its
 * character and each lone surrogate into U+FFFD.  dst may be src.
 * Returns the new length. */
size_t utf8_from_cesu(const unsigned char *src, size_t len, unsigned char *dst);

#endif
