# The benchmark init (`make bench`): every tests/bench/*.c in one program,
# plus the system tests' thread helpers.
BENCH_SRCS := $(wildcard tests/bench/*.c) tests/system/suite/process/threads.c
$(eval $(call user_program,bench,$(BENCH_SRCS)))
$(eval $(call boot_image,bench,bench))
# ULMM benchmarks run under KOITO (init starts ULMM; tests/bench/koito/ is
# one KOITO program): ci/bench.sh boots this second image when it exists.
$(eval $(call user_program,koito-bench-ulmm,tests/bench/koito/ulmm.c tests/bench/measure.c))
$(eval $(call boot_image,koito-bench,koito-init ulmm koito-bench-ulmm))
# And the POSIX environment's, in the `make run` image (/test/posix-bench).
bench: $(BUILD)/images/koito-bench.img $(BUILD)/images/koito.img
