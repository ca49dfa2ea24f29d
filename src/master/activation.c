/*
 * activation: sockets passed by the service manager, matched to pools by
 * name first, then in order.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/activation.h"
#include "master/sdnotify.h"

static struct {
	int	  n;
	char	**names;
	int	 *used;
} act;

void
activation_take(void)
{
	int i;

	act.n = sd_listen_fds(&act.names);
	if (act.n == 0)
		return;
	act.used = calloc((size_t)act.n, sizeof(int));
	if (act.used == NULL)
		log_fatal("calloc");
	for (i = 0; i < act.n; i++)
		fcntl(SD_LISTEN_FDS_START + i, F_SETFL,
		    fcntl(SD_LISTEN_FDS_START + i, F_GETFL) | O_NONBLOCK);
}

int
activation_fd_for(const struct pool_config *conf, int by_order)
{
	int i;

	for (i = 0; i < act.n; i++) {
		const char *name = act.names[i];

		if (act.used[i])
			continue;
		if ((name != NULL && strcmp(name, conf->name) == 0) || by_order) {
			act.used[i] = 1;
			return SD_LISTEN_FDS_START + i;
		}
	}
	return -1;
}

void
activation_release(int fd)
{
	act.used[fd - SD_LISTEN_FDS_START] = 0;
}

void
activation_close_unused(void)
{
	int i;

	for (i = 0; i < act.n; i++) {
		if (act.used[i])
			continue;
		log_warn("socket %d passed by the service manager (name %s) "
		    "matches no pool: closing it", SD_LISTEN_FDS_START + i,
		    act.names[i] ? act.names[i] : "none");
		close(SD_LISTEN_FDS_START + i);
		act.used[i] = 1;
	}
}

void
activation_free(void)
{
	sd_listen_names_free(act.names, act.n);
	free(act.used);
	act.names = NULL;
	act.used = NULL;
	act.n = 0;
}
