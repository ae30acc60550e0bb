/*
 * Process objects. The operations on Process capabilities (configure,
 * registers, resume, suspend) are dispatched from here.
 */
#include "process.h"

a9n_paddr_t process_address_space_root(const struct process *process)
{
    const struct slot *address_space = &process->slots[PROCESS_SLOT_ADDRESS_SPACE];
    return address_space->type == A9N_CAPABILITY_ADDRESS_SPACE ? address_space->object : 0;
}
