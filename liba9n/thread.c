/*
 * Threads of a liba9n program: a9n_thread_start, and how every thread
 * knows its own PCB so that a9n_thread_exit stops the caller and no other
 * thread. The thread pointer (x86_64 FS base, riscv64 tp: the TLS field
 * of configure, kept per PCB by the kernel) points at the thread's control
 * block, which names its PCB.
 */
#include <liba9n/arch_thread.h>
#include <liba9n/process.h>

struct thread_control {
    struct thread_control *self; /* the block's own address: x86_64 reads it as fs:0 */
    a9n_word_t process;          /* the thread's own PCB descriptor */
};

/* The first thread's block, named by a9n_start or a9n_thread_set_self. */
static struct thread_control first_thread;
/*
 * Whether the first thread has its block. Until it does, a thread cannot
 * tell whether its own thread pointer is set (x86_64 would fault reading
 * through a zero FS base), so a9n_thread_exit reads none.
 */
static bool first_thread_named;

/* Point `process`'s thread pointer at `control`, which names `process`. */
static enum a9n_error set_control(a9n_word_t process, struct thread_control *control)
{
    *control = (struct thread_control){ control, process };
    const struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_TLS,
        .tls = (a9n_word_t)control,
    };
    return a9n_process_configure(process, &configuration);
}

void a9n_thread_set_self(a9n_word_t process)
{
    first_thread_named = set_control(process, &first_thread) == A9N_ERROR_NONE;
}

_Noreturn void a9n_thread_exit(void)
{
    a9n_word_t process = 0;
    if (first_thread_named)
        process = ((struct thread_control *)a9n_arch_thread_pointer())->process;
    /* Suspend returns only if someone resumes the thread: then stop again. */
    for (;;) {
        if (process == 0 || a9n_process_suspend(process) != A9N_ERROR_NONE)
            a9n_yield();
    }
}

/* What a new thread needs, kept at the top of its own stack (a multiple of 16 bytes). */
struct thread_block {
    struct thread_control control;
    void (*function)(a9n_word_t argument);
    a9n_word_t argument;
};

/* liba9n/<arch>/start: aligns the stack and calls a9n_thread_main(first argument). */
void a9n_thread_entry(void);

_Noreturn void a9n_thread_main(struct thread_block *block)
{
    block->function(block->argument);
    /* Its own PCB, even in a program whose first thread is not named. */
    for (;;)
        a9n_process_suspend(block->control.process);
}

enum a9n_error a9n_thread_start(const struct a9n_thread_start *start)
{
    a9n_word_t top = ((a9n_word_t)start->stack + start->stack_size) & ~(a9n_word_t)15;
    struct thread_block *block = (struct thread_block *)top - 1;
    *block = (struct thread_block){
        .control = { &block->control, start->process },
        .function = start->function,
        .argument = start->argument,
    };

    struct a9n_process_configuration configuration = {
        .fields = A9N_PROCESS_FIELD_ADDRESS_SPACE | A9N_PROCESS_FIELD_ROOT_NODE |
                  A9N_PROCESS_FIELD_IP | A9N_PROCESS_FIELD_SP | A9N_PROCESS_FIELD_TLS |
                  A9N_PROCESS_FIELD_PRIORITY,
        .address_space = start->address_space,
        .root_node = start->root_node,
        .ipc_buffer = start->ipc_buffer,
        .resolver = start->resolver,
        .ip = (a9n_word_t)a9n_thread_entry,
        .sp = (a9n_word_t)block,
        .tls = (a9n_word_t)&block->control,
        .priority = start->priority,
    };
    if (start->ipc_buffer != 0)
        configuration.fields |= A9N_PROCESS_FIELD_IPC_BUFFER;
    if (start->resolver != 0)
        configuration.fields |= A9N_PROCESS_FIELD_RESOLVER;

    enum a9n_error error = a9n_process_configure(start->process, &configuration);
    if (error == A9N_ERROR_NONE)
        error = a9n_process_write_register(start->process, A9N_REGISTER_ARG0, (a9n_word_t)block);
    if (error == A9N_ERROR_NONE)
        error = a9n_process_resume(start->process);
    return error;
}
