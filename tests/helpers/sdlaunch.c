/*
 * sdlaunch: plays the service manager's part for fnpool's tests.
 *
 *   sdlaunch NAME=PATH... -- COMMAND [ARGS...]
 *	binds a listening unix socket at each PATH, puts them at fds 3, 4,
 *	... and execs COMMAND with LISTEN_FDS, LISTEN_PID (the pid COMMAND
 *	will have: exec keeps it) and LISTEN_FDNAMES set, as systemd does
 *	for a socket unit (an empty NAME passes no name).
 *
 *   sdlaunch --notify PATH OUT
 *	binds a datagram socket at PATH and appends each message received
 *	to the file OUT, one line per message (newlines inside a message
 *	become spaces), until killed: the NOTIFY_SOCKET side.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
bind_unix(const char *path, int type)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "sdlaunch: %s: path too long\n", path);
		exit(2);
	}
	strcpy(sun.sun_path, path);
	unlink(path);
	if ((fd = socket(AF_UNIX, type, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror(path);
		exit(2);
	}
	return fd;
}

static int
notify_log(const char *path, const char *out)
{
	char msg[4096];
	ssize_t n, i;
	FILE *fp;
	int fd = bind_unix(path, SOCK_DGRAM);

	for (;;) {
		if ((n = recv(fd, msg, sizeof(msg) - 1, 0)) <= 0)
			continue;
		for (i = 0; i < n; i++)
			if (msg[i] == '\n')
				msg[i] = ' ';
		msg[n] = '\0';
		if ((fp = fopen(out, "a")) == NULL) {
			perror(out);
			return 2;
		}
		fprintf(fp, "%s\n", msg);
		fclose(fp);
	}
}

int
main(int argc, char **argv)
{
	char names[4096] = "", num[32];
	int i, n = 0, fd;

	if (argc == 4 && strcmp(argv[1], "--notify") == 0)
		return notify_log(argv[2], argv[3]);
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		char *eq = strchr(argv[i], '=');

		if (eq == NULL) {
			fprintf(stderr, "sdlaunch: expected NAME=PATH, got %s\n",
			    argv[i]);
			return 2;
		}
		*eq = '\0';
		fd = bind_unix(eq + 1, SOCK_STREAM);
		if (listen(fd, 128) == -1 || dup2(fd, 3 + n) == -1) {
			perror("listen");
			return 2;
		}
		if (fd != 3 + n)
			close(fd);
		if (n > 0)
			strncat(names, ":", sizeof(names) - strlen(names) - 1);
		strncat(names, argv[i], sizeof(names) - strlen(names) - 1);
		n++;
	}
	if (i >= argc - 1) {
		fprintf(stderr, "usage: sdlaunch NAME=PATH... -- COMMAND...\n");
		return 2;
	}
	snprintf(num, sizeof(num), "%d", n);
	setenv("LISTEN_FDS", num, 1);
	snprintf(num, sizeof(num), "%ld", (long)getpid());
	setenv("LISTEN_PID", num, 1);
	setenv("LISTEN_FDNAMES", names, 1);
	execvp(argv[i + 1], argv + i + 1);
	perror(argv[i + 1]);
	return 127;
}
