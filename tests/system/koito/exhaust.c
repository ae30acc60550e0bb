/*
 * KOITO test program, run as several instances at once (group "exhaust"):
 * each takes memory until ULMM reports OUT_OF_MEMORY, in large nodes, then
 * in mapped runs of frames; once nobody gets memory any more, each frees
 * all it holds. Init checks that ULMM's free total is back to the start.
 */
#include <a9n/paging.h>
#include <liba9n/kernel_call.h>

#include "koito_test.h"

#define MAX_HELD 200

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;
static a9n_word_t held[MAX_HELD];
static unsigned held_count;

/* Allocate with `allocate` until ULMM runs out (or this program's slots do). */
static enum ulmm_status fill(struct ulmm_result (*allocate)(unsigned index))
{
    while (held_count < MAX_HELD) {
        struct ulmm_result result = allocate(held_count);
        if (result.status != ULMM_STATUS_OK)
            return result.status;
        held[held_count++] = result.handle;
        /* Let the other instances compete for the same memory. */
        a9n_yield();
    }
    return ULMM_STATUS_OK;
}

static struct ulmm_result big_node(unsigned index)
{
    return ulmm_alloc_object(ulmm, A9N_CAPABILITY_NODE, 16, app->first_free_slot + index);
}

static struct ulmm_result frame_run(unsigned index)
{
    a9n_word_t run = (a9n_word_t)1 << (4 + app->page_bits);
    return ulmm_map(ulmm, 4, app->free_base + index * run, A9N_MAP_READ | A9N_MAP_WRITE, 0);
}

/*
 * Wait until ULMM's free total has not moved for a while: every instance
 * has run out too (each successful allocation takes from the total), so
 * freeing now cannot hand memory to one still filling.
 */
static void wait_until_all_ran_out(void)
{
    uint64_t last = koito_test_free_bytes();
    for (unsigned stable = 0; stable < 32;) {
        a9n_yield();
        uint64_t now = koito_test_free_bytes();
        stable = now == last ? stable + 1 : 0;
        last = now;
    }
}

static void runs_out_of_memory(void)
{
    CHECK_EQUAL(fill(big_node), ULMM_STATUS_OUT_OF_MEMORY);
    CHECK_EQUAL(fill(frame_run), ULMM_STATUS_OUT_OF_MEMORY);
    wait_until_all_ran_out();
}

static void frees_everything(void)
{
    while (held_count > 0)
        CHECK_EQUAL(ulmm_free(ulmm, held[--held_count]), ULMM_STATUS_OK);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    koito_test_run("ulmm_exhaust_runs_out_of_memory", runs_out_of_memory);
    koito_test_run("ulmm_exhaust_frees_everything", frees_everything);
    koito_test_exit();
}
