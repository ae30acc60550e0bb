/*
 * libc-demo: exercises newlib for the system transcript, with output
 * that depends only on its input: two numbers from stdin (scanf), math
 * (printf %f of sum, sqrt, pow, sin), malloc/free, a file written with
 * fprintf and read back with fgets, qsort.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_FILE "libc-demo.txt"

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int file_round_trip(double a, double b)
{
    FILE *file = fopen(DEMO_FILE, "w");
    if (file == NULL) {
        perror("libc-demo: " DEMO_FILE);
        return 1;
    }
    fprintf(file, "a=%.2f\nb=%.2f\n", a, b);
    fclose(file);
    file = fopen(DEMO_FILE, "r");
    if (file == NULL) {
        perror("libc-demo: " DEMO_FILE);
        return 1;
    }
    char line[64];
    while (fgets(line, sizeof(line), file) != NULL)
        printf("file: %s", line);
    fclose(file);
    remove(DEMO_FILE);
    return 0;
}

int main(void)
{
    double a, b;
    printf("two numbers: ");
    fflush(stdout);
    if (scanf("%lf %lf", &a, &b) != 2) {
        fprintf(stderr, "libc-demo: expected two numbers\n");
        return 1;
    }
    printf("sum %f\n", a + b);
    printf("sqrt %f %f\n", sqrt(a), sqrt(b));
    printf("pow %f\n", pow(a, b));
    printf("sin %f %f\n", sin(a), sin(b));

    size_t count = 8;
    int *numbers = malloc(count * sizeof(int));
    if (numbers == NULL) {
        fprintf(stderr, "libc-demo: malloc failed\n");
        return 1;
    }
    static const int unsorted[] = { 42, -7, 19, 0, 3, 100, -50, 8 };
    memcpy(numbers, unsorted, sizeof(unsorted));
    qsort(numbers, count, sizeof(int), compare_ints);
    printf("sorted");
    for (size_t i = 0; i < count; i++)
        printf(" %d", numbers[i]);
    printf("\n");
    free(numbers);

    if (file_round_trip(a, b) != 0)
        return 1;
    printf("libc-demo: done\n");
    return 0;
}
