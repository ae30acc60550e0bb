/*
 * Threads that exit in a given order, and the checks that each exit
 * stopped the caller and no other: shared by the system suite's
 * thread-exit test (thread_exit.c) and the KOITO program whose first
 * thread takes part (tests/system/koito/thread_exit.c).
 */
#ifndef EXIT_ORDER_H
#define EXIT_ORDER_H

#include <a9n/types.h>

#define EXIT_ORDER_THREADS 3

/* Blocks the checking thread for a tick or two: a Timer bound to the Notification Port. */
struct exit_order_sleeper {
    a9n_word_t timer, port;
};

/* Before the threads start: nobody told, nothing counted. */
void exit_order_reset(void);

/* Participant `index`: counts and yields until told, then calls a9n_thread_exit(). */
_Noreturn void exit_order_participant(a9n_word_t index);

/* Runs (counts and yields) for ever at a priority below the participants'. */
_Noreturn void exit_order_witness(a9n_word_t unused);

/*
 * Tell the participants to exit in `order`, from a thread above them
 * that sleeps in between: after each exit the caller must stay stopped
 * while those not yet told keep counting, the witness must not run while
 * any participant is ready, and must run once all have exited.
 */
void exit_order_check(const struct exit_order_sleeper *sleeper,
                      const unsigned order[EXIT_ORDER_THREADS]);

#endif
