/* Process operations: arguments placed in the MRs docs/abi-process.md names. */
#include <liba9n/process.h>

enum a9n_error a9n_process_configure(a9n_word_t process,
                                     const struct a9n_process_configuration *configuration)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_PROCESS_ARG_CONFIGURE] = a9n_process_configure_word(
        configuration->fields, configuration->priority, configuration->affinity);
    mr[A9N_PROCESS_ARG_ADDRESS_SPACE] = configuration->address_space;
    mr[A9N_PROCESS_ARG_ROOT_NODE] = configuration->root_node;
    mr[A9N_PROCESS_ARG_IPC_BUFFER] = configuration->ipc_buffer;
    mr[A9N_PROCESS_ARG_RESOLVER] = configuration->resolver;
    mr[A9N_PROCESS_ARG_IP] = configuration->ip;
    mr[A9N_PROCESS_ARG_SP] = configuration->sp;
    mr[A9N_PROCESS_ARG_TLS] = configuration->tls;
    return a9n_capability_call(process, A9N_PROCESS_CONFIGURE, mr);
}

enum a9n_error a9n_process_read_registers(a9n_word_t process, a9n_word_t first, unsigned count,
                                          a9n_word_t *values)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_PROCESS_ARG_REGISTER] = first;
    mr[A9N_PROCESS_ARG_COUNT] = count;
    enum a9n_error error = a9n_capability_call(process, A9N_PROCESS_READ_REGISTERS, mr);
    for (unsigned i = 0; error == A9N_ERROR_NONE && i < count; i++)
        values[i] = mr[A9N_PROCESS_ARG_VALUES + i];
    return error;
}

enum a9n_error a9n_process_write_registers(a9n_word_t process, a9n_word_t first, unsigned count,
                                           const a9n_word_t *values)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_PROCESS_ARG_REGISTER] = first;
    mr[A9N_PROCESS_ARG_COUNT] = count;
    /* More than fit is refused by the kernel; copy only what the MRs hold. */
    for (unsigned i = 0; i < count && i < A9N_PROCESS_REGISTERS_PER_CALL; i++)
        mr[A9N_PROCESS_ARG_VALUES + i] = values[i];
    return a9n_capability_call(process, A9N_PROCESS_WRITE_REGISTERS, mr);
}

struct a9n_word_result a9n_process_read_register(a9n_word_t process, a9n_word_t number)
{
    struct a9n_word_result result = { .value = 0 };
    result.error = a9n_process_read_registers(process, number, 1, &result.value);
    return result;
}

enum a9n_error a9n_process_write_register(a9n_word_t process, a9n_word_t number,
                                          a9n_word_t value)
{
    return a9n_process_write_registers(process, number, 1, &value);
}

enum a9n_error a9n_process_resume(a9n_word_t process)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(process, A9N_PROCESS_RESUME, mr);
}

enum a9n_error a9n_process_suspend(a9n_word_t process)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(process, A9N_PROCESS_SUSPEND, mr);
}
