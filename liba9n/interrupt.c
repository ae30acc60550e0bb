/* Interrupt Region, Interrupt Port and I/O Port operations: arguments in the MRs docs/abi.md names. */
#include <liba9n/interrupt.h>
#include <liba9n/kernel_call.h>

enum a9n_error a9n_interrupt_region_make_port(a9n_word_t region, a9n_word_t line,
                                              a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_INTERRUPT_REGION_ARG_LINE] = line;
    mr[A9N_INTERRUPT_REGION_ARG_PORT] = port;
    return a9n_capability_call(region, A9N_INTERRUPT_REGION_MAKE_PORT, mr);
}

enum a9n_error a9n_interrupt_port_bind(a9n_word_t port, a9n_word_t notification)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_INTERRUPT_PORT_ARG_NOTIFICATION] = notification;
    return a9n_capability_call(port, A9N_INTERRUPT_PORT_BIND, mr);
}

enum a9n_error a9n_interrupt_port_unbind(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(port, A9N_INTERRUPT_PORT_UNBIND, mr);
}

enum a9n_error a9n_interrupt_port_ack(a9n_word_t port)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    return a9n_capability_call(port, A9N_INTERRUPT_PORT_ACK, mr);
}

enum a9n_error a9n_io_port_mint(a9n_word_t io_port, a9n_word_t node, a9n_word_t index,
                                a9n_word_t first, a9n_word_t last)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_IO_PORT_ARG_NODE] = node;
    mr[A9N_IO_PORT_ARG_INDEX] = index;
    mr[A9N_IO_PORT_ARG_FIRST] = first;
    mr[A9N_IO_PORT_ARG_LAST] = last;
    return a9n_capability_call(io_port, A9N_IO_PORT_MINT, mr);
}

enum a9n_error a9n_io_port_read(a9n_word_t io_port, a9n_word_t port,
                                enum a9n_io_port_width width, uint32_t *value)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_IO_PORT_ARG_PORT] = port;
    mr[A9N_IO_PORT_ARG_WIDTH] = (a9n_word_t)width;
    enum a9n_error error = a9n_capability_call(io_port, A9N_IO_PORT_READ, mr);
    if (error == A9N_ERROR_NONE)
        *value = (uint32_t)mr[A9N_IO_PORT_RESULT_VALUE];
    return error;
}

enum a9n_error a9n_io_port_write(a9n_word_t io_port, a9n_word_t port,
                                 enum a9n_io_port_width width, uint32_t value)
{
    a9n_word_t mr[A9N_ARCH_REGISTER_MRS] = { 0 };
    mr[A9N_IO_PORT_ARG_PORT] = port;
    mr[A9N_IO_PORT_ARG_WIDTH] = (a9n_word_t)width;
    mr[A9N_IO_PORT_ARG_VALUE] = value;
    return a9n_capability_call(io_port, A9N_IO_PORT_WRITE, mr);
}
