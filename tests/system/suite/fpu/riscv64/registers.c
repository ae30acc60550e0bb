/*
 * riscv64 FP registers for the FP tests (../registers.h): f0-f31 (D) and
 * fcsr (rounding mode and exception flags).
 */
#include "../registers.h"

#include <stddef.h>
#include <stdint.h>

struct fpu_image {
    uint64_t f[32];
    uint64_t fcsr;
};

/* What the assembly reads (expect) and writes (seen), at fixed offsets from s1. */
struct fpu_images {
    struct fpu_image expect;
    struct fpu_image seen;
    uint64_t spare; /* MR7 while t0 carries fcsr */
};

_Static_assert(offsetof(struct fpu_image, fcsr) == 256, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_images, seen) == 264, "FILL and DUMP offsets");
_Static_assert(offsetof(struct fpu_images, spare) == 528, "FILL and DUMP offsets");

const unsigned fpu_register_count = 32 + 1;

#define FILL                                                                             \
    "fld f0, 0(s1)\n fld f1, 8(s1)\n fld f2, 16(s1)\n fld f3, 24(s1)\n"                  \
    "fld f4, 32(s1)\n fld f5, 40(s1)\n fld f6, 48(s1)\n fld f7, 56(s1)\n"                \
    "fld f8, 64(s1)\n fld f9, 72(s1)\n fld f10, 80(s1)\n fld f11, 88(s1)\n"              \
    "fld f12, 96(s1)\n fld f13, 104(s1)\n fld f14, 112(s1)\n fld f15, 120(s1)\n"         \
    "fld f16, 128(s1)\n fld f17, 136(s1)\n fld f18, 144(s1)\n fld f19, 152(s1)\n"        \
    "fld f20, 160(s1)\n fld f21, 168(s1)\n fld f22, 176(s1)\n fld f23, 184(s1)\n"        \
    "fld f24, 192(s1)\n fld f25, 200(s1)\n fld f26, 208(s1)\n fld f27, 216(s1)\n"        \
    "fld f28, 224(s1)\n fld f29, 232(s1)\n fld f30, 240(s1)\n fld f31, 248(s1)\n"        \
    "ld t0, 256(s1)\n fscsr t0\n"

/* registers -> seen, then fcsr back at its default (round to nearest, no flags). */
#define DUMP                                                                             \
    "fsd f0, 264(s1)\n fsd f1, 272(s1)\n fsd f2, 280(s1)\n fsd f3, 288(s1)\n"            \
    "fsd f4, 296(s1)\n fsd f5, 304(s1)\n fsd f6, 312(s1)\n fsd f7, 320(s1)\n"            \
    "fsd f8, 328(s1)\n fsd f9, 336(s1)\n fsd f10, 344(s1)\n fsd f11, 352(s1)\n"          \
    "fsd f12, 360(s1)\n fsd f13, 368(s1)\n fsd f14, 376(s1)\n fsd f15, 384(s1)\n"        \
    "fsd f16, 392(s1)\n fsd f17, 400(s1)\n fsd f18, 408(s1)\n fsd f19, 416(s1)\n"        \
    "fsd f20, 424(s1)\n fsd f21, 432(s1)\n fsd f22, 440(s1)\n fsd f23, 448(s1)\n"        \
    "fsd f24, 456(s1)\n fsd f25, 464(s1)\n fsd f26, 472(s1)\n fsd f27, 480(s1)\n"        \
    "fsd f28, 488(s1)\n fsd f29, 496(s1)\n fsd f30, 504(s1)\n fsd f31, 512(s1)\n"        \
    "frcsr t0\n sd t0, 520(s1)\n fscsr zero\n"

#define CLOBBERS                                                                         \
    "memory", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11",  \
        "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22",     \
        "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31"

/* Distinct values in every register; a rounding mode (0-4 are valid) and exception flags. */
static void prepare(a9n_word_t seed, struct fpu_images *images)
{
    uint64_t base = (uint64_t)seed << 24;
    for (unsigned i = 0; i < 32; i++)
        images->expect.f[i] = (i % 2 ? ~base : base) + 0x1111 * (i + 1);
    images->expect.fcsr = (seed % 5) << 5 | (seed >> 3 & 0x1f);
}

static unsigned differences(const struct fpu_images *images)
{
    unsigned count = 0;
    for (unsigned i = 0; i < 32; i++)
        count += images->expect.f[i] != images->seen.f[i];
    return count + (images->expect.fcsr != images->seen.fcsr);
}

unsigned fpu_hold_across_kernel_call(a9n_word_t seed, a9n_word_t number,
                                     a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    struct fpu_images images;
    prepare(seed, &images);
    register struct fpu_images *base __asm__("s1") = &images;
    register a9n_word_t a7 __asm__("a7") = number;
    register a9n_word_t mr0 __asm__("a0") = mr[0];
    register a9n_word_t mr1 __asm__("a1") = mr[1];
    register a9n_word_t mr2 __asm__("a2") = mr[2];
    register a9n_word_t mr3 __asm__("a3") = mr[3];
    register a9n_word_t mr4 __asm__("a4") = mr[4];
    register a9n_word_t mr5 __asm__("a5") = mr[5];
    register a9n_word_t mr6 __asm__("a6") = mr[6];
    register a9n_word_t mr7 __asm__("t0") = mr[7];
    register a9n_word_t mr8 __asm__("t1") = mr[8];
    register a9n_word_t mr9 __asm__("t2") = mr[9];
    register a9n_word_t mr10 __asm__("t3") = mr[10];
    register a9n_word_t mr11 __asm__("t4") = mr[11];
    register a9n_word_t mr12 __asm__("t5") = mr[12];
    register a9n_word_t mr13 __asm__("t6") = mr[13];
    /* t0 carries fcsr in FILL and DUMP: MR7 waits in `spare` meanwhile. */
    __asm__ volatile("sd t0, 528(s1)\n" FILL "ld t0, 528(s1)\n ecall\n sd t0, 528(s1)\n" DUMP
                     "ld t0, 528(s1)\n"
                     : "+r"(mr0), "+r"(mr1), "+r"(mr2), "+r"(mr3), "+r"(mr4), "+r"(mr5),
                       "+r"(mr6), "+r"(mr7), "+r"(mr8), "+r"(mr9), "+r"(mr10), "+r"(mr11),
                       "+r"(mr12), "+r"(mr13)
                     : "r"(a7), "r"(base)
                     : CLOBBERS);
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
    mr[10] = mr10;
    mr[11] = mr11;
    mr[12] = mr12;
    mr[13] = mr13;
    return differences(&images);
}

unsigned fpu_hold_while_equal(a9n_word_t seed, const volatile a9n_word_t *word, a9n_word_t value,
                              a9n_word_t spins, bool *changed)
{
    struct fpu_images images;
    prepare(seed, &images);
    register struct fpu_images *base __asm__("s1") = &images;
    __asm__ volatile(FILL
                     "1: ld t0, 0(%[word])\n bne t0, %[value], 2f\n"
                     "addi %[spins], %[spins], -1\n bnez %[spins], 1b\n"
                     "2:\n" DUMP
                     : [spins] "+r"(spins)
                     : "r"(base), [word] "r"(word), [value] "r"(value)
                     : "t0", CLOBBERS);
    *changed = spins != 0;
    return differences(&images);
}

unsigned fpu_hold_across_store(a9n_word_t seed, volatile a9n_word_t *address, a9n_word_t value)
{
    struct fpu_images images;
    prepare(seed, &images);
    register struct fpu_images *base __asm__("s1") = &images;
    __asm__ volatile(FILL "sd %[value], 0(%[address])\n" DUMP
                     :
                     : "r"(base), [address] "r"(address), [value] "r"(value)
                     : "t0", CLOBBERS);
    return differences(&images);
}

void fpu_fill(a9n_word_t seed)
{
    struct fpu_images images;
    prepare(seed, &images);
    register struct fpu_images *base __asm__("s1") = &images;
    __asm__ volatile(FILL : : "r"(base) : "t0", CLOBBERS);
}

bool fpu_is_initial(void)
{
    struct fpu_images images;
    register struct fpu_images *base __asm__("s1") = &images;
    __asm__ volatile(DUMP : : "r"(base) : "t0", "memory");
    /* +0.0 everywhere, round to nearest, no flags. */
    bool initial = images.seen.fcsr == 0;
    for (unsigned i = 0; i < 32; i++)
        initial = initial && images.seen.f[i] == 0;
    return initial;
}

double fpu_sqrt(double x)
{
    double root;
    __asm__("fsqrt.d %0, %1" : "=f"(root) : "f"(x));
    return root;
}
