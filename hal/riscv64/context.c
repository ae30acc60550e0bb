/*
 * User register contexts. The layout (x1..x31, pc) is fixed by
 * abi/riscv64/a9n_arch.h and used by trap.S; the asserts keep them in step.
 */
#include <stddef.h>

#include "platform.h"

_Static_assert(offsetof(struct a9n_arch_context, ra) == 0, "x1 first");
_Static_assert(offsetof(struct a9n_arch_context, a0) == 9 * 8, "x10 at (10 - 1) * 8");
_Static_assert(offsetof(struct a9n_arch_context, t6) == 30 * 8, "x31 at (31 - 1) * 8");
_Static_assert(offsetof(struct a9n_arch_context, pc) == 31 * 8, "pc after x31");
_Static_assert(A9N_ARCH_FPU_STATE_SIZE == 33 * 8, "fpu.S: f0..f31, then fcsr");

void hal_context_init(struct a9n_arch_context *context)
{
    /* All zero: sret enters U-mode at pc 0 with every register 0 until configured. */
    *context = (struct a9n_arch_context){0};
}

/* Every way back to user mode is safe for any register values: nothing to note. */
void hal_context_written(struct a9n_arch_context *context)
{
    (void)context;
}
