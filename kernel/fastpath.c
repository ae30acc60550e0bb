/*
 * The IPC fast path's counter, shared with the architectures' assembly
 * (see fastpath.h), and the operation numbering its first test relies on.
 */
#include "fastpath.h"

#include <a9n/capability.h>
#include <a9n/interrupt.h>
#include <a9n/ipc.h>
#include <a9n/memory.h>
#include <a9n/process.h>
#include <a9n/timer.h>

a9n_word_t fastpath_hits;

/*
 * hal/<arch>'s kernel-call entry takes the fast path for a capability call
 * whose operation is call or reply-receive, before the target is looked
 * up. An operation of another type with the same number would enter it
 * too and leave it only after the lookup (frame map paid 20 instructions
 * so, when IPC Port operations were numbered from 1): the last operation
 * of every other type stays below the first IPC Port operation.
 */
#define BELOW_IPC_PORT_OPERATIONS(last)                                                   \
    _Static_assert((last) < A9N_IPC_PORT_SEND, #last " shares a number with IPC Port")
BELOW_IPC_PORT_OPERATIONS(A9N_NODE_REVOKE);
BELOW_IPC_PORT_OPERATIONS(A9N_GENERIC_CONVERT);
BELOW_IPC_PORT_OPERATIONS(A9N_PROCESS_SUSPEND);
BELOW_IPC_PORT_OPERATIONS(A9N_NOTIFICATION_POLL);
BELOW_IPC_PORT_OPERATIONS(A9N_ADDRESS_SPACE_MISSING_DEPTH);
BELOW_IPC_PORT_OPERATIONS(A9N_PAGE_TABLE_UNMAP);
BELOW_IPC_PORT_OPERATIONS(A9N_FRAME_PHYSICAL_ADDRESS);
BELOW_IPC_PORT_OPERATIONS(A9N_INTERRUPT_REGION_MAKE_PORT);
BELOW_IPC_PORT_OPERATIONS(A9N_INTERRUPT_PORT_ACK);
BELOW_IPC_PORT_OPERATIONS(A9N_IO_PORT_WRITE);
BELOW_IPC_PORT_OPERATIONS(A9N_TIMER_CANCEL);
