# The boot file tree (docs/ramfs.md): $(BUILD)/rootfs.img, the archive the
# POSIX server links into its image, written by the host tool mkrootfs from
# ROOTFS_FILES: entries /path=SOURCE (a file with SOURCE's contents) and
# /directory/ (an empty one); directories the paths imply are added.
# Fragments append to ROOTFS_FILES; the Makefile includes this one after
# them all, so the prerequisites below see every entry.
MKROOTFS := $(HOST_BUILD)/mkrootfs
MKROOTFS_SRCS := koito/ramfs/mkrootfs.c koito/ramfs/rootfs_builder.c koito/ramfs/archive.c

ROOTFS_FILES += /etc/motd=koito/rootfs/etc/motd /etc/hello.txt=koito/rootfs/etc/hello.txt /tmp/

# What follows '=' in the entries that have one.
ROOTFS_SOURCES := $(foreach f,$(ROOTFS_FILES),$(if $(findstring =,$(f)),$(word 2,$(subst =, ,$(f)))))

$(MKROOTFS): $(MKROOTFS_SRCS) $(wildcard koito/ramfs/*.h koito/include/koito/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -Ikoito/include -o $@ $(MKROOTFS_SRCS)

# The makefiles read so far stand in for the list itself: an entry added or
# dropped in any of them rebuilds the archive.
$(BUILD)/rootfs.img: $(MKROOTFS) $(ROOTFS_SOURCES) $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	$(MKROOTFS) $@ $(ROOTFS_FILES)
