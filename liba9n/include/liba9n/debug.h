/*
 * Console output and machine exit through the Debug capability (docs/abi.md
 * section 16), for bring-up and tests, before any console server exists.
 * A program holds one only if it was given one: init from the kernel (its
 * slot A9N_INIT_SLOT_DEBUG), test programs from KOITO init
 * (A9N_APP_SLOT_DEBUG). liba9n sets the descriptor from those slots at
 * start; without the capability output is dropped silently.
 */
#ifndef LIBA9N_DEBUG_H
#define LIBA9N_DEBUG_H

#include <a9n/debug.h>
#include <liba9n/kernel_call.h>

/* The Debug capability the functions below use (0: none). */
void a9n_debug_set_capability(a9n_word_t debug);
a9n_word_t a9n_debug_capability(void);

void a9n_debug_write(const char *text, size_t length);
void a9n_debug_puts(const char *text);        /* no newline added */
void a9n_debug_put_unsigned(a9n_word_t value);
void a9n_debug_put_hex(a9n_word_t value);     /* 0x-prefixed */

/*
 * Stop the machine reporting `status` (0 = success, at most 255) to the
 * QEMU host. Without a Debug capability that may, the calling thread ends
 * instead (a9n_thread_exit).
 */
_Noreturn void a9n_debug_exit(unsigned status);

/* IPC operations the kernel's fast path has completed since boot (needs read). */
struct a9n_word_result a9n_debug_fastpath_hits(void);

#endif
