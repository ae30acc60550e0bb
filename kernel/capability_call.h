/*
 * The capability kernel call: find the target capability named by MR0 and
 * run the operation in MR1 on it. The kernel-call entry copies the message
 * registers in and the results out; everything else is here and in the
 * per-type files.
 */
#ifndef KERNEL_CAPABILITY_CALL_H
#define KERNEL_CAPABILITY_CALL_H

#include <a9n/error.h>
#include <a9n/types.h>

#include "slot.h"

/*
 * Capability operations take their arguments and return their results in
 * MR0..MR9 only (docs/abi.md §1): every port keeps at least that many MRs
 * in registers, so the general path never touches the IPC buffer.
 */
#define CAPABILITY_MESSAGE_MRS 10

struct capability_message {
    a9n_word_t mr[CAPABILITY_MESSAGE_MRS];
};

/*
 * mr[0] = target descriptor, mr[1] = operation, mr[2..] = arguments.
 * On return the results are in mr[2..]; the return value is the error
 * (A9N_ERROR_NONE on success). Nothing changes when an error is returned.
 * `root` is the calling thread's root-node slot.
 */
enum a9n_error capability_call(const struct slot *root, struct capability_message *message);

/*
 * The same, for a target the caller has already looked up (depth >= 1): the
 * kernel-call entry looks a descriptor up once, to tell IPC from the rest.
 */
enum a9n_error capability_invoke(const struct slot *root, struct slot *target,
                                 struct capability_message *message);

#endif
