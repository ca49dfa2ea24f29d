/*
 * sdnotify: the two systemd protocols fnpool speaks, written from their
 * documentation rather than linked from libsystemd: readiness messages
 * to $NOTIFY_SOCKET, and sockets passed in $LISTEN_FDS.
 */
#ifndef FNPOOL_SDNOTIFY_H
#define FNPOOL_SDNOTIFY_H

#define SD_LISTEN_FDS_START	3

/* Sends "READY=1" etc. when $NOTIFY_SOCKET is set; quiet otherwise. */
void	 sd_notify_send(const char *state);

/*
 * Takes the sockets passed by the service manager (when $LISTEN_PID is
 * this process) and unsets the variables so workers do not see them.
 * Returns how many there are (fds 3 .. 3+n-1); names[i] is the name
 * from $LISTEN_FDNAMES or NULL.
 */
int	 sd_listen_fds(char ***names);
/* Frees what sd_listen_fds returned. */
void	 sd_listen_names_free(char **names, int n);

#endif
