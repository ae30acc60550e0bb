/*
 * KOITO test program, run as two instances of group "quota" (init gives
 * modules named "quota..." a quota of KOITO_TEST_QUOTA, 1 MiB): the
 * hostile one sends ULMM garbage, frees twice, asks for absurd sizes and
 * takes memory until its quota is full, then holds it; the neighbour,
 * meanwhile, allocates and frees as usual. ULMM must refuse each hostile
 * request with an error and keep serving both.
 */
#include <a9n/ipc.h>
#include <a9n/paging.h>
#include <liba9n/ipc.h>
#include <liba9n/kernel_call.h>
#include <liba9n/memory.h>
#include <liba9n/node.h>
#include <koito/spawn.h>

#include "koito_test.h"

#define RW (A9N_MAP_READ | A9N_MAP_WRITE)
#define MAX_HELD 64
/* Yields to wait for the other instance before giving up (a hang would be worse). */
#define PATIENCE 200000

static const struct a9n_app_info *app;
static const struct ulmm_client *ulmm;

static a9n_word_t page_size(void)
{
    return (a9n_word_t)1 << app->page_bits;
}

static struct ulmm_statistics statistics(void)
{
    return ulmm_statistics(ulmm);
}

/* A raw request: `length` payload words from `words`, `capabilities` transferred. */
static a9n_word_t raw_request(a9n_word_t label, unsigned length, const a9n_word_t *words,
                              unsigned capabilities)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    for (unsigned i = 0; i < length && A9N_MR_PAYLOAD + i < A9N_ARCH_REGISTER_MRS; i++)
        mr[A9N_MR_PAYLOAD + i] = words[i];
    mr[A9N_MR_INFO] = a9n_message_info(label, length, capabilities);
    if (a9n_ipc_call(a9n_app_slot(app, A9N_APP_SLOT_ULMM_PORT), mr) != A9N_ERROR_NONE)
        return ULMM_STATUS_IPC_FAILED;
    return mr[ULMM_MR_STATUS];
}

static void garbage_requests_are_refused(void)
{
    uint64_t before = koito_test_free_bytes();
    a9n_word_t words[5] = { 0 };

    a9n_word_t labels[] = { 0, ULMM_REQUEST_ADD_MEMORY + 1, 0xffff, (a9n_word_t)1 << 40 };
    for (unsigned i = 0; i < sizeof labels / sizeof labels[0]; i++)
        CHECK_EQUAL(raw_request(labels[i], 5, words, 0), ULMM_STATUS_UNKNOWN_REQUEST);
    /* Too short: ULMM would read registers the message never set. */
    for (a9n_word_t label = ULMM_REQUEST_ALLOC_FRAMES; label <= ULMM_REQUEST_STATISTICS; label++)
        CHECK_EQUAL(raw_request(label, 0, words, 0), ULMM_STATUS_INVALID_ARGUMENT);

    /* Absurd sizes: 0, 2^63, all ones, more than memory, more than the quota. */
    a9n_word_t counts[] = { 0, (a9n_word_t)1 << 63, (a9n_word_t)-1, ULMM_MAX_RUN_FRAMES + 1 };
    enum ulmm_status count_status[] = { ULMM_STATUS_INVALID_ARGUMENT, ULMM_STATUS_TOO_LARGE,
                                        ULMM_STATUS_TOO_LARGE, ULMM_STATUS_TOO_LARGE };
    for (unsigned i = 0; i < 4; i++) {
        words[0] = counts[i];
        CHECK_EQUAL(raw_request(ULMM_REQUEST_ALLOC_FRAMES, 2, words, 0), count_status[i]);
    }
    words[0] = (a9n_word_t)1 << 63;
    words[2] = app->free_base;
    words[3] = RW;
    CHECK_EQUAL(raw_request(ULMM_REQUEST_MAP_FRAMES, 5, words, 0), ULMM_STATUS_TOO_LARGE);
    words[0] = 0;
    words[2] = (a9n_word_t)1 << 63;
    CHECK_EQUAL(raw_request(ULMM_REQUEST_MAP_FRAMES, 5, words, 0), ULMM_STATUS_INVALID_ADDRESS);
    words[0] = A9N_CAPABILITY_NODE;
    words[2] = 63;
    CHECK_EQUAL(raw_request(ULMM_REQUEST_ALLOC_OBJECT, 3, words, 0),
                ULMM_STATUS_INVALID_ARGUMENT);
    /* A 512 MiB node is more than the machine has, and far more than the quota. */
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_NODE, 24, app->first_free_slot).status,
                ULMM_STATUS_QUOTA_EXCEEDED);
    CHECK_EQUAL(ulmm_alloc_frames(ulmm, ULMM_MAX_RUN_FRAMES, app->first_free_slot).status,
                ULMM_STATUS_QUOTA_EXCEEDED);

    /* Capabilities sent along never land in ULMM's node; the request is served. */
    ((struct a9n_ipc_buffer *)app->ipc_buffer)->transfer_source[0] =
        a9n_app_slot(app, A9N_APP_SLOT_IPC_BUFFER);
    words[1] = 0;
    CHECK_EQUAL(raw_request(ULMM_REQUEST_STATISTICS, 2, words, 1), ULMM_STATUS_OK);
    CHECK_EQUAL(koito_test_free_bytes(), before);
}

static void double_frees_are_refused(void)
{
    uint64_t before = koito_test_free_bytes();
    a9n_word_t held_before = statistics().held_bytes;
    struct ulmm_result port =
        ulmm_alloc_object(ulmm, A9N_CAPABILITY_IPC_PORT, 0, app->first_free_slot);
    struct ulmm_result run = ulmm_alloc_frames(ulmm, 5, app->first_free_slot + 1);
    CHECK_EQUAL(port.status, ULMM_STATUS_OK);
    CHECK_EQUAL(run.status, ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_free(ulmm, port.handle), ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_free(ulmm, port.handle), ULMM_STATUS_NOT_OWNED);
    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_NOT_OWNED);
    CHECK_EQUAL(koito_test_free_bytes(), before);
    CHECK_EQUAL(statistics().held_bytes, held_before);
}

/*
 * The Node of a run is the client's to write: a copy of the Node inside
 * itself, another capability, a frame moved out of it. Freeing the run
 * takes all of that away, the moved frame too, and ULMM carries on.
 */
static void what_it_puts_into_its_node_goes_with_the_run(void)
{
    uint64_t before = koito_test_free_bytes();
    a9n_word_t slot = app->first_free_slot;
    a9n_word_t root = a9n_app_slot(app, A9N_APP_SLOT_ROOT_NODE);
    struct ulmm_result run = ulmm_alloc_frames(ulmm, 5, slot);
    CHECK_EQUAL(run.status, ULMM_STATUS_OK);
    a9n_word_t node = a9n_app_slot(app, slot);
    CHECK_EQUAL(a9n_node_copy(node, 5, node), A9N_ERROR_NONE);
    CHECK_EQUAL(a9n_node_copy(node, 7, a9n_app_slot(app, A9N_APP_SLOT_ULMM_PORT)),
                A9N_ERROR_NONE);
    a9n_word_t first_frame = ulmm_frame_descriptor(app->root_radix, slot, 5, 0);
    CHECK_EQUAL(a9n_node_move(root, slot + 1, first_frame), A9N_ERROR_NONE);

    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_OK);
    CHECK_EQUAL(a9n_frame_unmap(a9n_app_slot(app, slot + 1)), A9N_ERROR_EMPTY_SLOT);
    CHECK(a9n_node_copy(root, slot + 2, node) != A9N_ERROR_NONE); /* the Node is gone */
    CHECK_EQUAL(koito_test_free_bytes(), before);
    CHECK_EQUAL(ulmm_statistics(ulmm).status, ULMM_STATUS_OK);
}

static a9n_word_t held[MAX_HELD];
static unsigned held_count;
/* ULMM's registered clients when the quota was full: the neighbour among them. */
static a9n_word_t clients_at_full;

/* Mapped runs of 2^order pages, each 16 pages apart, until one is refused. */
static enum ulmm_status fill(unsigned order)
{
    while (held_count < MAX_HELD) {
        a9n_word_t address = app->free_base + held_count * 16 * page_size();
        struct ulmm_result result = ulmm_map(ulmm, order, address, RW, 0);
        if (result.status != ULMM_STATUS_OK)
            return result.status;
        held[held_count++] = result.handle;
    }
    return ULMM_STATUS_NO_ROOM;
}

/* Runs of 16 frames, then smaller ones down to single pages, until the quota is full. */
static void fills_its_quota(void)
{
    struct ulmm_statistics start = statistics();
    CHECK_EQUAL(start.quota, KOITO_TEST_QUOTA);
    CHECK(start.held_bytes > 0); /* its layout counts */
    CHECK(start.held_bytes <= start.quota);

    for (unsigned order = 5; order-- > 0;)
        CHECK_EQUAL(fill(order), ULMM_STATUS_QUOTA_EXCEEDED);
    clients_at_full = statistics().clients;
    struct ulmm_statistics full = statistics();
    CHECK(full.held_bytes <= full.quota);
    /* Not even one more page fits (its page table may be there already). */
    CHECK(full.quota - full.held_bytes < page_size());
    CHECK_EQUAL(ulmm_alloc_frames(ulmm, 1, app->first_free_slot).status,
                ULMM_STATUS_QUOTA_EXCEEDED);
    CHECK_EQUAL(statistics().held_bytes, full.held_bytes);
}

/*
 * At its quota, hold everything until the neighbour, which allocates only
 * once this one is full, has done its test and exited (init then has ULMM
 * forget it: one client fewer).
 */
static void holds_while_the_neighbour_allocates(void)
{
    a9n_word_t held_bytes = statistics().held_bytes;
    unsigned waited = 0;
    while (statistics().clients >= clients_at_full && waited++ < PATIENCE)
        a9n_yield();
    CHECK(waited < PATIENCE);
    CHECK_EQUAL(statistics().held_bytes, held_bytes);
}

/* Freeing gives quota back: what was freed can be taken again. */
static void freeing_returns_quota(void)
{
    CHECK(held_count > 0);
    a9n_word_t before = statistics().held_bytes;
    CHECK_EQUAL(ulmm_free(ulmm, held[0]), ULMM_STATUS_OK);
    CHECK(statistics().held_bytes < before);
    struct ulmm_result again = ulmm_map(ulmm, 4, app->free_base, RW, 0);
    CHECK_EQUAL(again.status, ULMM_STATUS_OK);
    held[0] = again.handle;
    while (held_count > 0)
        CHECK_EQUAL(ulmm_free(ulmm, held[--held_count]), ULMM_STATUS_OK);
}

/*
 * The neighbour: once the hostile instance has filled its quota (the free
 * total fell by half of it at least, then stopped moving), business as
 * usual. It waits half as long as the hostile one does for it.
 */
static void allocates_and_frees_normally(void)
{
    uint64_t start = koito_test_free_bytes();
    uint64_t last = start;
    unsigned stable = 0;
    for (unsigned waited = 0; stable < 64 && waited < PATIENCE / 2; waited++) {
        a9n_yield();
        uint64_t now = koito_test_free_bytes();
        stable = now + KOITO_TEST_QUOTA / 2 <= start && now == last ? stable + 1 : 0;
        last = now;
    }
    uint64_t before = koito_test_free_bytes();
    struct ulmm_result page = ulmm_map(ulmm, 0, app->free_base, RW, 0);
    struct ulmm_result run = ulmm_alloc_frames(ulmm, 64, app->first_free_slot);
    struct ulmm_result port =
        ulmm_alloc_object(ulmm, A9N_CAPABILITY_IPC_PORT, 0, app->first_free_slot + 1);
    CHECK_EQUAL(page.status, ULMM_STATUS_OK);
    CHECK_EQUAL(run.status, ULMM_STATUS_OK);
    CHECK_EQUAL(port.status, ULMM_STATUS_OK);
    *(volatile a9n_word_t *)app->free_base = 3;
    CHECK_EQUAL(*(volatile a9n_word_t *)app->free_base, 3);
    CHECK(koito_test_free_bytes() < before);
    CHECK_EQUAL(ulmm_free(ulmm, port.handle), ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_free(ulmm, run.handle), ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_free(ulmm, page.handle), ULMM_STATUS_OK);
    /* The page tables of the page stay this program's until it exits. */
    CHECK(koito_test_free_bytes() <= before);
}

static bool named(const char *name)
{
    const char *own = app->name;
    while (*name != '\0')
        if (*own++ != *name++)
            return false;
    return *own == '\0';
}

int main(void)
{
    app = a9n_app_info();
    ulmm = ulmm_self();
    if (named("quota@neighbour")) {
        koito_test_run("ulmm_neighbour_of_a_full_quota_allocates_and_frees",
                       allocates_and_frees_normally);
    } else {
        koito_test_run("ulmm_garbage_requests_are_refused", garbage_requests_are_refused);
        koito_test_run("ulmm_double_frees_are_refused", double_frees_are_refused);
        koito_test_run("ulmm_what_a_client_puts_into_its_node_goes_with_the_run",
                       what_it_puts_into_its_node_goes_with_the_run);
        koito_test_run("ulmm_quota_exceeded_when_full", fills_its_quota);
        koito_test_run("ulmm_quota_full_while_the_neighbour_allocates",
                       holds_while_the_neighbour_allocates);
        koito_test_run("ulmm_freeing_returns_quota", freeing_returns_quota);
    }
    koito_test_exit();
}
