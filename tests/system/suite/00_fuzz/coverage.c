/*
 * The fuzzers' coverage report (coverage.h). A tally counts by the type a
 * target slot started with in the layout: a fuzz process never writes over
 * a layout slot, so such a target holds that type or nothing (and then
 * returns EMPTY_SLOT); the lone fuzzer can, so its report is a close
 * estimate only.
 */
#include <a9n/interrupt.h>
#include <a9n/ipc.h>
#include <a9n/memory.h>
#include <a9n/process.h>
#include <a9n/timer.h>
#include <liba9n/debug.h>

#include "coverage.h"
#include "world.h"

/*
 * The highest operation number of each type: its operations are 1 .. this,
 * the IPC Port's A9N_IPC_PORT_SEND .. this (abi/a9n/ipc.h).
 */
static const unsigned char last_operation[A9N_CAPABILITY_TYPE_COUNT] = {
    [A9N_CAPABILITY_NODE] = A9N_NODE_REVOKE,
    [A9N_CAPABILITY_GENERIC] = A9N_GENERIC_CONVERT,
    [A9N_CAPABILITY_PROCESS] = A9N_PROCESS_SUSPEND,
    [A9N_CAPABILITY_IPC_PORT] = A9N_IPC_PORT_RECEIVE_NON_BLOCKING,
    [A9N_CAPABILITY_NOTIFICATION_PORT] = A9N_NOTIFICATION_POLL,
    [A9N_CAPABILITY_ADDRESS_SPACE] = A9N_ADDRESS_SPACE_MISSING_DEPTH,
    [A9N_CAPABILITY_PAGE_TABLE] = A9N_PAGE_TABLE_UNMAP,
    [A9N_CAPABILITY_FRAME] = A9N_FRAME_PHYSICAL_ADDRESS,
    [A9N_CAPABILITY_INTERRUPT_REGION] = A9N_INTERRUPT_REGION_MAKE_PORT,
    [A9N_CAPABILITY_INTERRUPT_PORT] = A9N_INTERRUPT_PORT_ACK,
    [A9N_CAPABILITY_IO_PORT] = A9N_IO_PORT_WRITE,
    [A9N_CAPABILITY_TIMER] = A9N_TIMER_CANCEL,
};
_Static_assert(A9N_IPC_PORT_RECEIVE_NON_BLOCKING < FUZZ_OPERATIONS,
               "every operation number has a column of the tally");

static const char *const type_names[A9N_CAPABILITY_TYPE_COUNT] = {
    [A9N_CAPABILITY_NONE] = "other-target",
    [A9N_CAPABILITY_NODE] = "node",
    [A9N_CAPABILITY_GENERIC] = "generic",
    [A9N_CAPABILITY_PROCESS] = "process",
    [A9N_CAPABILITY_IPC_PORT] = "ipc-port",
    [A9N_CAPABILITY_NOTIFICATION_PORT] = "notification",
    [A9N_CAPABILITY_ADDRESS_SPACE] = "address-space",
    [A9N_CAPABILITY_PAGE_TABLE] = "page-table",
    [A9N_CAPABILITY_FRAME] = "frame",
    [A9N_CAPABILITY_INTERRUPT_REGION] = "interrupt-region",
    [A9N_CAPABILITY_INTERRUPT_PORT] = "interrupt-port",
    [A9N_CAPABILITY_IO_PORT] = "io-port",
    [A9N_CAPABILITY_VIRTUAL_CPU] = "virtual-cpu",
    [A9N_CAPABILITY_TIMER] = "timer",
};

static const char *const error_names[A9N_ERROR_COUNT] = {
    [A9N_ERROR_NONE] = "none",
    [A9N_ERROR_UNKNOWN_OPERATION] = "unknown-operation",
    [A9N_ERROR_NOT_SUPPORTED] = "not-supported",
    [A9N_ERROR_INVALID_ARGUMENT] = "invalid-argument",
    [A9N_ERROR_INVALID_DEPTH] = "invalid-depth",
    [A9N_ERROR_INDEX_OUT_OF_RANGE] = "index-out-of-range",
    [A9N_ERROR_EMPTY_SLOT] = "empty-slot",
    [A9N_ERROR_SLOT_OCCUPIED] = "slot-occupied",
    [A9N_ERROR_WRONG_TYPE] = "wrong-type",
    [A9N_ERROR_MISSING_RIGHTS] = "missing-rights",
    [A9N_ERROR_INSUFFICIENT_MEMORY] = "insufficient-memory",
    [A9N_ERROR_INVALID_STATE] = "invalid-state",
    [A9N_ERROR_INVALID_ADDRESS] = "invalid-address",
    [A9N_ERROR_ALREADY_MAPPED] = "already-mapped",
    [A9N_ERROR_NOT_MAPPED] = "not-mapped",
    [A9N_ERROR_DESTROYED] = "destroyed",
    [A9N_ERROR_WOULD_BLOCK] = "would-block",
    [A9N_ERROR_HAS_CHILDREN] = "has-children",
    [A9N_ERROR_CANCELLED] = "cancelled",
};

/* A type or error added to the ABI after these tables has no name yet. */
const char *fuzz_coverage_type_name(unsigned type)
{
    return type < A9N_CAPABILITY_TYPE_COUNT && type_names[type] != 0 ? type_names[type] : "?";
}

const char *fuzz_coverage_error_name(enum a9n_error error)
{
    return (unsigned)error < A9N_ERROR_COUNT && error_names[error] != 0 ? error_names[error] : "?";
}

void fuzz_coverage_clear(struct fuzz_coverage *coverage)
{
    *coverage = (struct fuzz_coverage){ 0 };
}

void fuzz_coverage_add(struct fuzz_coverage *coverage, const volatile struct fuzz_shared *shared,
                       a9n_word_t calls)
{
    a9n_word_t sum = shared->unknown_errors;
    for (unsigned t = 0; t < A9N_CAPABILITY_TYPE_COUNT; t++)
        for (unsigned o = 0; o < FUZZ_OPERATIONS; o++)
            for (unsigned e = 0; e < A9N_ERROR_COUNT; e++)
                sum += shared->coverage[t][o][e];
    /*
     * Fewer counts than calls is right (yields and debug calls are not
     * counted); one time slice more than the supervisor saw is its last
     * slice; beyond that the tally was scribbled over.
     */
    if (sum > calls && !fuzz_calls_plausible(calls, sum)) {
        coverage->discarded++;
        return;
    }
    for (unsigned t = 0; t < A9N_CAPABILITY_TYPE_COUNT; t++)
        for (unsigned o = 0; o < FUZZ_OPERATIONS; o++)
            for (unsigned e = 0; e < A9N_ERROR_COUNT; e++)
                coverage->counts[t][o][e] += shared->coverage[t][o][e];
    coverage->unknown_errors += shared->unknown_errors;
}

a9n_word_t fuzz_coverage_count(const struct fuzz_coverage *coverage, unsigned type,
                               unsigned operation, enum a9n_error error)
{
    return coverage->counts[type][operation][error];
}

bool fuzz_coverage_pair_exists(unsigned slot_count, unsigned type, unsigned operation)
{
    unsigned first = type == A9N_CAPABILITY_IPC_PORT ? A9N_IPC_PORT_SEND : 1;
    if (type == A9N_CAPABILITY_NONE || operation < first || operation > last_operation[type])
        return false;
    if (type == A9N_CAPABILITY_IO_PORT && !fuzz_world_has_io_port())
        return false;
    for (unsigned slot = 1; slot < slot_count; slot++)
        if (fuzz_layout_type(slot) == type)
            return true;
    return false;
}

static a9n_word_t pair_calls(const struct fuzz_coverage *coverage, unsigned type,
                             unsigned operation)
{
    a9n_word_t calls = 0;
    for (unsigned e = 0; e < A9N_ERROR_COUNT; e++)
        calls += coverage->counts[type][operation][e];
    return calls;
}

void fuzz_coverage_print(const struct fuzz_coverage *coverage, unsigned slot_count,
                         const char *prefix)
{
    a9n_word_t pairs = 0, reached = 0, triples = 0, elsewhere = 0;
    for (unsigned t = 0; t < A9N_CAPABILITY_TYPE_COUNT; t++) {
        for (unsigned o = 0; o < FUZZ_OPERATIONS; o++) {
            if (!fuzz_coverage_pair_exists(slot_count, t, o)) {
                elsewhere += pair_calls(coverage, t, o);
                continue;
            }
            pairs++;
            reached += pair_calls(coverage, t, o) != 0;
            for (unsigned e = 0; e < A9N_ERROR_COUNT; e++)
                triples += coverage->counts[t][o][e] != 0;
        }
    }
    a9n_debug_puts(prefix);
    a9n_debug_puts(" coverage: ");
    a9n_debug_put_unsigned(reached);
    a9n_debug_puts(" of ");
    a9n_debug_put_unsigned(pairs);
    a9n_debug_puts(" (type, operation) pairs reached, ");
    a9n_debug_put_unsigned(triples);
    a9n_debug_puts(" (type, operation, error) triples; ");
    a9n_debug_put_unsigned(elsewhere);
    a9n_debug_puts(" calls to other targets or undefined operations\n");
}

void fuzz_coverage_print_table(const struct fuzz_coverage *coverage, unsigned slot_count,
                               const char *prefix)
{
    for (unsigned t = 0; t < A9N_CAPABILITY_TYPE_COUNT; t++) {
        for (unsigned o = 0; o < FUZZ_OPERATIONS; o++) {
            if (!fuzz_coverage_pair_exists(slot_count, t, o))
                continue;
            a9n_debug_puts(prefix);
            a9n_debug_puts(" coverage ");
            a9n_debug_puts(fuzz_coverage_type_name(t));
            a9n_debug_puts(" ");
            a9n_debug_put_unsigned(o);
            a9n_debug_puts(": ");
            a9n_debug_put_unsigned(pair_calls(coverage, t, o));
            for (unsigned e = 0; e < A9N_ERROR_COUNT; e++) {
                if (coverage->counts[t][o][e] == 0)
                    continue;
                a9n_debug_puts(" ");
                a9n_debug_puts(fuzz_coverage_error_name(e));
                a9n_debug_puts("=");
                a9n_debug_put_unsigned(coverage->counts[t][o][e]);
            }
            a9n_debug_puts("\n");
        }
    }
}
