/*
 * /test/libc-test: newlib (koito/libc) under the POSIX server, run from
 * the shell by the transcript test (tests/shell/): formatted I/O,
 * conversions, strings, the heap through malloc (many sizes, growth, a
 * request that cannot be met), qsort, libm, setjmp/longjmp, constructors
 * and exit, and the system calls behind stdio (files, directories,
 * pipes, descriptors). Prints "test libc_NAME: pass|FAIL ..." with
 * printf; the exit status is the number of failed tests.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>
#include <sys/stat.h>

#include <koito/system.h>

#include "../check.h"

#define PI 3.14159265358979323846 /* M_PI is not ISO C */

static char failure[256];
static unsigned failures;

void test_check_failed(const char *file, int line, const char *expression, a9n_word_t left,
                       a9n_word_t right)
{
    if (failure[0] != '\0')
        return;
    int length = snprintf(failure, sizeof(failure), "FAIL at %s:%d: %s", file, line, expression);
    if (left != right && length > 0 && (size_t)length < sizeof(failure))
        snprintf(failure + length, sizeof(failure) - (size_t)length, " (%#lx vs %#lx)",
                 (unsigned long)left, (unsigned long)right);
}

static void run(const char *name, void (*test)(void))
{
    failure[0] = '\0';
    test();
    if (failure[0] != '\0')
        failures++;
    /* One printf per line: stdout is line buffered, so the line is one console write. */
    printf("test libc_%s: %s\n", name, failure[0] != '\0' ? failure : "pass");
}

static void string_mismatch(int line, const char *actual, const char *expected)
{
    if (failure[0] == '\0')
        snprintf(failure, sizeof(failure), "FAIL at %s:%d: \"%s\", expected \"%s\"", __FILE__,
                 line, actual, expected);
}

/* Equal strings, or the test stops showing both. */
#define CHECK_STRING(actual, expected)                                                \
    do {                                                                              \
        const char *actual_ = (actual), *expected_ = (expected);                      \
        if (strcmp(actual_, expected_) != 0) {                                        \
            string_mismatch(__LINE__, actual_, expected_);                            \
            return;                                                                   \
        }                                                                             \
    } while (0)

/*
 * Every allocation the heap tests check goes through here: the compiler
 * may otherwise drop a malloc whose block is never used, and fold its
 * comparison with NULL.
 */
static void *volatile allocation;
static void *kept(void *block)
{
    allocation = block;
    return allocation;
}

/* |actual - expected| within a relative tolerance (absolute near 0). */
static int close_to(double actual, double expected)
{
    double scale = fabs(expected) > 1.0 ? fabs(expected) : 1.0;
    return fabs(actual - expected) <= 1e-12 * scale;
}

static uint64_t ulmm_free_bytes(void)
{
    struct koito_memory_status status = { 0 };
    koito_memory_status(&status);
    return status.free_bytes;
}

/* ---- formatted output and input ------------------------------------------ */

static void printf_formats(void)
{
    char buffer[160];
    snprintf(buffer, sizeof(buffer), "%d|%s|%x|%X|%u|%c|%%|%5d|%-5d|%05d", -42, "koito", 0xbeefu,
             0xcafeu, 4000000000u, 'q', 17, 17, -17);
    CHECK_STRING(buffer, "-42|koito|beef|CAFE|4000000000|q|%|   17|17   |-0017");
    snprintf(buffer, sizeof(buffer), "%lld|%lld|%llu|%llx|%zu|%ld", LLONG_MIN, 1234567890123LL,
             ULLONG_MAX, 0x123456789abcdefULL, (size_t)4096, -1L);
    CHECK_STRING(buffer, "-9223372036854775808|1234567890123|18446744073709551615|"
                         "123456789abcdef|4096|-1");
    volatile double pi = 3.14159265358979, big = 12345.678, tiny = 0.000125;
    snprintf(buffer, sizeof(buffer), "%f|%.3f|%10.2f|%e|%.2e|%E|%g|%g|%g", pi, pi, -big, big, tiny,
             -pi, big, tiny, 1e20);
    CHECK_STRING(buffer, "3.141593|3.142| -12345.68|1.234568e+04|1.25e-04|-3.141593E+00|"
                         "12345.7|0.000125|1e+20");
    /* Truncation: the return value is the length it would have had. */
    CHECK_EQUAL(snprintf(buffer, 4, "abcdef"), 6);
    CHECK_STRING(buffer, "abc");
    CHECK_EQUAL(sprintf(buffer, "%s-%d", "a9n", 9), 5);
    CHECK_STRING(buffer, "a9n-9");
}

static void sscanf_conversions(void)
{
    int a = 0, b = 0, c = 0;
    double d = 0;
    char word[16] = "";
    long long big = 0;
    unsigned hex = 0;
    int fields = sscanf("42 -17 0x1f 3.5 hello 123456789012 ff", "%d %d %i %lf %15s %lld %x", &a,
                        &b, &c, &d, word, &big, &hex);
    CHECK_EQUAL(fields, 7);
    CHECK_EQUAL(a, 42);
    CHECK_EQUAL(b, -17);
    CHECK_EQUAL(c, 0x1f);
    CHECK(d == 3.5);
    CHECK_STRING(word, "hello");
    CHECK(big == 123456789012LL);
    CHECK_EQUAL(hex, 0xff);
    /* Input that does not match stops the scan. */
    CHECK_EQUAL(sscanf("x12", "%d", &a), 0);
    float f = 0;
    CHECK_EQUAL(sscanf("-2.25e2", "%f", &f), 1);
    CHECK(f == -225.0f);
}

/* A FILE with no descriptor behind it: the stdio machinery on its own. */
static void stdio_memory_stream(void)
{
    char storage[64] = "";
    FILE *stream = fmemopen(storage, sizeof(storage), "w+");
    CHECK(stream != NULL);
    CHECK(fprintf(stream, "%d %s %.1f\n", 7, "seven", 7.5) > 0);
    rewind(stream);
    int number = 0;
    char word[8] = "";
    double value = 0;
    CHECK_EQUAL(fscanf(stream, "%d %7s %lf", &number, word, &value), 3);
    CHECK_EQUAL(number, 7);
    CHECK_STRING(word, "seven");
    CHECK(value == 7.5);
    CHECK_EQUAL(fclose(stream), 0);
    CHECK_STRING(storage, "7 seven 7.5\n");
}

/* ---- conversions and strings --------------------------------------------- */

static void strtol_strtoul(void)
{
    char *end = NULL;
    CHECK_EQUAL(strtol("-123abc", &end, 10), -123);
    CHECK_STRING(end, "abc");
    CHECK_EQUAL(strtol("0x7f", NULL, 0), 0x7f);
    CHECK_EQUAL(strtol("0777", NULL, 0), 0777);
    CHECK_EQUAL(strtol("  +55", NULL, 10), 55);
    CHECK_EQUAL(strtoul("ffffffff", NULL, 16), 0xffffffffu);
    CHECK_EQUAL(strtoul("z", NULL, 36), 35);
    CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX);
    errno = 0;
    CHECK_EQUAL(strtol("99999999999999999999", NULL, 10), LONG_MAX);
    CHECK_EQUAL(errno, ERANGE);
    CHECK_EQUAL(atoi("2024"), 2024);
    CHECK(strtod("-1.5e3", &end) == -1500.0);
    CHECK_STRING(end, "");
}

static void string_functions(void)
{
    CHECK(strcmp("abc", "abd") < 0);
    CHECK(strcmp("abd", "abc") > 0);
    CHECK_EQUAL(strcmp("same", "same"), 0);
    CHECK_EQUAL(strncmp("prefix-a", "prefix-b", 7), 0);
    CHECK(memcmp("\x01\x02\x03", "\x01\x02\x04", 3) < 0);
    CHECK_EQUAL(memcmp("\x01\x02\x03", "\x01\x02\x04", 2), 0);
    const char *text = "capability-based microkernel";
    CHECK(strstr(text, "micro") == text + 17);
    CHECK(strstr(text, "nano") == NULL);
    CHECK(strchr(text, '-') == text + 10);
    CHECK(strrchr(text, 'e') == text + 26);
    CHECK_EQUAL(strlen(text), 28);
    char buffer[32];
    strcpy(buffer, "A9N");
    strcat(buffer, "/KOITO");
    CHECK_STRING(buffer, "A9N/KOITO");
    memmove(buffer + 1, buffer, 10); /* overlapping, with the NUL */
    CHECK_STRING(buffer, "AA9N/KOITO");
    char *copy = strdup(text);
    CHECK(copy != NULL);
    CHECK_STRING(copy, text);
    free(copy);
}

/* ---- the heap -------------------------------------------------------------- */

#define BLOCKS 200

static unsigned char pattern(unsigned block, size_t offset)
{
    return (unsigned char)(block * 31 + offset * 7 + 1);
}

static size_t block_size(unsigned block)
{
    /* 1 byte .. 64 KiB, a few of 256 KiB .. 1 MiB. */
    return block % 50 == 49 ? (size_t)(256 << (block % 3)) * 1024 : 1 + (block * 997u) % 65536;
}

static void malloc_many_sizes(void)
{
    static unsigned char *blocks[BLOCKS];
    for (unsigned i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(block_size(i));
        CHECK(blocks[i] != NULL);
        CHECK(((uintptr_t)blocks[i] & 7) == 0);
        for (size_t j = 0; j < block_size(i); j++)
            blocks[i][j] = pattern(i, j);
    }
    /* Free every third block, then check that nothing else moved. */
    for (unsigned i = 0; i < BLOCKS; i += 3) {
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (unsigned i = 0; i < BLOCKS; i++)
        for (size_t j = 0; blocks[i] != NULL && j < block_size(i); j++)
            CHECK_EQUAL(blocks[i][j], pattern(i, j));
    /* Reuse the holes with other sizes, then free everything in another order. */
    for (unsigned i = 0; i < BLOCKS; i += 3) {
        blocks[i] = malloc(block_size(i + 1));
        CHECK(blocks[i] != NULL);
        memset(blocks[i], 0x5a, block_size(i + 1));
    }
    for (unsigned i = 0; i < BLOCKS; i++)
        free(blocks[(i * 7) % BLOCKS]);
}

static void realloc_and_calloc(void)
{
    char *block = malloc(16);
    CHECK(block != NULL);
    strcpy(block, "grow me");
    for (size_t size = 32; size <= 512 * 1024; size *= 4) {
        block = realloc(block, size);
        CHECK(block != NULL);
        CHECK_STRING(block, "grow me");
        memset(block + 8, 'x', size - 8);
    }
    block = realloc(block, 8);
    CHECK(block != NULL);
    CHECK_STRING(block, "grow me");
    free(block);

    /* Dirty memory first so that calloc must really clear what it hands out. */
    unsigned char *dirty = kept(malloc(64 * 1024));
    CHECK(dirty != NULL);
    memset(dirty, 0xff, 64 * 1024);
    free(dirty);
    unsigned *zeroed = kept(calloc(16 * 1024, sizeof(unsigned)));
    CHECK(zeroed != NULL);
    for (unsigned i = 0; i < 16 * 1024; i++)
        CHECK_EQUAL(zeroed[i], 0);
    free(zeroed);
    CHECK(kept(calloc(SIZE_MAX / 2, 4)) == NULL); /* the product overflows */
}

/*
 * More than the machine has: malloc says NULL with ENOMEM and the heap
 * still works. (Pages the heap got stay the program's until it ends:
 * the transcript's `free` before and after shows they all come back.)
 */
static void malloc_beyond_memory_fails(void)
{
    uint64_t before = ulmm_free_bytes();
    errno = 0;
    CHECK(kept(malloc(SIZE_MAX / 2)) == NULL);
    CHECK_EQUAL(errno, ENOMEM);
    errno = 0;
    CHECK(kept(malloc((size_t)3 << 30)) == NULL); /* newlib refuses more than INT_MAX */
    CHECK_EQUAL(errno, ENOMEM);
    errno = 0;
    CHECK(kept(malloc((size_t)3 << 29)) == NULL); /* beyond the heap's 256 MiB of addresses */
    CHECK_EQUAL(errno, ENOMEM);
    size_t more_than_free = (size_t)before + (16 << 20);
    errno = 0;
    CHECK(kept(malloc(more_than_free)) == NULL); /* ULMM runs out while the heap grows */
    CHECK_EQUAL(errno, ENOMEM);
    char *small = kept(malloc(1000));
    CHECK(small != NULL);
    memset(small, 2, 1000);
    free(small);
}

/* ---- algorithms and maths ------------------------------------------------ */

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void qsort_sorts(void)
{
    static int numbers[1000];
    long sum_before = 0, sum_after = 0;
    unsigned state = 12345;
    for (unsigned i = 0; i < 1000; i++) {
        state = state * 1103515245u + 12345u;
        numbers[i] = (int)(state >> 8) % 100000 - 50000;
        sum_before += numbers[i];
    }
    qsort(numbers, 1000, sizeof(numbers[0]), compare_ints);
    for (unsigned i = 0; i < 1000; i++) {
        sum_after += numbers[i];
        if (i > 0)
            CHECK(numbers[i - 1] <= numbers[i]);
    }
    CHECK(sum_before == sum_after);

    const char *names[] = { "ulmm", "init", "posix", "shell", "console", "a9n" };
    qsort(names, 6, sizeof(names[0]), compare_strings);
    CHECK_STRING(names[0], "a9n");
    CHECK_STRING(names[1], "console");
    CHECK_STRING(names[5], "ulmm");
    int key = numbers[500];
    int *found = bsearch(&key, numbers, 1000, sizeof(numbers[0]), compare_ints);
    CHECK(found != NULL && *found == key);
}

static void libm_functions(void)
{
    /* volatile: the library computes these, not the compiler. */
    volatile double half_pi = PI / 2, sixth_pi = PI / 6, two = 2.0, ten = 10.0, x = 1.5;
    CHECK(close_to(sin(sixth_pi), 0.5));
    CHECK(close_to(cos(half_pi), 0.0));
    CHECK(close_to(cos(two * half_pi), -1.0));
    CHECK(close_to(sqrt(two) * sqrt(two), 2.0));
    CHECK(sqrt(ten * ten) == 10.0);
    CHECK(pow(two, ten) == 1024.0);
    CHECK(close_to(pow(ten, -x), 0.031622776601683794));
    CHECK(close_to(log(exp(x)), 1.5));
    CHECK(close_to(exp(two), 7.38905609893065));
    CHECK(close_to(log10(ten * ten * ten), 3.0));
    CHECK(floor(-x) == -2.0);
    CHECK(ceil(x) == 2.0);
    CHECK(fabs(-x) == 1.5);
    CHECK(close_to(atan2(1.0, two - 1.0), PI / 4));
    CHECK(fmod(ten, x + 1.5) == 1.0);
    CHECK(isnan(sqrt(-x)));
    CHECK(isinf(log(two - 2.0)));
    volatile float f = 2.0f;
    CHECK(fabsf(sqrtf(f) * sqrtf(f) - 2.0f) < 1e-6f);
}

/* long double: x87 on x86_64, quad precision in software (the compiler runtime) on riscv64. */
static void long_double_arithmetic(void)
{
    volatile long double a = 1.25L, b = 4.0L;
    long double product = a * b, quotient = a / b, sum = a + (long double)(double)b;
    CHECK((double)product == 5.0);
    CHECK((double)quotient == 0.3125);
    CHECK((double)sum == 5.25);
    CHECK((int)(b * b) == 16);
    CHECK(a < b);
}

/* ---- control flow, start and exit ----------------------------------------- */

static jmp_buf jump;

static void jump_back(int depth)
{
    if (depth == 0)
        longjmp(jump, 42);
    jump_back(depth - 1);
}

static void setjmp_longjmp(void)
{
    volatile int calls = 0;
    volatile double carried = 2.5;
    int value = setjmp(jump);
    if (value == 0) {
        calls++;
        carried *= 2;
        jump_back(10);
        CHECK(0); /* not reached */
    }
    CHECK_EQUAL(value, 42);
    CHECK_EQUAL(calls, 1);
    CHECK(carried == 5.0);
}

static int argument_count;
static char **arguments;

/* Started by the shell: argv[0] as typed, argv ends in NULL, the shell's environment. */
static void main_gets_arguments(void)
{
    CHECK(argument_count >= 1);
    CHECK(strstr(arguments[0], "libc-test") != NULL);
    CHECK(arguments[argument_count] == NULL);
    CHECK(getenv("PATH") != NULL);
}

/* volatile: otherwise the compiler runs the constructor itself and drops it. */
static volatile int constructor_ran;
__attribute__((constructor)) static void constructor(void)
{
    constructor_ran = 1;
}

static void constructors_run_before_main(void)
{
    CHECK_EQUAL(constructor_ran, 1);
}

/* Descriptors: the terminal, bad fds, dup and dup2, lseek. */
static void descriptor_calls(void)
{
    CHECK(getpid() > 0);
    CHECK(getppid() > 0);
    CHECK_EQUAL(isatty(STDOUT_FILENO), 1);
    CHECK_EQUAL(write(STDOUT_FILENO, "", 0), 0);
    errno = 0;
    CHECK_EQUAL(write(17, "x", 1), -1);
    CHECK_EQUAL(errno, EBADF);
    errno = 0;
    CHECK_EQUAL(close(-1), -1);
    CHECK_EQUAL(errno, EBADF);
    errno = 0;
    CHECK_EQUAL(lseek(STDIN_FILENO, 0, SEEK_SET), -1);
    CHECK_EQUAL(errno, ESPIPE);
    int fd = open("/etc/motd", O_RDONLY);
    CHECK(fd >= 3);
    CHECK_EQUAL(isatty(fd), 0);
    char first[8] = "", again[8] = "";
    CHECK_EQUAL(read(fd, first, 7), 7);
    int copy = dup(fd);
    CHECK(copy > fd);
    CHECK_EQUAL(lseek(copy, 0, SEEK_SET), 0); /* a dup shares the offset */
    CHECK_EQUAL(read(fd, again, 7), 7);
    CHECK_STRING(first, again);
    CHECK_EQUAL(dup2(fd, 9), 9);
    CHECK_EQUAL(close(9), 0);
    CHECK_EQUAL(close(copy), 0);
    CHECK_EQUAL(close(fd), 0);
    errno = 0;
    CHECK_EQUAL(read(fd, first, 1), -1);
    CHECK_EQUAL(errno, EBADF);
}

/* Files through stdio and the calls under it: create, append, truncate, stat, rename, unlink. */
static void file_calls(void)
{
    errno = 0;
    CHECK(fopen("/etc/no-such-file", "r") == NULL);
    CHECK_EQUAL(errno, ENOENT);
    FILE *file = fopen("/tmp/libc-test.txt", "w");
    CHECK(file != NULL);
    CHECK(fprintf(file, "line %d\n", 1) > 0);
    CHECK_EQUAL(fclose(file), 0);
    file = fopen("/tmp/libc-test.txt", "a");
    CHECK(file != NULL);
    CHECK(fputs("line 2\n", file) >= 0);
    CHECK_EQUAL(fclose(file), 0);
    struct stat status;
    CHECK_EQUAL(stat("/tmp/libc-test.txt", &status), 0);
    CHECK(S_ISREG(status.st_mode));
    CHECK_EQUAL(status.st_size, 14);
    file = fopen("/tmp/libc-test.txt", "r");
    CHECK(file != NULL);
    char line[32];
    CHECK(fgets(line, sizeof line, file) != NULL);
    CHECK_STRING(line, "line 1\n");
    CHECK(fgets(line, sizeof line, file) != NULL);
    CHECK_STRING(line, "line 2\n");
    CHECK(fgets(line, sizeof line, file) == NULL);
    CHECK_EQUAL(fclose(file), 0);
    int fd = open("/tmp/libc-test.txt", O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQUAL(ftruncate(fd, 4), 0);
    CHECK_EQUAL(fstat(fd, &status), 0);
    CHECK_EQUAL(status.st_size, 4);
    CHECK_EQUAL(close(fd), 0);
    CHECK_EQUAL(rename("/tmp/libc-test.txt", "/tmp/libc-test.moved"), 0);
    errno = 0;
    CHECK_EQUAL(stat("/tmp/libc-test.txt", &status), -1);
    CHECK_EQUAL(errno, ENOENT);
    CHECK_EQUAL(unlink("/tmp/libc-test.moved"), 0);
    errno = 0;
    CHECK_EQUAL(unlink("/tmp/libc-test.moved"), -1);
    CHECK_EQUAL(errno, ENOENT);
    errno = 0;
    CHECK_EQUAL(open("/etc", O_WRONLY), -1);
    CHECK_EQUAL(errno, EISDIR);
}

/* Directories: mkdir, chdir and getcwd, opendir/readdir, rmdir. */
static void directory_calls(void)
{
    CHECK_EQUAL(mkdir("/tmp/libc-dir", 0755), 0);
    errno = 0;
    CHECK_EQUAL(mkdir("/tmp/libc-dir", 0755), -1);
    CHECK_EQUAL(errno, EEXIST);
    CHECK_EQUAL(chdir("/tmp/libc-dir"), 0);
    char cwd[64];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK_STRING(cwd, "/tmp/libc-dir");
    FILE *file = fopen("inside", "w"); /* relative to the working directory */
    CHECK(file != NULL);
    CHECK_EQUAL(fclose(file), 0);
    DIR *directory = opendir(".");
    CHECK(directory != NULL);
    int found = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL)
        found += strcmp(entry->d_name, "inside") == 0 && entry->d_type == DT_REG;
    CHECK_EQUAL(closedir(directory), 0);
    CHECK_EQUAL(found, 1);
    errno = 0;
    CHECK_EQUAL(rmdir("/tmp/libc-dir"), -1);
    CHECK_EQUAL(errno, ENOTEMPTY);
    CHECK_EQUAL(unlink("inside"), 0);
    CHECK_EQUAL(chdir("/"), 0);
    CHECK_EQUAL(rmdir("/tmp/libc-dir"), 0);
    errno = 0;
    CHECK(opendir("/tmp/libc-dir") == NULL);
    CHECK_EQUAL(errno, ENOENT);
}

/* A pipe in one process: bytes in order, larger than one request, end of file. */
static void pipe_calls(void)
{
    static char out[3000], in[3000];
    int fds[2];
    CHECK_EQUAL(pipe(fds), 0);
    for (unsigned i = 0; i < sizeof out; i++)
        out[i] = (char)(i * 13 + 1);
    CHECK_EQUAL(write(fds[1], out, sizeof out), sizeof out);
    CHECK_EQUAL(close(fds[1]), 0);
    size_t got = 0;
    for (;;) {
        int count = read(fds[0], in + got, sizeof in - got);
        CHECK(count >= 0);
        if (count == 0)
            break;
        got += (size_t)count;
    }
    CHECK_EQUAL(got, sizeof out);
    CHECK_EQUAL(memcmp(in, out, sizeof out), 0);
    CHECK_EQUAL(close(fds[0]), 0);
}

static long long nanoseconds(const struct timespec *time)
{
    return (long long)time->tv_sec * 1000000000 + time->tv_nsec;
}

/* The kernel's clock through the POSIX server: monotonic, and sleeps last at least as asked. */
static void clock_and_sleep(void)
{
    struct timespec first, second, after;
    CHECK_EQUAL(clock_gettime(CLOCK_MONOTONIC, &first), 0);
    CHECK_EQUAL(clock_gettime(CLOCK_MONOTONIC, &second), 0);
    CHECK(nanoseconds(&second) >= nanoseconds(&first));
    CHECK(first.tv_nsec >= 0 && first.tv_nsec < 1000000000);
    struct timespec duration = { .tv_sec = 0, .tv_nsec = 30000000 };
    CHECK_EQUAL(nanosleep(&duration, NULL), 0);
    CHECK_EQUAL(clock_gettime(CLOCK_MONOTONIC, &after), 0);
    CHECK(nanoseconds(&after) - nanoseconds(&second) >= 30000000);
    CHECK(nanoseconds(&after) - nanoseconds(&second) < 5000000000LL);
    CHECK(time(NULL) >= 0);
    CHECK(clock() != (clock_t)-1);
    errno = 0;
    duration.tv_nsec = 1000000000;
    CHECK_EQUAL(nanosleep(&duration, NULL), -1);
    CHECK_EQUAL(errno, EINVAL);
    errno = 0;
    CHECK_EQUAL(clock_gettime((clockid_t)99, &first), -1);
    CHECK_EQUAL(errno, EINVAL);
}

static void exit_handler(void)
{
    /* Reached only through exit() after main returned. */
    printf("test libc_exit_runs_atexit_handlers: pass\n");
}

int main(int argc, char **argv)
{
    argument_count = argc;
    arguments = argv;
    run("main_gets_arguments", main_gets_arguments);
    run("constructors_run_before_main", constructors_run_before_main);
    run("printf_formats", printf_formats);
    run("sscanf_conversions", sscanf_conversions);
    run("stdio_memory_stream", stdio_memory_stream);
    run("strtol_strtoul", strtol_strtoul);
    run("string_functions", string_functions);
    run("malloc_many_sizes", malloc_many_sizes);
    run("realloc_and_calloc", realloc_and_calloc);
    run("malloc_beyond_memory_fails", malloc_beyond_memory_fails);
    run("qsort_sorts", qsort_sorts);
    run("libm_functions", libm_functions);
    run("long_double_arithmetic", long_double_arithmetic);
    run("setjmp_longjmp", setjmp_longjmp);
    run("descriptor_calls", descriptor_calls);
    run("file_calls", file_calls);
    run("directory_calls", directory_calls);
    run("pipe_calls", pipe_calls);
    run("clock_and_sleep", clock_and_sleep);
    atexit(exit_handler);
    return (int)failures;
}
