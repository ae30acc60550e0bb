/*
 * The hardware abstraction layer: everything the architecture-independent
 * kernel asks of an architecture, and the upcalls an architecture makes into
 * the kernel. A port implements exactly this (see docs/porting.md).
 *
 * Execution model: one kernel stack per CPU and no kernel threads. Every
 * entry into the kernel (kernel call, fault, interrupt) saves the user
 * registers into the context last passed to hal_return_to_user(), resets the
 * kernel stack and calls one of the kernel_handle_* upcalls. Upcalls never
 * return: they end in hal_return_to_user() or hal_idle().
 */
#ifndef HAL_H
#define HAL_H

#include <a9n/boot_info.h>
#include <a9n/error.h>
#include <a9n/fault.h>
#include <a9n/interrupt.h>
#include <a9n/paging.h>
#include <a9n/types.h>
#include <a9n_arch.h>

/* ---- console and machine control ---------------------------------------- */

/* Write one byte to the boot console (polled, usable at any time). */
void hal_console_putc(char c);

/* Stop this CPU for good with interrupts off (after a kernel panic). */
_Noreturn void hal_halt(void);

/*
 * Stop the machine and report status to the host: QEMU's exit device
 * (x86 isa-debug-exit, riscv sifive_test). status 0 means success.
 */
_Noreturn void hal_debug_exit(unsigned status);

/* ---- physical memory ------------------------------------------------------ */

/*
 * Kernel view of physical memory: every RAM byte is in the direct map, a
 * linear one at hal_direct_map_offset (defined by each HAL). The
 * translation is inline because the IPC fast path makes several per call.
 * hal_virt_to_phys accepts direct-map and kernel-image addresses.
 */
#ifdef A9N_HOST_TEST
/* Host tests map "physical" memory into an arena and check every access. */
void *hal_phys_to_virt(a9n_paddr_t paddr);
#else
extern const uintptr_t hal_direct_map_offset;

static inline void *hal_phys_to_virt(a9n_paddr_t paddr)
{
    return (void *)(hal_direct_map_offset + (uintptr_t)paddr);
}
#endif
a9n_paddr_t hal_virt_to_phys(const void *vaddr);

/* ---- paging --------------------------------------------------------------- */

struct hal_paging_geometry {
    unsigned levels;    /* depth of the root table */
    unsigned page_bits; /* log2 of the base page size == table size */
    /* index_bits[d - 1]: bits of the virtual address a depth-d table decodes */
    unsigned index_bits[A9N_PAGING_MAX_LEVELS];
};

const struct hal_paging_geometry *hal_paging_geometry(void);

/*
 * Make a zeroed, page-sized root table a usable address space: install the
 * kernel's (global, supervisor-only) half. The caller owns the memory.
 */
void hal_address_space_init(a9n_paddr_t root);

/*
 * Install the zeroed table `table` of depth `depth` (1 .. levels-1) so that
 * it translates `va`. Errors: A9N_ERROR_INVALID_ADDRESS (va not user),
 * A9N_ERROR_NOT_MAPPED (the depth+1 table on the way is missing),
 * A9N_ERROR_ALREADY_MAPPED (a table is already there).
 */
enum a9n_error hal_map_table(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t table);

/*
 * Map the base page `frame` at `va` with enum a9n_map_attribute bits.
 * Same errors as hal_map_table (depth 0). The HAL enforces nothing about
 * rights: the kernel has already limited the attributes.
 */
enum a9n_error hal_map_frame(a9n_paddr_t root, a9n_word_t va, a9n_paddr_t frame, unsigned attributes);

/*
 * Remove the entry of depth `depth` (0 = frame) translating `va` and flush
 * the TLB for it. Errors: A9N_ERROR_INVALID_ADDRESS, A9N_ERROR_NOT_MAPPED.
 */
enum a9n_error hal_unmap(a9n_paddr_t root, a9n_word_t va, unsigned depth);

/*
 * The depth of the first table missing on the way to `va`'s frame entry:
 * levels-1 if the root has nothing for va, ... 1 if only the lowest table is
 * missing, 0 when every table is there (the frame entry itself may be in
 * use: see hal_lookup).
 */
unsigned hal_missing_depth(a9n_paddr_t root, a9n_word_t va);

/*
 * What the entry of depth `depth` (0 = frame) translating the user page
 * `va` installs: true with the table's or frame's physical address in
 * *target, false when that entry or a table above it is empty (or va is
 * not a user page). The kernel checks with it that an entry is still the
 * one a capability installed before removing it.
 */
bool hal_lookup(a9n_paddr_t root, a9n_word_t va, unsigned depth, a9n_paddr_t *target);

/*
 * Switch this CPU to the address space rooted at `root`. `tag` is the
 * kernel's identifier of it (low A9N_ADDRESS_SPACE_ID_BITS bits) and that
 * identifier's generation (above): a port with ASIDs/PCIDs keeps the
 * address space's translations under the identifier and flushes them when
 * the tag differs from the one it last loaded for the identifier (the
 * identifier was recycled). Tag 0 (no identifier yet) must always flush.
 */
void hal_address_space_activate(a9n_paddr_t root, a9n_word_t tag);

/*
 * The word the IPC fast path writes into the MMU (x86_64: CR3, riscv64:
 * satp) to enter `root` under `tag` with the effect of
 * hal_address_space_activate(root, tag), or 0 when that call is needed
 * (the fast path then makes it). Called once, when the address space takes
 * its identifier (`tag` is never 0 here); the HAL forgets the identifier's
 * previous owner at this point (its translations are flushed) so that the
 * word needs no check at each switch.
 */
a9n_word_t hal_address_space_switch_word(a9n_paddr_t root, a9n_word_t tag);

/* ---- threads and user mode ------------------------------------------------ */

/* Fill a context with a clean user-mode state (all registers zero). */
void hal_context_init(struct a9n_arch_context *context);

/*
 * The kernel wrote registers of `context` on a user's request (write
 * registers, configure): the context no longer holds only what the
 * kernel-call entry saved, which a HAL's fast way back may rely on.
 */
void hal_context_written(struct a9n_arch_context *context);

/*
 * Restore `context` and enter user mode. The next kernel entry saves the
 * user registers back into `context`.
 */
_Noreturn void hal_return_to_user(struct a9n_arch_context *context);

/*
 * Nothing to run: reset the kernel stack, enable interrupts and halt the CPU
 * until one arrives (its upcall then decides what runs). No busy spinning.
 */
_Noreturn void hal_idle(void);

/* ---- FP / SIMD registers of user threads ---------------------------------- */

/*
 * A thread's FP/SIMD registers while the FPU holds someone else's, in the
 * port's format (x86_64: an XSAVE or FXSAVE image, riscv64: f0-f31 and
 * fcsr). All zero, as in a new PCB, stands for the architecture's initial
 * state. Only the HAL reads or writes it.
 */
struct hal_fpu_state {
    _Alignas(A9N_ARCH_FPU_STATE_ALIGN) uint8_t bytes[A9N_ARCH_FPU_STATE_SIZE];
};

/*
 * Let user mode use the FPU (on), or make its next FP instruction trap to
 * kernel_handle_fpu_unavailable (off; so at boot). The registers are left
 * as they are: turning access off hides them, it does not save them.
 */
void hal_fpu_access(bool on);

/*
 * Store the FPU registers into `save` (NULL: drop them), load `load` and
 * turn access on. The kernel itself never uses FP: this is the only place
 * the registers change.
 */
void hal_fpu_switch(struct hal_fpu_state *save, const struct hal_fpu_state *load);

/* ---- timer ---------------------------------------------------------------- */

/* Start a periodic timer interrupt at `hz`; each tick calls kernel_handle_timer. */
void hal_timer_start(unsigned hz);

/*
 * Monotonic nanoseconds since the HAL set up its clock during boot (before
 * kernel_main), with a resolution of 1 us or better. Never goes backwards
 * and runs while the CPU idles. Cheap: a counter read, a 64x64->128-bit
 * multiplication and a shift (no division), as it runs on every tick and
 * every Timer read.
 */
uint64_t hal_clock_ns(void);

/* ---- upcalls: implemented by the kernel, called by the HAL ---------------- */

/* Once, after the HAL set up the CPU, paging and console. */
_Noreturn void kernel_main(const struct a9n_boot_info *boot_info);

/* A kernel call; the call number and MRs are in the current user context. */
_Noreturn void kernel_handle_kernel_call(void);

/*
 * A user-mode fault. `address` is the faulting data address for page and
 * misaligned faults, else 0; `flags` are enum a9n_fault_access bits.
 * Faults in kernel mode never come here: the HAL reports them and halts.
 */
_Noreturn void kernel_handle_fault(enum a9n_fault_kind kind, a9n_word_t address, unsigned flags);

/*
 * The running thread used the FPU while its access was off (hal_fpu_access).
 * riscv64 cannot tell an FP instruction from another illegal one: it
 * reports every illegal instruction taken with access off here, and one
 * that is not FP traps again, as an illegal-instruction fault, once the
 * kernel has turned access on.
 */
_Noreturn void kernel_handle_fpu_unavailable(void);

/* A timer tick, from user mode or from hal_idle(). */
_Noreturn void kernel_handle_timer(void);

/* Panic path shared by HAL and kernel: print and stop. */
_Noreturn void kernel_panic(const char *fmt, ...);

/* Kernel console output, usable by the HAL too (printf subset: see kernel/print.c). */
void kernel_printf(const char *fmt, ...);

/* ---- interrupt controller, I/O ports, console device -------------------- */

/*
 * Device interrupt lines are numbered 0 .. hal_interrupt_count() - 1 (x86_64:
 * I/O APIC global system interrupts; riscv64: PLIC sources, where 0 is not a
 * source and never fires). Every line starts masked; the timer is not one
 * of them.
 */
unsigned hal_interrupt_count(void);

/* Stop / start delivery of `line` (< hal_interrupt_count()). */
void hal_interrupt_mask(unsigned line);
void hal_interrupt_unmask(unsigned line);

/*
 * Upcall for a device interrupt on `line`. The HAL has already masked the
 * line and finished the interrupt at the controller (x86_64: LAPIC EOI;
 * riscv64: PLIC claim and complete), so other lines keep arriving; the
 * line stays quiet until hal_interrupt_unmask(line).
 */
_Noreturn void kernel_handle_interrupt(unsigned line);

/*
 * The I/O port space (x86_64): ports 0 .. hal_io_port_count() - 1, 0 where
 * the architecture has none. Accesses of `width` 1, 2 or 4 bytes at `port`;
 * the kernel has checked that port .. port + width - 1 exists.
 */
unsigned hal_io_port_count(void);
uint32_t hal_io_port_read(unsigned port, unsigned width);
void hal_io_port_write(unsigned port, unsigned width, uint32_t value);

/* Where the console UART's registers and receive interrupt are (for init). */
void hal_console_describe(struct a9n_console_info *console);

#endif
