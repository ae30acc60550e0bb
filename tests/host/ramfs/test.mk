# Host tests of the ramfs (koito/ramfs/): nodes and file data, paths, the
# boot-tree archive (reader, builder, loading).
RAMFS_LIBRARY_SRCS := koito/ramfs/ramfs.c koito/ramfs/path.c
RAMFS_TESTS := ramfs_nodes ramfs_path ramfs_archive
HOST_TESTS += $(RAMFS_TESTS)
ramfs_nodes_SRCS := tests/host/ramfs/test_nodes.c tests/host/ramfs/page_provider.c \
    $(RAMFS_LIBRARY_SRCS)
ramfs_path_SRCS := tests/host/ramfs/test_path.c tests/host/ramfs/page_provider.c \
    $(RAMFS_LIBRARY_SRCS)
ramfs_archive_SRCS := tests/host/ramfs/test_archive.c tests/host/ramfs/page_provider.c \
    $(RAMFS_LIBRARY_SRCS) koito/ramfs/archive.c koito/ramfs/load_archive.c \
    koito/ramfs/rootfs_builder.c
$(foreach t,$(RAMFS_TESTS),$(eval $(t)_CFLAGS := -I. -Ikoito/include))
$(addprefix $(HOST_BUILD)/tests/,$(RAMFS_TESTS)): $(wildcard koito/ramfs/*.h koito/include/koito/*.h) \
    tests/host/ramfs/page_provider.h
