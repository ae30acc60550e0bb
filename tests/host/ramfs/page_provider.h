/* A page provider for ramfs host tests: malloc'd pages, a settable limit,
 * and checks that the ramfs frees only pages it was given, once. */
#ifndef TEST_RAMFS_PAGE_PROVIDER_H
#define TEST_RAMFS_PAGE_PROVIDER_H

#include "koito/ramfs/ramfs.h"

#define TEST_PAGES_UNLIMITED 0xffffffffu

extern const struct ramfs_page_provider test_page_provider;

/* Forget earlier pages (the test's file system is re-initialised) and let
 * at most `limit` be outstanding at once. */
void test_pages_reset(unsigned limit);
void test_pages_set_limit(unsigned limit);
unsigned test_pages_outstanding(void);

#endif
