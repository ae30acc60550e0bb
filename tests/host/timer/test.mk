# Host tests of the Timer object: the armed list, arm/cancel/fire/destroy and
# argument validation, in the capability-core universe over the fake clock
# (tests/host/interrupt/fake_devices.c). Deferred (=): CAP_TEST_COMMON comes
# from tests/host/cap/test.mk.
HOST_TESTS += timer
timer_SRCS = tests/host/timer/test_timer.c $(CAP_TEST_COMMON)
timer_CFLAGS := -Itests/host/cap -Itests/host/interrupt
$(HOST_BUILD)/tests/timer: tests/host/cap/universe.h tests/host/cap/cap_test.h \
    tests/host/interrupt/fake_devices.h
