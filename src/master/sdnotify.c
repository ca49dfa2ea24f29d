/*
 * sdnotify: $NOTIFY_SOCKET and $LISTEN_FDS.
 *
 * Notify: one datagram per state to a unix socket; a leading '@' means
 * the abstract namespace.  Listen: fds from 3 on, valid only when
 * $LISTEN_PID names this process (they may have been inherited through
 * another program otherwise); names come colon-separated in
 * $LISTEN_FDNAMES.  Errors here are logged, never fatal: a service
 * manager that cannot hear us is not a reason to stop serving.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "master/sdnotify.h"

void
sd_notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun;
	socklen_t len;
	int fd;

	if (path == NULL || path[0] == '\0')
		return;
	if ((path[0] != '/' && path[0] != '@') ||
	    strlen(path) >= sizeof(sun.sun_path)) {
		log_warn("NOTIFY_SOCKET %s: not a unix socket path", path);
		return;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	else
		len++;		/* include the NUL of a path name */
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("NOTIFY_SOCKET: socket: %s", strerror(errno));
		return;
	}
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, len) == -1)
		log_warn("NOTIFY_SOCKET %s: %s", path, strerror(errno));
	close(fd);
}

static char **
split_names(const char *s, int n)
{
	char **names;
	const char *colon;
	int i;

	if ((names = calloc((size_t)n, sizeof(*names))) == NULL)
		log_fatal("calloc");
	for (i = 0; s != NULL && i < n; i++) {
		colon = strchr(s, ':');
		names[i] = colon ? strndup(s, (size_t)(colon - s)) : strdup(s);
		if (names[i] == NULL)
			log_fatal("strdup");
		s = colon ? colon + 1 : NULL;
	}
	return names;
}

int
sd_listen_fds(char ***names)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	char *end;
	long n, i;

	*names = NULL;
	if (pid == NULL || fds == NULL)
		return 0;
	if (strtol(pid, &end, 10) != (long)getpid() || *end != '\0') {
		log_info("LISTEN_PID %s is not this process: ignoring "
		    "LISTEN_FDS", pid);
		return 0;
	}
	errno = 0;
	n = strtol(fds, &end, 10);
	if (*end != '\0' || errno != 0 || n < 0 || n > 1024) {
		log_error("LISTEN_FDS '%s' is not a count of sockets", fds);
		return 0;
	}
	for (i = 0; i < n; i++)
		fcntl((int)(SD_LISTEN_FDS_START + i), F_SETFD, FD_CLOEXEC);
	*names = split_names(getenv("LISTEN_FDNAMES"), (int)n);
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return (int)n;
}

void
sd_listen_names_free(char **names, int n)
{
	int i;

	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
}
