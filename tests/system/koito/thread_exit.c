/*
 * KOITO test program, three instances (thread-exit-first, -between, -last):
 * the program's first thread exits first, between or after the two
 * threads it started (the checks are tests/system/suite/process/
 * exit_order.h's). The first thread is named by liba9n's start code from
 * the app info; a checking thread above the three tells them when to
 * exit and reports; the program then exits through init.
 */
#include <liba9n/process.h>
#include <liba9n/timer.h>

#include "../suite/process/exit_order.h"
#include "koito_test.h"

#define CHECKER_PRIORITY 100 /* init's KOITO_PRIORITY_PROGRAM: the first thread's own */
#define PARTICIPANT_PRIORITY (CHECKER_PRIORITY - 1)
#define WITNESS_PRIORITY (CHECKER_PRIORITY - 2)
#define STACK_SIZE 8192

/* Participant 0 is the first thread; 1 and 2 are started by it, in that order. */
static const struct instance {
    const char *module;
    const char *test;
    unsigned order[EXIT_ORDER_THREADS];
} instances[] = {
    { "thread-exit-first", "thread_exit_first_thread_first_stops_only_the_caller", { 0, 1, 2 } },
    { "thread-exit-between", "thread_exit_first_thread_between_stops_only_the_caller",
      { 1, 0, 2 } },
    { "thread-exit-last", "thread_exit_first_thread_last_stops_only_the_caller", { 2, 1, 0 } },
};

enum slot { CHECKER, WITNESS, SECOND, THIRD, TIMER, PORT, SLOTS };

static const struct a9n_app_info *app;
static const struct instance *instance;
static struct exit_order_sleeper sleeper;
static bool set_up_done;
static uint8_t stacks[SLOTS][STACK_SIZE] __attribute__((aligned(16)));

static a9n_word_t descriptor(enum slot s)
{
    return a9n_app_slot(app, app->first_free_slot + s);
}

static bool named(const char *name)
{
    unsigned i = 0;
    while (name[i] != '\0' && app->name[i] == name[i])
        i++;
    return name[i] == '\0' && app->name[i] == '\0';
}

static void check_order(void)
{
    exit_order_check(&sleeper, instance->order);
}

static void checker(a9n_word_t unused)
{
    (void)unused;
    koito_test_run(instance->test, check_order);
    koito_test_exit();
}

static enum a9n_error start(enum slot s, void (*function)(a9n_word_t), a9n_word_t argument,
                            unsigned priority)
{
    return a9n_thread_start(&(struct a9n_thread_start){
        .process = descriptor(s),
        .address_space = a9n_app_slot(app, A9N_APP_SLOT_ADDRESS_SPACE),
        .root_node = a9n_app_slot(app, A9N_APP_SLOT_ROOT_NODE),
        .priority = priority,
        .function = function,
        .argument = argument,
        .stack = stacks[s],
        .stack_size = STACK_SIZE,
    });
}

static void set_up(void)
{
    const struct ulmm_client *ulmm = ulmm_self();
    for (unsigned i = 0; i < sizeof(instances) / sizeof(instances[0]); i++)
        if (named(instances[i].module))
            instance = &instances[i];
    CHECK(instance != NULL);
    for (enum slot s = CHECKER; s <= THIRD; s++)
        CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_PROCESS, 0, app->first_free_slot + s)
                        .status,
                    ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_TIMER, 0, app->first_free_slot + TIMER)
                    .status,
                ULMM_STATUS_OK);
    CHECK_EQUAL(ulmm_alloc_object(ulmm, A9N_CAPABILITY_NOTIFICATION_PORT, 0,
                                  app->first_free_slot + PORT)
                    .status,
                ULMM_STATUS_OK);
    sleeper = (struct exit_order_sleeper){ descriptor(TIMER), descriptor(PORT) };
    CHECK_EQUAL(a9n_timer_bind(sleeper.timer, sleeper.port, 1), A9N_ERROR_NONE);
    exit_order_reset();
    CHECK_EQUAL(start(SECOND, exit_order_participant, 1, PARTICIPANT_PRIORITY), A9N_ERROR_NONE);
    CHECK_EQUAL(start(THIRD, exit_order_participant, 2, PARTICIPANT_PRIORITY), A9N_ERROR_NONE);
    CHECK_EQUAL(start(WITNESS, exit_order_witness, 0, WITNESS_PRIORITY), A9N_ERROR_NONE);
    /* The checker waits for this thread to drop below it before it runs. */
    CHECK_EQUAL(start(CHECKER, checker, 0, CHECKER_PRIORITY), A9N_ERROR_NONE);
    set_up_done = true;
}

int main(void)
{
    app = a9n_app_info();
    /* Its line is "test <module name>": the three instances' lines differ. */
    koito_test_run(app->name, set_up);
    if (!set_up_done)
        koito_test_exit();
    /* Below the checker, as the other participants: it runs the test from now on. */
    const struct a9n_process_configuration lower = {
        .fields = A9N_PROCESS_FIELD_PRIORITY,
        .priority = PARTICIPANT_PRIORITY,
    };
    a9n_process_configure(a9n_app_slot(app, A9N_APP_SLOT_PROCESS), &lower);
    exit_order_participant(0);
}
