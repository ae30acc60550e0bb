/* The shell's $? and signal messages for how a program ended. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "koito/shell/status.h"

/* A real wait status: a child that exits with `code`, or dies of `signal` when it is not 0. */
static int wait_status_of_child(int code, int signal)
{
    pid_t pid = fork(); /* the host test only: the status bits come from the host's own wait */
    assert_true(pid >= 0);
    if (pid == 0) {
        if (signal != 0) {
            struct sigaction action = { .sa_handler = SIG_DFL };
            sigaction(signal, &action, NULL);
            kill(getpid(), signal);
        }
        _exit(code);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void exit_code_is_the_status(void **state)
{
    (void)state;
    assert_int_equal(shell_status_of(wait_status_of_child(0, 0)), 0);
    assert_int_equal(shell_status_of(wait_status_of_child(3, 0)), 3);
    assert_int_equal(shell_status_of(wait_status_of_child(255, 0)), 255);
}

static void signal_death_is_128_plus_the_signal(void **state)
{
    (void)state;
    assert_int_equal(shell_status_of(wait_status_of_child(0, SIGKILL)), 128 + SIGKILL);
    assert_int_equal(shell_status_of(wait_status_of_child(0, SIGTERM)), 128 + SIGTERM);
    assert_int_equal(shell_status_of(wait_status_of_child(0, SIGINT)), 128 + SIGINT);
}

static void signals_have_bash_style_names(void **state)
{
    (void)state;
    char buffer[SHELL_SIGNAL_MESSAGE_MAX];
    assert_string_equal(shell_signal_message(SIGSEGV, buffer), "segmentation fault");
    assert_string_equal(shell_signal_message(SIGILL, buffer), "illegal instruction");
    assert_string_equal(shell_signal_message(SIGKILL, buffer), "killed");
    assert_string_equal(shell_signal_message(SIGTERM, buffer), "terminated");
    assert_string_equal(shell_signal_message(SIGINT, buffer), "interrupted");
}

static void broken_pipe_prints_nothing(void **state)
{
    (void)state;
    char buffer[SHELL_SIGNAL_MESSAGE_MAX];
    assert_null(shell_signal_message(SIGPIPE, buffer));
}

static void unnamed_signal_is_described_by_number(void **state)
{
    (void)state;
    char buffer[SHELL_SIGNAL_MESSAGE_MAX], expected[SHELL_SIGNAL_MESSAGE_MAX];
    snprintf(expected, sizeof(expected), "killed by signal %d", SIGUSR1);
    assert_string_equal(shell_signal_message(SIGUSR1, buffer), expected);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exit_code_is_the_status),
        cmocka_unit_test(signal_death_is_128_plus_the_signal),
        cmocka_unit_test(signals_have_bash_style_names),
        cmocka_unit_test(broken_pipe_prints_nothing),
        cmocka_unit_test(unnamed_signal_is_described_by_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
