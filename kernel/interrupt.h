/*
 * Interrupt Region and Interrupt Port: device interrupts delivered to user
 * level as notifications. The region (boot-only) assigns a line to a port
 * object converted from a Generic; the port holds the notification it
 * signals in an embedded slot, so the derivation tree governs its lifetime.
 */
#ifndef KERNEL_INTERRUPT_H
#define KERNEL_INTERRUPT_H

#include <a9n/error.h>
#include <a9n/interrupt.h>

#include "slot.h"

struct capability_message;

/* Lines the kernel can track; a HAL reporting more has the rest left out. */
#define INTERRUPT_MAX_LINES 1024

/* Lines in use: hal_interrupt_count() capped at INTERRUPT_MAX_LINES. */
unsigned interrupt_line_count(void);

/* Interrupt Region operations (enum a9n_interrupt_region_operation). */
enum a9n_error interrupt_region_invoke(const struct slot *root, struct slot *region,
                                       struct capability_message *message);

/* Interrupt Port operations (enum a9n_interrupt_port_operation). */
enum a9n_error interrupt_port_invoke(const struct slot *root, struct slot *port,
                                     struct capability_message *message);

/*
 * `line` fired (the HAL has masked it): the notification capability to
 * signal, with the port now pending, or NULL when nobody listens.
 */
const struct slot *interrupt_line_fired(unsigned line);

/* object_type hooks of the Interrupt Port. */
struct slot *interrupt_port_contained_slot(const struct slot *port, a9n_word_t index);
void interrupt_port_destroy(const struct slot *port);

#endif
