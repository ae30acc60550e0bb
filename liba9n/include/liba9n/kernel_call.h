/*
 * The three kernel calls, as C functions. a9n_arch_kernel_call is the only
 * architecture-specific piece of liba9n (liba9n/<arch>/kernel_call.c).
 */
#ifndef LIBA9N_KERNEL_CALL_H
#define LIBA9N_KERNEL_CALL_H

#include <a9n/error.h>
#include <a9n/kernel_call.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/*
 * Trap into the kernel with call `number`, passing and receiving the
 * message registers that live in hardware registers.
 */
void a9n_arch_kernel_call(a9n_word_t number, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);

/* Give up the rest of this thread's time slice. */
void a9n_yield(void);

/*
 * Capability call on `descriptor` with `operation`; arguments from
 * mr[2 ..], results back in mr[2 ..]. Returns the kernel's error code.
 */
enum a9n_error a9n_capability_call(a9n_word_t descriptor, a9n_word_t operation,
                                   a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);

/* A result: `value` is meaningful only when `error` is A9N_ERROR_NONE. */
struct a9n_word_result {
    enum a9n_error error;
    a9n_word_t value;
};

/*
 * End the calling thread: suspend its own PCB (liba9n/thread.c). Every
 * thread knows its PCB through its thread pointer: threads started with
 * a9n_thread_start() from the start, the first thread once it is named
 * (liba9n's start code names init's and a KOITO program's; any other
 * program's first thread calls a9n_thread_set_self()). Until the first
 * thread is named, no thread can tell whether its pointer is set, and
 * exit yields for ever instead.
 */
_Noreturn void a9n_thread_exit(void);

/*
 * Name the calling thread, the program's first, as `process` (its own
 * PCB): its thread pointer (the TLS base) is set to liba9n's block for it.
 */
void a9n_thread_set_self(a9n_word_t process);

#endif
