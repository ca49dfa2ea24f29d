/*
 * watch: notices changes under the functions root, for deploys by
 * copying files.  Each worker holds its own inotify instance over the
 * whole tree and reads it, without blocking, before each request.
 */
#ifndef FNPOOL_WATCH_H
#define FNPOOL_WATCH_H

struct watch;

/* Watches every directory under root (a realpath). */
struct watch	*watch_open(const char *root);
/*
 * Gives the process an inotify descriptor that its parent (the master)
 * also holds open: watch_open then uses it rather than a new one, and
 * watch_close leaves it open for the next watch_open.  See watch.c for
 * why.  -1: none (watch_open makes its own).
 */
void		 watch_adopt(int fd);
void		 watch_close(struct watch *);
/*
 * Returns 1 if anything under the root changed since the last call (or
 * if that cannot be known: see watch.c), else 0.  Never blocks.
 */
int		 watch_changed(struct watch *);
/*
 * The inotify descriptor, readable when watch_changed has news: a worker
 * waits on it with its connections.  -1 when changes cannot be followed
 * (watch_changed then always says so).
 */
int		 watch_fd(const struct watch *);

#endif
