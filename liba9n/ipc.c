/* IPC Port operations: the message is already in mr[]; only MR0 and MR1 are set here. */
#include <liba9n/ipc.h>

enum a9n_error a9n_ipc_send(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_SEND, mr);
}

enum a9n_error a9n_ipc_send_non_blocking(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_SEND_NON_BLOCKING, mr);
}

enum a9n_error a9n_ipc_receive(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_RECEIVE, mr);
}

enum a9n_error a9n_ipc_receive_non_blocking(a9n_word_t port,
                                            a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_RECEIVE_NON_BLOCKING, mr);
}

enum a9n_error a9n_ipc_call(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_CALL, mr);
}

enum a9n_error a9n_ipc_reply(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_REPLY, mr);
}

enum a9n_error a9n_ipc_reply_receive(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_capability_call(port, A9N_IPC_PORT_REPLY_RECEIVE, mr);
}
