/*
 * Typed wrappers for the Notification Port operations (docs/abi-ipc.md).
 * Notify ORs the capability's badge into the port's word; wait and poll
 * return the word and clear it.
 */
#ifndef LIBA9N_NOTIFICATION_H
#define LIBA9N_NOTIFICATION_H

#include <a9n/error.h>
#include <a9n/ipc.h>
#include <a9n/types.h>
#include <liba9n/kernel_call.h>

enum a9n_error a9n_notification_notify(a9n_word_t port);
/* Blocks until the word is non-zero. */
struct a9n_word_result a9n_notification_wait(a9n_word_t port);
/* A9N_ERROR_WOULD_BLOCK when the word is 0. */
struct a9n_word_result a9n_notification_poll(a9n_word_t port);

#endif
