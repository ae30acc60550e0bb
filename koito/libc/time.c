/*
 * Clocks and sleeping over the POSIX server (CLOCK_GETTIME, NANOSLEEP in
 * docs/posix.md): clock_gettime, gettimeofday (time() uses it),
 * nanosleep, sleep, usleep, and times (clock() uses it). There is no
 * per-process CPU accounting: times() counts the time since boot as the
 * caller's user time.
 */
#include "glue.h"

#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>


int clock_gettime(clockid_t clock, struct timespec *now)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
        errno = EINVAL;
        return -1;
    }
    posix_set_word(0, clock == CLOCK_MONOTONIC ? 1 : 0);
    if (posix_result(posix_call(KOITO_POSIX_CLOCK_GETTIME, 1)) < 0)
        return -1;
    now->tv_sec = (time_t)posix_reply_word(1);
    now->tv_nsec = (long)posix_reply_word(2);
    return 0;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone)
{
    (void)zone;
    struct timespec time;
    if (clock_gettime(CLOCK_REALTIME, &time) != 0)
        return -1;
    if (now != NULL)
        *now = (struct timeval){ .tv_sec = time.tv_sec, .tv_usec = time.tv_nsec / 1000 };
    return 0;
}
GLUE_ALSO_UNDERSCORED(gettimeofday);

clock_t times(struct tms *times)
{
    struct timespec time;
    if (clock_gettime(CLOCK_MONOTONIC, &time) != 0)
        return (clock_t)-1;
    clock_t ticks = (clock_t)time.tv_sec * CLOCKS_PER_SEC +
                    (clock_t)(time.tv_nsec / (1000000000 / CLOCKS_PER_SEC));
    *times = (struct tms){ .tms_utime = ticks };
    return ticks;
}
GLUE_ALSO_UNDERSCORED(times);

/*
 * The whole time, unless a signal ends the process first (there are no
 * handlers, so no EINTR). The server takes the deadline, not the
 * duration: the request it answers "again" is sent once more unchanged.
 */
int nanosleep(const struct timespec *duration, struct timespec *remaining)
{
    if (duration->tv_sec < 0 || duration->tv_nsec < 0 || duration->tv_nsec >= 1000000000) {
        errno = EINVAL;
        return -1;
    }
    struct timespec deadline;
    if (clock_gettime(CLOCK_MONOTONIC, &deadline) != 0)
        return -1;
    deadline.tv_sec += duration->tv_sec;
    deadline.tv_nsec += duration->tv_nsec;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    posix_set_word(0, (a9n_word_t)deadline.tv_sec);
    posix_set_word(1, (a9n_word_t)deadline.tv_nsec);
    if (posix_result(posix_call(KOITO_POSIX_NANOSLEEP, 2)) < 0)
        return -1;
    if (remaining != NULL)
        *remaining = (struct timespec){ 0 };
    return 0;
}

unsigned sleep(unsigned seconds)
{
    struct timespec duration = { .tv_sec = seconds };
    return nanosleep(&duration, NULL) == 0 ? 0 : seconds;
}

int usleep(useconds_t microseconds)
{
    struct timespec duration = { .tv_sec = microseconds / 1000000,
                                 .tv_nsec = (long)(microseconds % 1000000) * 1000 };
    return nanosleep(&duration, NULL);
}
