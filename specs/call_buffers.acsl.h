/*
 * call_buffers.acsl.h - contracts of the static helpers of
 * src/call/buffers.c (included there under __FRAMAC__).
 */
#ifndef CALL_BUFFERS_ACSL_H
#define CALL_BUFFERS_ACSL_H

/*@ requires header: \valid(base + (0 .. 8));
    requires fits: 128 <= pages <= SIZE_MAX / 4096;
    assigns base[0 .. 8];
    ensures digits: call_header_ok(base);
    ensures stored: call_header_pages(base) == pages;
*/
static void header_store_digits(char *base, size_t pages);

/*@ requires header: \valid(base + (0 .. 8));
    requires fits: pages <= SIZE_MAX / 4096;
    assigns base[0 .. 8];
    ensures digits: call_header_ok(base);
    ensures stored: call_header_pages(base) == pages;
*/
static void header_store(char *base, size_t pages);

/*@ requires header: \valid_read(base + (0 .. 8));
    requires digits: call_header_ok((char *)base);
    requires fits: call_header_pages((char *)base) <= SIZE_MAX;
    assigns \nothing;
    ensures loaded: \result == call_header_pages((char *)base);
*/
static size_t header_load(const char *base);

/*@ requires handle: xencall_valid(xcall);
    requires size: 0 < nr_pages <= SIZE_MAX / 4096 && bytes == nr_pages * 4096;
    assigns errno, call_cache_lock_state, xcall->cache.stats,
            call_buffer_pool[0 .. CALL_POOL_BYTES - 1],
            __fc_fopen[0 .. __FC_FOPEN_MAX - 1];
    ensures shape: xencall_valid(xcall);
    ensures buffer: \result == \null || call_in_pool(\result, bytes);
    ensures errno_on_failure: \result == \null ==> errno > 0;
*/
static char *call_buffer_map(xencall_handle *xcall, size_t nr_pages,
                             size_t bytes);

#endif
