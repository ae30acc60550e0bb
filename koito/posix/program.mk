# The POSIX server (docs/posix.md): its sources, the ramfs it embeds, and
# the boot file tree ($(BUILD)/rootfs.img, koito/ramfs/rootfs.mk) linked
# into its image.
POSIX_SRCS := $(wildcard koito/posix/*.c) koito/ramfs/ramfs.c koito/ramfs/path.c \
    koito/ramfs/archive.c koito/ramfs/load_archive.c
POSIX_ROOTFS_OBJ := $(BUILD)/koito/posix/rootfs.S.o

$(POSIX_ROOTFS_OBJ): koito/posix/rootfs.S $(BUILD)/rootfs.img
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -std=%,$(USER_CFLAGS)) -DKOITO_ROOTFS_IMAGE='"$(BUILD)/rootfs.img"' \
	    -c $< -o $@

$(eval $(call user_program,koito-posix,$(POSIX_SRCS),$(POSIX_ROOTFS_OBJ) $(KOITO_LIB)))
