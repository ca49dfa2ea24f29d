/*
 * backlog: how many connections wait in a listening socket's accept
 * queue, as `ss -xl` / `ss -tl` show it (Recv-Q).
 */
#ifndef FNPOOL_BACKLOG_H
#define FNPOOL_BACKLOG_H

/* Returns the queue length of listening socket fd, or -1. */
int	 backlog_length(int fd);

#endif
