/*
 * signal and raise. A KOITO program has no signal handlers: the POSIX
 * server carries out a signal's default action (the end of the process)
 * or ignores it, so signal() takes SIG_DFL and SIG_IGN, which the server
 * keeps, and refuses a function (EINVAL). raise is kill of oneself.
 *
 * This file defines every symbol of newlib's own signal.o, so that
 * nothing pulls that one in beside it (abort calls raise).
 */
#include "glue.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>


_sig_func_ptr signal(int number, _sig_func_ptr handler)
{
    if (number <= 0 || number >= NSIG || (handler != SIG_DFL && handler != SIG_IGN)) {
        errno = EINVAL;
        return SIG_ERR;
    }
    posix_set_word(0, (a9n_word_t)number);
    posix_set_word(1, handler == SIG_IGN ? KOITO_POSIX_SIGNAL_IGNORE : KOITO_POSIX_SIGNAL_DEFAULT);
    long previous = posix_result(posix_call(KOITO_POSIX_SIGNAL, 2));
    if (previous < 0)
        return SIG_ERR;
    return previous == KOITO_POSIX_SIGNAL_IGNORE ? SIG_IGN : SIG_DFL;
}

_sig_func_ptr _signal_r(struct _reent *reent, int number, _sig_func_ptr handler)
{
    (void)reent;
    return signal(number, handler);
}

int raise(int number)
{
    return kill(getpid(), number);
}

int _raise_r(struct _reent *reent, int number)
{
    (void)reent;
    return raise(number);
}

/* newlib's table of handlers: there is none to set up. */
int _init_signal(void)
{
    return 0;
}

int _init_signal_r(struct _reent *reent)
{
    (void)reent;
    return 0;
}

/* newlib's "run the handler" step: no signal has one (1: the default action applies). */
int __sigtramp(int number)
{
    (void)number;
    return 1;
}

int __sigtramp_r(struct _reent *reent, int number)
{
    (void)reent;
    return __sigtramp(number);
}
