/*
 * call_buffers.acsl.h - contracts of the static helpers of
 * src/call/buffers.c (included there under __FRAMAC__).
 */
#ifndef CALL_BUFFERS_ACSL_H
#define CALL_BUFFERS_ACSL_H

/*@ requires header: \valid(base + (0 .. 7));
    requires fits: pages <= SIZE_MAX / 4096;
    assigns base[0 .. 7];
    ensures digits: call_header_ok(base);
    ensures stored: call_header_pages(base) == pages;
*/
static void header_store(char *base, size_t pages);

/*@ requires header: \valid_read(base + (0 .. 7));
    requires digits: call_header_ok((char *)base);
    requires fits: call_header_pages((char *)base) <= SIZE_MAX;
    assigns \nothing;
    ensures loaded: \result == call_header_pages((char *)base);
*/
static size_t header_load(const char *base);

#endif
