/*
 * KOITO test program (group "owner", with thief.c): holds a mapped page
 * while the thief tries to free every handle there is, then finds its page
 * intact and frees it itself.
 */
#include <a9n/paging.h>
#include <liba9n/kernel_call.h>

#include "koito_test.h"

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;
static struct ulmm_result page;

static void allocation_survives_others(void)
{
    page = ulmm_map(ulmm, 0, app->free_base, A9N_MAP_READ | A9N_MAP_WRITE, 0);
    CHECK_EQUAL(page.status, ULMM_STATUS_OK);
    *(volatile a9n_word_t *)app->free_base = 0x600d;
    /* Both programs were registered before either ran: wait until the thief is gone. */
    while (ulmm_statistics(ulmm).clients > 1)
        a9n_yield();
    CHECK_EQUAL(*(volatile a9n_word_t *)app->free_base, 0x600d);
    CHECK_EQUAL(ulmm_free(ulmm, page.handle), ULMM_STATUS_OK);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    koito_test_run("ulmm_allocation_survives_other_clients_frees", allocation_survives_others);
    koito_test_exit();
}
