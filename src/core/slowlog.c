/*
 * slowlog: writes the lines of slow requests (watchdog.c finds them).
 * The file is opened for each line (slow requests are rare), so renaming
 * it needs no signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/slowlog.h"

void
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
