/*
 * Parser of the loader's configuration file (see config.h). Every length is
 * checked: the file is edited by hand and may be anything.
 */
#include "config.h"

#include <stdbool.h>

struct text_span {
    const char *start;
    size_t length;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static struct text_span trim(struct text_span span)
{
    while (span.length > 0 && is_blank(span.start[0])) {
        span.start++;
        span.length--;
    }
    while (span.length > 0 && is_blank(span.start[span.length - 1]))
        span.length--;
    return span;
}

static bool span_equals(struct text_span span, const char *word)
{
    size_t i = 0;
    for (; i < span.length; i++) {
        if (word[i] != span.start[i])
            return false;
    }
    return word[i] == '\0';
}

/* Copy with a terminating NUL; paths get '\' separators, as UEFI wants. */
static bool copy_text(struct text_span span, char *out, size_t capacity, bool is_path)
{
    if (span.length + 1 > capacity)
        return false;
    for (size_t i = 0; i < span.length; i++)
        out[i] = (is_path && span.start[i] == '/') ? '\\' : span.start[i];
    out[span.length] = '\0';
    return true;
}

static enum loader_config_error parse_module(struct text_span value, struct loader_config *config)
{
    size_t name_length = 0;
    while (name_length < value.length && !is_blank(value.start[name_length]))
        name_length++;
    struct text_span name = { value.start, name_length };
    struct text_span path = trim((struct text_span){ value.start + name_length,
                                                     value.length - name_length });
    if (name.length == 0 || path.length == 0)
        return LOADER_CONFIG_MISSING_VALUE;
    if (config->module_count == A9N_BOOT_MAX_MODULES)
        return LOADER_CONFIG_TOO_MANY_MODULES;
    struct loader_module_config *module = &config->modules[config->module_count];
    if (!copy_text(name, module->name, sizeof(module->name), false) ||
        !copy_text(path, module->path, sizeof(module->path), true))
        return LOADER_CONFIG_TOO_LONG;
    config->module_count++;
    return LOADER_CONFIG_OK;
}

static enum loader_config_error parse_line(struct text_span line, struct loader_config *config)
{
    line = trim(line);
    if (line.length == 0 || line.start[0] == '#')
        return LOADER_CONFIG_OK;

    size_t equals = 0;
    while (equals < line.length && line.start[equals] != '=')
        equals++;
    if (equals == line.length)
        return LOADER_CONFIG_UNKNOWN_KEY;
    struct text_span key = trim((struct text_span){ line.start, equals });
    struct text_span value = trim((struct text_span){ line.start + equals + 1,
                                                      line.length - equals - 1 });

    if (span_equals(key, "command_line")) {
        return copy_text(value, config->command_line, sizeof(config->command_line), false)
                   ? LOADER_CONFIG_OK
                   : LOADER_CONFIG_TOO_LONG;
    }
    if (value.length == 0)
        return span_equals(key, "kernel") || span_equals(key, "module")
                   ? LOADER_CONFIG_MISSING_VALUE
                   : LOADER_CONFIG_UNKNOWN_KEY;
    if (span_equals(key, "kernel")) {
        if (config->kernel[0] != '\0')
            return LOADER_CONFIG_DUPLICATE_KERNEL;
        return copy_text(value, config->kernel, sizeof(config->kernel), true)
                   ? LOADER_CONFIG_OK
                   : LOADER_CONFIG_TOO_LONG;
    }
    if (span_equals(key, "module"))
        return parse_module(value, config);
    return LOADER_CONFIG_UNKNOWN_KEY;
}

enum loader_config_error loader_config_parse(const char *text, size_t size,
                                             struct loader_config *config, unsigned *line)
{
    *config = (struct loader_config){ 0 };
    *line = 0;
    size_t start = 0;
    while (start < size) {
        size_t end = start;
        while (end < size && text[end] != '\n')
            end++;
        ++*line;
        enum loader_config_error error =
            parse_line((struct text_span){ text + start, end - start }, config);
        if (error != LOADER_CONFIG_OK)
            return error;
        start = end + 1;
    }
    *line = 0;
    return config->kernel[0] != '\0' ? LOADER_CONFIG_OK : LOADER_CONFIG_NO_KERNEL;
}

const char *loader_config_error_message(enum loader_config_error error)
{
    switch (error) {
    case LOADER_CONFIG_OK:
        return "no error";
    case LOADER_CONFIG_UNKNOWN_KEY:
        return "unknown key (expected kernel=, module= or command_line=)";
    case LOADER_CONFIG_MISSING_VALUE:
        return "missing value (module= needs a NAME and a PATH)";
    case LOADER_CONFIG_TOO_LONG:
        return "name, path or command line too long";
    case LOADER_CONFIG_TOO_MANY_MODULES:
        return "too many modules";
    case LOADER_CONFIG_DUPLICATE_KERNEL:
        return "kernel= given twice";
    case LOADER_CONFIG_NO_KERNEL:
        return "no kernel= line";
    }
    return "unknown error";
}
