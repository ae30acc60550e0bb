/*
 * KOITO test program: frames from ULMM, mapped by ULMM or transferred in a Node,
 * written and read back; bad requests refused without changing anything.
 */
#include <a9n/ipc.h>
#include <a9n/paging.h>
#include <liba9n/ipc.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>

#include "koito_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;

static a9n_word_t page_size(void)
{
    return (a9n_word_t)1 << app->page_bits;
}

static void map_write_read_free(void)
{
    uint64_t before = koito_test_free_bytes();
    struct ulmm_result run = ulmm_map(ulmm, 3, app->free_base, RW, 0);
    CHECK_EQUAL(run.status, ULMM_STATUS_OK);
    CHECK(koito_test_free_bytes() < before);

    volatile a9n_word_t *words = (volatile a9n_word_t *)app->free_base;
    a9n_word_t count = 8 * page_size() / sizeof(a9n_word_t);
    for (a9n_word_t i = 0; i < count; i++)
        CHECK_EQUAL(words[i], 0); /* fresh memory is zeroed */
    for (a9n_word_t i = 0; i < count; i++)
        words[i] = i * 2654435761u;
    for (a9n_word_t i = 0; i < count; i++)
        CHECK_EQUAL(words[i], i * 2654435761u);

    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_OK);
    /* The page tables ULMM built stay the program's until it exits. */
    CHECK(koito_test_free_bytes() <= before);
    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_NOT_OWNED); /* double free */
}

static void remap_after_free(void)
{
    struct ulmm_result first = ulmm_map(ulmm, 0, app->free_base, RW, 0);
    CHECK_EQUAL(first.status, ULMM_STATUS_OK);
    *(volatile a9n_word_t *)app->free_base = 42;
    CHECK_EQUAL(ulmm_free(ulmm, first.handle), ULMM_STATUS_OK);
    struct ulmm_result second = ulmm_map(ulmm, 0, app->free_base, RW, 0);
    CHECK_EQUAL(second.status, ULMM_STATUS_OK);
    CHECK_EQUAL(*(volatile a9n_word_t *)app->free_base, 0);
    CHECK_EQUAL(ulmm_free(ulmm, second.handle), ULMM_STATUS_OK);
}

/*
 * `count` frames arrive as one Node, however many there are: map each
 * where ULMM built tables before (one lowest-level table's span, aligned,
 * holds them all), write and read it; freeing destroys the program's
 * copies too.
 */
static void frames_arrive_in_a_node(a9n_word_t count)
{
    a9n_word_t slot = app->first_free_slot;
    a9n_word_t span = (a9n_word_t)1 << (2 * app->page_bits - 3);
    a9n_word_t base = (app->free_base + 2 * span - 1) & ~(span - 1);
    struct ulmm_result neighbour = ulmm_map(ulmm, 0, base, RW, 0);
    CHECK_EQUAL(neighbour.status, ULMM_STATUS_OK);
    struct ulmm_result frames = ulmm_alloc_frames(ulmm, count, slot);
    CHECK_EQUAL(frames.status, ULMM_STATUS_OK);

    a9n_word_t as = a9n_app_slot(app, A9N_APP_SLOT_ADDRESS_SPACE);
    for (a9n_word_t i = 0; i < count; i++) {
        a9n_word_t frame = ulmm_frame_descriptor(app->root_radix, slot, count, i);
        a9n_word_t address = base + (i + 1) * page_size();
        CHECK_EQUAL(a9n_frame_map(frame, as, address, RW), A9N_ERROR_NONE);
        CHECK_EQUAL(*(volatile a9n_word_t *)address, 0);
        *(volatile a9n_word_t *)address = i + 7;
        CHECK_EQUAL(*(volatile a9n_word_t *)address, i + 7);
    }
    /* The Node has no slot past the run's last frame filled. */
    a9n_word_t past = ulmm_frame_descriptor(app->root_radix, slot, count, count);
    if (count < ((a9n_word_t)1 << ulmm_run_radix(count)))
        CHECK(a9n_frame_map(past, as, base + (count + 1) * page_size(), RW) != A9N_ERROR_NONE);

    CHECK_EQUAL(ulmm_free(ulmm, frames.handle), ULMM_STATUS_OK);
    for (a9n_word_t i = 0; i < count; i++)
        CHECK(a9n_frame_unmap(ulmm_frame_descriptor(app->root_radix, slot, count, i)) !=
              A9N_ERROR_NONE);
    CHECK_EQUAL(ulmm_free(ulmm, neighbour.handle), ULMM_STATUS_OK);
}

static void one_frame_in_a_node(void)
{
    frames_arrive_in_a_node(1);
}

static void four_frames_in_a_node(void)
{
    frames_arrive_in_a_node(4);
}

static void five_frames_in_a_node(void)
{
    frames_arrive_in_a_node(5);
}

static void sixty_four_frames_in_a_node(void)
{
    frames_arrive_in_a_node(64);
}

static void bad_requests_change_nothing(void)
{
    a9n_word_t base = app->free_base + 64 * page_size();
    struct ulmm_result held = ulmm_map(ulmm, 1, base, RW, 0);
    CHECK_EQUAL(held.status, ULMM_STATUS_OK);
    uint64_t before = koito_test_free_bytes();

    CHECK_EQUAL(ulmm_map(ulmm, 0, base + 1, RW, 0).status, ULMM_STATUS_INVALID_ADDRESS);
    CHECK_EQUAL(ulmm_map(ulmm, 0, app->user_top, RW, 0).status, ULMM_STATUS_INVALID_ADDRESS);
    CHECK_EQUAL(ulmm_map(ulmm, 2, base - page_size(), RW, 0).status,
                ULMM_STATUS_ALREADY_MAPPED);
    CHECK_EQUAL(ulmm_map(ulmm, ULMM_MAX_FRAME_ORDER + 1, base, RW, 0).status,
                ULMM_STATUS_TOO_LARGE);
    CHECK_EQUAL(ulmm_alloc_frames(ulmm, ULMM_MAX_RUN_FRAMES + 1, app->first_free_slot).status,
                ULMM_STATUS_TOO_LARGE);
    CHECK_EQUAL(ulmm_alloc_frames(ulmm, 0, app->first_free_slot).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_map(ulmm, 0, base + 8 * page_size(), A9N_MAP_WRITE | A9N_MAP_EXECUTE |
                                                              A9N_MAP_READ, 0).status,
                ULMM_STATUS_INVALID_ARGUMENT);
    CHECK_EQUAL(ulmm_free(ulmm, 0), ULMM_STATUS_NOT_OWNED);
    CHECK_EQUAL(ulmm_free(ulmm, (a9n_word_t)-1), ULMM_STATUS_NOT_OWNED);
    CHECK_EQUAL(koito_test_free_bytes(), before);

    /* The mapping that was there is untouched. */
    *(volatile a9n_word_t *)base = 5;
    CHECK_EQUAL(*(volatile a9n_word_t *)base, 5);
    CHECK_EQUAL(ulmm_free(ulmm, held.handle), ULMM_STATUS_OK);
}

/* Raw calls: a label ULMM does not know, init's requests, an owner field. */
static void protocol_errors(void)
{
    a9n_word_t port = a9n_app_slot(app, A9N_APP_SLOT_ULMM_PORT);
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    uint64_t before = koito_test_free_bytes();

    mr[A9N_MR_INFO] = a9n_message_info(999, 1, 0);
    CHECK_EQUAL(a9n_ipc_call(port, mr), A9N_ERROR_NONE);
    CHECK_EQUAL(mr[ULMM_MR_STATUS], ULMM_STATUS_UNKNOWN_REQUEST);

    a9n_word_t management[] = { ULMM_REQUEST_REGISTER_CLIENT, ULMM_REQUEST_CLIENT_EXITED,
                                ULMM_REQUEST_ADD_MEMORY };
    for (unsigned i = 0; i < 3; i++) {
        for (unsigned j = 0; j < A9N_ARCH_REGISTER_MRS; j++)
            mr[j] = 0;
        mr[A9N_MR_INFO] = a9n_message_info(management[i], 4, 0);
        mr[ULMM_MR_ARG0] = app->pid;
        mr[ULMM_MR_ARG3] = 12;
        CHECK_EQUAL(a9n_ipc_call(port, mr), A9N_ERROR_NONE);
        CHECK_EQUAL(mr[ULMM_MR_STATUS], ULMM_STATUS_NOT_PERMITTED);
    }

    for (unsigned j = 0; j < A9N_ARCH_REGISTER_MRS; j++)
        mr[j] = 0;
    mr[A9N_MR_INFO] = a9n_message_info(ULMM_REQUEST_ALLOC_OBJECT, 3, 0);
    mr[ULMM_MR_ARG0] = A9N_CAPABILITY_IPC_PORT;
    mr[ULMM_MR_OWNER] = app->pid + 1; /* asking on someone else's account */
    CHECK_EQUAL(a9n_ipc_call(port, mr), A9N_ERROR_NONE);
    CHECK_EQUAL(mr[ULMM_MR_STATUS], ULMM_STATUS_NOT_PERMITTED);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    koito_test_run("ulmm_map_write_read_free", map_write_read_free);
    koito_test_run("ulmm_remap_after_free_is_zeroed", remap_after_free);
    koito_test_run("ulmm_alloc_frames_1_in_a_node", one_frame_in_a_node);
    koito_test_run("ulmm_alloc_frames_4_in_a_node", four_frames_in_a_node);
    koito_test_run("ulmm_alloc_frames_5_in_a_node", five_frames_in_a_node);
    koito_test_run("ulmm_alloc_frames_64_in_a_node", sixty_four_frames_in_a_node);
    koito_test_run("ulmm_bad_requests_change_nothing", bad_requests_change_nothing);
    koito_test_run("ulmm_protocol_errors", protocol_errors);
    koito_test_exit();
}
