/* The ramfs tests' page provider (page_provider.h). Fresh pages are filled
 * with 0xa5, so a ramfs that forgot to zero one shows garbage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "page_provider.h"

#define MAX_LIVE 8192

static void *live[MAX_LIVE];
static unsigned live_count;
static unsigned page_limit;

static void *alloc_page(void *context)
{
    assert_ptr_equal(context, &live);
    if (live_count >= page_limit || live_count == MAX_LIVE)
        return NULL;
    void *page = malloc(RAMFS_PAGE_SIZE);
    assert_non_null(page);
    memset(page, 0xa5, RAMFS_PAGE_SIZE);
    live[live_count++] = page;
    return page;
}

static void free_page(void *context, void *page)
{
    assert_ptr_equal(context, &live);
    for (unsigned i = 0; i < live_count; i++) {
        if (live[i] == page) {
            live[i] = live[--live_count];
            free(page);
            return;
        }
    }
    fail_msg("ramfs freed a page it does not own: %p", page);
}

const struct ramfs_page_provider test_page_provider = { alloc_page, free_page, &live };

void test_pages_reset(unsigned limit)
{
    for (unsigned i = 0; i < live_count; i++)
        free(live[i]);
    live_count = 0;
    page_limit = limit;
}

void test_pages_set_limit(unsigned limit)
{
    page_limit = limit;
}

unsigned test_pages_outstanding(void)
{
    return live_count;
}
