/*
 * Timer objects: read the monotonic clock; bind a notification and a
 * badge; arm a one-shot absolute deadline; cancel it. Armed timers are in
 * one doubly linked list by ascending deadline, so the tick handler looks
 * at the head only. Arming walks from the tail (later deadlines are the
 * usual case), O(armed timers) at worst; nothing is allocated.
 *
 * Resolution is the scheduler tick (SCHEDULER_TIMER_HZ): a deadline fires
 * at the first tick at or after it, except one already passed when armed,
 * which fires during the arm call.
 */
#include "timer.h"

#include <hal.h>

#include "capability_call.h"
#include "derivation.h"
#include "node.h"
#include "notification_port.h"

static struct timer *armed_head; /* earliest deadline */
static struct timer *armed_tail; /* latest deadline */

static struct timer *timer_of(const struct slot *capability)
{
    return slot_object(capability);
}

const struct timer *timer_first_armed(void)
{
    return armed_head;
}

/* ---- the armed list ------------------------------------------------------------- */

static void list_insert(struct timer *timer)
{
    /* After the last timer due no later: equal deadlines fire in arming order. */
    struct timer *before = armed_tail;
    while (before != NULL && before->deadline > timer->deadline)
        before = before->prev;
    timer->prev = before;
    timer->next = before != NULL ? before->next : armed_head;
    if (timer->next != NULL)
        timer->next->prev = timer;
    else
        armed_tail = timer;
    if (before != NULL)
        before->next = timer;
    else
        armed_head = timer;
    timer->armed = 1;
}

static void list_remove(struct timer *timer)
{
    if (timer->prev != NULL)
        timer->prev->next = timer->next;
    else
        armed_head = timer->next;
    if (timer->next != NULL)
        timer->next->prev = timer->prev;
    else
        armed_tail = timer->prev;
    timer->next = timer->prev = NULL;
    timer->armed = 0;
}

/* Out of the list, and the binding hears of it (if it still exists). */
static void timer_fire(struct timer *timer)
{
    if (timer->armed)
        list_remove(timer);
    if (!slot_is_empty(&timer->notification))
        notification_port_signal(notification_port_of(&timer->notification), timer->badge);
}

void timer_expire(uint64_t now)
{
    while (armed_head != NULL && armed_head->deadline <= now)
        timer_fire(armed_head);
}

/* ---- operations -------------------------------------------------------------------- */

static enum a9n_error timer_decode_bind(const struct slot *root,
                                        const struct capability_message *message,
                                        struct slot **notification)
{
    enum a9n_error error =
        node_lookup(root, message->mr[A9N_TIMER_ARG_NOTIFICATION], notification);
    if (error != A9N_ERROR_NONE)
        return error;
    const struct slot *source = *notification;
    if (slot_is_empty(source))
        return A9N_ERROR_EMPTY_SLOT;
    if (source->type != A9N_CAPABILITY_NOTIFICATION_PORT)
        return A9N_ERROR_WRONG_TYPE;
    /* The kernel will notify through this capability on the caller's behalf. */
    if ((source->rights & A9N_RIGHT_WRITE) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    /*
     * The badge must be bits the caller could notify anyway: a subset of
     * the capability's badge, or anything for an unbadged capability that
     * may choose badges (modify). Else a timer would forge a badge on a
     * port whose holder gave out only a fixed one.
     */
    a9n_word_t badge = message->mr[A9N_TIMER_ARG_BADGE];
    if (badge == 0)
        return A9N_ERROR_INVALID_ARGUMENT;
    if (source->local.badge != 0 ? (badge & ~source->local.badge) != 0
                                 : (source->rights & A9N_RIGHT_MODIFY) == 0)
        return A9N_ERROR_MISSING_RIGHTS;
    return A9N_ERROR_NONE;
}

static void timer_perform_bind(struct timer *timer, struct slot *notification, a9n_word_t badge)
{
    /* Rebinding replaces; dropping the old copy may destroy that port (its last capability). */
    if (!slot_is_empty(&timer->notification))
        derivation_remove(&timer->notification);
    slot_derive(&timer->notification, notification, notification->rights, 0);
    timer->badge = badge;
}

static void timer_perform_arm(struct timer *timer, uint64_t deadline)
{
    if (timer->armed)
        list_remove(timer);
    timer->deadline = deadline;
    /* Already due: waiting for the next tick would only add latency. */
    if (deadline <= hal_clock_ns())
        timer_fire(timer);
    else
        list_insert(timer);
}

enum a9n_error timer_invoke(const struct slot *root, struct slot *slot,
                            struct capability_message *message)
{
    struct timer *timer = timer_of(slot);
    a9n_word_t operation = message->mr[1];

    if (operation == A9N_TIMER_READ) {
        message->mr[A9N_TIMER_RESULT_NOW] = hal_clock_ns();
        return A9N_ERROR_NONE;
    }
    if (operation < A9N_TIMER_BIND || operation > A9N_TIMER_CANCEL)
        return A9N_ERROR_UNKNOWN_OPERATION;
    /* A read-only capability is a clock: it cannot change what the timer does. */
    if ((slot->rights & A9N_RIGHT_WRITE) == 0)
        return A9N_ERROR_MISSING_RIGHTS;

    switch (operation) {
    case A9N_TIMER_BIND: {
        struct slot *notification;
        enum a9n_error error = timer_decode_bind(root, message, &notification);
        if (error == A9N_ERROR_NONE)
            timer_perform_bind(timer, notification, message->mr[A9N_TIMER_ARG_BADGE]);
        return error;
    }
    case A9N_TIMER_ARM:
        /* Nobody would hear it (never bound, or the notification was revoked). */
        if (slot_is_empty(&timer->notification))
            return A9N_ERROR_INVALID_STATE;
        timer_perform_arm(timer, message->mr[A9N_TIMER_ARG_DEADLINE]);
        return A9N_ERROR_NONE;
    default: /* A9N_TIMER_CANCEL: always succeeds, says whether it was armed */
        message->mr[A9N_TIMER_RESULT_WAS_ARMED] = timer->armed;
        if (timer->armed)
            list_remove(timer);
        return A9N_ERROR_NONE;
    }
}

/* ---- lifetime ---------------------------------------------------------------------- */

struct slot *timer_contained_slot(const struct slot *timer, a9n_word_t index)
{
    return index == 0 ? &timer_of(timer)->notification : NULL;
}

/* The last capability is gone (its notification slot already emptied): leave the list. */
void timer_destroy(const struct slot *slot)
{
    struct timer *timer = timer_of(slot);
    if (timer->armed)
        list_remove(timer);
}

#ifdef A9N_HOST_TEST
void timer_reset(void)
{
    armed_head = armed_tail = NULL;
}
#endif
