/*
 * User contexts and the way back to user mode. hal_return_to_user must be
 * safe for any register values a user could have written into a context:
 * it forces the segment selectors, the privileged RFLAGS bits and the
 * segment bases to user values and never lets sysret or iretq fault in
 * ring 0.
 */
#include "x86.h"

#include <stddef.h>

/* entry.asm uses these offsets. */
_Static_assert(offsetof(struct a9n_arch_context, r15) == 0, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, r11) == 32, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rbp) == 64, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rcx) == 96, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rbx) == 104, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rax) == 112, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, vector) == 120, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rip) == 136, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, cs) == 144, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rflags) == 152, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, rsp) == 160, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, ss) == 168, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, fs_base) == 176, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, gs_base) == 184, "context layout");
_Static_assert(offsetof(struct a9n_arch_context, ss) % 16 == 8, "the CPU aligns RSP0 to 16");
_Static_assert(_Alignof(struct a9n_arch_context) == 16, "the CPU aligns RSP0 to 16");

/* The flags a user may set itself; IOPL, NT, RF, VM, AC, VIF/VIP never. */
#define USER_RFLAGS                                                                    \
    (X86_RFLAGS_CF | X86_RFLAGS_PF | X86_RFLAGS_AF | X86_RFLAGS_ZF | X86_RFLAGS_SF |   \
     X86_RFLAGS_TF | X86_RFLAGS_DF | X86_RFLAGS_OF | X86_RFLAGS_ID)

_Static_assert(USER_RFLAGS == 0x200dd5, "entry.asm USER_RFLAGS");

/* FS/GS base MSRs as last written: wrmsr is slow, most returns skip it. */
a9n_word_t x86_loaded_fs_base, x86_loaded_gs_base;

void hal_context_init(struct a9n_arch_context *context)
{
    *context = (struct a9n_arch_context){
        .cs = X86_USER_CS,
        .ss = X86_USER_SS,
        .rflags = X86_RFLAGS_IF | X86_RFLAGS_RESERVED1,
    };
}

void hal_context_written(struct a9n_arch_context *context)
{
    context->vector = X86_VECTOR_WRITTEN;
}

static _Noreturn void report_bad_rip(a9n_word_t kind, a9n_word_t address, a9n_word_t flags)
{
    kernel_handle_fault((enum a9n_fault_kind)kind, address, (unsigned)flags);
}

_Noreturn void hal_return_to_user(struct a9n_arch_context *context)
{
    /* The CPU would push the next trap frame 8 bytes off and corrupt it. */
    if (((a9n_word_t)&context->ss + sizeof(context->ss)) % 16 != 0)
        kernel_panic("x86_64: misaligned context %p", (void *)context);

    context->cs = X86_USER_CS;
    context->ss = X86_USER_SS;
    context->rflags = (context->rflags & USER_RFLAGS) | X86_RFLAGS_IF | X86_RFLAGS_RESERVED1;
    /* A non-canonical base makes wrmsr fault; kernel addresses are no use. */
    if (context->fs_base >= A9N_ARCH_USER_TOP)
        context->fs_base = 0;
    if (context->gs_base >= A9N_ARCH_USER_TOP)
        context->gs_base = 0;
    if (context->fs_base != x86_loaded_fs_base) {
        x86_wrmsr(X86_MSR_FS_BASE, context->fs_base);
        x86_loaded_fs_base = context->fs_base;
    }
    if (context->gs_base != x86_loaded_gs_base) {
        x86_wrmsr(X86_MSR_GS_BASE, context->gs_base);
        x86_loaded_gs_base = context->gs_base;
    }

    x86_set_user_frame_top((a9n_word_t)(&context->ss + 1));

    /*
     * iretq and sysret to a non-canonical rip fault in ring 0 (on Intel,
     * sysret's #GP even runs on the user's stack). A rip outside user space
     * is reported as the instruction fetch fault it would be.
     */
    if (context->rip >= A9N_ARCH_USER_TOP) {
        context->vector = X86_VECTOR_PAGE_FAULT;
        x86_call_on_fresh_stack(A9N_FAULT_PAGE, context->rip, A9N_FAULT_ACCESS_EXECUTE,
                                report_bad_rip);
    }

    /*
     * sysret restores rip from rcx and rflags from r11: exact only when the
     * context already says so, as after a kernel call. The fast path saves
     * only rip and rflags of a context it marks VECTOR_SYSCALL: rcx and r11
     * are those by definition (x86.h).
     */
    if (context->vector == X86_VECTOR_SYSCALL) {
        context->rcx = context->rip;
        context->r11 = context->rflags;
    }
    if (context->rcx == context->rip && context->r11 == context->rflags)
        x86_enter_user_sysret(context);
    x86_enter_user_iret(context);
}
