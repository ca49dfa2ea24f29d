/*
 * watch: inotify over the functions tree.
 *
 * inotify is not recursive, so every directory gets a watch of its own,
 * and a directory created or moved in makes the tree be walked again
 * (adding a watch twice is harmless).  The worker drains the queue before
 * each request: an event is queued before the rename(2) or write(2)
 * that caused it returns, so a request sent after a deploy step always
 * sees it.  When changes cannot be followed (no inotify, the watch limit
 * fs.inotify.max_user_watches reached, the queue overflowed) the answer
 * is "changed": states are dropped more often than needed, never kept
 * stale.
 *
 * Closing the last descriptor of an inotify instance waits for the
 * kernel to release its watches (an SRCU grace period: 6-14 ms measured
 * here).  A process that holds the only one takes that long to exit, so a
 * worker killed by a signal or recycled became a zombie, and was replaced,
 * 15-25 ms after its death.  So the master opens each worker's instance
 * and keeps it (master/inotify_spare.c): the worker adopts it, the
 * worker's exit only drops a reference, and the next worker of the pool
 * takes the instance over with its watches.  Events queued for the
 * previous worker are discarded: a new worker or a new root has no state
 * to keep.
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "worker/watch.h"

#define WATCH_MASK	(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | \
			 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | \
			 IN_DONT_FOLLOW)
#define WATCH_DEPTH	64

static int adopted = -1;	/* the master's instance, kept open */

struct watch {
	char	root[PATH_MAX];
	int	fd;
	int	blind;		/* cannot follow changes: always "changed" */
};

static void
watch_dir(struct watch *w, const char *path, int depth)
{
	char sub[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (inotify_add_watch(w->fd, path, WATCH_MASK) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return;		/* gone meanwhile */
		if (!w->blind)
			log_warn("cannot watch %s: %s (fs.inotify.max_user_"
			    "watches?): functions are reloaded on every "
			    "request", path, strerror(errno));
		w->blind = 1;
		return;
	}
	if (depth >= WATCH_DEPTH || (d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >=
		    (int)sizeof(sub))
			continue;
		if (de->d_type == DT_UNKNOWN) {
			struct stat st;

			if (lstat(sub, &st) == -1 || !S_ISDIR(st.st_mode))
				continue;
		}
		watch_dir(w, sub, depth + 1);
	}
	closedir(d);
}

static void
drain(int fd)
{
	char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	while (read(fd, ev, sizeof(ev)) > 0)
		continue;
}

struct watch *
watch_open(const char *root)
{
	struct watch *w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		log_fatal("calloc");
	snprintf(w->root, sizeof(w->root), "%s", root);
	if (adopted != -1) {
		w->fd = adopted;
		drain(w->fd);		/* not this watch's news */
	} else if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		log_warn("inotify_init1: %s: functions are reloaded on every "
		    "request", strerror(errno));
		w->blind = 1;
		return w;
	}
	watch_dir(w, w->root, 0);
	return w;
}

void
watch_close(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->fd != -1 && w->fd != adopted)
		close(w->fd);
	free(w);
}

void
watch_adopt(int fd)
{
	adopted = fd;
}

int
watch_fd(const struct watch *w)
{
	return w->blind ? -1 : w->fd;
}

int
watch_changed(struct watch *w)
{
	char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	int changed = 0, rescan = 0;
	ssize_t n, off;

	if (w->blind)
		return 1;
	while ((n = read(w->fd, ev, sizeof(ev))) > 0) {
		changed = 1;
		for (off = 0; off < n; off += (ssize_t)sizeof(*e) + e->len) {
			e = (const struct inotify_event *)(ev + off);
			if (e->mask & IN_Q_OVERFLOW)
				rescan = 1;
			if ((e->mask & IN_ISDIR) &&
			    (e->mask & (IN_CREATE | IN_MOVED_TO)))
				rescan = 1;
		}
	}
	if (n == -1 && errno != EAGAIN && errno != EINTR) {
		log_warn("inotify read: %s", strerror(errno));
		changed = 1;
	}
	if (rescan)
		watch_dir(w, w->root, 0);
	return changed;
}
