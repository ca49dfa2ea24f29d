/* Unit tests for sdnotify.c: NOTIFY_SOCKET messages, LISTEN_FDS parsing. */
#include <sys/socket.h>
#include <sys/un.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/sdnotify.h"
#include "tap.h"

static int
dgram_at(const char *path, int abstract)
{
	struct sockaddr_un sun;
	socklen_t len;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path + (abstract ? 1 : 0), path);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    strlen(path) + 1);
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, len) == -1)
		return -1;
	return fd;
}

static void
expect_msg(int fd, const char *want, const char *what)
{
	char buf[256];
	ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, want, what);
}

int
main(void)
{
	char path[] = "/tmp/fnpool-sdnotify-XXXXXX", sock[64], abs[64];
	char pid[32], **names, at[80];
	int fd, n;

	log_open("stderr", LOG_LEVEL_ERROR);
	if (mkdtemp(path) == NULL)
		return 99;
	snprintf(sock, sizeof(sock), "%s/notify", path);
	fd = dgram_at(sock, 0);
	ok(fd != -1, "test socket bound");
	setenv("NOTIFY_SOCKET", sock, 1);
	sd_notify_send("READY=1");
	expect_msg(fd, "READY=1", "READY=1 arrives at a path socket");
	close(fd);

	snprintf(abs, sizeof(abs), "fnpool-test-%ld", (long)getpid());
	fd = dgram_at(abs, 1);
	ok(fd != -1, "abstract test socket bound");
	snprintf(at, sizeof(at), "@%s", abs);
	setenv("NOTIFY_SOCKET", at, 1);
	sd_notify_send("STOPPING=1");
	expect_msg(fd, "STOPPING=1", "an '@' name is the abstract namespace");
	close(fd);
	unsetenv("NOTIFY_SOCKET");
	sd_notify_send("READY=1");
	ok(1, "without NOTIFY_SOCKET nothing happens");

	setenv("LISTEN_FDS", "2", 1);
	setenv("LISTEN_PID", "1", 1);
	n = sd_listen_fds(&names);
	is_int(n, 0, "LISTEN_PID of another process: no sockets");
	ok(getenv("LISTEN_FDS") != NULL, "and the variables are left alone");

	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDNAMES", "www:api", 1);
	n = sd_listen_fds(&names);
	is_int(n, 2, "LISTEN_FDS=2 for this pid");
	is_str(names[0], "www", "first name");
	is_str(names[1], "api", "second name");
	ok(getenv("LISTEN_FDS") == NULL && getenv("LISTEN_PID") == NULL &&
	    getenv("LISTEN_FDNAMES") == NULL, "the variables are unset after");
	sd_listen_names_free(names, n);

	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", "1", 1);
	n = sd_listen_fds(&names);
	ok(n == 1 && names[0] == NULL, "no LISTEN_FDNAMES: unnamed");
	sd_listen_names_free(names, n);

	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", "two", 1);
	n = sd_listen_fds(&names);
	is_int(n, 0, "a malformed LISTEN_FDS is refused");
	rmdir(path);
	return tap_done();
}
