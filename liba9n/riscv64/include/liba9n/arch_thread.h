/*
 * riscv64 thread pointer: the tp register (the TLS field of configure),
 * which user mode reads directly.
 */
#ifndef LIBA9N_ARCH_THREAD_H
#define LIBA9N_ARCH_THREAD_H

static inline void *a9n_arch_thread_pointer(void)
{
    void *pointer;
    __asm__("mv %0, tp" : "=r"(pointer));
    return pointer;
}

#endif
