/*
 * call_buffer_cache.acsl.h - contracts of the static helpers of
 * src/call/buffer_cache.c (included there under __FRAMAC__).
 */
#ifndef CALL_BUFFER_CACHE_ACSL_H
#define CALL_BUFFER_CACHE_ACSL_H

/*@ requires handle: \valid_read(xcall);
    assigns \nothing;
    ensures shared: \result != 0 <==>
                    (xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT) == 0;
*/
static int cache_shared(const xencall_handle *xcall);

/*@ assigns call_cache_lock_state;
*/
static void cache_lock(int shared);

/*@ assigns call_cache_lock_state;
*/
static void cache_unlock(int shared);

/*@ requires counter: \valid(s);
    assigns *s;
    ensures saturating: *s == (\old(*s) < ULONG_MAX ? \old(*s) + 1 : \old(*s));
*/
static void stat_inc(unsigned long *s);

/*@ requires stats: \valid_read(s);
    assigns \nothing;
    ensures in_use: \let total = (s->hits > ULONG_MAX - s->os_allocs ?
                                  ULONG_MAX : s->hits + s->os_allocs);
      \result == (total > s->total_releases ? total - s->total_releases : 0);
*/
static unsigned long cache_live(const struct call_cache_stats *s);

/*@ requires stats: \valid(s);
    assigns s->max_allocs;
    ensures peak: s->max_allocs >= \old(s->max_allocs);
*/
static void cache_count_alloc(struct call_cache_stats *s);

#endif
