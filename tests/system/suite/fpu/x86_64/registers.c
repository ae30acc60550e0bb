/*
 * x86_64 FP registers for the FP tests (../registers.h): XMM0-XMM15, the
 * eight x87 stack registers, MXCSR and the x87 control word.
 */
#include "../registers.h"

#include <stddef.h>
#include <stdint.h>

#include <liba9n/arch_kernel_call.h>

struct fpu_image {
    uint64_t xmm[16][2];
    int64_t x87[8]; /* pushed in this order: x87[7] ends up in ST0 */
    uint32_t mxcsr;
    uint16_t fcw;
    uint16_t unused;
};

/* What the assembly reads (expect) and writes (seen), at fixed offsets from rbx. */
struct fpu_images {
    struct fpu_image expect;
    struct fpu_image seen;
    uint32_t default_mxcsr;
};

_Static_assert(offsetof(struct fpu_image, x87) == 256, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_image, mxcsr) == 320, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_image, fcw) == 324, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_images, seen) == 328, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_images, default_mxcsr) == 656, "FILL and DUMP offsets");

const unsigned fpu_register_count = 16 + 8 + 2;

/* expect -> registers. FNINIT empties the x87 stack for the eight pushes. */
#define FILL                                                                             \
    "movdqu 0(%%rbx), %%xmm0\n movdqu 16(%%rbx), %%xmm1\n"                               \
    "movdqu 32(%%rbx), %%xmm2\n movdqu 48(%%rbx), %%xmm3\n"                              \
    "movdqu 64(%%rbx), %%xmm4\n movdqu 80(%%rbx), %%xmm5\n"                              \
    "movdqu 96(%%rbx), %%xmm6\n movdqu 112(%%rbx), %%xmm7\n"                             \
    "movdqu 128(%%rbx), %%xmm8\n movdqu 144(%%rbx), %%xmm9\n"                            \
    "movdqu 160(%%rbx), %%xmm10\n movdqu 176(%%rbx), %%xmm11\n"                          \
    "movdqu 192(%%rbx), %%xmm12\n movdqu 208(%%rbx), %%xmm13\n"                          \
    "movdqu 224(%%rbx), %%xmm14\n movdqu 240(%%rbx), %%xmm15\n"                          \
    "fninit\n fldcw 324(%%rbx)\n"                                                        \
    "fildq 256(%%rbx)\n fildq 264(%%rbx)\n fildq 272(%%rbx)\n fildq 280(%%rbx)\n"        \
    "fildq 288(%%rbx)\n fildq 296(%%rbx)\n fildq 304(%%rbx)\n fildq 312(%%rbx)\n"        \
    "ldmxcsr 320(%%rbx)\n"

/* registers -> seen, then the default control state back. */
#define DUMP                                                                             \
    "movdqu %%xmm0, 328(%%rbx)\n movdqu %%xmm1, 344(%%rbx)\n"                            \
    "movdqu %%xmm2, 360(%%rbx)\n movdqu %%xmm3, 376(%%rbx)\n"                            \
    "movdqu %%xmm4, 392(%%rbx)\n movdqu %%xmm5, 408(%%rbx)\n"                            \
    "movdqu %%xmm6, 424(%%rbx)\n movdqu %%xmm7, 440(%%rbx)\n"                            \
    "movdqu %%xmm8, 456(%%rbx)\n movdqu %%xmm9, 472(%%rbx)\n"                            \
    "movdqu %%xmm10, 488(%%rbx)\n movdqu %%xmm11, 504(%%rbx)\n"                          \
    "movdqu %%xmm12, 520(%%rbx)\n movdqu %%xmm13, 536(%%rbx)\n"                          \
    "movdqu %%xmm14, 552(%%rbx)\n movdqu %%xmm15, 568(%%rbx)\n"                          \
    "fistpq 640(%%rbx)\n fistpq 632(%%rbx)\n fistpq 624(%%rbx)\n fistpq 616(%%rbx)\n"    \
    "fistpq 608(%%rbx)\n fistpq 600(%%rbx)\n fistpq 592(%%rbx)\n fistpq 584(%%rbx)\n"    \
    "stmxcsr 648(%%rbx)\n fnstcw 652(%%rbx)\n"                                           \
    "fninit\n ldmxcsr 656(%%rbx)\n"

#define CLOBBERS                                                                         \
    "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",      \
        "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st",      \
        "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"

/*
 * Distinct values in every register and both control registers: a
 * rounding mode and flush-to-zero from the seed, sticky exception flags
 * (all exceptions stay masked).
 */
static void prepare(a9n_word_t seed, struct fpu_images *images)
{
    uint64_t base = (uint64_t)seed << 24;
    for (unsigned i = 0; i < 16; i++) {
        images->expect.xmm[i][0] = base + 0x1111 * (i + 1);
        images->expect.xmm[i][1] = ~base - 0x10001 * (i + 1);
    }
    for (unsigned i = 0; i < 8; i++)
        images->expect.x87[i] = (int64_t)(base + 0x777 * (i + 1));
    /* Bits 13-14 rounding, 15 flush to zero, 0-5 exception flags. */
    images->expect.mxcsr = 0x1f80 | (uint32_t)(seed % 4) << 13 | (uint32_t)(seed & 4) << 13 |
                           (uint32_t)(seed >> 3 & 0x3f);
    images->expect.fcw = (uint16_t)(0x37f | (seed % 4) << 10);
    images->default_mxcsr = 0x1f80;
}

static unsigned differences(const struct fpu_images *images)
{
    const struct fpu_image *expect = &images->expect, *seen = &images->seen;
    unsigned count = 0;
    for (unsigned i = 0; i < 16; i++)
        count += expect->xmm[i][0] != seen->xmm[i][0] || expect->xmm[i][1] != seen->xmm[i][1];
    for (unsigned i = 0; i < 8; i++)
        count += expect->x87[i] != seen->x87[i];
    count += expect->mxcsr != seen->mxcsr;
    count += expect->fcw != seen->fcw;
    return count;
}

unsigned fpu_hold_across_kernel_call(a9n_word_t seed, a9n_word_t number,
                                     a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    struct fpu_images images;
    prepare(seed, &images);
    register a9n_word_t rax __asm__("rax") = number;
    register a9n_word_t mr0 __asm__("rdi") = mr[0];
    register a9n_word_t mr1 __asm__("rsi") = mr[1];
    register a9n_word_t mr2 __asm__("rdx") = mr[2];
    register a9n_word_t mr3 __asm__("r10") = mr[3];
    register a9n_word_t mr4 __asm__("r8") = mr[4];
    register a9n_word_t mr5 __asm__("r9") = mr[5];
    register a9n_word_t mr6 __asm__("r12") = mr[6];
    register a9n_word_t mr7 __asm__("r13") = mr[7];
    register a9n_word_t mr8 __asm__("r14") = mr[8];
    register a9n_word_t mr9 __asm__("r15") = mr[9];
    __asm__ volatile(FILL "syscall\n" DUMP
                     : "+r"(rax), "+r"(mr0), "+r"(mr1), "+r"(mr2), "+r"(mr3), "+r"(mr4),
                       "+r"(mr5), "+r"(mr6), "+r"(mr7), "+r"(mr8), "+r"(mr9)
                     : "b"(&images)
                     : "rcx", "r11", CLOBBERS);
    mr[0] = mr0;
    mr[1] = mr1;
    mr[2] = mr2;
    mr[3] = mr3;
    mr[4] = mr4;
    mr[5] = mr5;
    mr[6] = mr6;
    mr[7] = mr7;
    mr[8] = mr8;
    mr[9] = mr9;
    return differences(&images);
}

unsigned fpu_hold_while_equal(a9n_word_t seed, const volatile a9n_word_t *word, a9n_word_t value,
                              a9n_word_t spins, bool *changed)
{
    struct fpu_images images;
    prepare(seed, &images);
    __asm__ volatile(FILL
                     "1: cmpq %[value], (%[word])\n jne 2f\n"
                     "decq %[spins]\n jnz 1b\n"
                     "2:\n" DUMP
                     : [spins] "+r"(spins)
                     : "b"(&images), [word] "r"(word), [value] "r"(value)
                     : CLOBBERS);
    *changed = spins != 0;
    return differences(&images);
}

unsigned fpu_hold_across_store(a9n_word_t seed, volatile a9n_word_t *address, a9n_word_t value)
{
    struct fpu_images images;
    prepare(seed, &images);
    __asm__ volatile(FILL "movq %[value], (%[address])\n" DUMP
                     :
                     : "b"(&images), [address] "r"(address), [value] "r"(value)
                     : CLOBBERS);
    return differences(&images);
}

void fpu_fill(a9n_word_t seed)
{
    struct fpu_images images;
    prepare(seed, &images);
    __asm__ volatile(FILL : : "b"(&images) : CLOBBERS);
}

bool fpu_is_initial(void)
{
    /* FNSTENV's 28-byte image: control, status and tag word in its first three 32-bit slots. */
    struct {
        uint32_t control, status, tags, rest[4];
        uint32_t mxcsr;
        uint64_t xmm[16][2];
    } state;
    __asm__ volatile("fnstenv %0\n fldcw %0\n stmxcsr %1\n"
                     "movdqu %%xmm0, 0(%2)\n movdqu %%xmm1, 16(%2)\n"
                     "movdqu %%xmm2, 32(%2)\n movdqu %%xmm3, 48(%2)\n"
                     "movdqu %%xmm4, 64(%2)\n movdqu %%xmm5, 80(%2)\n"
                     "movdqu %%xmm6, 96(%2)\n movdqu %%xmm7, 112(%2)\n"
                     "movdqu %%xmm8, 128(%2)\n movdqu %%xmm9, 144(%2)\n"
                     "movdqu %%xmm10, 160(%2)\n movdqu %%xmm11, 176(%2)\n"
                     "movdqu %%xmm12, 192(%2)\n movdqu %%xmm13, 208(%2)\n"
                     "movdqu %%xmm14, 224(%2)\n movdqu %%xmm15, 240(%2)\n"
                     : "=m"(state.control), "=m"(state.mxcsr)
                     : "r"(state.xmm)
                     : "memory");
    /* Every exception masked, 64-bit precision, round to nearest; empty stack, no flags. */
    bool initial = (state.control & 0xffff) == 0x37f && (state.status & 0xffff) == 0 &&
                   (state.tags & 0xffff) == 0xffff && state.mxcsr == 0x1f80;
    for (unsigned i = 0; i < 16; i++)
        initial = initial && state.xmm[i][0] == 0 && state.xmm[i][1] == 0;
    return initial;
}

double fpu_sqrt(double x)
{
    double root;
    __asm__("sqrtsd %1, %0" : "=x"(root) : "x"(x));
    return root;
}
