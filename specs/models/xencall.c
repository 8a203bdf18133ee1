/*
 * Models of the trusted contracts of specs/xencall.acsl.h (the OS layer,
 * src/call/linux.c, and src/call/seam.c): bodies WP proves against the
 * very same contracts, showing them satisfiable.  vx_model_call is never
 * initialised by anything WP sees, so each branch is reachable (smoke
 * tests check it).
 */
#include "../xencall.acsl.h"

int vx_model_call;
char call_buffer_pool[CALL_POOL_BYTES];
xencall_handle call_handle_heap[CALL_HANDLE_HEAP];

int call_os_open_privcmd(void)
{
    if (vx_model_call < 0) {
        errno = ENOENT;
        return -1;
    }
    return vx_model_call;
}

int call_os_open_hypercall_buf(void)
{
    if (vx_model_call < 0) {
        errno = ENOENT;
        return -1;
    }
    return vx_model_call;
}

int call_os_close(int fd)
{
    (void)fd;
    if (vx_model_call < 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

long call_os_hypercall(int fd, unsigned int op, const uint64_t args[5])
{
    (void)fd; (void)op;
    if (vx_model_call < 0) {
        errno = EFAULT;
        return -1;
    }
    return (long)(args[0] % 2) + vx_model_call;
}

char *call_os_map_buffer(int buf_fd, size_t bytes)
{
    (void)buf_fd;
    if (vx_model_call < 0 || bytes > CALL_POOL_BYTES) {
        errno = ENOMEM;
        return NULL;
    }
    call_buffer_pool[0] = 0;
    return call_buffer_pool;
}

int call_os_unmap_buffer(int buf_fd, char *p, size_t bytes)
{
    (void)buf_fd; (void)p; (void)bytes;
    if (vx_model_call < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

/* Out of memory (as evtchn's model: the success branch would have to show
 * that a block of call_handle_heap is in no registry, which only the
 * allocator, not C code, can know). */
xencall_handle *call_handle_alloc(Xentoolcore__Restrict_Callback *cb)
{
    (void)cb;
    errno = ENOMEM;
    return NULL;
}

void call_handle_release(xencall_handle *xcall)
{
    (void)xcall;
}

xencall_handle *call_handle_of(Xentoolcore__Active_Handle *ah)
{
    (void)ah;
    return &call_handle_heap[0];
}

/* Creation may always fail: this shows the contract consistent (a logger
 * satisfying xtl_logger_ok is the stdio logger, proven in libxentoollog). */
xentoollog_logger *call_default_logger(void)
{
    errno = ENOMEM;
    return NULL;
}

void call_cache_init_once(void)
{
}

unsigned long call_fork_generation(void)
{
    return (unsigned long)(vx_model_call < 0);
}

void call_cache_mutex_lock(void)
{
    //@ ghost call_cache_lock_state = 1;
}

void call_cache_mutex_unlock(void)
{
    //@ ghost call_cache_lock_state = 0;
}

void call_log_error(xentoollog_logger *logger, enum call_log_msg msg,
                    size_t nr_pages)
{
    (void)logger; (void)msg; (void)nr_pages;
}

void call_log_stats(xencall_handle *xcall)
{
    (void)xcall;
}
