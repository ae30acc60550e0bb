/*
 * How much memory init lets a program it starts from a boot module hold
 * (ULMM's per-client quota, docs/ulmm.md §7, "Quotas"). Boot modules are
 * the test programs of test images; some must be able to take all of
 * memory (the exhaust group proves ULMM survives that), so they have no
 * limit, except those whose names start with "quota", which test the
 * limit itself. The programs of a running system are the POSIX server's,
 * which gives each one its own quota (koito/posix/process.c).
 */
#include "init.h"

static bool starts_with(const char *text, const char *prefix)
{
    while (*prefix != '\0')
        if (*text++ != *prefix++)
            return false;
    return true;
}

a9n_word_t koito_program_quota(const char *module_name)
{
    return starts_with(module_name, "quota") ? KOITO_TEST_QUOTA : ULMM_QUOTA_UNLIMITED;
}
