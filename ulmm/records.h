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
    ULMM_RECORD_OBJECT,    /* a slab object; `object` is the slot of its capability */
    ULMM_RECORD_RUN,       /* a buddy block cut into frames; `object` is its first frame's slot */
    ULMM_RECORD_RUN_FRAME, /* a frame of a run; `next` is the run's next frame */
};

enum ulmm_record_flag {
    /* The client may free it (not so: its address space and the page tables ULMM built). */
    ULMM_RECORD_CLIENT_FREEABLE = 1u << 0,
};

/* One per slot of ULMM's node, indexed by handle. */
struct ulmm_record {
    uint32_t next, prev; /* owner's list; RUN_FRAME: next frame of the run */
    uint32_t object;
    uint16_t owner;
    uint8_t kind;  /* enum ulmm_record_kind */
    uint8_t flags; /* enum ulmm_record_flag */
};

struct ulmm_client_entry {
    bool registered;
    uint32_t first;         /* newest record of its list (ULMM_NO_SLOT: none) */
    uint32_t address_space; /* handle of its address space */
};

struct ulmm_records {
    struct ulmm_record *records; /* `count` entries */
    uint32_t count;
    struct ulmm_client_entry clients[ULMM_MAX_CLIENTS];
    unsigned registered; /* clients registered now */
};

void ulmm_records_init(struct ulmm_records *records, struct ulmm_record *array, uint32_t count);

/* ULMM_ERROR_INVALID_ARGUMENT: pid out of range or already registered. */
enum ulmm_error ulmm_client_register(struct ulmm_records *records, a9n_word_t pid);
bool ulmm_client_is_registered(const struct ulmm_records *records, a9n_word_t pid);
/* The client must have no records left. */
void ulmm_client_unregister(struct ulmm_records *records, a9n_word_t pid);
/* Registered clients. */
unsigned ulmm_client_count(const struct ulmm_records *records);

/* Record an allocation (OBJECT or RUN) of handle `handle` for the registered `owner`. */
void ulmm_record_add(struct ulmm_records *records, uint32_t handle, a9n_word_t owner,
                     enum ulmm_record_kind kind, uint32_t object, unsigned flags);

/* Mark slot `frame` as a frame of a run; the caller chains the run's frames through `next`. */
void ulmm_record_add_run_frame(struct ulmm_records *records, uint32_t frame);

/*
 * Whether `owner` may free `handle`: ULMM_ERROR_NOT_ALLOCATED when the
 * handle is out of range, no allocation, another client's, or not
 * client-freeable (init, acting for the client, may free those too).
 */
enum ulmm_error ulmm_record_check_free(const struct ulmm_records *records, a9n_word_t handle,
                                       a9n_word_t owner, bool by_init);

/* Unlink a recorded allocation (OBJECT or RUN) from its owner's list and clear it. */
void ulmm_record_remove(struct ulmm_records *records, uint32_t handle);

/* Clear a run frame's record. */
void ulmm_record_remove_run_frame(struct ulmm_records *records, uint32_t frame);

/* The newest allocation of `pid` (ULMM_NO_SLOT: none): reclaim frees these one by one. */
uint32_t ulmm_client_newest(const struct ulmm_records *records, a9n_word_t pid);

#endif
