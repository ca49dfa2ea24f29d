/*
 * selfpipe: each caught signal becomes one byte, its number, on a
 * non-blocking pipe; the handler does nothing else.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/selfpipe.h"

static int fds[2] = { -1, -1 };

static const int handled[] = {
	SIGCHLD, SIGTERM, SIGQUIT, SIGINT, SIGHUP, SIGUSR1,
};
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

static void
on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	(void)!write(fds[1], &b, 1);
	errno = saved;
}

int
selfpipe_init(void)
{
	struct sigaction sa;
	size_t i;

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) == -1)
		log_fatal("pipe2");
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return fds[0];
}

void
selfpipe_undo(void)
{
	struct sigaction sa;
	sigset_t none;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	close(fds[0]);
	close(fds[1]);
}
