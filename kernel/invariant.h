/*
 * Consistency checker of the kernel's state, for host tests, the fuzzer and
 * the checked kernel (docs/checked-build.md): it is freestanding and
 * allocates nothing. It looks at every slot reachable from the given root
 * slots, through node capabilities and derivation-tree links, and then at
 * the threads and queues of the objects found there.
 */
#ifndef KERNEL_INVARIANT_H
#define KERNEL_INVARIANT_H

#include "slot.h"

/* Caller-provided room: one entry per occupied slot, one per node object. */
struct invariant_scratch {
    const struct slot **slots;
    size_t slot_capacity;
    const struct slot **nodes;
    size_t node_capacity;
    /* Out: the occupied slots found, in slots[], sorted by object address. */
    size_t slot_count;
};

struct invariant_violation {
    const char *what;         /* which rule is broken */
    const struct slot *slot;  /* where: the capability, for the rules of invariant_check */
    const void *object;       /* where: the thread or port, for those of invariant_check_threads */
};

/*
 * true when everything holds. Checked: the derivation links are mutual and
 * acyclic and only lead to occupied slots; every slot
 * holds a valid, aligned, correctly sized capability; rights and badges only
 * shrink / stay along copies; an object converted from a Generic lies below
 * that Generic's watermark (so nothing refers to reused memory) and a
 * device Generic only holds frames and Generics; no two live objects
 * overlap unless a Generic contains the other; derivation_is_final() is
 * true exactly for the only capability to an object.
 */
bool invariant_check(const struct slot *const *roots, size_t root_count,
                     struct invariant_scratch *scratch,
                     struct invariant_violation *violation);

/*
 * After a successful invariant_check over `scratch`: true when the
 * scheduler and IPC state holds. Checked, for the running thread, every
 * ready queue and every Process, IPC Port and Notification Port among the
 * slots found: the running thread is READY, has a priority in range, is in
 * no queue and waits on nothing; at a kernel entry or exit
 * (`at_boundary`: what a kernel call's own steps need not keep until it
 * leaves) also no ready thread outranks it, the CPU is in its address
 * space, and the FPU's owner has access exactly while it runs; each ready
 * queue holds READY threads of its own
 * priority only, exactly when the bitmap marks its level; queue links are
 * mutual and end at the tail; a thread blocked on a port or notification
 * is in exactly the queue it names, in the state that queue holds (one
 * kind per IPC port; no waiter while a notification word is set); a READY
 * thread that is not running is in its level's queue; a thread in no queue
 * has no queue links (the IPC fast paths rely on it); reply links are
 * mutual and a thread has a replier exactly while BLOCKED_REPLY; IPC flags
 * are only a call's or a fault's, and only while sending or awaiting a
 * reply; the FPU's owner is the only thread with an FPU role.
 */
bool invariant_check_threads(const struct invariant_scratch *scratch, bool at_boundary,
                             struct invariant_violation *violation);

#endif
