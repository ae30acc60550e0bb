/*
 * x86_64 thread pointer: the FS base (the TLS field of configure). User
 * mode cannot read the base itself (no FSGSBASE), only memory through it,
 * so the block it points at starts with its own address, as the ELF TLS
 * ABI's thread control block does: fs:0 reads the pointer.
 */
#ifndef LIBA9N_ARCH_THREAD_H
#define LIBA9N_ARCH_THREAD_H

static inline void *a9n_arch_thread_pointer(void)
{
    void *pointer;
    __asm__("mov %%fs:0, %0" : "=r"(pointer));
    return pointer;
}

#endif
