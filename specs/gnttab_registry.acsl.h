/*
 * gnttab_registry.acsl.h - contracts of the static helpers of
 * src/gnttab/registry.c (included there only under __FRAMAC__).
 */
#ifndef GNTTAB_REGISTRY_ACSL_H
#define GNTTAB_REGISTRY_ACSL_H

/*@ requires registry: gnttab_registry_ok(r);
    assigns \nothing;
    behavior absent:
      assumes none: \forall integer i; 0 <= i < r->capacity ==>
                      r->entries[i].addr != addr;
      ensures result: \result == \null;
    behavior present:
      assumes some: \exists integer i; 0 <= i < r->capacity &&
                      r->entries[i].addr == addr;
      ensures result: \result != \null &&
        \subset(\result, r->entries + (0 .. r->capacity - 1)) &&
        \result->addr == addr;
      ensures at: \exists integer i; 0 <= i < r->capacity &&
                    \result == r->entries + i;
    complete behaviors;
    disjoint behaviors;
*/
static struct gnttab_mapping *registry_find(const struct gnttab_registry *r,
                                            const void *addr);

/*@ requires registry: gnttab_registry_ok(r);
    requires separated: \separated(r, &errno);
    assigns r->entries, r->capacity, errno;
    ensures registry: gnttab_registry_ok(r);
    ensures used_kept: r->used == \old(r->used);
    ensures null_or_free: \result == \null ||
      (\subset(\result, r->entries + (0 .. r->capacity - 1)) &&
       \result->addr == \null);
    ensures at: \result == \null ||
      \exists integer i; 0 <= i < r->capacity && \result == r->entries + i;
    ensures errno_on_failure: \result == \null ==> errno == ENOMEM;
*/
static struct gnttab_mapping *registry_grow(struct gnttab_registry *r);

#endif /* GNTTAB_REGISTRY_ACSL_H */
