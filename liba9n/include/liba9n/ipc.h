/*
 * Typed wrappers for the IPC Port operations (docs/abi-ipc.md). A message
 * lives in the message registers: mr[] holds the hardware-register MRs
 * (set mr[A9N_MR_INFO] with a9n_message_info() and the payload from
 * mr[A9N_MR_PAYLOAD]); MRs from A9N_ARCH_REGISTER_MRS on are in the
 * thread's IPC buffer at the same index, where the caller writes and reads
 * them directly. On return mr[] holds what arrived: info, badge, payload.
 */
#ifndef LIBA9N_IPC_H
#define LIBA9N_IPC_H

#include <a9n/error.h>
#include <a9n/ipc.h>
#include <a9n/types.h>
#include <liba9n/kernel_call.h>

enum a9n_error a9n_ipc_send(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
enum a9n_error a9n_ipc_send_non_blocking(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
enum a9n_error a9n_ipc_receive(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
enum a9n_error a9n_ipc_receive_non_blocking(a9n_word_t port,
                                            a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
enum a9n_error a9n_ipc_call(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
/* Reply and reply-receive: `port` is any port capability with the read right. */
enum a9n_error a9n_ipc_reply(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);
enum a9n_error a9n_ipc_reply_receive(a9n_word_t port, a9n_word_t mr[A9N_ARCH_REGISTER_MRS]);

#endif
