/*
 * The checked kernel (make CHECKED=1, docs/checked-build.md): the invariant
 * checker runs at every kernel entry and at every exit to user mode, and a
 * violation is a kernel panic that names the rule and the object. In the
 * normal build the hooks are empty and compile away.
 */
#ifndef KERNEL_CHECKED_H
#define KERNEL_CHECKED_H

#ifdef A9N_CHECKED
/* At the start of an upcall (kernel_handle_*) that the HAL's assembly does not check itself. */
void checked_kernel_entry(void);
/* Right before the CPU enters user mode. */
void checked_kernel_exit(void);
/*
 * Called by the HAL's assembly: at every kernel call before the IPC fast
 * path looks at it, and at the end of the fast path before it enters the
 * partner (so that the fast path's own changes are checked).
 */
void checked_kernel_call_entry(void);
void checked_fastpath_exit(void);
#else
static inline void checked_kernel_entry(void)
{
}
static inline void checked_kernel_exit(void)
{
}
#endif

#endif
