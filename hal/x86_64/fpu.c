/*
 * x87 and SSE for user threads: the CPU set up for them (CR0, CR4, XCR0),
 * access turned on and off with CR0.TS (off: the first FP or SSE
 * instruction raises #NM, trap.c passes it to the kernel), and a thread's
 * registers saved and loaded with XSAVE/XRSTOR, or FXSAVE/FXRSTOR where
 * CPUID offers no XSAVE. The kernel is built -mgeneral-regs-only: only
 * this file touches these registers.
 */
#include "x86.h"

#include <stddef.h>

/*
 * struct hal_fpu_state on x86_64: the FXSAVE image (XSAVE's legacy
 * region), then the XSAVE header. Only the fields the HAL sets itself are
 * named.
 */
struct fpu_image {
    uint16_t fcw;                /* x87 control word */
    uint8_t x87_status[22];      /* FSW, abridged FTW (0: all empty), FOP, FIP, FDP */
    uint32_t mxcsr;
    uint32_t mxcsr_mask;
    uint8_t registers[384];      /* ST0-ST7 / MM0-MM7, XMM0-XMM15 */
    uint8_t reserved[48];
    /*
     * Bytes 464-511 are the software's: no FXSAVE, XSAVE or restore
     * reads or writes them. A zeroed PCB (a new thread) has 0 here, so a
     * load gives it the initial state instead of FCW and MXCSR 0 (every
     * exception unmasked).
     */
    uint64_t saved;
    uint8_t software[40];
    uint64_t xstate_bv;          /* XSAVE header: which components are not in their init state */
    uint8_t header[56];          /* XCOMP_BV and reserved: 0, as XRSTOR requires */
};

_Static_assert(offsetof(struct fpu_image, mxcsr) == 24, "FXSAVE layout");
_Static_assert(offsetof(struct fpu_image, saved) == 464, "the software-available bytes");
_Static_assert(offsetof(struct fpu_image, xstate_bv) == 512, "the XSAVE header follows");
_Static_assert(sizeof(struct fpu_image) == sizeof(struct hal_fpu_state), "A9N_ARCH_FPU_STATE_SIZE");
_Static_assert(_Alignof(struct hal_fpu_state) >= 64, "XSAVE needs 64-byte alignment");

/* XCR0 / the XSAVE component mask: x87 and SSE (XMM registers, MXCSR). */
#define XSTATE_X87_SSE 3u

/*
 * The state of a thread that never used the FPU, as FNINIT and the SDM's
 * power-up values leave it: x87 control 0x37f (every exception masked,
 * 64-bit precision, round to nearest), MXCSR 0x1f80 (likewise), empty x87
 * stack, every register 0. For XRSTOR, XSTATE_BV 0 puts x87 and XMM in
 * their init state and MXCSR comes from the image.
 */
static const struct fpu_image initial_state __attribute__((aligned(64))) = {
    .fcw = 0x37f,
    .mxcsr = 0x1f80,
};

static bool use_xsave;

void x86_fpu_init(void)
{
    uint32_t basic[4];
    x86_cpuid(1, 0, basic);
    /* FXSR, SSE, SSE2: every x86_64 CPU has them; the SysV ABI passes doubles in XMM. */
    if ((basic[3] & (7u << 24)) != (7u << 24))
        kernel_panic("x86_64: the CPU lacks FXSAVE or SSE2");

    /*
     * EM clear: x87 runs (EM set would make it #NM for good). MP: WAIT
     * honours TS too. NE: x87 errors are #MF, not the legacy FERR# line.
     * TS: access off until a thread uses the FPU.
     */
    x86_write_cr0((x86_read_cr0() & ~X86_CR0_EM) | X86_CR0_MP | X86_CR0_NE | X86_CR0_TS);
    /* FXSAVE/SSE on, and unmasked SSE exceptions are #XM (else #UD). */
    uint64_t cr4 = x86_read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    if (basic[2] & (1u << 26)) {
        x86_write_cr4(cr4 | X86_CR4_OSXSAVE);
        /* Only x87 and SSE: AVX and later state would need a larger save area. */
        __asm__ volatile("xsetbv" : : "c"(0), "a"(XSTATE_X87_SSE), "d"(0));
        uint32_t xsave[4];
        x86_cpuid(0xd, 0, xsave);
        if (xsave[1] > sizeof(struct fpu_image))
            kernel_panic("x86_64: XSAVE area of %u bytes", xsave[1]);
        use_xsave = true;
    } else {
        x86_write_cr4(cr4);
    }
}

void hal_fpu_access(bool on)
{
    if (on)
        __asm__ volatile("clts");
    else
        x86_write_cr0(x86_read_cr0() | X86_CR0_TS);
}

void hal_fpu_switch(struct hal_fpu_state *save, const struct hal_fpu_state *load)
{
    /* With TS set the saves and loads below would raise #NM themselves. */
    __asm__ volatile("clts");
    if (save != NULL) {
        struct fpu_image *image = (struct fpu_image *)save;
        if (use_xsave)
            __asm__ volatile("xsave64 %0" : "=m"(*image) : "a"(XSTATE_X87_SSE), "d"(0));
        else
            __asm__ volatile("fxsave64 %0" : "=m"(*image));
        image->saved = 1;
    }
    const struct fpu_image *image = (const struct fpu_image *)load;
    if (!image->saved)
        image = &initial_state;
    /* Every x87 and SSE register is loaded: nothing of the previous owner stays. */
    if (use_xsave)
        __asm__ volatile("xrstor64 %0" : : "m"(*image), "a"(XSTATE_X87_SSE), "d"(0));
    else
        __asm__ volatile("fxrstor64 %0" : : "m"(*image));
}
