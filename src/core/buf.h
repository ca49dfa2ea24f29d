/*
 * buf: a growable byte buffer.  Responses are assembled in one before a
 * single write, and request bodies are read into one.  Allocation failure
 * is fatal for the process (a worker that cannot allocate a few KB is
 * beyond saving; the master replaces it).
 */
#ifndef FNPOOL_BUF_H
#define FNPOOL_BUF_H

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_reserve(struct buf *, size_t);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_putu(struct buf *, unsigned long long);	/* in decimal */
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);

/*
 * Copies at most n bytes of src, cut to fit, into dst[size] and ends it
 * with a NUL: snprintf(dst, size, "%.*s", n, src) without printf, for
 * the copies made on every request.
 */
void	 str_copy(char *dst, size_t size, const char *src, size_t n);
#define STR_ALL	((size_t)-1)	/* n for the whole of src */

#endif
