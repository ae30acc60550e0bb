# Programs that test and measure the POSIX environment, in the boot file
# tree under /test: libc-test and posix-fuzz (the shell transcript test
# runs them, tests/shell/), posix-bench (`make bench`, docs/benchmarks.md).
ifdef libc_program
$(eval $(call libc_program,libc-test,tests/system/posix/libc_test.c))
$(eval $(call libc_program,posix-fuzz,tests/system/posix/posix_fuzz.c))
$(eval $(call libc_program,posix-bench,tests/system/posix/posix_bench.c))
ROOTFS_FILES += /test/libc-test=$(BUILD)/programs/libc-test.elf \
    /test/posix-fuzz=$(BUILD)/programs/posix-fuzz.elf /test/posix-bench=$(BUILD)/programs/posix-bench.elf
endif
