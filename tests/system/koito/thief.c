/*
 * KOITO test program (group "owner", with holder.c): frees every handle
 * ULMM could have given out, none of them its own. Each must be refused
 * with NOT_OWNED and change nothing.
 */
#include "koito_test.h"

static void freeing_what_is_not_owned_fails(void)
{
    const struct ulmm_client *ulmm = ulmm_self();
    uint64_t before = koito_test_free_bytes();
    for (a9n_word_t handle = 0; handle <= ((a9n_word_t)1 << ULMM_ROOT_RADIX); handle++)
        CHECK_EQUAL(ulmm_free(ulmm, handle), ULMM_STATUS_NOT_OWNED);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

int main(void)
{
    koito_test_run("ulmm_free_of_other_clients_handles_refused", freeing_what_is_not_owned_fails);
    koito_test_exit();
}
