/*
 * KOITO test program (its name starts with "fault": init expects it to
 * fault): takes memory of every kind from ULMM, then faults. As module
 * "fault-page" it writes where nothing is mapped; as "fault-exec" it jumps
 * into its own writable data page, which is never executable (W^X). Init
 * reports the fault, destroys the program and checks that ULMM got every
 * byte back.
 */
#include <a9n/paging.h>

#include "koito_test.h"

static void holds_memory(void)
{
    const struct a9n_app_info *app = a9n_app_info();
    const struct ulmm_client *ulmm = ulmm_self();
    CHECK_EQUAL(ulmm_map(ulmm, 4, app->free_base, A9N_MAP_READ | A9N_MAP_WRITE, 0).status,
                ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_alloc_frames(ulmm, 1, app->first_free_slot).status, ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_NODE, 6, app->first_free_slot + 2).status,
                ULMM_STATUS_OK);
    CHECK_EQUAL(
        ulmm_alloc_object(ulmm, A9N_CAPABILITY_IPC_PORT, 0, app->first_free_slot + 3).status,
        ULMM_STATUS_OK);
    *(volatile a9n_word_t *)app->free_base = 1;
}

static bool named(const struct a9n_app_info *app, const char *name)
{
    unsigned i = 0;
    while (name[i] != '\0' && app->name[i] == name[i])
        i++;
    return name[i] == '\0' && app->name[i] == '\0';
}

int main(void)
{
    koito_test_run("fault_program_holds_memory", holds_memory);
    const struct a9n_app_info *app = a9n_app_info();
    if (named(app, "fault-exec"))
        /* The run ULMM mapped read-write: fetching from it faults whatever it holds. */
        ((void (*)(void))app->free_base)();
    else
        /* Far past everything mapped. */
        *(volatile a9n_word_t *)(app->free_base + ((a9n_word_t)1 << 30)) = 1;
    a9n_debug_puts("fault: no fault\n");
    koito_test_exit();
}
