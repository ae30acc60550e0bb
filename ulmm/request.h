/*
 * Decoding of ULMM requests: the message registers of a request (label,
 * badge, payload) become a struct ulmm_request, with every check that
 * needs no allocator state done here, before anything happens. Pure
 * code: tests/host/ulmm/test_request.c.
 */
#ifndef ULMM_REQUEST_H
#define ULMM_REQUEST_H

#include <a9n/capability.h>
#include <a9n/types.h>
#include <liba9n/ulmm.h>

/* What requests are checked against: the paging geometry from the app info. */
struct ulmm_limits {
    unsigned page_bits;
    unsigned paging_levels;
    a9n_word_t user_top;
};

struct ulmm_request {
    enum ulmm_request_label label;
    a9n_word_t owner;   /* the client the request is for (the badge, or init's MR5) */
    bool by_init;       /* badge 0 */
    unsigned order;     /* frames: 2^order pages */
    a9n_word_t count;   /* ALLOC_FRAMES: frames asked for (the run is 2^order >= count) */
    a9n_word_t address; /* MAP_FRAMES */
    unsigned attributes;
    bool transfer;      /* frames: copies go back to the caller */
    enum a9n_capability_type type; /* ALLOC_OBJECT */
    a9n_word_t parameter;
    a9n_word_t handle;  /* FREE */
    a9n_word_t pid;     /* REGISTER_CLIENT, CLIENT_EXITED */
    a9n_word_t quota;   /* REGISTER_CLIENT */
    a9n_word_t slot;    /* ADD_MEMORY */
    a9n_paddr_t base;
    unsigned size_bits;
};

/*
 * mr[i] is message register i of the received request (payload from MR4),
 * `info` its message info, `badge` the sender's badge. ULMM_STATUS_OK and
 * *request filled, or the status to reply with.
 */
enum ulmm_status ulmm_request_decode(const a9n_word_t *mr, a9n_word_t info, a9n_word_t badge,
                                     const struct ulmm_limits *limits,
                                     struct ulmm_request *request);

#endif
