/*
 * A small capability universe for host tests and the fuzzer: a fake direct
 * map over a malloc'd arena, a root node, and boot-time Generics in it.
 *
 * Root node (radix 4) slots after universe_setup():
 *   0  a copy of the root node capability (self reference)
 *   1  Generic, half the arena          (UNIVERSE_GENERIC)
 *   2  Generic, 1/16 of the arena       (UNIVERSE_SMALL_GENERIC)
 *   3  device Generic, 1/16 of the arena (UNIVERSE_DEVICE_GENERIC)
 *   4.. empty
 */
#ifndef TESTS_CAP_UNIVERSE_H
#define TESTS_CAP_UNIVERSE_H

#include <stdbool.h>
#include <stddef.h>

#include <a9n/capability.h>
#include <a9n/error.h>
#include <a9n/object.h>

#include "capability_call.h"
#include "object.h"
#include "slot.h"

/* The fuzzer builds a smaller arena (-DUNIVERSE_ARENA_BITS=18) to run faster. */
#ifndef UNIVERSE_ARENA_BITS
#define UNIVERSE_ARENA_BITS 22
#endif
#define UNIVERSE_ARENA_SIZE ((size_t)1 << UNIVERSE_ARENA_BITS)
#define UNIVERSE_PHYS_BASE 0x80000000ull
#define UNIVERSE_ROOT_RADIX 4
#define UNIVERSE_GARBAGE 0xa5

enum {
    UNIVERSE_SELF = 0,
    UNIVERSE_GENERIC = 1,
    UNIVERSE_SMALL_GENERIC = 2,
    UNIVERSE_DEVICE_GENERIC = 3,
    UNIVERSE_FIRST_FREE = 4,
};

/* Arena layout: root node at 0, then the Generics, each naturally aligned. */
#define UNIVERSE_GENERIC_BITS (UNIVERSE_ARENA_BITS - 1)
#define UNIVERSE_GENERIC_BASE (UNIVERSE_PHYS_BASE + (1ull << (UNIVERSE_ARENA_BITS - 1)))
#define UNIVERSE_SMALL_GENERIC_BITS (UNIVERSE_ARENA_BITS - 4)
#define UNIVERSE_SMALL_GENERIC_BASE (UNIVERSE_PHYS_BASE + (1ull << (UNIVERSE_ARENA_BITS - 3)))
#define UNIVERSE_DEVICE_GENERIC_BITS (UNIVERSE_ARENA_BITS - 4)
#define UNIVERSE_DEVICE_GENERIC_BASE (UNIVERSE_PHYS_BASE + (1ull << (UNIVERSE_ARENA_BITS - 2)))

/* The calling thread's root-node slot (it would sit in the PCB). */
extern struct slot universe_root;
extern unsigned char *universe_arena;

/* What the object observer saw since the last universe_setup(). */
struct universe_events {
    unsigned created;
    unsigned torn_down;
    unsigned torn_down_last;
    unsigned destroyed;
    unsigned destroyed_by_type[A9N_CAPABILITY_TYPE_COUNT];
};
extern struct universe_events universe_events;

/* Fill the arena with garbage and build the root node and Generics. */
void universe_setup(void);
void universe_teardown(void);

/* Descriptor of slot `index` of the root node. */
static inline a9n_word_t universe_root_slot(a9n_word_t index)
{
    return a9n_descriptor(UNIVERSE_ROOT_RADIX, index);
}

enum a9n_error universe_call_words(a9n_word_t target, a9n_word_t operation, size_t count,
                                   const a9n_word_t *arguments, struct capability_message *out);

/* CALL(target, operation, arguments...): a capability call from the root. */
#define CALL(target, operation, ...)                                                   \
    universe_call_words((target), (operation),                                         \
                        sizeof((a9n_word_t[]){ __VA_ARGS__ }) / sizeof(a9n_word_t),   \
                        (a9n_word_t[]){ __VA_ARGS__ }, NULL)

/* The slot a descriptor names (asserting that lookup succeeds). */
struct slot *universe_slot(a9n_word_t descriptor);

/*
 * Run the invariant checker, both halves, over everything reachable from
 * the root slot; on failure, write a description into `message` and return
 * false.
 */
bool universe_check(char *message, size_t size);

/* universe_check with the rules that hold only when the kernel leaves (after scheduler_exit_to_user). */
bool universe_check_at_kernel_exit(char *message, size_t size);

/* What the last failed universe_check() found (object set: a thread or port rule). */
struct invariant_violation;
const struct invariant_violation *universe_last_violation(void);

/* The occupied slots the last universe_check() saw, sorted by object. */
const struct slot *const *universe_checked_slots(size_t *count);

/* Checksum of the whole arena and the root slot, to prove "nothing changed". */
unsigned long long universe_fingerprint(void);

#endif
