/* x86_64 kernel-call stub for callers that pass the MRs through memory. */
#include <liba9n/arch_kernel_call.h>
#include <liba9n/kernel_call.h>

void a9n_arch_kernel_call(a9n_word_t number, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    a9n_arch_kernel_call_inline(number, mr);
}
