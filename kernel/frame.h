/*
 * Frame: one page of memory (RAM, or MMIO from a device Generic) that user
 * level maps into address spaces. A capability maps it once; copies map it
 * again.
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <a9n/error.h>

#include "slot.h"

struct capability_message;

/* Frame operations (enum a9n_frame_operation) on `frame`. */
enum a9n_error frame_invoke(const struct slot *root, struct slot *frame,
                            struct capability_message *message);

/* object_type hooks: a copy starts unmapped; a removed capability unmaps its mapping. */
void frame_derive(struct slot *copy);
void frame_teardown(struct slot *capability, bool last);

#endif
