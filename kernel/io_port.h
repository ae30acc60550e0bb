/*
 * I/O Port: access to a fixed range of the I/O port space (x86_64). The
 * boot capability covers every port the HAL reports; smaller ranges are
 * minted from it, never converted from a Generic, so the range a driver
 * holds can only shrink along derivation.
 */
#ifndef KERNEL_IO_PORT_H
#define KERNEL_IO_PORT_H

#include <a9n/error.h>
#include <a9n/interrupt.h>

#include "slot.h"

struct capability_message;

/* Boot time: `slot` (empty) becomes the capability to ports first .. last. */
void io_port_make_root(struct slot *slot, a9n_word_t first, a9n_word_t last);

/* I/O Port operations (enum a9n_io_port_operation). */
enum a9n_error io_port_invoke(const struct slot *root, struct slot *io_port,
                              struct capability_message *message);

#endif
