# Host tests of the console driver's pure parts: where the UART's registers
# are for every layout a port reports, and the output requests (count
# checked against the delivered words, strangers and unknown requests).
HOST_TESTS += console_driver
console_driver_SRCS := tests/host/console/test_console.c koito/console/registers.c \
    koito/console/service.c koito/lib/server.c
console_driver_CFLAGS := -Ikoito/console -Ikoito/include -Iliba9n/include -Iliba9n/x86_64/include
$(HOST_BUILD)/tests/console_driver: koito/console/uart.h koito/console/driver.h \
    koito/include/koito/console.h koito/include/koito/server.h

# The input thread against a simulated UART and interrupt line: its kernel
# calls and UART accesses are the test's, its call to the POSIX server too
# (koito_call, wrapped at link time).
HOST_TESTS += console_input
console_input_SRCS := tests/host/console/test_input.c koito/console/input.c koito/lib/server.c
console_input_CFLAGS := -Ikoito/console -Ikoito/include -Iliba9n/include -Iliba9n/x86_64/include \
    -Wl,--wrap=koito_call
$(HOST_BUILD)/tests/console_input: koito/console/uart.h koito/console/driver.h \
    koito/include/koito/console.h koito/include/koito/server.h
