/*
 * state.c - where the model lives: the arena (model struct, allocator,
 * domain memory), the model lock, and the readiness tokens of model
 * descriptors.  See the comment above `xm_state` in model.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "raw.h"

/* The arena is sparse: only touched pages cost memory. */
#define ARENA_SIZE     ((size_t)1 << 30)
#define HEAP_SIZE      ((size_t)128 << 20)
#define ARENA_MAGIC    0x786d6172656e6131ull    /* "xmarena1" */
/* Shared mode maps the arena here in every process.  The address is in
 * the range both ASan and TSan leave to the application on x86_64. */
#define SHARED_BASE    ((void *)0x7e9000000000ull)

struct arena_hdr {
    uint64_t magic;
    size_t model_off, heap_off, heap_brk, heap_end, pages_off, pages_brk;
};

struct block {
    size_t size;    /* payload bytes */
    size_t used;
};

struct xm_model *xm_state;
struct xm_local xm_local = { .arena_fd = -1 };
static pthread_once_t attach_once = PTHREAD_ONCE_INIT;

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

static struct arena_hdr *hdr(void)
{
    return (struct arena_hdr *)xm_local.arena;
}

static void arena_layout(void)
{
    struct arena_hdr *h = hdr();

    h->magic = ARENA_MAGIC;
    h->model_off = round_up(sizeof(*h), XM_PAGE_SIZE);
    h->heap_off = round_up(h->model_off + sizeof(struct xm_model), XM_PAGE_SIZE);
    h->heap_brk = h->heap_off;
    h->heap_end = h->heap_off + HEAP_SIZE;
    h->pages_off = h->heap_end;
    h->pages_brk = h->pages_off;
}

static void lock_init(int pshared)
{
    pthread_mutexattr_t a;

    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (pshared)
        pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&xm_state->lock, &a);
    pthread_mutexattr_destroy(&a);
}

static void die(const char *what)
{
    fprintf(stderr, "xenmock: %s: %s\n", what, strerror(errno));
    abort();
}

static void attach_shared(const char *dir)
{
    char path[300];
    struct stat st;
    void *at;
    int fd;

    snprintf(xm_local.dir, sizeof(xm_local.dir), "%s", dir);
    snprintf(path, sizeof(path), "%s/arena", dir);
    fd = xm_raw_open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        die(path);
    if (flock(fd, LOCK_EX) < 0 || fstat(fd, &st) < 0)
        die("locking the shared arena");
    if (st.st_size == 0 && ftruncate(fd, (off_t)ARENA_SIZE) < 0)
        die("sizing the shared arena");
    at = xm_raw_mmap(SHARED_BASE, ARENA_SIZE, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    if (at != SHARED_BASE)
        die("mapping the shared arena at its fixed address");
    xm_local.arena = at;
    xm_local.arena_fd = fd;
    xm_local.shared = 1;
    if (hdr()->magic != ARENA_MAGIC) {
        arena_layout();
        xm_state = (struct xm_model *)(xm_local.arena + hdr()->model_off);
        lock_init(1);
    }
    xm_state = (struct xm_model *)(xm_local.arena + hdr()->model_off);
    flock(fd, LOCK_UN);
}

static void attach_local(void)
{
    int fd = memfd_create("xenmock-arena", MFD_CLOEXEC);
    void *at;

    if (fd < 0 || ftruncate(fd, (off_t)ARENA_SIZE) < 0)
        die("creating the arena");
    at = xm_raw_mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (at == MAP_FAILED)
        die("mapping the arena");
    xm_local.arena = at;
    xm_local.arena_fd = fd;
    arena_layout();
    xm_state = (struct xm_model *)(xm_local.arena + hdr()->model_off);
    lock_init(0);
}

static void attach_once_fn(void)
{
    const char *dir = getenv("XENMOCK_STATE");

    xm_local.arena_size = ARENA_SIZE;
    if (dir != NULL && dir[0] != '\0')
        attach_shared(dir);
    else
        attach_local();
}

void xm_attach(void)
{
    pthread_once(&attach_once, attach_once_fn);
}

void xm_lock(void)
{
    xm_attach();
    /* A process that died holding the lock leaves the model as it was at
     * that moment: good enough for a test double. */
    if (pthread_mutex_lock(&xm.lock) == EOWNERDEAD)
        pthread_mutex_consistent(&xm.lock);
}

void xm_unlock(void)
{
    pthread_mutex_unlock(&xm.lock);
}

/* ---- allocator ---------------------------------------------------------------- */

static struct block *block_at(size_t off)
{
    return (struct block *)(xm_local.arena + off);
}

void *xm_alloc(size_t size)
{
    size_t want = round_up(size == 0 ? 1 : size, 16), off;
    struct arena_hdr *h;
    void *p = NULL;

    if (size > HEAP_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    xm_lock();
    h = hdr();
    for (off = h->heap_off; off < h->heap_brk;
         off += sizeof(struct block) + block_at(off)->size) {
        struct block *b = block_at(off);
        if (b->used || b->size < want)
            continue;
        if (b->size >= want + sizeof(struct block) + 64) {
            struct block *rest = block_at(off + sizeof(struct block) + want);
            rest->size = b->size - want - sizeof(struct block);
            rest->used = 0;
            b->size = want;
        }
        b->used = 1;
        p = b + 1;
        break;
    }
    if (p == NULL && h->heap_brk + sizeof(struct block) + want <= h->heap_end) {
        struct block *b = block_at(h->heap_brk);
        b->size = want;
        b->used = 1;
        h->heap_brk += sizeof(struct block) + want;
        p = b + 1;
    }
    xm_unlock();
    if (p == NULL)
        errno = ENOMEM;
    return p;
}

void *xm_zalloc(size_t nmemb, size_t size)
{
    void *p;

    if (size != 0 && nmemb > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    p = xm_alloc(nmemb * size);
    if (p != NULL)
        memset(p, 0, nmemb * size);
    return p;
}

void xm_free(void *ptr)
{
    struct block *b, *next;
    size_t end;

    if (ptr == NULL)
        return;
    xm_lock();
    b = (struct block *)ptr - 1;
    b->used = 0;
    /* Merge with the free blocks that follow. */
    end = (size_t)((unsigned char *)ptr - xm_local.arena) + b->size;
    while (end < hdr()->heap_brk && !(next = block_at(end))->used) {
        b->size += sizeof(struct block) + next->size;
        end += sizeof(struct block) + next->size;
    }
    if (end == hdr()->heap_brk)    /* give the tail back */
        hdr()->heap_brk = (size_t)((unsigned char *)b - xm_local.arena);
    xm_unlock();
}

void *xm_realloc(void *ptr, size_t size)
{
    struct block *b;
    void *p;

    if (ptr == NULL)
        return xm_alloc(size);
    b = (struct block *)ptr - 1;
    if (b->size >= size)
        return ptr;
    p = xm_alloc(size);
    if (p != NULL) {
        memcpy(p, ptr, b->size);
        xm_free(ptr);
    }
    return p;
}

unsigned char *xm_alloc_pages(size_t npages)
{
    struct arena_hdr *h;
    unsigned char *p = NULL;
    size_t bytes = npages * XM_PAGE_SIZE;

    xm_lock();
    h = hdr();
    if (npages <= (xm_local.arena_size - h->pages_brk) / XM_PAGE_SIZE) {
        p = xm_local.arena + h->pages_brk;
        memset(p, 0, bytes);
        h->pages_brk += bytes;
    }
    xm_unlock();
    if (p == NULL)
        errno = ENOMEM;
    return p;
}

off_t xm_arena_offset(const void *p)
{
    return (off_t)((const unsigned char *)p - xm_local.arena);
}

void xm_arena_reset_locked(void)
{
    struct arena_hdr *h = hdr();

    /* Give the pages back to the kernel so a long test run stays small. */
    if (h->pages_brk > h->pages_off)
        xm_raw_madvise(xm_local.arena + h->pages_off, h->pages_brk - h->pages_off,
                       MADV_REMOVE);
    h->heap_brk = h->heap_off;
    h->pages_brk = h->pages_off;
}

/* ---- readiness tokens ------------------------------------------------------------ */

/*
 * Local mode: a model fd is an eventfd in semaphore mode (8-byte tokens).
 * Shared mode: a FIFO <dir>/evt.<id> opened read-write by its owner, one
 * byte per token, which any process can open and write to.
 */
static size_t token_size(void)
{
    return xm_local.shared ? 1 : sizeof(uint64_t);
}

void xm_file_signal(struct xm_file *f)
{
    uint64_t one = 1;
    char path[300];
    int fd;

    if (f->pid == getpid() && xm_local.files[f->fd] == f) {
        (void)!xm_raw_write(f->fd, &one, token_size());
        return;
    }
    snprintf(path, sizeof(path), "%s/evt.%u", xm_local.dir, f->id);
    fd = xm_raw_open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
    if (fd < 0)
        return;
    (void)!xm_raw_write(fd, "x", 1);
    xm_raw_close(fd);
}

int xm_fd_take_token(int fd)
{
    uint64_t v;
    ssize_t n;

    do {
        n = xm_raw_read(fd, &v, token_size());
    } while (n < 0 && errno == EINTR);
    return n == (ssize_t)token_size() ? 0 : -1;
}

int xm_fd_take_token_nowait(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };

    if (poll(&p, 1, 0) != 1 || !(p.revents & POLLIN))
        return -1;
    return xm_fd_take_token(fd);
}

void xm_fd_drain(int fd)
{
    while (xm_fd_take_token_nowait(fd) == 0)
        ;
}
