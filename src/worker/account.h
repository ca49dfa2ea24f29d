/*
 * account: a worker's bookkeeping of each request it answers: the shared
 * counters (counters.c) and the access log line (accesslog.c).  worker.c
 * brackets a request with account_begin and account_end; serve.c says
 * which function it reached and how much memory that function's state
 * holds after it ran.
 */
#ifndef FNPOOL_ACCOUNT_H
#define FNPOOL_ACCOUNT_H

#include <stdint.h>

#include "core/buf.h"
#include "http/request.h"

void	 account_begin(void);
void	 account_function(const char *name);	/* "api/users.js" */
void	 account_memory(uint64_t bytes);
/* out: the serialized response (Status, headers, body); NULL: none sent. */
void	 account_end(const struct request *, int status, const struct buf *out);

#endif
