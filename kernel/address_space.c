/*
 * Address Space objects and the mapping records of Page Table and Frame
 * capabilities.
 *
 * An address-space object is two pages: the root page table (its physical
 * address is the object's, so the scheduler hands it to the HAL as is) and
 * a metadata page holding the address space's identifier.
 *
 * Why identifiers: a mapping record (mapping.h) must stay correct after its
 * address space is destroyed, because nothing finds the Frame and Page Table
 * capabilities that were mapped in it (there is no reverse map). Their
 * records therefore name the address space by a tag — identifier plus the
 * generation of that identifier — resolved through the kernel-owned table
 * below. Destroying the address space bumps the generation, so every old
 * record stops resolving at once, in O(1); the object's memory may then be
 * reused for anything, even another address space, and no record naming
 * the old one is ever applied to it. Memory contents are never trusted to
 * tell whether an address space is still the same one: a reused page can
 * hold any bytes a user wrote into it.
 *
 * Invariant (why a stale record is harmless): every entry reachable from a
 * live root table installs a table or frame whose capability records exactly
 * that place, and removing that capability removes the entry (teardown).
 * Entries of a dead address space, or under a table that was unmapped, are
 * unreachable: a table is zeroed whenever it is mapped again
 * (page_table.c), and a destroyed root is never walked again.
 *
 * A destroyed root can still be the CPU's page-table base until the next
 * switch; its memory cannot be reused before then (reuse needs a convert,
 * i.e. a later kernel call from a running thread, and the exit path
 * switches to that thread's live address space first, which also flushes
 * the TLB). The scheduler is told to forget it as well, so that its "already
 * active" shortcut can never skip loading a new address space that reuses
 * the same memory.
 */
#include "address_space.h"

#include <a9n/memory.h>

#include "capability_call.h"
#include "mapping.h"
#include "node.h"
#include "scheduler.h"

_Static_assert(A9N_ADDRESS_SPACE_BITS == A9N_ARCH_PAGE_BITS + 1,
               "an address space is its root table and a metadata page");

struct address_space_id {
    a9n_paddr_t object;  /* the address space holding the identifier; 0: free */
    uint64_t generation; /* bumped when the identifier is freed */
};

#define ID_WORDS (A9N_ADDRESS_SPACE_IDS / 64)
#define GENERATION_MASK (~(uint64_t)0 >> A9N_ADDRESS_SPACE_ID_BITS)

static struct address_space_id ids[A9N_ADDRESS_SPACE_IDS];
/* Bit i set: identifier i is taken. Identifier 0 is never handed out. */
static uint64_t taken_ids[ID_WORDS] = { 1 };
static unsigned free_ids = A9N_ADDRESS_SPACE_IDS - 1;

static a9n_word_t tag_of(uint64_t id)
{
    return (a9n_word_t)(ids[id].generation << A9N_ADDRESS_SPACE_ID_BITS | id);
}

/* The lowest free identifier; the caller has checked that free_ids > 0. */
static uint64_t take_id(a9n_paddr_t object)
{
    unsigned word = 0;
    while (word < ID_WORDS - 1 && ~taken_ids[word] == 0)
        word++;
    uint64_t id = (uint64_t)word * 64 + (unsigned)__builtin_ctzll(~taken_ids[word]);
    taken_ids[word] |= 1ull << (id % 64);
    free_ids--;
    ids[id].object = object;
    return id;
}

void address_space_init(const struct slot *capability)
{
    hal_address_space_init(capability->object);
}

void address_space_destroy(const struct slot *capability)
{
    scheduler_forget_address_space(capability->object);
    uint64_t id = address_space_metadata(capability->object)->id;
    if (id == 0)
        return;
    ids[id].object = 0;
    ids[id].generation = (ids[id].generation + 1) & GENERATION_MASK;
    taken_ids[id / 64] &= ~(1ull << (id % 64));
    free_ids++;
}

void mapping_record(struct slot *slot, a9n_paddr_t address_space, a9n_word_t address)
{
    struct address_space_metadata *metadata = address_space_metadata(address_space);
    if (metadata->id == 0) {
        metadata->id = take_id(address_space);
        metadata->tag = tag_of(metadata->id);
        metadata->switch_word = hal_address_space_switch_word(address_space, metadata->tag);
    }
    slot->local.words[0] = (uint64_t)address | MAPPING_MAPPED;
    slot->local.words[1] = metadata->tag;
}

a9n_paddr_t mapping_root(const struct slot *slot)
{
    if (!mapping_is_recorded(slot))
        return 0;
    a9n_word_t tag = mapping_tag(slot);
    const struct address_space_id *id = &ids[tag & (A9N_ADDRESS_SPACE_IDS - 1)];
    if (id->object == 0 || id->generation != tag >> A9N_ADDRESS_SPACE_ID_BITS)
        return 0;
    return id->object;
}

void mapping_remove(struct slot *slot, unsigned depth)
{
    a9n_paddr_t root = mapping_root(slot);
    a9n_word_t address = mapping_address(slot);
    a9n_paddr_t installed;
    /*
     * Only the entry this capability installed: if a table above it was
     * unmapped, the place may since hold another table or another copy's
     * mapping, which is not ours to remove.
     */
    if (root != 0 && hal_lookup(root, address, depth, &installed) && installed == slot->object)
        hal_unmap(root, address, depth);
    mapping_clear(slot);
}

enum a9n_error address_space_decode_target(const struct slot *root, a9n_word_t descriptor,
                                           a9n_word_t address,
                                           const struct slot **address_space)
{
    struct slot *slot;
    enum a9n_error error = node_lookup(root, descriptor, &slot);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(slot))
        return A9N_ERROR_EMPTY_SLOT;
    if (slot->type != A9N_CAPABILITY_ADDRESS_SPACE)
        return A9N_ERROR_WRONG_TYPE;
    if (!(slot->rights & A9N_RIGHT_WRITE))
        return A9N_ERROR_MISSING_RIGHTS;
    /* The kernel half and non-canonical addresses are above the user top. */
    if (!address_space_is_user_page(address))
        return A9N_ERROR_INVALID_ADDRESS;
    if (address_space_metadata(slot->object)->id == 0 && free_ids == 0)
        return A9N_ERROR_INSUFFICIENT_MEMORY;
    *address_space = slot;
    return A9N_ERROR_NONE;
}

enum a9n_error address_space_invoke(struct slot *address_space,
                                    struct capability_message *message)
{
    switch (message->mr[1]) {
    case A9N_ADDRESS_SPACE_MISSING_DEPTH: {
        a9n_word_t address = message->mr[A9N_ADDRESS_SPACE_ARG_ADDRESS];
        if (!address_space_is_user_page(address))
            return A9N_ERROR_INVALID_ADDRESS;
        message->mr[A9N_ADDRESS_SPACE_RESULT_DEPTH] =
            hal_missing_depth(address_space->object, address);
        return A9N_ERROR_NONE;
    }
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
