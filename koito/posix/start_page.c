/* The start-up page (start_page.h): pointer arrays first, the strings after them. */
#include <koito/errno.h>
#include <koito/posix.h>

#include "start_page.h"

long posix_strings_size(const char *block, size_t block_size, unsigned count)
{
    size_t at = 0;
    for (unsigned i = 0; i < count; i++) {
        while (at < block_size && block[at] != '\0')
            at++;
        if (at == block_size)
            return -1;
        at++;
    }
    if (block_size - at >= sizeof(a9n_word_t))
        return -1;
    for (size_t i = at; i < block_size; i++)
        if (block[i] != '\0')
            return -1;
    return (long)at;
}

int posix_start_page_build(void *page, size_t page_size, a9n_word_t page_address,
                           const char *strings, size_t size, unsigned argc, unsigned envc,
                           a9n_word_t app_info_address)
{
    /* argc, argv[] and NULL, envp[] and NULL, three auxiliary pairs. */
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 6;
    if (words > page_size / sizeof(a9n_word_t) ||
        size > page_size - words * sizeof(a9n_word_t))
        return -KOITO_E2BIG;

    a9n_word_t *vector = page;
    char *text = (char *)(vector + words);
    a9n_word_t text_address = page_address + words * sizeof(a9n_word_t);
    for (size_t i = 0; i < size; i++)
        text[i] = strings[i];

    unsigned w = 0;
    vector[w++] = argc;
    size_t at = 0;
    for (unsigned i = 0; i < argc + envc; i++) {
        if (i == argc)
            vector[w++] = 0; /* argv's NULL */
        vector[w++] = text_address + at;
        while (strings[at] != '\0')
            at++;
        at++;
    }
    if (envc == 0)
        vector[w++] = 0; /* argv's NULL: the loop never reached an environment string */
    vector[w++] = 0;     /* envp's NULL */
    vector[w++] = KOITO_AT_PAGESZ;
    vector[w++] = page_size;
    vector[w++] = KOITO_AT_KOITO_APP_INFO;
    vector[w++] = app_info_address;
    vector[w++] = KOITO_AT_NULL;
    vector[w++] = 0;
    return 0;
}
