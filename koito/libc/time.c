/*
 * Clocks (gettimeofday, times): the system keeps no wall clock and no
 * per-process times yet, so both fail with ENOSYS (time() and clock()
 * then return -1).
 */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>

#include "glue.h"

int gettimeofday(struct timeval *restrict now, void *restrict zone)
{
    (void)now;
    (void)zone;
    errno = ENOSYS;
    return -1;
}
GLUE_ALSO_UNDERSCORED(gettimeofday);

clock_t times(struct tms *times)
{
    (void)times;
    errno = ENOSYS;
    return (clock_t)-1;
}
GLUE_ALSO_UNDERSCORED(times);
