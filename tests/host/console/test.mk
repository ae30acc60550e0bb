# Host tests of the console driver's pure parts: where the UART's registers
# are for every layout a port reports, and the output requests (count
# checked against the delivered words, strangers and unknown requests).
HOST_TESTS += console_driver
console_driver_SRCS := tests/host/console/test_console.c koito/console/registers.c \
    koito/console/service.c koito/lib/server.c
console_driver_CFLAGS := -Ikoito/console -Ikoito/include -Iliba9n/include -Iliba9n/x86_64/include
$(HOST_BUILD)/tests/console_driver: koito/console/uart.h koito/console/driver.h \
    koito/include/koito/console.h koito/include/koito/server.h
