/*
 * yes [STRING]: print STRING (default "y") and a newline until the output
 * fails (then the error, status 1) or a signal ends it (SIGPIPE when the reader of its pipe is gone,
 * SIGINT from Ctrl-C).
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    const char *text = argc > 1 ? argv[1] : "y";
    while (puts(text) >= 0)
        ;
    perror("yes");
    return 1;
}
