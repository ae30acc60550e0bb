/*
 * Address Space: the root page table of a user address space, plus the
 * kernel's bookkeeping for it. Page Table and Frame capabilities are mapped
 * into one (page_table.c, frame.c); the Address Space itself answers the
 * depth query that lets user level build any architecture's tree.
 */
#ifndef KERNEL_ADDRESS_SPACE_H
#define KERNEL_ADDRESS_SPACE_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

/* Address Space operations (enum a9n_address_space_operation). */
enum a9n_error address_space_invoke(struct slot *address_space,
                                    struct capability_message *message);

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
