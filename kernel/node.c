/*
 * Node objects: descriptor lookup and the node operations (copy, move,
 * mint, demote, remove, revoke). Each operation is a decode step that
 * checks every argument and changes nothing, then a perform step that
 * cannot fail.
 */
#include "node.h"

#include "capability_call.h"
#include "derivation.h"
#include "object.h"
#include "string.h"

void node_init_object(void *memory, unsigned radix)
{
    /* An all-zero slot is empty and unlinked. */
    memset(memory, 0, (size_t)1 << (A9N_SLOT_BITS + radix));
}

struct slot *node_contained_slot(const struct slot *node, a9n_word_t index)
{
    return index < node_slot_count(node) ? node_slot(node, index) : NULL;
}

enum a9n_error node_lookup(const struct slot *root, a9n_word_t descriptor, struct slot **slot)
{
    unsigned remaining = a9n_descriptor_depth(descriptor);
    a9n_word_t path = a9n_descriptor_path(descriptor);

    if (remaining > A9N_DESCRIPTOR_DEPTH_MAX)
        return A9N_ERROR_INVALID_DEPTH;
    /* A path wider than its depth is an index beyond what the nodes hold. */
    if ((path >> remaining) != 0)
        return A9N_ERROR_INDEX_OUT_OF_RANGE;
    if (remaining == 0)
        return A9N_ERROR_INVALID_DEPTH;

    /*
     * Radix >= 1 for every node, so this loop runs at most 56 times even
     * through a node that holds a capability to itself.
     */
    const struct slot *node = root;
    for (;;) {
        if (slot_is_empty(node))
            return A9N_ERROR_EMPTY_SLOT;
        if (node->type != A9N_CAPABILITY_NODE)
            return A9N_ERROR_INVALID_DEPTH;
        unsigned radix = node->parameter;
        if (remaining < radix)
            return A9N_ERROR_INVALID_DEPTH;
        remaining -= radix;
        struct slot *found = node_slot(node, (path >> remaining) & (node_slot_count(node) - 1));
        if (remaining == 0) {
            *slot = found;
            return A9N_ERROR_NONE;
        }
        node = found;
    }
}

enum a9n_error node_lookup_node(const struct slot *root, a9n_word_t descriptor,
                                const struct slot **node)
{
    const struct slot *found = root;

    if (a9n_descriptor_depth(descriptor) == 0) {
        if (a9n_descriptor_path(descriptor) != 0)
            return A9N_ERROR_INDEX_OUT_OF_RANGE;
    } else {
        struct slot *slot;
        enum a9n_error error = node_lookup(root, descriptor, &slot);
        if (error != A9N_ERROR_NONE)
            return error;
        found = slot;
    }
    if (slot_is_empty(found))
        return A9N_ERROR_EMPTY_SLOT;
    if (found->type != A9N_CAPABILITY_NODE)
        return A9N_ERROR_WRONG_TYPE;
    *node = found;
    return A9N_ERROR_NONE;
}

/* ---- decoding helpers ------------------------------------------------------ */

static enum a9n_error decode_index(const struct slot *node, a9n_word_t index, struct slot **slot)
{
    if (index >= node_slot_count(node))
        return A9N_ERROR_INDEX_OUT_OF_RANGE;
    *slot = node_slot(node, index);
    return A9N_ERROR_NONE;
}

/* A slot of the target node that will receive a capability. */
static enum a9n_error decode_destination(const struct slot *node, a9n_word_t index,
                                         struct slot **destination)
{
    enum a9n_error error = decode_index(node, index, destination);
    if (error != A9N_ERROR_NONE)
        return error;
    if (!slot_is_empty(*destination))
        return A9N_ERROR_SLOT_OCCUPIED;
    return A9N_ERROR_NONE;
}

/* A slot of the target node that must hold a capability. */
static enum a9n_error decode_occupied(const struct slot *node, a9n_word_t index, struct slot **slot)
{
    enum a9n_error error = decode_index(node, index, slot);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(*slot))
        return A9N_ERROR_EMPTY_SLOT;
    return A9N_ERROR_NONE;
}

static enum a9n_error decode_source(const struct slot *root, a9n_word_t descriptor,
                                    struct slot **source)
{
    enum a9n_error error = node_lookup(root, descriptor, source);
    if (error != A9N_ERROR_NONE)
        return error;
    if (slot_is_empty(*source))
        return A9N_ERROR_EMPTY_SLOT;
    return A9N_ERROR_NONE;
}

static enum a9n_error decode_rights(a9n_word_t rights)
{
    return (rights & ~(a9n_word_t)A9N_RIGHTS_ALL) != 0 ? A9N_ERROR_INVALID_ARGUMENT
                                                        : A9N_ERROR_NONE;
}

/* ---- copy and mint ----------------------------------------------------------- */

struct node_derive {
    struct slot *destination;
    struct slot *source;
    unsigned rights;
    a9n_word_t badge;
};

static enum a9n_error decode_derive_slots(const struct slot *root, const struct slot *node,
                                          const struct capability_message *message,
                                          unsigned needed_rights, struct node_derive *derive)
{
    enum a9n_error error =
        decode_destination(node, message->mr[A9N_NODE_ARG_INDEX], &derive->destination);
    if (error != A9N_ERROR_NONE)
        return error;
    error = decode_source(root, message->mr[A9N_NODE_ARG_SOURCE], &derive->source);
    if (error != A9N_ERROR_NONE)
        return error;
    if (!object_type_of(derive->source->type)->copyable)
        return A9N_ERROR_WRONG_TYPE;
    if ((derive->source->rights & needed_rights) != needed_rights)
        return A9N_ERROR_MISSING_RIGHTS;
    return A9N_ERROR_NONE;
}

static enum a9n_error node_decode_copy(const struct slot *root, const struct slot *node,
                                       const struct capability_message *message,
                                       struct node_derive *derive)
{
    enum a9n_error error = decode_derive_slots(root, node, message, A9N_RIGHT_COPY, derive);
    if (error != A9N_ERROR_NONE)
        return error;
    derive->rights = derive->source->rights;
    derive->badge = 0;
    return A9N_ERROR_NONE;
}

/*
 * Mint needs both rights: it duplicates (copy) and chooses what the new
 * capability says (modify). A badge can be set only on an unbadged
 * capability, so a holder of a badged capability can never impersonate
 * another client, whatever rights it was given.
 */
static enum a9n_error node_decode_mint(const struct slot *root, const struct slot *node,
                                       const struct capability_message *message,
                                       struct node_derive *derive)
{
    enum a9n_error error = decode_derive_slots(root, node, message,
                                               A9N_RIGHT_COPY | A9N_RIGHT_MODIFY, derive);
    if (error != A9N_ERROR_NONE)
        return error;
    a9n_word_t rights = message->mr[A9N_NODE_ARG_MINT_RIGHTS];
    a9n_word_t badge = message->mr[A9N_NODE_ARG_MINT_BADGE];
    error = decode_rights(rights);
    if (error != A9N_ERROR_NONE)
        return error;
    if (badge != 0 && (!object_type_of(derive->source->type)->badged ||
                       derive->source->local.badge != 0))
        return A9N_ERROR_INVALID_ARGUMENT;
    derive->rights = derive->source->rights & (unsigned)rights;
    derive->badge = badge;
    return A9N_ERROR_NONE;
}

static void node_perform_derive(const struct node_derive *derive)
{
    slot_derive(derive->destination, derive->source, derive->rights, derive->badge);
}

/* ---- move -------------------------------------------------------------------- */

struct node_move {
    struct slot *destination;
    struct slot *source;
};

static enum a9n_error node_decode_move(const struct slot *root, const struct slot *node,
                                       const struct capability_message *message,
                                       struct node_move *move)
{
    enum a9n_error error =
        decode_destination(node, message->mr[A9N_NODE_ARG_INDEX], &move->destination);
    if (error != A9N_ERROR_NONE)
        return error;
    return decode_source(root, message->mr[A9N_NODE_ARG_SOURCE], &move->source);
}

static void node_perform_move(const struct node_move *move)
{
    derivation_move(move->destination, move->source);
}

/* ---- demote ------------------------------------------------------------------ */

struct node_demote {
    struct slot *slot;
    unsigned rights;
};

/*
 * Demote changes rights in place; with capabilities derived from this one
 * it would leave children with more rights than their parent, so those
 * must be revoked first.
 */
static enum a9n_error node_decode_demote(const struct slot *node,
                                         const struct capability_message *message,
                                         struct node_demote *demote)
{
    enum a9n_error error = decode_occupied(node, message->mr[A9N_NODE_ARG_INDEX], &demote->slot);
    if (error != A9N_ERROR_NONE)
        return error;
    a9n_word_t rights = message->mr[A9N_NODE_ARG_DEMOTE_RIGHTS];
    error = decode_rights(rights);
    if (error != A9N_ERROR_NONE)
        return error;
    if (derivation_has_children(demote->slot))
        return A9N_ERROR_HAS_CHILDREN;
    demote->rights = demote->slot->rights & (unsigned)rights;
    return A9N_ERROR_NONE;
}

static void node_perform_demote(const struct node_demote *demote)
{
    demote->slot->rights = (uint8_t)demote->rights;
}

/* ---- dispatch ------------------------------------------------------------------ */

enum a9n_error node_invoke(const struct slot *root, const struct slot *node,
                           struct capability_message *message)
{
    enum a9n_error error;

    switch (message->mr[1]) {
    case A9N_NODE_COPY:
    case A9N_NODE_MINT: {
        struct node_derive derive;
        error = message->mr[1] == A9N_NODE_COPY ? node_decode_copy(root, node, message, &derive)
                                                : node_decode_mint(root, node, message, &derive);
        if (error == A9N_ERROR_NONE)
            node_perform_derive(&derive);
        return error;
    }
    case A9N_NODE_MOVE: {
        struct node_move move;
        error = node_decode_move(root, node, message, &move);
        if (error == A9N_ERROR_NONE)
            node_perform_move(&move);
        return error;
    }
    case A9N_NODE_DEMOTE: {
        struct node_demote demote;
        error = node_decode_demote(node, message, &demote);
        if (error == A9N_ERROR_NONE)
            node_perform_demote(&demote);
        return error;
    }
    case A9N_NODE_REMOVE: {
        struct slot *slot;
        error = decode_occupied(node, message->mr[A9N_NODE_ARG_INDEX], &slot);
        if (error == A9N_ERROR_NONE)
            derivation_remove(slot);
        return error;
    }
    case A9N_NODE_REVOKE: {
        struct slot *slot;
        error = decode_occupied(node, message->mr[A9N_NODE_ARG_INDEX], &slot);
        if (error == A9N_ERROR_NONE)
            derivation_revoke(slot);
        return error;
    }
    default:
        return A9N_ERROR_UNKNOWN_OPERATION;
    }
}
