/*
 * IPC fast path, architecture-independent part: call and reply-receive with
 * a message that fits the register MRs, done as a straight line of checks
 * and a direct switch. Any unusual case goes to kernel_handle_kernel_call(),
 * the general path, which behaves identically (tests/system/suite/fastpath).
 *
 * How an architecture plugs in (x86_64: hal/x86_64/entry.asm, fastpath.asm):
 *  1. Its kernel-call entry saves the user registers into the current
 *     context exactly as for kernel_handle_kernel_call() and calls
 *     fastpath_kernel_call(context) instead. Nothing else changes: every fallback
 *     is a plain call of kernel_handle_kernel_call() on the same context.
 *  2. It implements hal_fastpath_return_to_user() (below): the cheapest
 *     way back for a context the kernel-call entry saved. It must check
 *     whatever its cheap exit relies on (a context may have been rewritten
 *     by "write registers" while its thread waited) and else continue in
 *     hal_return_to_user(), which is always correct.
 *  3. hal_address_space_activate(root, tag) uses the tag as an ASID/PCID
 *     (see hal.h); the fast path switches address spaces through it, like
 *     the scheduler.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <a9n/error.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/*
 * The arch's kernel-call entry calls this instead of
 * kernel_handle_kernel_call(), with the context it has just saved the
 * user registers into (the one last passed to hal_return_to_user()).
 */
_Noreturn void fastpath_kernel_call(struct a9n_arch_context *context);

/*
 * Provided by the architecture: enter `context` of the process the fast
 * path just made current (its address space is active). Same contract as
 * hal_return_to_user(); may fall back to it.
 */
_Noreturn void hal_fastpath_return_to_user(struct a9n_arch_context *context);

/*
 * A9N_DEBUG_FASTPATH (tests only): enum a9n_debug_fastpath_request; the hit
 * count (calls the fast path completed since boot) goes to *hits. Errors:
 * A9N_ERROR_INVALID_ARGUMENT for an unknown request.
 */
enum a9n_error fastpath_debug(a9n_word_t request, a9n_word_t *hits);

#endif
