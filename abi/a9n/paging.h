/*
 * Architecture-independent paging vocabulary. A page table has a depth:
 * 0 is a frame, 1 the lowest table, up to the number of levels (the root,
 * i.e. the address space). Levels and bits per level come from init info.
 */
#ifndef A9N_PAGING_H
#define A9N_PAGING_H

#define A9N_PAGING_MAX_LEVELS 5

/* Mapping attributes of a frame; limited by the frame capability's rights. */
enum a9n_map_attribute {
    A9N_MAP_READ = 1u << 0,
    A9N_MAP_WRITE = 1u << 1,
    A9N_MAP_EXECUTE = 1u << 2,
    /* Device memory: uncached, strongly ordered. */
    A9N_MAP_DEVICE = 1u << 3,
};

#endif
