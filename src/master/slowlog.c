/*
 * slowlog: requests running past their pool's slowlog_timeout, noticed by
 * the master on its tick from the scoreboard while they still run, and
 * logged once each (function, request id, URI, worker, time so far) to
 * the pool's slowlog file or the error log.  The file is opened for each
 * line (slow requests are rare), so renaming it needs no signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "shm/counters.h"
#include "core/log.h"
#include "master/pool.h"

static void
slowlog_write(const struct pool_config *c, const char *msg)
{
	struct timeval tv;
	char line[1024];
	size_t n;
	int fd;

	if (c->slowlog == NULL) {
		log_warn("%s", msg);
		return;
	}
	gettimeofday(&tv, NULL);
	n = log_prefix(line, sizeof(line), LOG_LEVEL_WARN, &tv);
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s\n", msg);
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	fd = open(c->slowlog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1 || write(fd, line, n) == -1) {
		log_error("slowlog %s: %s (the line follows)", c->slowlog,
		    strerror(errno));
		log_warn("%s", msg);
	}
	if (fd != -1)
		close(fd);
}

static void
slowlog_note(struct worker *w, const struct sb_slot *s, int64_t ran)
{
	const struct pool_config *c = w->pool->conf;
	struct ct_pool *ct = counters_pool(w->pool->counters);
	char msg[768];

	w->slow_logged = s->request_ms;
	if (ct != NULL)
		counters_add(&ct->slow, 1);
	snprintf(msg, sizeof(msg), "pool %s: slow request: worker %ld has run "
	    "%s (request %s) for %lld ms (slowlog_timeout %ld ms)", c->name,
	    (long)w->pid, slot_running(s), s->request_id, (long long)ran,
	    c->slowlog_timeout);
	slowlog_write(c, msg);
}

void
pools_slowlog(int64_t now)
{
	struct sb_slot s;
	struct worker *w;
	long limit;
	int i;

	for (i = 0; i < SB_SLOTS; i++) {
		w = &M.workers[i];
		if (w->pid == 0 || w->pool == NULL ||
		    (limit = w->pool->conf->slowlog_timeout) <= 0)
			continue;
		scoreboard_read(i, &s);
		if (s.state != SB_BUSY || s.request_ms == 0 ||
		    s.request_ms == w->slow_logged || now - s.request_ms < limit)
			continue;
		slowlog_note(w, &s, now - s.request_ms);
	}
}

static int
wants_slowlog(const struct pool_config *conf)
{
	return conf->slowlog_timeout > 0;
}

int
pools_slowlog_armed(void)
{
	return pools_any_worker(wants_slowlog);
}
