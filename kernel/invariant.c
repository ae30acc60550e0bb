/*
 * The invariant checker: collect every visible slot, check each one and its
 * links, then sort the capabilities by object to check finality and that no
 * two objects overlap. See invariant.h for the list of rules.
 */
#include "invariant.h"

#include "derivation.h"
#include "node.h"
#include "object.h"

struct checker {
    const struct slot *const *roots;
    size_t root_count;
    struct invariant_scratch *scratch;
    size_t head_count;
    size_t slot_count;
    size_t node_count;
    /* Occupied slots the tree walks visited, to compare with the linked ones. */
    size_t tree_slot_count;
    struct invariant_violation *violation;
};

static bool fail(struct checker *checker, const char *what, const struct slot *slot)
{
    checker->violation->what = what;
    checker->violation->slot = slot;
    checker->violation->object = NULL;
    return false;
}

static bool is_node(const struct slot *slot)
{
    return slot->type == A9N_CAPABILITY_NODE && !(slot->flags & SLOT_FLAG_DYING) &&
           slot->parameter >= A9N_NODE_RADIX_MIN && slot->parameter <= A9N_NODE_RADIX_MAX;
}

static bool add_node(struct checker *checker, const struct slot *node)
{
    for (size_t i = 0; i < checker->node_count; i++) {
        if (checker->scratch->nodes[i]->object == node->object)
            return true;
    }
    if (checker->node_count == checker->scratch->node_capacity)
        return fail(checker, "scratch: too many nodes", node);
    checker->scratch->nodes[checker->node_count++] = node;
    return true;
}

static bool is_root(const struct checker *checker, const struct slot *slot)
{
    for (size_t i = 0; i < checker->root_count; i++) {
        if (checker->roots[i] == slot)
            return true;
    }
    return false;
}

/* Binary search of nodes[], sorted by object (sort_nodes) once discovery is done. */
static bool in_some_node(const struct checker *checker, const struct slot *slot)
{
    size_t low = 0, high = checker->node_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct slot *node = checker->scratch->nodes[middle];
        const struct slot *first = node_slot(node, 0);
        if (slot < first)
            high = middle;
        else if (slot >= first + node_slot_count(node))
            low = middle + 1;
        else
            return true;
    }
    return false;
}

/* Tops of the derivation trees walked so far, kept at the end of slots[]. */
static const struct slot **head(const struct checker *checker, size_t i)
{
    return &checker->scratch->slots[checker->scratch->slot_capacity - 1 - i];
}

static bool collect(struct checker *checker, const struct slot *slot)
{
    if (slot_is_empty(slot))
        return true;
    if (checker->slot_count + checker->head_count == checker->scratch->slot_capacity)
        return fail(checker, "scratch: too many slots", slot);
    checker->scratch->slots[checker->slot_count++] = slot;
    return true;
}

/*
 * Pre-order walk of the derivation tree below `top` and its siblings,
 * using the parent links (no stack). Discovering: note every node whose
 * capability is met. Collecting: take every slot that is in no known node
 * (a slot of a node that only holds capabilities to itself, which nobody
 * else can reach, but which is linked with reachable ones).
 */
static bool walk_tree(struct checker *checker, const struct slot *top, bool collecting)
{
    size_t steps = 0;
    for (const struct slot *s = top; s != NULL;) {
        if (++steps > checker->scratch->slot_capacity)
            return fail(checker, "derivation tree loops or is too large", s);
        if (collecting) {
            if (!slot_is_empty(s))
                checker->tree_slot_count++;
            if (!in_some_node(checker, s) && !is_root(checker, s) && !collect(checker, s))
                return false;
        } else if (is_node(s) && !add_node(checker, s)) {
            return false;
        }
        if (s->first_child != NULL) {
            s = s->first_child;
            continue;
        }
        while (s != NULL && s->next_sibling == NULL)
            s = s->parent;
        if (s != NULL)
            s = s->next_sibling;
    }
    return true;
}

/*
 * Walk, once, the derivation tree `slot` is in, noting nodes. A capability
 * with no links at all (most boot-time ones) is a tree of its own, met
 * only here: no walk, and no entry among the tops.
 */
static bool discover(struct checker *checker, const struct slot *slot)
{
    if (slot_is_empty(slot))
        return true;
    const struct slot *top = slot;
    size_t steps = 0;
    /* Parents first: a child's own earlier siblings need not be walked. */
    while (top->parent != NULL || top->prev_sibling != NULL) {
        top = top->parent != NULL ? top->parent : top->prev_sibling;
        if (++steps > checker->scratch->slot_capacity)
            return fail(checker, "derivation tree loops", slot);
    }
    if (top->first_child == NULL && top->next_sibling == NULL)
        return !is_node(top) || add_node(checker, top);
    for (size_t i = 0; i < checker->head_count; i++) {
        if (*head(checker, i) == top)
            return true;
    }
    if (checker->head_count == checker->scratch->slot_capacity)
        return fail(checker, "scratch: too many trees", slot);
    *head(checker, checker->head_count++) = top;
    return walk_tree(checker, top, false);
}

static void sort_by_object(const struct slot **items, size_t count);

/*
 * Every occupied slot, each once: in the roots, in every node whose
 * capability is in a tree linked with them, and linked into those trees.
 */
static bool collect_slots(struct checker *checker)
{
    for (size_t i = 0; i < checker->root_count; i++) {
        if (!discover(checker, checker->roots[i]))
            return false;
    }
    /* nodes[] grows while it is scanned: a fixed point over nesting. */
    for (size_t n = 0; n < checker->node_count; n++) {
        const struct slot *node = checker->scratch->nodes[n];
        for (a9n_word_t i = 0; i < node_slot_count(node); i++) {
            if (!discover(checker, node_slot(node, i)))
                return false;
        }
    }
    sort_by_object(checker->scratch->nodes, checker->node_count);
    for (size_t n = 0; n < checker->node_count; n++) {
        const struct slot *node = checker->scratch->nodes[n];
        for (a9n_word_t i = 0; i < node_slot_count(node); i++) {
            if (!collect(checker, node_slot(node, i)))
                return false;
        }
    }
    for (size_t i = 0; i < checker->root_count; i++) {
        if (!in_some_node(checker, checker->roots[i]) && !collect(checker, checker->roots[i]))
            return false;
    }
    for (size_t i = 0; i < checker->head_count; i++) {
        if (!walk_tree(checker, *head(checker, i), true))
            return false;
    }
    return true;
}

static uint64_t object_end(const struct slot *slot)
{
    return slot->object + ((uint64_t)1 << slot->size_bits);
}

static bool check_contents(struct checker *checker, const struct slot *slot)
{
    if (slot->flags & SLOT_FLAG_DYING)
        return fail(checker, "dying record left behind", slot);
    if (slot->type >= A9N_CAPABILITY_TYPE_COUNT)
        return fail(checker, "invalid type", slot);
    if (slot->rights & ~A9N_RIGHTS_ALL)
        return fail(checker, "invalid rights", slot);
    if (slot->size_bits != a9n_object_size_bits(slot->type, slot->parameter))
        return fail(checker, "size does not match type and parameter", slot);
    if (slot->size_bits != 0 && (slot->object & (((uint64_t)1 << slot->size_bits) - 1)) != 0)
        return fail(checker, "object not aligned to its size", slot);
    if (slot->type == A9N_CAPABILITY_GENERIC &&
        slot->local.watermark > ((uint64_t)1 << slot->size_bits))
        return fail(checker, "watermark beyond the Generic", slot);
    if ((slot->flags & SLOT_FLAG_DEVICE) && slot->type != A9N_CAPABILITY_GENERIC &&
        slot->type != A9N_CAPABILITY_FRAME)
        return fail(checker, "kernel object in device memory", slot);
    return true;
}

static bool check_link(struct checker *checker, const struct slot *slot, const struct slot *link)
{
    if (link == NULL)
        return true;
    if (slot_is_empty(link))
        return fail(checker, "link to an empty slot", slot);
    return true;
}

static bool check_links(struct checker *checker, const struct slot *slot)
{
    if (!check_link(checker, slot, slot->parent) || !check_link(checker, slot, slot->first_child) ||
        !check_link(checker, slot, slot->prev_sibling) ||
        !check_link(checker, slot, slot->next_sibling))
        return false;
    if (slot->first_child != NULL &&
        (slot->first_child->parent != slot || slot->first_child->prev_sibling != NULL))
        return fail(checker, "first child does not lead back", slot);
    if (slot->next_sibling != NULL &&
        (slot->next_sibling->prev_sibling != slot || slot->next_sibling->parent != slot->parent))
        return fail(checker, "next sibling does not lead back", slot);
    if (slot->prev_sibling != NULL && slot->prev_sibling->next_sibling != slot)
        return fail(checker, "previous sibling does not lead back", slot);
    if (slot->prev_sibling == NULL && slot->parent != NULL && slot->parent->first_child != slot)
        return fail(checker, "not reachable from its parent", slot);

    /* Acyclic: no chain is longer than the number of slots. */
    size_t steps = 0;
    for (const struct slot *p = slot->parent; p != NULL; p = p->parent) {
        if (++steps > checker->slot_count)
            return fail(checker, "parent chain loops", slot);
    }
    /* Each chain once, from its start; a chain with no start is found by the count in invariant_check. */
    steps = 0;
    for (const struct slot *s = slot->prev_sibling == NULL ? slot->next_sibling : NULL; s != NULL;
         s = s->next_sibling) {
        if (++steps > checker->slot_count)
            return fail(checker, "sibling chain loops", slot);
    }
    return true;
}

static bool is_linked(const struct slot *slot)
{
    return slot->parent != NULL || slot->first_child != NULL || slot->prev_sibling != NULL ||
           slot->next_sibling != NULL;
}

static bool check_derivation(struct checker *checker, const struct slot *slot)
{
    const struct slot *parent = slot->parent;
    if (parent == NULL)
        return true;
    if (parent->type != A9N_CAPABILITY_GENERIC) {
        /* A copy: same object, rights and badge never grow. */
        if (!slot_same_object(parent, slot))
            return fail(checker, "child of a non-Generic names another object", slot);
        if (slot->rights & ~parent->rights)
            return fail(checker, "rights grew along derivation", slot);
        if (object_type_of(slot->type)->badged && parent->local.badge != 0 &&
            slot->local.badge != parent->local.badge)
            return fail(checker, "badge changed along derivation", slot);
        return true;
    }
    /* An object converted from the Generic: inside its used part. */
    if (slot->object < parent->object ||
        object_end(slot) > parent->object + parent->local.watermark)
        return fail(checker, "object outside its Generic's used memory", slot);
    if ((parent->flags & SLOT_FLAG_DEVICE) != (slot->flags & SLOT_FLAG_DEVICE))
        return fail(checker, "device flag differs from its Generic", slot);
    return true;
}

/* Sort order: address, then larger first, Generics before what they hold. */
static bool sorts_before(const struct slot *a, const struct slot *b)
{
    if (a->object != b->object)
        return a->object < b->object;
    if (a->size_bits != b->size_bits)
        return a->size_bits > b->size_bits;
    bool a_generic = a->type == A9N_CAPABILITY_GENERIC;
    bool b_generic = b->type == A9N_CAPABILITY_GENERIC;
    if (a_generic != b_generic)
        return a_generic;
    return a->type < b->type;
}

static void sift_down(const struct slot **items, size_t root, size_t count)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count)
            return;
        if (child + 1 < count && sorts_before(items[child], items[child + 1]))
            child++;
        if (!sorts_before(items[root], items[child]))
            return;
        const struct slot *swap = items[root];
        items[root] = items[child];
        items[child] = swap;
        root = child;
    }
}

/* Heapsort: no allocation, no recursion. */
static void sort_by_object(const struct slot **items, size_t count)
{
    for (size_t i = count / 2; i-- > 0;)
        sift_down(items, i, count);
    for (size_t end = count; end-- > 1;) {
        const struct slot *swap = items[0];
        items[0] = items[end];
        items[end] = swap;
        sift_down(items, 0, end);
    }
}

/* Capabilities to one non-Generic object: finality must match their number. */
static bool check_group(struct checker *checker, const struct slot **group, size_t count)
{
    if (group[0]->type == A9N_CAPABILITY_GENERIC) {
        for (size_t i = 0; i < count; i++) {
            if (!derivation_is_final(group[i]))
                return fail(checker, "Generic not final", group[i]);
        }
        return true;
    }
    for (size_t i = 0; i < count; i++) {
        if (derivation_is_final(group[i]) != (count == 1))
            return fail(checker, "finality disagrees with the capabilities to the object",
                        group[i]);
        if (group[i]->parameter != group[0]->parameter)
            return fail(checker, "copies disagree on the object's parameter", group[i]);
    }
    return true;
}

#define MAX_NESTING 64

/*
 * Objects in address order: each one either starts after every open one
 * ends, or lies wholly inside the innermost open one, which is a Generic.
 */
static bool check_objects(struct checker *checker)
{
    const struct slot **items = checker->scratch->slots;
    const struct slot *open[MAX_NESTING];
    size_t depth = 0;

    sort_by_object(items, checker->slot_count);
    for (size_t i = 0; i < checker->slot_count;) {
        size_t count = 1;
        while (i + count < checker->slot_count && slot_same_object(items[i], items[i + count]))
            count++;
        if (!check_group(checker, items + i, count))
            return false;

        const struct slot *object = items[i];
        i += count;
        if (object->size_bits == 0)
            continue;
        while (depth > 0 && object_end(open[depth - 1]) <= object->object)
            depth--;
        if (depth > 0) {
            const struct slot *outer = open[depth - 1];
            if (outer->type != A9N_CAPABILITY_GENERIC || object_end(object) > object_end(outer))
                return fail(checker, "objects overlap", object);
        }
        if (depth == MAX_NESTING)
            return fail(checker, "Generics nested too deep", object);
        open[depth++] = object;
    }
    return true;
}

bool invariant_check(const struct slot *const *roots, size_t root_count,
                     struct invariant_scratch *scratch,
                     struct invariant_violation *violation)
{
    struct checker checker = {
        .roots = roots,
        .root_count = root_count,
        .scratch = scratch,
        .violation = violation,
    };

    scratch->slot_count = 0;
    if (!collect_slots(&checker))
        return false;
    scratch->slot_count = checker.slot_count;
    size_t linked = 0;
    for (size_t i = 0; i < checker.slot_count; i++) {
        const struct slot *slot = scratch->slots[i];
        if (!check_contents(&checker, slot) || !check_links(&checker, slot) ||
            !check_derivation(&checker, slot))
            return false;
        linked += is_linked(slot);
    }
    /*
     * The walks from the tops of the trees met every linked capability
     * exactly once; else some are linked among themselves but off their
     * tree (a sibling chain that loops with no start, say).
     */
    if (linked != checker.tree_slot_count)
        return fail(&checker, "capabilities linked off their derivation tree", NULL);
    return check_objects(&checker);
}
