/*
 * daemon: going to the background the traditional way (fork, setsid,
 * chdir /, stdio to /dev/null), with a pipe from the child to the waiting
 * parent so that the exit status of `fnpool -D` tells whether the daemon
 * came up.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/daemon.h"

static int ready_fd = -1;

int
pidfile_check(const char *path)
{
	char buf[32];
	FILE *fp;
	long pid;

	if (path == NULL || (fp = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), fp) != NULL &&
	    (pid = strtol(buf, NULL, 10)) > 0 && pid != getpid() &&
	    (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
		fclose(fp);
		log_error("pid file %s names running process %ld: is fnpool "
		    "already running?", path, pid);
		return -1;
	}
	fclose(fp);
	return 0;
}

int
pidfile_write(const char *path)
{
	char buf[32];
	int fd, n;

	if (path == NULL)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1) {
		log_error("pid file %s: %s", path, strerror(errno));
		return -1;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		log_error("pid file %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

void
pidfile_remove(const char *path)
{
	if (path != NULL)
		unlink(path);
}

void
daemon_start(int keep_stderr)
{
	int fds[2], null;
	char ok = 0;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) == -1)
		log_fatal("pipe2");
	if ((pid = fork()) == -1)
		log_fatal("fork");
	if (pid > 0) {
		close(fds[1]);
		while (read(fds[0], &ok, 1) == -1 && errno == EINTR)
			;
		_exit(ok == 1 ? 0 : 1);
	}
	close(fds[0]);
	ready_fd = fds[1];
	if (setsid() == -1)
		log_fatal("setsid");
	if (chdir("/") == -1)
		log_fatal("chdir /");
	if ((null = open("/dev/null", O_RDWR)) == -1)
		log_fatal("/dev/null");
	dup2(null, 0);
	dup2(null, 1);
	if (!keep_stderr)
		dup2(null, 2);
	if (null > 2)
		close(null);
}

void
daemon_ready(int ok)
{
	char c = ok ? 1 : 0;

	if (ready_fd == -1)
		return;
	(void)!write(ready_fd, &c, 1);
	close(ready_fd);
	ready_fd = -1;
}
