/*
 * The structure offsets and constants the assembly IPC fast paths use
 * (hal/<arch>/fastpath.*, see fastpath.h). Never linked: the build
 * compiles this file to assembly for the target and turns each EMIT into
 * a definition in $(BUILD)/generated/asm_offsets.{h,inc}, so the
 * assembly follows the C layout instead of copying it by hand.
 */
#include <stddef.h>

#include <a9n/capability.h>
#include <a9n/ipc.h>
#include <a9n/kernel_call.h>

#include "address_space.h"
#include "ipc_port.h"
#include "process.h"

/* A line "->NAME value" in the generated assembly; the build rewrites it. */
#define EMIT(name, value) __asm__ volatile("\n.ascii \"->" #name " %c0\"" ::"n"((long)(value)))

#define PROCESS_SLOT(index, field) \
    (offsetof(struct process, slots) + (index) * sizeof(struct slot) + offsetof(struct slot, field))

void asm_offsets(void);
void asm_offsets(void)
{
    _Static_assert(offsetof(struct process, context) == 0,
                   "the context pointer is the process pointer");

    EMIT(PROCESS_ROOT_TYPE, PROCESS_SLOT(PROCESS_SLOT_ROOT_NODE, type));
    EMIT(PROCESS_ROOT_RADIX, PROCESS_SLOT(PROCESS_SLOT_ROOT_NODE, parameter));
    EMIT(PROCESS_ROOT_OBJECT, PROCESS_SLOT(PROCESS_SLOT_ROOT_NODE, object));
    EMIT(PROCESS_ADDRESS_SPACE_TYPE, PROCESS_SLOT(PROCESS_SLOT_ADDRESS_SPACE, type));
    EMIT(PROCESS_ADDRESS_SPACE_OBJECT, PROCESS_SLOT(PROCESS_SLOT_ADDRESS_SPACE, object));
    EMIT(PROCESS_STATE, offsetof(struct process, state));
    /*
     * One 64-bit load of a priority brings the FPU role along, as the
     * upper half (process.h; both ports are little-endian).
     */
    _Static_assert(offsetof(struct process, priority) % 8 == 0, "priority word aligned");
    _Static_assert(offsetof(struct process, fpu_role) == offsetof(struct process, priority) + 4 &&
                       sizeof(int) == 4,
                   "fpu_role the upper half of the priority word");
    EMIT(PROCESS_PRIORITY, offsetof(struct process, priority));
    EMIT(PROCESS_FPU_ROLE, offsetof(struct process, fpu_role));
    EMIT(FPU_IDLE, PROCESS_FPU_IDLE);
    EMIT(FPU_ACCESS, PROCESS_FPU_ACCESS);
    EMIT(PROCESS_QUANTUM, offsetof(struct process, quantum_ticks));
    EMIT(PROCESS_QUEUE_NEXT, offsetof(struct process, queue_next));
    EMIT(PROCESS_QUEUE_PREVIOUS, offsetof(struct process, queue_previous));
    EMIT(PROCESS_WAITING_ON, offsetof(struct process, waiting_on));
    EMIT(PROCESS_IPC_FLAGS, offsetof(struct process, ipc_flags));
    EMIT(PROCESS_REPLY_TO, offsetof(struct process, reply_to));
    EMIT(PROCESS_REPLIER, offsetof(struct process, replier));

    EMIT(STATE_READY, PROCESS_STATE_READY);
    EMIT(STATE_BLOCKED_SEND, PROCESS_STATE_BLOCKED_SEND);
    EMIT(STATE_BLOCKED_RECEIVE, PROCESS_STATE_BLOCKED_RECEIVE);
    EMIT(STATE_BLOCKED_REPLY, PROCESS_STATE_BLOCKED_REPLY);

    /* Type and rights are adjacent bytes: one 16-bit load checks both. */
    _Static_assert(offsetof(struct slot, rights) == offsetof(struct slot, type) + 1,
                   "rights right after type");
    EMIT(SLOT_BITS, A9N_SLOT_BITS);
    EMIT(SLOT_OBJECT, offsetof(struct slot, object));
    EMIT(SLOT_TYPE, offsetof(struct slot, type));
    EMIT(SLOT_BADGE, offsetof(struct slot, local.badge));
    EMIT(TYPE_NODE, A9N_CAPABILITY_NODE);
    EMIT(TYPE_ADDRESS_SPACE, A9N_CAPABILITY_ADDRESS_SPACE);
    EMIT(TYPE_AND_RIGHTS_MASK_READ, 0xff | A9N_RIGHT_READ << 8);
    EMIT(TYPE_AND_RIGHTS_MASK_WRITE, 0xff | A9N_RIGHT_WRITE << 8);
    EMIT(IPC_PORT_READABLE, A9N_CAPABILITY_IPC_PORT | A9N_RIGHT_READ << 8);
    EMIT(IPC_PORT_WRITABLE, A9N_CAPABILITY_IPC_PORT | A9N_RIGHT_WRITE << 8);

    _Static_assert(offsetof(struct ipc_port, queue) == 0, "a port's address is its queue's");
    EMIT(IPC_PORT_HEAD, offsetof(struct ipc_port, queue.head));
    EMIT(IPC_PORT_TAIL, offsetof(struct ipc_port, queue.tail));

    EMIT(KERNEL_CALL_CAPABILITY, A9N_KERNEL_CALL_CAPABILITY);
    EMIT(OPERATION_CALL, A9N_IPC_PORT_CALL);
    EMIT(OPERATION_REPLY_RECEIVE, A9N_IPC_PORT_REPLY_RECEIVE);
    EMIT(DESCRIPTOR_DEPTH_SHIFT, A9N_DESCRIPTOR_DEPTH_SHIFT);
    /*
     * A short message: info & SHORT_INFO_MASK at most SHORT_LENGTH_MAX, i.e.
     * a payload within the register MRs, no capability and none of the
     * unused bits 12-15 (which the delivered info must not carry).
     */
    EMIT(SHORT_INFO_BITS, A9N_MESSAGE_INFO_LABEL_SHIFT);
    EMIT(SHORT_LENGTH_MAX, A9N_ARCH_REGISTER_MRS - A9N_MR_PAYLOAD);

    /* The metadata page follows the root table (address_space.h). */
    EMIT(ADDRESS_SPACE_METADATA, A9N_ARCH_PAGE_SIZE);
    EMIT(METADATA_SWITCH_WORD, offsetof(struct address_space_metadata, switch_word));
    EMIT(METADATA_TAG, offsetof(struct address_space_metadata, tag));
}
