/*
 * The test universe: fake HAL over an arena, boot-time capabilities built
 * with the kernel's own boot functions, and helpers to call and check.
 */
#include "universe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derivation.h"
#include "fpu.h"
#include "invariant.h"
#include "node.h"
#include "scheduler.h"
#include "timer.h"

struct slot universe_root;
unsigned char *universe_arena;
struct universe_events universe_events;

/* ---- fake HAL ---------------------------------------------------------------- */

void *hal_phys_to_virt(a9n_paddr_t paddr)
{
    if (paddr < UNIVERSE_PHYS_BASE || paddr >= UNIVERSE_PHYS_BASE + UNIVERSE_ARENA_SIZE) {
        fprintf(stderr, "hal_phys_to_virt: %#llx outside the arena\n", (unsigned long long)paddr);
        abort();
    }
    return universe_arena + (paddr - UNIVERSE_PHYS_BASE);
}

a9n_paddr_t hal_virt_to_phys(const void *vaddr)
{
    const unsigned char *byte = vaddr;
    if (byte < universe_arena || byte >= universe_arena + UNIVERSE_ARENA_SIZE) {
        fprintf(stderr, "hal_virt_to_phys: %p outside the arena\n", vaddr);
        abort();
    }
    return UNIVERSE_PHYS_BASE + (a9n_paddr_t)(byte - universe_arena);
}

const struct hal_paging_geometry *hal_paging_geometry(void)
{
    static const struct hal_paging_geometry geometry = {
        .levels = 4, .page_bits = 12, .index_bits = { 9, 9, 9, 9 },
    };
    return &geometry;
}

/* ---- the universe ---------------------------------------------------------- */

static void observe(enum object_event event, const struct slot *capability, bool last)
{
    switch (event) {
    case OBJECT_CREATED:
        universe_events.created++;
        break;
    case OBJECT_TORN_DOWN:
        universe_events.torn_down++;
        universe_events.torn_down_last += last;
        break;
    case OBJECT_DESTROYED:
        universe_events.destroyed++;
        universe_events.destroyed_by_type[capability->type]++;
        break;
    }
}

void universe_setup(void)
{
    if (universe_arena == NULL) {
        universe_arena = aligned_alloc(UNIVERSE_ARENA_SIZE, UNIVERSE_ARENA_SIZE);
        if (universe_arena == NULL)
            abort();
    }
    memset(universe_arena, UNIVERSE_GARBAGE, UNIVERSE_ARENA_SIZE);
    memset(&universe_events, 0, sizeof(universe_events));
    object_observer = observe;
    scheduler_reset();
    fpu_reset();
    timer_reset();

    node_init_object(universe_arena, UNIVERSE_ROOT_RADIX);
    slot_clear(&universe_root);
    slot_make_root(&universe_root, A9N_CAPABILITY_NODE, UNIVERSE_PHYS_BASE, UNIVERSE_ROOT_RADIX);

    struct slot *root = node_slot(&universe_root, 0);
    slot_derive(&root[UNIVERSE_SELF], &universe_root, A9N_RIGHTS_ALL, 0);
    slot_make_generic(&root[UNIVERSE_GENERIC], UNIVERSE_GENERIC_BASE, UNIVERSE_GENERIC_BITS, false);
    slot_make_generic(&root[UNIVERSE_SMALL_GENERIC], UNIVERSE_SMALL_GENERIC_BASE,
                      UNIVERSE_SMALL_GENERIC_BITS, false);
    slot_make_generic(&root[UNIVERSE_DEVICE_GENERIC], UNIVERSE_DEVICE_GENERIC_BASE,
                      UNIVERSE_DEVICE_GENERIC_BITS, true);
}

void universe_teardown(void)
{
    object_observer = NULL;
}

enum a9n_error universe_call_words(a9n_word_t target, a9n_word_t operation, size_t count,
                                   const a9n_word_t *arguments, struct capability_message *out)
{
    struct capability_message message = { { 0 } };
    message.mr[0] = target;
    message.mr[1] = operation;
    for (size_t i = 0; i < count && i + 2 < CAPABILITY_MESSAGE_MRS; i++)
        message.mr[i + 2] = arguments[i];
    enum a9n_error error = capability_call(&universe_root, &message);
    if (out != NULL)
        *out = message;
    return error;
}

struct slot *universe_slot(a9n_word_t descriptor)
{
    struct slot *slot;
    if (node_lookup(&universe_root, descriptor, &slot) != A9N_ERROR_NONE) {
        fprintf(stderr, "universe_slot: lookup of %#llx failed\n", (unsigned long long)descriptor);
        abort();
    }
    return slot;
}

#define CHECK_SLOTS 65536
#define CHECK_NODES 4096

static const struct slot *checked_slots[CHECK_SLOTS];
static const struct slot *checked_nodes[CHECK_NODES];
static struct invariant_scratch scratch = { checked_slots, CHECK_SLOTS, checked_nodes, CHECK_NODES, 0 };

const struct slot *const *universe_checked_slots(size_t *count)
{
    *count = scratch.slot_count;
    return checked_slots;
}

static struct invariant_violation violation;

const struct invariant_violation *universe_last_violation(void)
{
    return &violation;
}

static bool check(char *message, size_t size, bool at_boundary)
{
    const struct slot *roots[] = { &universe_root };

    if (invariant_check(roots, 1, &scratch, &violation)) {
        if (invariant_check_threads(&scratch, at_boundary, &violation))
            return true;
        snprintf(message, size, "invariant violated: %s (thread or port %p)", violation.what,
                 violation.object);
        return false;
    }
    const struct slot *slot = violation.slot;
    snprintf(message, size, "invariant violated: %s (slot %p type %u object %#llx)", violation.what,
             (const void *)slot, slot ? slot->type : 0, slot ? (unsigned long long)slot->object : 0);
    return false;
}

bool universe_check(char *message, size_t size)
{
    return check(message, size, false);
}

bool universe_check_at_kernel_exit(char *message, size_t size)
{
    return check(message, size, true);
}

unsigned long long universe_fingerprint(void)
{
    /* FNV-1a over the arena and the root slot. */
    unsigned long long hash = 1469598103934665603ull;
    for (size_t i = 0; i < UNIVERSE_ARENA_SIZE; i++)
        hash = (hash ^ universe_arena[i]) * 1099511628211ull;
    const unsigned char *root = (const unsigned char *)&universe_root;
    for (size_t i = 0; i < sizeof(universe_root); i++)
        hash = (hash ^ root[i]) * 1099511628211ull;
    return hash;
}
