# The benchmark init (`make bench`): every tests/bench/*.c in one program,
# plus the system tests' thread helpers.
BENCH_SRCS := $(wildcard tests/bench/*.c) tests/system/suite/process/threads.c
$(eval $(call user_program,bench,$(BENCH_SRCS)))
$(eval $(call boot_image,bench,bench))
