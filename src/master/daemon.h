/*
 * daemon: -D (background with a pid file) and the pid file itself.
 */
#ifndef FNPOOL_DAEMON_H
#define FNPOOL_DAEMON_H

/* Refuses (-1, logged) when path names a live process other than us. */
int	 pidfile_check(const char *path);
/* Writes our pid; -1 (logged) on error.  path may be NULL. */
int	 pidfile_write(const char *path);
void	 pidfile_remove(const char *path);

/*
 * Forks into the background.  Returns in the child; the parent waits
 * until the child calls daemon_ready(ok) and exits 0 or 1 accordingly,
 * so `fnpool -D` reports start-up errors in its exit status.
 * keep_stderr leaves fd 2 open (when the error log is stderr).
 */
void	 daemon_start(int keep_stderr);
void	 daemon_ready(int ok);

#endif
