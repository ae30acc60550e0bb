/*
 * The ULMM protocol (docs/ulmm.md, "Protocol") and its client library.
 * ULMM hands out all memory: frames (optionally mapped into the caller's
 * address space, page tables built by ULMM) and kernel objects. The
 * caller is identified by the badge of its ULMM port capability (its pid);
 * badge 0 is init's, which may also act for a client (the "owner").
 */
#ifndef LIBA9N_ULMM_H
#define LIBA9N_ULMM_H

#include <a9n/capability.h>
#include <a9n/types.h>

/* Request labels (message info label). Payload words start at MR4. */
enum ulmm_request_label {
    /*
     * MR4 count (1 .. ULMM_MAX_RUN_FRAMES), MR5 owner: `count` frames, not
     * mapped, transferred as one Node of radix ulmm_run_radix(count) that
     * holds them in its slots 0 .. count - 1.
     */
    ULMM_REQUEST_ALLOC_FRAMES = 1,
    /* MR4 order, MR5 owner, MR6 address, MR7 map attributes, MR8 flags: map 2^order frames. */
    ULMM_REQUEST_MAP_FRAMES,
    /* MR4 type, MR5 owner, MR6 convert parameter: one object, transferred. */
    ULMM_REQUEST_ALLOC_OBJECT,
    /* MR4 handle, MR5 owner: destroy an allocation and every copy of it. */
    ULMM_REQUEST_FREE,
    /*
     * MR5 owner. Reply: MR5 free bytes, MR6 total bytes, MR7 registered
     * clients, MR8 bytes the caller (or init's owner) holds, MR9 its quota.
     */
    ULMM_REQUEST_STATISTICS,
    /* Init only. MR4 pid, MR6 quota in bytes: a new client; reply transfers its Address Space. */
    ULMM_REQUEST_REGISTER_CLIENT,
    /* Init only. MR4 pid: the client is gone; everything it held is reclaimed. */
    ULMM_REQUEST_CLIENT_EXITED,
    /* Init only. MR4 slot of ULMM's root node holding a Generic, MR6 base, MR7 size bits. */
    ULMM_REQUEST_ADD_MEMORY,
};

/* MAP_FRAMES flags (MR8). */
enum ulmm_map_flag {
    /* Also transfer a copy: of the frame (order 0), of the run's Node (order >= 1). */
    ULMM_MAP_TRANSFER = 1u << 0,
};

/* Message registers of requests and replies. */
enum ulmm_message_register {
    ULMM_MR_ARG0 = 4,      /* order, type, handle or pid */
    ULMM_MR_OWNER = 5,     /* 0 from clients; init: the pid it acts for */
    ULMM_MR_ARG2 = 6,      /* address, parameter, base, quota */
    ULMM_MR_ARG3 = 7,      /* attributes */
    ULMM_MR_ARG4 = 8,      /* flags */
    ULMM_MR_STATUS = 4,    /* reply: enum ulmm_status */
    ULMM_MR_RESULT = 5,    /* reply: handle, or free bytes */
    ULMM_MR_RESULT2 = 6,   /* reply: total bytes */
    ULMM_MR_RESULT3 = 7,   /* reply: clients */
    ULMM_MR_RESULT4 = 8,   /* reply: bytes held */
    ULMM_MR_RESULT5 = 9,   /* reply: quota */
};

/* Radix of ULMM's root node, which holds everything it hands out (init builds it). */
#define ULMM_ROOT_RADIX 16

/* The largest run of frames one request maps (2^10 pages) or allocates. */
#define ULMM_MAX_FRAME_ORDER 10
#define ULMM_MAX_RUN_FRAMES ((a9n_word_t)1 << ULMM_MAX_FRAME_ORDER)

/* A quota with no limit (REGISTER_CLIENT): no client can hold this many bytes. */
#define ULMM_QUOTA_UNLIMITED (~(a9n_word_t)0)

/* 2^order >= count (count 1 .. ULMM_MAX_RUN_FRAMES): a run's size in pages is 2^order. */
static inline unsigned ulmm_run_order(a9n_word_t count)
{
    unsigned order = 0;
    while (((a9n_word_t)1 << order) < count)
        order++;
    return order;
}

/* Radix of the Node a run of `count` frames comes in (a Node has at least 2 slots). */
static inline unsigned ulmm_run_radix(a9n_word_t count)
{
    unsigned order = ulmm_run_order(count);
    return order > 0 ? order : 1;
}

/* Results of requests (reply MR4). Nothing changes on any error. */
enum ulmm_status {
    ULMM_STATUS_OK = 0,
    ULMM_STATUS_UNKNOWN_REQUEST,  /* label not in enum ulmm_request_label */
    ULMM_STATUS_INVALID_ARGUMENT, /* type, parameter or flags out of range */
    ULMM_STATUS_TOO_LARGE,        /* order above the request's limit */
    ULMM_STATUS_INVALID_ADDRESS,  /* not page aligned, or the run passes user_top */
    ULMM_STATUS_ALREADY_MAPPED,   /* a page of the run overlaps an existing mapping */
    ULMM_STATUS_NOT_OWNED,        /* the handle is not an allocation of the caller */
    ULMM_STATUS_NOT_PERMITTED,    /* an init-only request or owner field from a client */
    ULMM_STATUS_NO_CLIENT,        /* init named a pid that is not (or is already) registered */
    ULMM_STATUS_OUT_OF_MEMORY,    /* no memory, or ULMM's bookkeeping is full */
    ULMM_STATUS_KERNEL_REFUSED,   /* a kernel call failed (e.g. a bad ADD_MEMORY Generic) */
    ULMM_STATUS_QUOTA_EXCEEDED,   /* the owner would hold more than its quota */
    /* Client side only: the capabilities could not land (the slots were occupied). */
    ULMM_STATUS_NO_ROOM,
    /* Client side only: the IPC call itself failed (no ULMM port). */
    ULMM_STATUS_IPC_FAILED,
};

/*
 * How a caller reaches ULMM: its port capability, its IPC buffer (for
 * receiving capabilities), and the pid init acts for (0 for a client).
 * Capabilities land in the caller's root node.
 */
struct ulmm_client {
    a9n_word_t port;
    struct a9n_ipc_buffer *ipc_buffer;
    a9n_word_t owner;
};

/* A program's own connection, from its app-info page (NULL when it has none). */
const struct ulmm_client *ulmm_self(void);

struct ulmm_result {
    enum ulmm_status status;
    a9n_word_t handle; /* what to free; meaningful with ULMM_STATUS_OK */
};

/*
 * `count` frames (1 .. ULMM_MAX_RUN_FRAMES), physically contiguous, in a
 * Node that lands in root slot `slot`: frame i is
 * ulmm_frame_descriptor(root radix, slot, count, i).
 */
struct ulmm_result ulmm_alloc_frames(const struct ulmm_client *client, a9n_word_t count,
                                     a9n_word_t slot);

/* Descriptor of frame `index` of a run of `count` whose Node is in root slot `slot`. */
static inline a9n_word_t ulmm_frame_descriptor(unsigned root_radix, a9n_word_t slot,
                                               a9n_word_t count, a9n_word_t index)
{
    return a9n_descriptor_child(a9n_descriptor(root_radix, slot), ulmm_run_radix(count), index);
}

/*
 * 2^order frames mapped at address .. address + 2^order pages with
 * enum a9n_map_attribute bits. transfer_slot: 0, or a root slot where a
 * copy lands: of the frame (order 0), or of the run's Node (radix
 * ulmm_run_radix(2^order), frames in slots 0 .. 2^order - 1).
 */
struct ulmm_result ulmm_map(const struct ulmm_client *client, unsigned order, a9n_word_t address,
                            unsigned attributes, a9n_word_t transfer_slot);

/* One kernel object of `type` (convert `parameter`) into root slot `slot`. Not Page Tables. */
struct ulmm_result ulmm_alloc_object(const struct ulmm_client *client,
                                     enum a9n_capability_type type, a9n_word_t parameter,
                                     a9n_word_t slot);

/* Destroy an allocation: its capabilities (every copy) go, mapped frames are unmapped. */
enum ulmm_status ulmm_free(const struct ulmm_client *client, a9n_word_t handle);

struct ulmm_statistics {
    enum ulmm_status status;
    uint64_t free_bytes;
    uint64_t total_bytes;
    a9n_word_t clients;
    a9n_word_t held_bytes; /* what the caller (init: its owner) holds, charged to its quota */
    a9n_word_t quota;      /* 0 for init itself, which is no client */
};

struct ulmm_statistics ulmm_statistics(const struct ulmm_client *client);

/* Init's requests (badge 0); see enum ulmm_request_label. */
struct ulmm_result ulmm_register_client(const struct ulmm_client *client, a9n_word_t pid,
                                        a9n_word_t quota, a9n_word_t address_space_slot);
enum ulmm_status ulmm_client_exited(const struct ulmm_client *client, a9n_word_t pid);
enum ulmm_status ulmm_add_memory(const struct ulmm_client *client, a9n_word_t slot,
                                 a9n_paddr_t base, unsigned size_bits);

/* Text for a status (for diagnostics). */
const char *ulmm_status_name(enum ulmm_status status);

#endif
