# Host tests of the riscv64 HAL's device-tree reader (pure C, no hardware).
# Like every host test it runs under ASan/UBSan (HOST_SANITIZE in the
# Makefile), so that a read outside a corrupt blob fails the test.
HOST_TESTS += fdt
fdt_SRCS := tests/host/fdt/test_fdt.c hal/riscv64/fdt.c hal/riscv64/devicetree.c
fdt_CFLAGS := -DFDT_FIXTURE_DIR='"$(CURDIR)/tests/host/fdt"'
