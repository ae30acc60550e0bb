/*
 * Typed wrappers for the IPC Port operations (docs/abi-ipc.md). A message
 * lives in the message registers: mr[] holds the hardware-register MRs
 * (set mr[A9N_MR_INFO] with a9n_message_info() and the payload from
 * mr[A9N_MR_PAYLOAD]); MRs from A9N_ARCH_REGISTER_MRS on are in the
 * thread's IPC buffer at the same index, where the caller writes and reads
 * them directly. On return mr[] holds what arrived: info, badge, payload.
 *
 * The wrappers are inline: with a local mr[] the compiler keeps the
 * message in the very registers the kernel call uses, so an IPC costs the
 * kernel-call instruction and little else (the IPC fast path's round trip
 * includes these stubs).
 */
#ifndef LIBA9N_IPC_H
#define LIBA9N_IPC_H

#include <a9n/error.h>
#include <a9n/ipc.h>
#include <a9n/types.h>
#include <liba9n/arch_kernel_call.h>
#include <liba9n/kernel_call.h>

/* Operation `operation` on the port `port`; the kernel's error code. */
static inline enum a9n_error a9n_ipc_invoke(a9n_word_t port, a9n_word_t operation,
                                            a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    mr[A9N_MR_TARGET] = port;
    mr[A9N_MR_OPERATION] = operation;
    a9n_arch_kernel_call_inline((a9n_word_t)A9N_KERNEL_CALL_CAPABILITY, mr);
    /* MR1 is the error code, A9N_ERROR_NONE with success: one test, not two. */
    return (enum a9n_error)mr[A9N_MR_ERROR];
}

static inline enum a9n_error a9n_ipc_send(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_SEND, mr);
}

static inline enum a9n_error a9n_ipc_send_non_blocking(a9n_word_t port,
                                                       a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_SEND_NON_BLOCKING, mr);
}

static inline enum a9n_error a9n_ipc_receive(a9n_word_t port,
                                             a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_RECEIVE, mr);
}

static inline enum a9n_error a9n_ipc_receive_non_blocking(a9n_word_t port,
                                                          a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_RECEIVE_NON_BLOCKING, mr);
}

static inline enum a9n_error a9n_ipc_call(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_CALL, mr);
}

/* Reply and reply-receive: `port` is any port capability with the read right. */
static inline enum a9n_error a9n_ipc_reply(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_REPLY, mr);
}

static inline enum a9n_error a9n_ipc_reply_receive(a9n_word_t port,
                                                   a9n_word_t mr[A9N_ARCH_REGISTER_MRS])
{
    return a9n_ipc_invoke(port, A9N_IPC_PORT_REPLY_RECEIVE, mr);
}

#endif
