/* Timer operations: arguments and results in the MRs docs/abi.md §15 names. */
#include <liba9n/timer.h>

struct a9n_word_result a9n_timer_read(a9n_word_t timer)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    struct a9n_word_result result = { .value = 0 };
    result.error = a9n_capability_call(timer, A9N_TIMER_READ, mr);
    if (result.error == A9N_ERROR_NONE)
        result.value = mr[A9N_TIMER_RESULT_NOW];
    return result;
}

enum a9n_error a9n_timer_bind(a9n_word_t timer, a9n_word_t notification, a9n_word_t badge)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_TIMER_ARG_NOTIFICATION] = notification;
    mr[A9N_TIMER_ARG_BADGE] = badge;
    return a9n_capability_call(timer, A9N_TIMER_BIND, mr);
}

enum a9n_error a9n_timer_arm(a9n_word_t timer, uint64_t deadline_ns)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_TIMER_ARG_DEADLINE] = deadline_ns;
    return a9n_capability_call(timer, A9N_TIMER_ARM, mr);
}

enum a9n_error a9n_timer_cancel(a9n_word_t timer, bool *was_armed)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    enum a9n_error error = a9n_capability_call(timer, A9N_TIMER_CANCEL, mr);
    if (error == A9N_ERROR_NONE && was_armed != NULL)
        *was_armed = mr[A9N_TIMER_RESULT_WAS_ARMED] != 0;
    return error;
}
