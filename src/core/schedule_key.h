/*
 * schedule_key: the secret that marks the master's scheduled requests.
 * The master draws it at start, before it forks a worker, so its workers
 * know it and nothing else does: it is never logged, written to a file,
 * or shown to JavaScript.  A request carrying the schedule parameters
 * without it is refused (worker/serve.c), so neither an HTTP client nor
 * a web server's fastcgi_param can start a scheduled run.
 */
#ifndef FNPOOL_SCHEDULE_KEY_H
#define FNPOOL_SCHEDULE_KEY_H

#define SCHEDULE_KEY_PARAM	"FNPOOL_SCHEDULE_KEY"
#define SCHEDULE_NAME_PARAM	"FNPOOL_SCHEDULE"
#define SCHEDULE_AT_PARAM	"FNPOOL_SCHEDULE_AT"
#define SCHEDULE_KEY_LEN	64	/* hex of 32 random bytes */

/* Draws the key (getrandom); fatal when the kernel gives no randomness. */
void		 schedule_key_init(void);
/* The key, or "" when this process has none (`fnpool worker`, invoke). */
const char	*schedule_key(void);
/* 1 when s is the key (in constant time); 0 without a key. */
int		 schedule_key_check(const char *s);

#endif
