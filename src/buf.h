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

#endif
