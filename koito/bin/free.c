/*
 * free: ULMM's memory in bytes, one line "total T used U free F", so that
 * a test can compare it before and after something.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <koito/system.h>

int main(void)
{
    struct koito_memory_status memory;
    if (koito_memory_status(&memory) != 0) {
        fprintf(stderr, "free: %s\n", strerror(errno));
        return 1;
    }
    printf("total %llu used %llu free %llu\n", (unsigned long long)memory.total_bytes,
           (unsigned long long)(memory.total_bytes - memory.free_bytes),
           (unsigned long long)memory.free_bytes);
    return 0;
}
