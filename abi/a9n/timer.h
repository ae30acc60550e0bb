/*
 * Timer: the kernel's monotonic clock and one-shot deadlines delivered as
 * notifications. Operations and message-register layout; docs/abi.md §15.
 */
#ifndef A9N_TIMER_H
#define A9N_TIMER_H

#include <a9n/types.h>

/*
 * Timer operations (MR1). Read needs any Timer capability; bind, arm and
 * cancel change the timer and need the write right. A timer fires at the
 * first scheduler tick at or after its deadline (docs/abi.md §15).
 */
enum a9n_timer_operation {
    A9N_TIMER_READ = 1,
    A9N_TIMER_BIND,
    A9N_TIMER_ARM,
    A9N_TIMER_CANCEL,
};

enum a9n_timer_argument {
    A9N_TIMER_ARG_NOTIFICATION = 2, /* bind: descriptor of a Notification Port */
    A9N_TIMER_ARG_BADGE = 3,        /* bind: bits ORed into its word on firing, non-zero */
    A9N_TIMER_ARG_DEADLINE = 2,     /* arm: absolute monotonic time in ns */
};

enum a9n_timer_result {
    A9N_TIMER_RESULT_NOW = 2,       /* read: monotonic ns since boot */
    A9N_TIMER_RESULT_WAS_ARMED = 2, /* cancel: 1 if a deadline was pending, else 0 */
};

#endif
