/*
 * The checked kernel's hooks (checked.h): gather the roots the kernel
 * knows without asking anyone (the running thread, every ready thread,
 * every armed timer), run both halves of the invariant checker over what
 * they reach, and panic on a violation. Compiled only with CHECKED=1.
 */
#include "checked.h"

#include <hal.h>

#include "invariant.h"
#include "process.h"
#include "scheduler.h"
#include "timer.h"

/*
 * Room for the checker. A violation "scratch: too many ..." means a
 * workload outgrew it, not a kernel bug; the sizes are what the system
 * suite and the fuzzer need several times over (docs/checked-build.md).
 */
#define CHECKED_SLOTS 65536
#define CHECKED_NODES 8192
#define CHECKED_ROOTS 4096

static const struct slot *checked_slots[CHECKED_SLOTS];
static const struct slot *checked_nodes[CHECKED_NODES];
static const struct slot *roots[CHECKED_ROOTS];
static size_t root_count;

static struct invariant_scratch scratch = {
    checked_slots, CHECKED_SLOTS, checked_nodes, CHECKED_NODES, 0,
};

static _Noreturn void violated(const char *where, const struct invariant_violation *violation)
{
    if (violation->slot != NULL)
        kernel_panic("checked kernel: invariant violated at %s: %s (capability at %p, type %u, "
                     "object %p)",
                     where, violation->what, (const void *)violation->slot,
                     (unsigned)violation->slot->type, (void *)(uintptr_t)violation->slot->object);
    kernel_panic("checked kernel: invariant violated at %s: %s (object at %p)", where,
                 violation->what, violation->object);
}

static void add_root(const struct slot *slot, const char *where)
{
    if (root_count == CHECKED_ROOTS) {
        struct invariant_violation violation = { "checker: too many roots", slot, NULL };
        violated(where, &violation);
    }
    roots[root_count++] = slot;
}

static void add_process(const struct process *process, const char *where)
{
    for (unsigned i = 0; i < PROCESS_SLOT_COUNT; i++)
        add_root(&process->slots[i], where);
}

static void check(const char *where)
{
    root_count = 0;
    if (scheduler_running != NULL)
        add_process(scheduler_running, where);
    for (unsigned level = 0; level < SCHEDULER_PRIORITIES; level++) {
        for (const struct process *p = scheduler_ready_queue(level)->head; p != NULL;
             p = p->queue_next)
            add_process(p, where);
    }
    for (const struct timer *t = timer_first_armed(); t != NULL; t = t->next)
        add_root(&t->notification, where);

    struct invariant_violation violation;
    if (!invariant_check(roots, root_count, &scratch, &violation) ||
        !invariant_check_threads(&scratch, true, &violation))
        violated(where, &violation);
}

void checked_kernel_entry(void)
{
    check("kernel entry");
}

void checked_kernel_exit(void)
{
    check("exit to user mode");
}

void checked_kernel_call_entry(void)
{
    check("kernel call entry");
}

void checked_fastpath_exit(void)
{
    check("IPC fast path exit");
}
