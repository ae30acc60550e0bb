/*
 * The Debug capability: console output, machine exit and the fast-path
 * counter for bring-up and tests. Built only with DEBUG=1 (the Makefile
 * then defines A9N_KERNEL_DEBUG); a release kernel has no Debug type at
 * all, so no thread can stop the machine or read kernel counters.
 */
#ifndef KERNEL_DEBUG_H
#define KERNEL_DEBUG_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

/* Boot time: `slot` (empty) becomes the one Debug capability. */
void debug_make_root(struct slot *slot);

/* Debug operations (enum a9n_debug_operation). */
enum a9n_error debug_invoke(const struct slot *debug, struct capability_message *message);

#endif
