# Host tests of Interrupt Region, Interrupt Port and I/O Port: the kernel's
# objects in the capability-core universe, over a fake interrupt controller
# and port space. Deferred (=): CAP_TEST_COMMON comes from tests/host/cap/test.mk.
HOST_TESTS += interrupt
interrupt_SRCS = tests/host/interrupt/test_interrupt.c $(CAP_TEST_COMMON)
interrupt_CFLAGS := -Itests/host/cap -Itests/host/interrupt
$(HOST_BUILD)/tests/interrupt: tests/host/cap/universe.h tests/host/cap/cap_test.h \
    tests/host/interrupt/fake_devices.h
