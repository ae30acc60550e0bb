/* Portable wrappers over the architecture's kernel-call stub. */
#include <liba9n/kernel_call.h>

void a9n_yield(void)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    a9n_arch_kernel_call((a9n_word_t)A9N_KERNEL_CALL_YIELD, mr);
}

enum a9n_error a9n_capability_call(a9n_word_t descriptor, a9n_word_t operation,
                                   a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    mr[0] = descriptor;
    mr[1] = operation;
    a9n_arch_kernel_call((a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr);
    return mr[0] ? A9N_ERROR_NONE : (enum a9n_error)mr[1];
}
