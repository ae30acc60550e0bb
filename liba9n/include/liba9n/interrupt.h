/*
 * Typed wrappers for the Interrupt Region, Interrupt Port and I/O Port
 * operations (docs/abi.md). Each returns the kernel's error code;
 * A9N_ERROR_NONE is success.
 */
#ifndef LIBA9N_INTERRUPT_H
#define LIBA9N_INTERRUPT_H

#include <a9n/error.h>
#include <a9n/interrupt.h>
#include <a9n/types.h>

/* Assign interrupt `line` to the (unassigned) Interrupt Port named by `port`. */
enum a9n_error a9n_interrupt_region_make_port(a9n_word_t region, a9n_word_t line,
                                              a9n_word_t port);

/* Deliver the port's interrupts to `notification` (its badge says which port fired). */
enum a9n_error a9n_interrupt_port_bind(a9n_word_t port, a9n_word_t notification);
enum a9n_error a9n_interrupt_port_unbind(a9n_word_t port);
/* The device is serviced: unmask the line for the next interrupt. */
enum a9n_error a9n_interrupt_port_ack(a9n_word_t port);

/* Mint ports first .. last (inclusive, inside io_port's range) into `node` slot `index`. */
enum a9n_error a9n_io_port_mint(a9n_word_t io_port, a9n_word_t node, a9n_word_t index,
                                a9n_word_t first, a9n_word_t last);
enum a9n_error a9n_io_port_read(a9n_word_t io_port, a9n_word_t port,
                                enum a9n_io_port_width width, uint32_t *value);
enum a9n_error a9n_io_port_write(a9n_word_t io_port, a9n_word_t port,
                                 enum a9n_io_port_width width, uint32_t value);

#endif
