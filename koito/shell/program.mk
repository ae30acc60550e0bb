# The shell and the /bin programs (docs/shell.md), programs on newlib:
# $(BUILD)/programs/sh.elf from koito/shell/, and NAME.elf from each
# koito/bin/NAME.c. They go into the boot file tree as /bin/sh, /bin/NAME.
KOITO_SHELL_SRCS := $(wildcard koito/shell/*.c)
KOITO_BIN_PROGRAMS := $(basename $(notdir $(wildcard koito/bin/*.c)))
KOITO_SHELL_ROOTFS_FILES := /bin/sh=$(BUILD)/programs/sh.elf \
    $(foreach p,$(KOITO_BIN_PROGRAMS),/bin/$(p)=$(BUILD)/programs/$(p).elf)

# Declared once the newlib helper (koito/libc/newlib.mk) is there.
ifdef libc_program
$(eval $(call libc_program,sh,$(KOITO_SHELL_SRCS)))
$(foreach p,$(KOITO_BIN_PROGRAMS),$(eval $(call libc_program,$(p),koito/bin/$(p).c)))
ROOTFS_FILES += $(KOITO_SHELL_ROOTFS_FILES)
endif
