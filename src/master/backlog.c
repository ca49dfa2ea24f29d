/*
 * backlog: accept-queue lengths from the kernel.  For unix sockets the
 * only source is sock_diag (NETLINK_SOCK_DIAG, UNIX_DIAG_RQLEN) queried
 * by inode; for TCP, TCP_INFO on a listening socket reports the queue
 * length in tcpi_unacked.  The master samples this every few ms while a
 * pool is saturated, so the netlink socket stays open.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "master/backlog.h"

static int nl_fd = -1;

static int
unix_backlog(ino_t ino)
{
	struct {
		struct nlmsghdr		nlh;
		struct unix_diag_req	req;
	} msg;
	char buf[8192];
	struct nlmsghdr *h;
	ssize_t n;

	if (nl_fd == -1) {
		nl_fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_SOCK_DIAG);
		if (nl_fd == -1)
			return -1;
	}
	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = sizeof(msg);
	msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST;
	msg.req.sdiag_family = AF_UNIX;
	msg.req.udiag_states = 1 << 10;		/* TCP_LISTEN */
	msg.req.udiag_ino = (unsigned)ino;
	msg.req.udiag_show = UDIAG_SHOW_RQLEN;
	msg.req.udiag_cookie[0] = msg.req.udiag_cookie[1] = ~0U;
	if (send(nl_fd, &msg, sizeof(msg), 0) == -1)
		return -1;
	if ((n = recv(nl_fd, buf, sizeof(buf), 0)) <= 0)
		return -1;
	for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
	    h = NLMSG_NEXT(h, n)) {
		struct unix_diag_msg *m = NLMSG_DATA(h);
		struct rtattr *a;
		int len;

		if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
			return -1;	/* NLMSG_ERROR: no such socket */
		len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
		for (a = (struct rtattr *)(m + 1); RTA_OK(a, len);
		    a = RTA_NEXT(a, len)) {
			if (a->rta_type == UNIX_DIAG_RQLEN) {
				struct unix_diag_rqlen *q = RTA_DATA(a);

				return (int)q->udiag_rqueue;
			}
		}
	}
	return -1;
}

int
backlog_length(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct tcp_info ti;
	struct stat st;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	if (ss.ss_family == AF_UNIX) {
		if (fstat(fd, &st) == -1)
			return -1;
		return unix_backlog(st.st_ino);
	}
	len = sizeof(ti);
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == -1)
		return -1;
	return (int)ti.tcpi_unacked;
}
