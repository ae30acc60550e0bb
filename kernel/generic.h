/*
 * Generic: untyped memory that convert turns into kernel objects, frames
 * and smaller Generics. The kernel has no heap; this is where all of its
 * object memory comes from.
 */
#ifndef KERNEL_GENERIC_H
#define KERNEL_GENERIC_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

/* Generic operations (enum a9n_generic_operation) on `generic`. */
enum a9n_error generic_invoke(const struct slot *root, struct slot *generic,
                              struct capability_message *message);

#endif
