/*
 * Timer: the monotonic clock (hal_clock_ns) to user level, and one-shot
 * deadlines that notify a bound Notification Port. Armed timers wait in
 * one list ordered by deadline; the tick handler fires the expired ones.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <a9n/error.h>
#include <a9n/timer.h>

#include "slot.h"

struct capability_message;

struct timer {
    /* A copy of the bound notification capability, derived from the
       caller's: revoking or destroying the notification empties it. */
    struct slot notification;
    a9n_word_t badge;   /* the bits a firing ORs into the notification's word */
    uint64_t deadline;  /* absolute hal_clock_ns() time; meaningful while armed */
    /* The armed list, ascending deadlines (equal ones in arming order). */
    struct timer *next;
    struct timer *prev;
    uint8_t armed;
};

_Static_assert(sizeof(struct timer) <= (1u << A9N_TIMER_BITS), "a timer fits its object size");

/* Timer operations (enum a9n_timer_operation). */
enum a9n_error timer_invoke(const struct slot *root, struct slot *timer,
                            struct capability_message *message);

/*
 * Fire every armed timer whose deadline is at or before `now`: each leaves
 * the list and notifies its binding (nobody, if the binding was revoked).
 * The tick handler calls it; usable from any kernel entry.
 */
void timer_expire(uint64_t now);

/* The armed list's first timer (earliest deadline), NULL when none is armed. */
const struct timer *timer_first_armed(void);

/* object_type hooks of the Timer. */
struct slot *timer_contained_slot(const struct slot *timer, a9n_word_t index);
void timer_destroy(const struct slot *timer);

#ifdef A9N_HOST_TEST
/* Host tests start every universe with no armed timer (no stale list pointers). */
void timer_reset(void);
#endif

#endif
