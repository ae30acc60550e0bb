/* Notification Port operations; the word comes back in MR2. */
#include <liba9n/notification.h>

enum a9n_error a9n_notification_notify(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(port, A9N_NOTIFICATION_NOTIFY, mr);
}

static struct a9n_word_result take(a9n_word_t port, enum a9n_notification_operation operation)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    struct a9n_word_result result = { .value = 0 };
    result.error = a9n_capability_call(port, operation, mr);
    if (result.error == A9N_ERROR_NONE)
        result.value = mr[A9N_NOTIFICATION_ARG_WORD];
    return result;
}

struct a9n_word_result a9n_notification_wait(a9n_word_t port)
{
    return take(port, A9N_NOTIFICATION_WAIT);
}

struct a9n_word_result a9n_notification_poll(a9n_word_t port)
{
    return take(port, A9N_NOTIFICATION_POLL);
}
