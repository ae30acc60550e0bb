/*
 * The start-up page of a program the POSIX server starts (docs/posix.md,
 * "Program start-up"): argc, the argv and envp pointer arrays (each ending
 * in NULL), the auxiliary vector, then the strings. Pure code, built in
 * the server's window and host-tested.
 */
#ifndef KOITO_POSIX_START_PAGE_H
#define KOITO_POSIX_START_PAGE_H

#include <a9n/types.h>
#include <stddef.h>

/*
 * The bytes `count` NUL-terminated strings take at the start of `block`
 * (block_size bytes: a message's words, so up to a word of zero padding
 * may follow the last string). -1 when they run past the block, or more
 * than that padding follows, or the padding is not zero.
 */
long posix_strings_size(const char *block, size_t block_size, unsigned count);

/*
 * Lay out the page (page_size bytes at `page`, which the program sees at
 * `page_address`) from `strings` (size bytes, as posix_strings_size
 * measured them): argc argument strings, then envc environment strings. Returns 0, or
 * -KOITO_E2BIG when it does not fit (the page is then unspecified).
 */
int posix_start_page_build(void *page, size_t page_size, a9n_word_t page_address,
                           const char *strings, size_t size, unsigned argc, unsigned envc,
                           a9n_word_t app_info_address);

#endif
