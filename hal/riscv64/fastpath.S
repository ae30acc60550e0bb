/*
 * IPC fast path, riscv64 (kernel/fastpath.h has the contract and the
 * general path it must match): call and reply-receive of a short message
 * between threads that can switch to each other at once, as one straight
 * line from trap_entry to sret.
 *
 * What makes it short:
 * - The message stays in the registers. MR0..MR3 (a0..a3) become success,
 *   error, info and badge; the payload registers (a4..a6, t0..t6) travel
 *   whole (docs/abi.md, section 11) and a7 is the partner's call number
 *   as well, so none of them is stored or loaded.
 * - trap_entry saved what the sender keeps (ra, gp, tp, s0..s11, sp, pc);
 *   the call number is stored too. The MRs are not: whatever resumes a
 *   thread blocked in call or reply-receive rewrites them.
 * - Every check comes before the first change, so a failed check
 *   continues in riscv_kernel_call_general (trap.S), which saves the MR
 *   registers, untouched so far, as if the fast path did not exist.
 * - Any register values are safe for sret (hal_return_to_user), so the
 *   partner's context needs no check.
 *
 * On entry (from trap_entry, right above in the image: the branches are
 * short): sp = the sender's context (= its process), sscratch = 0, MRs in
 * their registers. Scratch: ra, gp, tp, s0..s11.
 */
#include "riscv.h"
#include "layout.h"
#include "asm_offsets.h"

#define CONTEXT_X(n) (((n) - 1) * 8)
#define CONTEXT_PC (31 * 8)

/* Loads of trap.S's kept_registers from the context at s10, which goes last. */
.macro load_kept_registers
.irp n, 1, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 27
    ld x\n, CONTEXT_X(\n)(s10)
.endr
    ld s10, CONTEXT_X(26)(s10)
.endm

/*
 * The message registers a C call may change (a2..a7, t0..t6; a0 and a1
 * are set last) on the kernel stack below sp, and back. sp stays lowered:
 * the partner's own replaces it before sret.
 */
.macro save_message_on_kernel_stack
    addi sp, sp, -128
    sd a2, 0(sp)
    sd a3, 8(sp)
    sd a4, 16(sp)
    sd a5, 24(sp)
    sd a6, 32(sp)
    sd a7, 40(sp)
    sd t0, 48(sp)
    sd t1, 56(sp)
    sd t2, 64(sp)
    sd t3, 72(sp)
    sd t4, 80(sp)
    sd t5, 88(sp)
    sd t6, 96(sp)
.endm

.macro restore_message_from_kernel_stack
    ld a2, 0(sp)
    ld a3, 8(sp)
    ld a4, 16(sp)
    ld a5, 24(sp)
    ld a6, 32(sp)
    ld a7, 40(sp)
    ld t0, 48(sp)
    ld t1, 56(sp)
    ld t2, 64(sp)
    ld t3, 72(sp)
    ld t4, 80(sp)
    ld t5, 88(sp)
    ld t6, 96(sp)
.endm

/*
 * A short message (info in a2): payload within the register MRs, no
 * capability, none of the unused info bits 12-15; the info is then
 * delivered exactly as sent.
 */
.macro check_short_message
    slli s4, a2, 64 - SHORT_INFO_BITS
    srli s4, s4, 64 - SHORT_INFO_BITS
    sltiu s4, s4, SHORT_LENGTH_MAX + 1
    beqz s4, fallback
.endm

/*
 * s7 = the slot of the port capability a0 names in one level (a slot of
 * the root node itself): its type and rights masked with `rights_mask`
 * must be `port_with_right` (an IPC Port with READ or WRITE); s8 = the
 * direct map's base. Else fallback.
 */
.macro look_up_port rights_mask, port_with_right
    /*
     * One level: depth == radix and the path below 2^radix, both at once:
     * descriptor >> radix == radix << (56 - radix). The root slot holds a
     * Node or nothing (configure installs only Nodes), and an empty one
     * (radix 0) passes only descriptor 0, excluded first.
     */
    beqz a0, fallback
    lwu s5, PROCESS_ROOT_RADIX(sp)
    srl s6, a0, s5
    slli s4, s5, DESCRIPTOR_DEPTH_SHIFT
    srl s4, s4, s5
    bne s6, s4, fallback
    /* slot = root node + path * 64 (the path is the low 56 bits) */
    slli s6, a0, 64 - DESCRIPTOR_DEPTH_SHIFT
    srli s6, s6, 64 - DESCRIPTOR_DEPTH_SHIFT - SLOT_BITS
    ld s7, PROCESS_ROOT_OBJECT(sp)
    li s8, DIRECT_MAP_BASE
    add s7, s7, s8
    add s7, s7, s6
    /* type and rights in one 16-bit load */
    lhu s4, SLOT_TYPE(s7)
    andi s4, s4, \rights_mask
    li s5, \port_with_right
    bne s4, s5, fallback
.endm

/*
 * s10 = the partner: it may run at once in the sender's place. s11 = its
 * address space (root table). Scratch: s4, s5. `checked` is a label after
 * the priority check, `fpu` the function's fpu_hand_over (out of line).
 */
.macro check_partner checked, fpu
    /*
     * At least the sender's priority: the running thread is outranked by
     * no ready one, so neither is the partner (scheduler_switch_direct).
     * The words hold the FPU role above the priority (process.h),
     * compared signed: a sender with FPU access or a partner that owns
     * the FPU fails too, and `fpu` tells the cases apart.
     */
    ld s4, PROCESS_PRIORITY(sp)
    ld s5, PROCESS_PRIORITY(s10)
    blt s5, s4, \fpu
\checked:
    /*
     * Without an address space the general path stops it instead. The
     * slot holds an Address Space or nothing (object 0); an address space
     * at physical address 0 would merely take the general path.
     */
    ld s11, PROCESS_ADDRESS_SPACE_OBJECT(s10)
    beqz s11, fallback
.endm

/*
 * Out of line from check_partner: the partner's priority is too low (the
 * general path), or FPU access changes hands (kernel/fpu.h) and the
 * exchange goes on at `checked`. A sender with access is the owner: it
 * keeps its registers in the FPU but must not lend them to the partner,
 * so sstatus.FS goes off (the partner's first FP instruction traps). A
 * partner that owns the FPU gets access back, so that it does not trap
 * for the registers it already has. Scratch: s4, s5.
 */
.macro fpu_hand_over checked
    lwu s4, PROCESS_PRIORITY(sp)
    lwu s5, PROCESS_PRIORITY(s10)
    bltu s5, s4, fallback
    lw s4, PROCESS_FPU_ROLE(sp)
    li s5, FPU_ACCESS
    beq s4, s5, 1f
    lw s4, PROCESS_FPU_ROLE(s10)
    li s5, FPU_IDLE
    bne s4, s5, fallback
    li s4, FPU_ACCESS
    sw s4, PROCESS_FPU_ROLE(s10)
    li s4, SSTATUS_FS
    csrs sstatus, s4
    j \checked
1:  li s4, FPU_IDLE
    sw s4, PROCESS_FPU_ROLE(sp)
    li s4, SSTATUS_FS
    csrc sstatus, s4
    j \checked
.endm

    .section .text

/* ipc_port_call when the first thread in the port's queue waits to receive. */
    .global riscv_fastpath_call
riscv_fastpath_call:
    check_short_message
    look_up_port TYPE_AND_RIGHTS_MASK_WRITE, IPC_PORT_WRITABLE
    ld s9, SLOT_OBJECT(s7)
    add s9, s9, s8              /* the port */
    ld s10, IPC_PORT_HEAD(s9)
    beqz s10, fallback
    lw s4, PROCESS_STATE(s10)
    li s5, STATE_BLOCKED_RECEIVE
    bne s4, s5, fallback
    check_partner .Lcall_priority_checked, .Lcall_fpu_hand_over

    /*
     * Commit. The receiver leaves the queue (it is its head; a thread in
     * no queue keeps its queue links NULL, process.h) ...
     */
    ld s4, PROCESS_QUEUE_NEXT(s10)
    sd s4, IPC_PORT_HEAD(s9)
    bnez s4, 2f
    sd zero, IPC_PORT_TAIL(s9)
1:  sd zero, PROCESS_WAITING_ON(s10)
    /* ... and holds the reply right to the caller, which waits for it. */
    li s4, STATE_BLOCKED_REPLY
    sw s4, PROCESS_STATE(sp)
    sd s10, PROCESS_REPLIER(sp)
    sd sp, PROCESS_REPLY_TO(s10)
    ld a3, SLOT_BADGE(s7)       /* MR3: the badge */
    j switch_to_partner
2:  sd zero, PROCESS_QUEUE_PREVIOUS(s4)
    sd zero, PROCESS_QUEUE_NEXT(s10)
    j 1b
.Lcall_fpu_hand_over:
    fpu_hand_over .Lcall_priority_checked

/* A check failed before anything changed: the general path, as if nothing happened. */
fallback:
    j riscv_kernel_call_general

/* ipc_port_reply_receive when the caller waits for this reply and no sender waits on the port. */
    .global riscv_fastpath_reply_receive
riscv_fastpath_reply_receive:
    check_short_message
    look_up_port TYPE_AND_RIGHTS_MASK_READ, IPC_PORT_READABLE
    ld s10, PROCESS_REPLY_TO(sp)
    beqz s10, fallback
    /*
     * Flags left by a call that waited in the queue (the general path
     * clears them) or a fault report (answered by resuming the faulter).
     */
    lw s4, PROCESS_IPC_FLAGS(s10)
    bnez s4, fallback
    ld s9, SLOT_OBJECT(s7)
    add s9, s9, s8              /* the port */
    ld s4, IPC_PORT_HEAD(s9)
    bnez s4, .Lqueue_not_empty
.Lno_sender:
    check_partner .Lreply_priority_checked, .Lreply_fpu_hand_over

    /* Commit. The reply right is used up ... */
    sd zero, PROCESS_REPLY_TO(sp)
    sd zero, PROCESS_REPLIER(s10)
    /*
     * ... and the server waits on the port, last in its queue (its
     * queue_next is NULL already: the running thread is in no queue).
     */
    li s4, STATE_BLOCKED_RECEIVE
    sw s4, PROCESS_STATE(sp)
    sd s9, PROCESS_WAITING_ON(sp)
    ld s4, IPC_PORT_TAIL(s9)
    sd s4, PROCESS_QUEUE_PREVIOUS(sp)
    bnez s4, .Lafter_tail
    sd sp, IPC_PORT_HEAD(s9)
.Lappended:
    sd sp, IPC_PORT_TAIL(s9)
    li a3, 0                    /* MR3: a reply has badge 0 */
    /* on into switch_to_partner */

/*
 * s10 = the partner, s11 = its address space, sp = the sender, a3 = MR3.
 * The partner runs on the rest of the sender's quantum
 * (scheduler_switch_direct).
 */
switch_to_partner:
    li s4, STATE_READY
    sw s4, PROCESS_STATE(s10)
    lw s4, PROCESS_QUANTUM(sp)
    sw s4, PROCESS_QUANTUM(s10)
1:  auipc s4, %pcrel_hi(scheduler_running)
    sd s10, %pcrel_lo(1b)(s4)
2:  auipc s4, %pcrel_hi(fastpath_hits)
    ld s5, %pcrel_lo(2b)(s4)
    addi s5, s5, 1
    sd s5, %pcrel_lo(2b)(s4)
3:  auipc s4, %pcrel_hi(scheduler_active_address_space)
    ld s5, %pcrel_lo(3b)(s4)
    beq s11, s5, 4f
    sd s11, %pcrel_lo(3b)(s4)
    /* The switch word in the metadata page, right after the root table. */
    add s5, s11, s8
    li s6, ADDRESS_SPACE_METADATA
    add s5, s5, s6
    ld s5, METADATA_SWITCH_WORD(s5)
    beqz s5, activate_by_call
    csrw satp, s5
4:
#ifdef A9N_CHECKED
    /*
     * The checked kernel checks the state the fast path left, as the
     * general path does at its exit (kernel/checked.h), with sscratch
     * still 0 (a trap in the check is the kernel's own).
     */
    la sp, kernel_stack_top
    save_message_on_kernel_stack
    call checked_fastpath_exit
    restore_message_from_kernel_stack
#endif
    /* The next trap saves into the partner's context. */
    csrw sscratch, s10
    ld s4, CONTEXT_PC(s10)
    csrw sepc, s4
    /* MR0 success, MR1 no error; MR2 (the info), MR3 and the payload are in place. */
    li a0, 1
    li a1, 0
    ld sp, CONTEXT_X(2)(s10)
    load_kept_registers
    sret

/*
 * No switch word (an address space without an identifier, or fewer ASIDs
 * than identifiers): hal_address_space_activate(root, tag), keeping the
 * message registers (the C code may change them) on the kernel stack. The
 * sender's context is complete, so the kernel stack is free.
 */
activate_by_call:
    la sp, kernel_stack_top
    save_message_on_kernel_stack
    mv a0, s11
    add a1, s11, s8
    li s6, ADDRESS_SPACE_METADATA
    add a1, a1, s6
    ld a1, METADATA_TAG(a1)
    call hal_address_space_activate
    restore_message_from_kernel_stack
    j 4b

/* Out of line for reply-receive: the rarer queue states. */
.Lqueue_not_empty:
    /* Receivers may wait there too; a sender means a message to take. */
    lw s4, PROCESS_STATE(s4)
    li s5, STATE_BLOCKED_SEND
    beq s4, s5, fallback
    j .Lno_sender
.Lafter_tail:
    sd sp, PROCESS_QUEUE_NEXT(s4)
    j .Lappended
.Lreply_fpu_hand_over:
    fpu_hand_over .Lreply_priority_checked
