/*
 * toolcore_private.h - internals of libxentoolcore shared with its
 * specification (specs/xentoolcore.acsl.h names the registry's state in
 * the contracts).  Hidden: -fvisibility=hidden and the version script.
 */
#ifndef TOOLCORE_PRIVATE_H
#define TOOLCORE_PRIVATE_H

#include <pthread.h>

#include "xentoolcore_internal.h"

/* The head of the list of registered handles, and its lock. */
extern Xentoolcore__Active_Handle *toolcore_registry_head;
extern pthread_mutex_t toolcore_registry_lock;

#endif /* TOOLCORE_PRIVATE_H */
