/*
 * Address Space: the root page table of a user address space, plus the
 * kernel's bookkeeping for it. Page Table and Frame capabilities are mapped
 * into one (page_table.c, frame.c); the Address Space itself answers the
 * depth query that lets user level build any architecture's tree.
 */
#ifndef KERNEL_ADDRESS_SPACE_H
#define KERNEL_ADDRESS_SPACE_H

#include <a9n/error.h>
#include <hal.h>

#include "slot.h"

struct capability_message;

/* Address Space operations (enum a9n_address_space_operation). */
enum a9n_error address_space_invoke(struct slot *address_space,
                                    struct capability_message *message);

/* The second page of an address-space object: the kernel's own bookkeeping. */
struct address_space_metadata {
    uint64_t id; /* 0: no mapping made yet, so no identifier taken */
    /*
     * address_space_tag: kept with the identifier because it does not change
     * while the identifier is taken (the generation moves on when it is
     * freed), and the scheduler needs it on every switch.
     */
    a9n_word_t tag;
    /* hal_address_space_switch_word for the tag; 0 until there is one. */
    a9n_word_t switch_word;
};

static inline struct address_space_metadata *address_space_metadata(a9n_paddr_t object)
{
    return hal_phys_to_virt(object + A9N_ARCH_PAGE_SIZE);
}

/*
 * The tag of the address space rooted at `root` for hal_address_space_activate:
 * its identifier with the identifier's generation above A9N_ADDRESS_SPACE_ID_BITS,
 * so that a recycled identifier never matches an old tag; 0 while it has
 * none (no mapping was ever made in it).
 */
static inline a9n_word_t address_space_tag(a9n_paddr_t root)
{
    return address_space_metadata(root)->tag;
}

/* object_type hooks: a new address space gets the kernel half; a dead one gives back its identifier. */
void address_space_init(const struct slot *capability);
void address_space_destroy(const struct slot *capability);

/* An address a table or frame may be mapped at: page aligned, user half (so canonical). */
static inline bool address_space_is_user_page(a9n_word_t address)
{
    return address < A9N_ARCH_USER_TOP && (address & (A9N_ARCH_PAGE_SIZE - 1)) == 0;
}

/*
 * Decode step shared by the map operations: the Address Space capability
 * named by `descriptor` (needs WRITE: mapping changes what it translates)
 * and the target `address`, and that a mapping could be recorded (an
 * identifier is free if the address space has none yet). Errors: lookup
 * errors, A9N_ERROR_EMPTY_SLOT, A9N_ERROR_WRONG_TYPE,
 * A9N_ERROR_MISSING_RIGHTS, A9N_ERROR_INVALID_ADDRESS,
 * A9N_ERROR_INSUFFICIENT_MEMORY (no identifier left). Changes nothing.
 */
enum a9n_error address_space_decode_target(const struct slot *root, a9n_word_t descriptor,
                                           a9n_word_t address,
                                           const struct slot **address_space);

#endif
