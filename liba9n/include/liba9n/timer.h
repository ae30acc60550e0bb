/*
 * Typed wrappers for the Timer operations (docs/abi.md §15): the kernel's
 * monotonic clock in nanoseconds, and a one-shot deadline that notifies a
 * bound Notification Port. Resolution is the scheduler tick (10 ms).
 */
#ifndef LIBA9N_TIMER_H
#define LIBA9N_TIMER_H

#include <a9n/error.h>
#include <a9n/timer.h>
#include <a9n/types.h>
#include <liba9n/kernel_call.h>

/* Monotonic nanoseconds since boot; any Timer capability will do (read-only ones too). */
struct a9n_word_result a9n_timer_read(a9n_word_t timer);

/*
 * When the timer fires, OR `badge` (non-zero) into `notification`'s word.
 * The badge must be bits of the notification capability's own badge, or
 * anything if it is unbadged and has the modify right. Replaces a binding.
 */
enum a9n_error a9n_timer_bind(a9n_word_t timer, a9n_word_t notification, a9n_word_t badge);

/* Fire once at absolute monotonic time `deadline_ns` (replaces a pending deadline). */
enum a9n_error a9n_timer_arm(a9n_word_t timer, uint64_t deadline_ns);

/* Disarm; *was_armed (may be NULL) says whether a deadline was still pending. */
enum a9n_error a9n_timer_cancel(a9n_word_t timer, bool *was_armed);

#endif
