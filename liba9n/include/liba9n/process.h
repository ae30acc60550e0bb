/*
 * Typed wrappers for the Process (PCB) operations (docs/abi-process.md),
 * and a9n_thread_start: run a C function as a new thread.
 */
#ifndef LIBA9N_PROCESS_H
#define LIBA9N_PROCESS_H

#include <a9n/error.h>
#include <a9n/process.h>
#include <a9n/types.h>
#include <liba9n/kernel_call.h>

/* What configure sets: only the fields in `fields` (enum a9n_process_field bits). */
struct a9n_process_configuration {
    unsigned fields;
    a9n_word_t address_space; /* descriptors in the caller's root node */
    a9n_word_t root_node;     /* depth 0: the caller's own root node */
    a9n_word_t ipc_buffer;
    a9n_word_t resolver;
    a9n_word_t ip, sp, tls;
    unsigned priority;
    unsigned affinity;
};

enum a9n_error a9n_process_configure(a9n_word_t process,
                                     const struct a9n_process_configuration *configuration);

/* Registers by number (enum a9n_process_register), up to A9N_PROCESS_REGISTERS_PER_CALL at once. */
enum a9n_error a9n_process_read_registers(a9n_word_t process, a9n_word_t first, unsigned count,
                                          a9n_word_t *values);
enum a9n_error a9n_process_write_registers(a9n_word_t process, a9n_word_t first, unsigned count,
                                           const a9n_word_t *values);
struct a9n_word_result a9n_process_read_register(a9n_word_t process, a9n_word_t number);
enum a9n_error a9n_process_write_register(a9n_word_t process, a9n_word_t number,
                                          a9n_word_t value);

enum a9n_error a9n_process_resume(a9n_word_t process);
enum a9n_error a9n_process_suspend(a9n_word_t process);

/*
 * A thread running `function(argument)` on [stack, stack + stack_size) in
 * an address space where both are mapped (typically the caller's own).
 * When the function returns, the thread suspends its own PCB.
 */
struct a9n_thread_start {
    a9n_word_t process;       /* the PCB to use (configured, then resumed) */
    a9n_word_t address_space; /* descriptors in the caller's root node */
    a9n_word_t root_node;     /* depth 0: the caller's own root node */
    a9n_word_t ipc_buffer;    /* Frame, or 0 for none */
    a9n_word_t resolver;      /* IPC Port for faults, or 0 for none */
    unsigned priority;        /* at most the caller's own */
    void (*function)(a9n_word_t argument);
    a9n_word_t argument;
    void *stack;
    a9n_word_t stack_size;
};

enum a9n_error a9n_thread_start(const struct a9n_thread_start *start);

#endif
