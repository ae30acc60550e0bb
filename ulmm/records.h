/*
 * Who owns what: ULMM's per-client records. Every allocation ULMM makes
 * for a client is recorded under the slot of its handle (a slab object's
 * cell, or the buddy block of a run of frames) and linked into its
 * owner's list, so that a free checks ownership in O(1) and a client's
 * exit finds everything it held without scanning the node.
 *
 * Pure bookkeeping with no kernel calls: tests/host/ulmm/test_records.c.
 */
#ifndef ULMM_RECORDS_H
#define ULMM_RECORDS_H

#include <a9n/types.h>

#include "error.h"

/* Process ids are 1 .. ULMM_MAX_CLIENTS - 1; 0 is init's badge. */
#define ULMM_MAX_CLIENTS 256

enum ulmm_record_kind {
    ULMM_RECORD_NONE = 0,
    ULMM_RECORD_OBJECT,   /* a slab object; `object` is the slot of its capability */
    ULMM_RECORD_RUN,      /* a buddy block cut into frames; `object` is its node's handle */
    ULMM_RECORD_RUN_NODE, /* the node holding a run's frames; `object` is the node's slot */
};

enum ulmm_record_flag {
    /* The client may free it (not so: its address space and the page tables ULMM built). */
    ULMM_RECORD_CLIENT_FREEABLE = 1u << 0,
};

/* One per slot of ULMM's node, indexed by handle. */
struct ulmm_record {
    uint32_t next, prev; /* owner's list (not for a RUN_NODE: its run is listed) */
    uint32_t object;
    uint8_t owner;
    uint8_t kind;      /* enum ulmm_record_kind */
    uint8_t flags;     /* enum ulmm_record_flag */
    uint8_t size_bits; /* memory it holds, charged to the owner's quota */
};

struct ulmm_client_entry {
    bool registered;
    uint32_t first;         /* newest record of its list (ULMM_NO_SLOT: none) */
    uint32_t address_space; /* handle of its address space */
    a9n_word_t quota;       /* bytes it may hold (the largest word: no limit) */
    a9n_word_t charged;     /* bytes its records hold now */
};

struct ulmm_records {
    struct ulmm_record *records; /* `count` entries */
    uint32_t count;
    struct ulmm_client_entry clients[ULMM_MAX_CLIENTS];
    unsigned registered; /* clients registered now */
};

void ulmm_records_init(struct ulmm_records *records, struct ulmm_record *array, uint32_t count);

/* ULMM_ERROR_INVALID_ARGUMENT: pid out of range or already registered. */
enum ulmm_error ulmm_client_register(struct ulmm_records *records, a9n_word_t pid,
                                     a9n_word_t quota);
bool ulmm_client_is_registered(const struct ulmm_records *records, a9n_word_t pid);
/* The client must have no records left. */
void ulmm_client_unregister(struct ulmm_records *records, a9n_word_t pid);
/* Registered clients. */
unsigned ulmm_client_count(const struct ulmm_records *records);

/*
 * Whether the registered `owner` may take `bytes` more:
 * ULMM_ERROR_QUOTA_EXCEEDED when that would pass its quota. Checked
 * before an allocation starts, so a client at its quota changes nothing.
 */
enum ulmm_error ulmm_client_check_quota(const struct ulmm_records *records, a9n_word_t owner,
                                        a9n_word_t bytes);

/*
 * Record an allocation (OBJECT or RUN) of handle `handle` for the
 * registered `owner`, holding 2^size_bits bytes, charged to its quota.
 */
void ulmm_record_add(struct ulmm_records *records, uint32_t handle, a9n_word_t owner,
                     enum ulmm_record_kind kind, uint32_t object, unsigned flags,
                     unsigned size_bits);

/* Record `node`, the node of a run of `owner`, in slot `object`; charged like the run. */
void ulmm_record_add_run_node(struct ulmm_records *records, uint32_t node, a9n_word_t owner,
                              uint32_t object, unsigned size_bits);

/*
 * Whether `owner` may free `handle`: ULMM_ERROR_NOT_ALLOCATED when the
 * handle is out of range, no allocation, another client's, or not
 * client-freeable (init, acting for the client, may free those too).
 */
enum ulmm_error ulmm_record_check_free(const struct ulmm_records *records, a9n_word_t handle,
                                       a9n_word_t owner, bool by_init);

/*
 * Unlink a recorded allocation (OBJECT or RUN) from its owner's list,
 * give its bytes back to the owner's quota and clear it.
 */
void ulmm_record_remove(struct ulmm_records *records, uint32_t handle);

/* Clear a run node's record, giving its bytes back. */
void ulmm_record_remove_run_node(struct ulmm_records *records, uint32_t node);

/* The newest allocation of `pid` (ULMM_NO_SLOT: none): reclaim frees these one by one. */
uint32_t ulmm_client_newest(const struct ulmm_records *records, a9n_word_t pid);

#endif
