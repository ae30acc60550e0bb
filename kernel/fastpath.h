/*
 * IPC fast path: call and reply-receive of a short message between two
 * threads that can switch to each other at once, done by each
 * architecture's kernel-call entry in assembly (hal/x86_64/fastpath.asm,
 * hal/riscv64/fastpath.S) before any C runs. It must give exactly what the
 * general path (kernel_handle_kernel_call, ipc_port.c) gives;
 * tests/system/suite/fastpath compares the two.
 *
 * The operation, as ipc_port_call / ipc_port_reply_receive do it in this
 * one situation:
 *  - Taken when: the call number is A9N_KERNEL_CALL_CAPABILITY; MR1 is CALL or REPLY_RECEIVE; the info (MR2) has a
 *    payload within the register MRs, no capability and none of the unused
 *    bits 12-15 set; MR0 names, in one level, a slot of the caller's root
 *    node (which is a Node) holding an IPC Port capability with the WRITE
 *    (call) or READ (reply-receive) right.
 *  - Call: the port's first waiting thread is BLOCKED_RECEIVE. Reply-
 *    receive: reply_to is set, the caller's ipc_flags are 0 (not a fault
 *    report, nor a call that waited in the queue), and the port's queue is
 *    empty or holds receivers.
 *  - The partner has at least the current priority (so no ready thread
 *    outranks it), has an address space, and its context may be entered
 *    by the architecture's fast return (x86_64: marked VECTOR_SYSCALL).
 *  - FPU access (fpu.h) goes with the owner: a sender with access (the
 *    owner) loses it, a partner that owns the FPU (IDLE) gets it. The
 *    priority check compares the signed 64-bit words fpu_role << 32 |
 *    priority of partner and sender, so both cases fail it, and nothing
 *    else does when the priorities are right; the out-of-line branch
 *    checks the priorities alone, then hands access over (sender IDLE and
 *    hal_fpu_access(false), or partner ACCESS and hal_fpu_access(true))
 *    and goes on. That is the only change before the last check, and the
 *    general path puts it right if a later check fails (fpu_enter at its
 *    exit).
 *  - Every check comes before the first change; a failed one continues in
 *    the general path with the registers as the user left them.
 *  - Then: queue and reply links as the general path sets them, the
 *    partner READY on the rest of the current quantum
 *    (scheduler_switch_direct), its address space through the word of
 *    hal_address_space_switch_word (or hal_address_space_activate when it
 *    is 0), fastpath_hits counted, and the partner entered with MR0 = 1,
 *    MR1 = 0, MR2 = the info as sent, MR3 = the badge (0 for a reply) and
 *    the register payload MRs as the sender held them (they travel whole,
 *    docs/abi.md section 11). The sender's MRs are not saved: whatever
 *    resumes it rewrites them.
 *
 * kernel/asm_offsets.c generates the structure offsets and constants the
 * assembly uses.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <a9n/types.h>

/*
 * IPC operations the fast path completed since boot, incremented by the
 * assembly; tests read it through the Debug capability (A9N_DEBUG_FASTPATH_HITS).
 */
extern a9n_word_t fastpath_hits;

#endif
