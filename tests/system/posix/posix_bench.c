/*
 * /test/posix-bench: the POSIX environment's benchmarks (`make bench` boots the
 * `koito` image with this typed as the first command, docs/benchmarks.md).
 * Under QEMU -icount shift=0,sleep=off the counter (a9n_read_counter)
 * counts retired instructions. Prints "bench: NAME|median|min|max|samples"
 * lines, which ci/bench.sh tabulates, then powers the machine off.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <koito/system.h>
#include <liba9n/counter.h>

#define SAMPLES 21
#define PIPE_BYTES (64 * 1024)

extern char **environ;

static int compare(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, uint64_t *samples, unsigned count)
{
    qsort(samples, count, sizeof samples[0], compare);
    printf("bench: %s|%llu|%llu|%llu|%u\n", name, (unsigned long long)samples[count / 2],
           (unsigned long long)samples[0], (unsigned long long)samples[count - 1], count);
}

/* Start `argv` with stdin and stdout as given (-1: the caller's); its pid, or -1. */
static pid_t start(char *const argv[], int input, int output)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (input >= 0)
        posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO);
    if (output >= 0)
        posix_spawn_file_actions_adddup2(&actions, output, STDOUT_FILENO);
    pid_t pid = -1;
    int error = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    return error == 0 ? pid : -1;
}

/* posix_spawn of /bin/true, then waitpid until it has ended. */
static void spawn_exit_wait(void)
{
    static char *const argv[] = { "/bin/true", NULL };
    uint64_t samples[SAMPLES];
    for (unsigned i = 0; i < SAMPLES; i++) {
        uint64_t begin = a9n_read_counter();
        pid_t pid = start(argv, -1, -1);
        int status;
        if (pid < 0 || waitpid(pid, &status, 0) != pid) {
            printf("bench: spawn failed\n");
            return;
        }
        samples[i] = a9n_read_counter() - begin;
    }
    report("posix_spawn_exit_wait_true", samples, SAMPLES);
}

/* write(1, 1 byte): the POSIX server, the terminal and the console driver. */
static void console_write_one_byte(void)
{
    uint64_t samples[SAMPLES];
    for (unsigned i = 0; i < SAMPLES; i++) {
        uint64_t begin = a9n_read_counter();
        write(STDOUT_FILENO, ".", 1);
        samples[i] = a9n_read_counter() - begin;
    }
    write(STDOUT_FILENO, "\n", 1);
    report("console_write_1_byte", samples, SAMPLES);
}

/*
 * 64 KiB into a pipe that /bin/wc -c reads, until wc has ended: the
 * instructions of both sides and the server. Bytes per 1,000 instructions.
 */
static void pipe_throughput(void)
{
    static char block[4096];
    static char *const argv[] = { "/bin/wc", "-c", NULL };
    uint64_t samples[5], rates[5];
    for (unsigned i = 0; i < 5; i++) {
        int fds[2], sink = open("/tmp/bench-wc", O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (sink < 0 || pipe(fds) != 0) {
            printf("bench: pipe failed\n");
            return;
        }
        pid_t pid = start(argv, fds[0], sink);
        close(fds[0]);
        close(sink);
        uint64_t begin = a9n_read_counter();
        for (unsigned done = 0; done < PIPE_BYTES; done += sizeof block)
            write(fds[1], block, sizeof block);
        close(fds[1]);
        int status;
        waitpid(pid, &status, 0);
        samples[i] = a9n_read_counter() - begin;
        rates[i] = (uint64_t)PIPE_BYTES * 1000 / samples[i];
    }
    unlink("/tmp/bench-wc");
    report("pipe_64KiB_to_wc_instructions", samples, 5);
    report("pipe_bytes_per_1000_instructions", rates, 5);
}

int main(void)
{
    /*
     * ci/bench.sh types this command before the system is up: reset to
     * here is boot, the first prompt, the line read and one spawn, with
     * no idle time between (idle time would count too under -icount
     * sleep=off: the clock jumps to the next tick).
     */
    uint64_t since_reset[1] = { a9n_read_counter() };
    printf("\n"); /* the results start a line of their own, not the prompt's */
    report("reset_to_first_command_running", since_reset, 1);
    spawn_exit_wait();
    console_write_one_byte();
    pipe_throughput();
    printf("bench: done\n");
    fflush(stdout);
    koito_poweroff();
    return 1;
}
