/*
 * KOITO init: started by the kernel (docs/init-protocol.md), it starts
 * ULMM, then the system services the image holds (the console driver and
 * the POSIX server, services.c), then every other boot module as a
 * program (docs/koito.md), and waits for them on its OS port: a program
 * exits with a request there or is destroyed when it faults; either way
 * ULMM reclaims all it held. With services, init then serves them for
 * good: the POSIX server asks it to power off; a service that faults or
 * exits stops the machine with a failure.
 *
 * Modules start in boot order, one group at a time: consecutive modules
 * whose names agree up to an '@' ("exhaust@1", "exhaust@2") run together.
 * Around each group init compares ULMM's free bytes: everything must come
 * back. A module whose name starts with "fault" is expected to fault.
 * The last line says how many checks passed; init then stops the machine
 * with status 0 only if none failed.
 */
#include <a9n/fault.h>
#include <a9n/ipc.h>
#include <liba9n/debug.h>
#include <liba9n/init.h>
#include <liba9n/ipc.h>
#include <liba9n/node.h>
#include <liba9n/process.h>
#include <koito/services.h>

#include "init.h"

struct child {
    bool running;
    a9n_word_t pid;
    const struct a9n_init_module *module;
};

static struct child children[KOITO_MAX_CHILDREN];
static struct ulmm_client ulmm;

static unsigned passed, failed;
/* Programs init starts come after ULMM and the services, below the POSIX server's. */
static a9n_word_t next_pid = KOITO_PID_POSIX + 1;

static void put_line(const char *a, const char *b, const char *c)
{
    a9n_debug_puts(a);
    a9n_debug_puts(b);
    a9n_debug_puts(c);
}

static void check(bool ok, const char *test, const char *name)
{
    put_line("test ", test, name);
    a9n_debug_puts(ok ? ": pass\n" : ": FAIL\n");
    if (ok)
        passed++;
    else
        failed++;
}

static bool starts_with(const char *text, const char *prefix)
{
    while (*prefix != '\0')
        if (*text++ != *prefix++)
            return false;
    return true;
}

/* Length of a module name up to its '@' (the group it belongs to). */
static unsigned group_length(const char *name)
{
    unsigned length = 0;
    while (name[length] != '\0' && name[length] != '@')
        length++;
    return length;
}

static bool same_group(const char *a, const char *b)
{
    unsigned length = group_length(a);
    if (group_length(b) != length)
        return false;
    for (unsigned i = 0; i < length; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

static uint64_t free_bytes(void)
{
    return ulmm_statistics(&ulmm).free_bytes;
}

static a9n_word_t child_slots(unsigned index)
{
    return KOITO_SLOT_CHILDREN + index * KOITO_CHILD_SLOTS;
}

/*
 * The programs init starts from boot modules are the test programs of test
 * images (the koito image has none: its programs come from the POSIX
 * server): they get the Debug capability, read and write, so that they
 * print and may stop the machine but cannot pass it on. ULMM and the
 * services never get it. A kernel built with DEBUG=0 gave init none, so
 * there is none to give.
 */
static bool give_debug(const void *context, a9n_word_t child_root_node)
{
    (void)context;
    enum a9n_error error = a9n_node_mint(child_root_node, A9N_APP_SLOT_DEBUG,
                                         a9n_init_slot(A9N_INIT_SLOT_DEBUG),
                                         A9N_RIGHT_READ | A9N_RIGHT_WRITE, 0);
    return error == A9N_ERROR_NONE || error == A9N_ERROR_EMPTY_SLOT;
}

static bool start_child(const struct a9n_init_info *info, const struct a9n_init_module *module)
{
    for (unsigned i = 0; i < KOITO_MAX_CHILDREN; i++) {
        if (children[i].running)
            continue;
        a9n_word_t pid = next_pid++;
        const struct koito_program program = {
            .image = (const void *)module->address,
            .image_size = module->size,
            .name = module->name,
            .pid = pid,
            .slots = child_slots(i),
            .priority = KOITO_PRIORITY_PROGRAM,
            .prepare = give_debug,
            .memory_quota = koito_program_quota(module->name),
        };
        if (koito_spawn(koito_init_spawner(info, &ulmm), &program) != KOITO_SPAWN_OK)
            return false;
        children[i] = (struct child){ true, pid, module };
        return true;
    }
    return false;
}

/* Stop the child first (so nothing runs in a dying address space), then reclaim. */
static void destroy(unsigned index)
{
    a9n_process_suspend(koito_slot(child_slots(index) + KOITO_CHILD_PROCESS));
    enum ulmm_status status = ulmm_client_exited(&ulmm, children[index].pid);
    if (status != ULMM_STATUS_OK)
        put_line("koito: ULMM could not reclaim ", children[index].module->name, "\n");
    children[index].running = false;
}

static void report_fault(const struct child *child, const a9n_word_t *mr)
{
    put_line("koito: ", child->module->name, " (pid ");
    a9n_debug_put_unsigned(child->pid);
    a9n_debug_puts(") faulted: kind ");
    a9n_debug_put_unsigned(mr[A9N_FAULT_MR_KIND]);
    a9n_debug_puts(" address ");
    a9n_debug_put_hex(mr[A9N_FAULT_MR_ADDRESS]);
    a9n_debug_puts(" ip ");
    a9n_debug_put_hex(mr[A9N_FAULT_MR_IP]);
    a9n_debug_puts("; destroyed\n");
}

static bool is_service_pid(a9n_word_t pid)
{
    return pid == KOITO_PID_CONSOLE || pid == KOITO_PID_POSIX;
}

static void reply_error(a9n_word_t mr[A9N_ARCH_REGISTER_MRS], enum a9n_error error)
{
    mr[A9N_MR_INFO] = a9n_message_info(0, 1, 0);
    mr[A9N_MR_PAYLOAD] = error;
    a9n_ipc_reply(koito_slot(KOITO_SLOT_OS_PORT), mr);
}

/* A message from a system service: power off, or its end, which ends the system too. */
static _Noreturn void serve_service(a9n_word_t pid, a9n_word_t label, const a9n_word_t *mr)
{
    const char *name = pid == KOITO_PID_CONSOLE ? KOITO_CONSOLE_MODULE : KOITO_POSIX_MODULE;
    if (label == A9N_OS_POWEROFF) {
        a9n_debug_puts("koito: power off\n");
        a9n_debug_exit(failed == 0 ? 0 : 1);
    }
    a9n_debug_puts("koito: service ");
    a9n_debug_puts(name);
    if (label == A9N_FAULT_LABEL) {
        a9n_debug_puts(" faulted: kind ");
        a9n_debug_put_unsigned(mr[A9N_FAULT_MR_KIND]);
        a9n_debug_puts(" address ");
        a9n_debug_put_hex(mr[A9N_FAULT_MR_ADDRESS]);
        a9n_debug_puts(" ip ");
        a9n_debug_put_hex(mr[A9N_FAULT_MR_IP]);
    } else {
        a9n_debug_puts(" ended: request ");
        a9n_debug_put_unsigned(label);
        a9n_debug_puts(" status ");
        a9n_debug_put_unsigned(mr[A9N_MR_PAYLOAD]);
    }
    a9n_debug_puts("; stopping\n");
    a9n_debug_exit(1);
}

/* Handle one message on the OS port; false when ULMM itself failed. */
static bool serve_one(void)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    if (a9n_ipc_receive(koito_slot(KOITO_SLOT_OS_PORT), mr) != A9N_ERROR_NONE)
        return true;
    a9n_word_t pid = mr[A9N_MR_BADGE];
    a9n_word_t label = a9n_message_info_label(mr[A9N_MR_INFO]);
    if (pid == KOITO_PID_ULMM) {
        a9n_debug_puts("koito: ULMM faulted or exited; stopping\n");
        return false;
    }
    if (is_service_pid(pid))
        serve_service(pid, label, mr);

    for (unsigned i = 0; i < KOITO_MAX_CHILDREN; i++) {
        struct child *child = &children[i];
        if (!child->running || child->pid != pid)
            continue;
        if (label == A9N_FAULT_LABEL) {
            report_fault(child, mr);
            check(starts_with(child->module->name, "fault"), "exit_", child->module->name);
            destroy(i);
        } else if (label == A9N_OS_EXIT) {
            check(mr[A9N_MR_PAYLOAD] == 0, "exit_", child->module->name);
            destroy(i);
        } else if (label == A9N_OS_POWEROFF) {
            /* Only a service may stop the machine. */
            reply_error(mr, A9N_ERROR_MISSING_RIGHTS);
        } else {
            /* Not a request init knows: the caller gets an error, nothing else happens. */
            reply_error(mr, A9N_ERROR_UNKNOWN_OPERATION);
        }
        return true;
    }
    return true;
}

static bool any_running(void)
{
    for (unsigned i = 0; i < KOITO_MAX_CHILDREN; i++)
        if (children[i].running)
            return true;
    return false;
}

/* Modules first .. end - 1 together; then everything they held must be back. */
static bool run_group(const struct a9n_init_info *info, uint32_t first, uint32_t end)
{
    uint64_t before = free_bytes();
    for (uint32_t i = first; i < end; i++)
        if (!start_child(info, &info->modules[i]))
            check(false, "start_", info->modules[i].name);
    while (any_running())
        if (!serve_one())
            return false;
    uint64_t after = free_bytes();

    char name[A9N_BOOT_MODULE_NAME_LENGTH] = { 0 };
    for (unsigned i = 0; i < group_length(info->modules[first].name); i++)
        name[i] = info->modules[first].name[i];
    put_line("koito: ", name, ": free bytes before ");
    a9n_debug_put_unsigned(before);
    a9n_debug_puts(", after ");
    a9n_debug_put_unsigned(after);
    a9n_debug_puts("\n");
    check(before == after, "reclaim_", name);
    return true;
}

static bool any_service(const struct a9n_init_info *info)
{
    for (uint32_t i = 0; i < info->module_count; i++)
        if (koito_is_service(info->modules[i].name))
            return true;
    return false;
}

int main(void)
{
    const struct a9n_init_info *info = a9n_init_info();
    if (info == NULL)
        a9n_debug_exit(1);
    a9n_debug_puts("koito: init starting ULMM\n");
    if (!ulmm_start(info, &ulmm))
        a9n_debug_exit(1);
    struct ulmm_statistics statistics = ulmm_statistics(&ulmm);
    a9n_debug_puts("koito: ULMM manages ");
    a9n_debug_put_unsigned(statistics.total_bytes);
    a9n_debug_puts(" bytes, ");
    a9n_debug_put_unsigned(statistics.free_bytes);
    a9n_debug_puts(" free\n");

    bool services = any_service(info);
    if (services && !koito_services_start(info, &ulmm))
        a9n_debug_exit(1);

    uint32_t i = 0;
    while (i < info->module_count) {
        const char *name = info->modules[i].name;
        uint32_t end = i + 1;
        if (same_group(name, "ulmm") || koito_is_service(name)) {
            i = end;
            continue;
        }
        while (end < info->module_count && same_group(info->modules[end].name, name))
            end++;
        if (!run_group(info, i, end)) {
            failed++;
            break;
        }
        i = end;
    }
    /* The services run for good; the POSIX server powers off. */
    while (services && failed == 0)
        serve_one();

    a9n_debug_puts("koito: ");
    a9n_debug_put_unsigned(passed);
    a9n_debug_puts(" passed, ");
    a9n_debug_put_unsigned(failed);
    a9n_debug_puts(" failed\n");
    a9n_debug_exit(failed == 0 ? 0 : 1);
}
