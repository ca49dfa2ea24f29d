/*
 * request_id: the ids that name a request in log lines, responses and the
 * scoreboard.  A worker makes one per request; the master makes one for
 * each request it answers 503 itself (overload.c).
 */
#ifndef FNPOOL_REQUEST_ID_H
#define FNPOOL_REQUEST_ID_H

#define REQUEST_ID_LEN	32	/* ids fnpool makes */
#define REQUEST_ID_MAX	64	/* longest X-Request-Id taken from a client */

/* Per-process request ids: seed once per process, then one per request. */
void	 request_id_seed(void);
void	 request_id_next(char out[REQUEST_ID_LEN + 1]);
/* Is s usable as a request id: 1 to 64 of [A-Za-z0-9._:-]? */
int	 request_id_ok(const char *s);

#endif
