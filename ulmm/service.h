/*
 * What ULMM does for a decoded request: allocate, map, free and reclaim
 * with the buddy and slab allocators, keeping the per-client records.
 * Every capability ULMM hands out is a copy of one it keeps in its own
 * node, so freeing (a revoke of the cell or block) destroys every copy.
 */
#ifndef ULMM_SERVICE_H
#define ULMM_SERVICE_H

#include <a9n/ipc.h>

#include "buddy.h"
#include "records.h"
#include "request.h"
#include "slab.h"
#include "slot_allocator.h"

/* Slabs for small objects: 64 KiB (a tuning choice, docs/ulmm.md). */
#define ULMM_SLAB_BITS 16

struct ulmm_service {
    struct ulmm_slot_allocator slots;
    struct ulmm_buddy buddy;
    struct ulmm_slab slab;
    struct ulmm_records records;
    struct ulmm_limits limits;
};

/* Per-slot tables of the service, each ulmm_slot_count(radix) entries. */
struct ulmm_service_tables {
    uint32_t *links;
    struct ulmm_buddy_block *blocks;
    struct ulmm_slab_entry *entries;
    struct ulmm_record *records;
};

/*
 * Manage slots first .. 2^radix - 1 of the node named `node` (ULMM's root
 * node: descriptor depth 0; the host tests' node in their universe).
 * ULMM_STATUS_INVALID_ARGUMENT when the limits or sizes are out of range.
 */
enum ulmm_status ulmm_service_init(struct ulmm_service *service, a9n_word_t node, unsigned radix,
                                   uint32_t first, const struct ulmm_limits *limits,
                                   const struct ulmm_service_tables *tables);

/* Only results[0 .. result_count - 1] and capabilities[0 .. capability_count - 1] are set. */
struct ulmm_reply {
    enum ulmm_status status;
    a9n_word_t results[5]; /* MR5 .. MR9 */
    unsigned result_count;
    unsigned capability_count;
    a9n_word_t capabilities[A9N_MESSAGE_MAX_CAPABILITIES]; /* descriptors in ULMM's space */
};

void ulmm_service_handle(struct ulmm_service *service, const struct ulmm_request *request,
                         struct ulmm_reply *reply);

#endif
