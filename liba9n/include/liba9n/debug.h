/*
 * Console output and machine exit through the debug kernel call: for
 * bring-up and tests, before any console server exists.
 */
#ifndef LIBA9N_DEBUG_H
#define LIBA9N_DEBUG_H

#include <a9n/types.h>

void a9n_debug_write(const char *text, size_t length);
void a9n_debug_puts(const char *text);        /* no newline added */
void a9n_debug_put_unsigned(a9n_word_t value);
void a9n_debug_put_hex(a9n_word_t value);     /* 0x-prefixed */

/* Stop the machine reporting `status` (0 = success) to the QEMU host. */
_Noreturn void a9n_debug_exit(unsigned status);

#endif
