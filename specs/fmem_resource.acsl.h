/*
 * fmem_resource.acsl.h - contracts of the static helpers of
 * src/foreignmemory/resource.c (included there under __FRAMAC__).
 */
#ifndef FMEM_RESOURCE_ACSL_H
#define FMEM_RESOURCE_ACSL_H

/*@ requires handle: \valid_read(fmem);
    requires failed: errno > 0;
    assigns errno;
    ensures errno_positive: errno > 0;
*/
static void translate_unsupported(const xenforeignmemory_handle *fmem);

/*@ requires handle: \valid_read(fmem);
    requires record: \valid(fres) && \separated(fres, fmem);
    assigns errno, fres->nr_frames, fres->addr, fres->bytes;
    ensures result_range: \result == 0 || \result == -1;
    ensures errno_on_failure: \result == -1 ==> errno > 0;
    ensures sized: \result == 0 ==> fres->nr_frames <= SIZE_MAX / 4096;
*/
static int resource_map(xenforeignmemory_handle *fmem, domid_t dom,
                        unsigned int type, unsigned int id, uint32_t frame,
                        int prot, int flags,
                        xenforeignmemory_resource_handle *fres);

#endif
