/*
 * listen: binds pool sockets in the master.  libfcgi's FCGX_OpenSocket is
 * not used: it exits the process when bind fails and deletes a socket file
 * even when another daemon is still serving on it.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "master/listen.h"

int
listen_is_unix(const char *listen)
{
	return listen[0] == '/' || strncmp(listen, "unix:", 5) == 0;
}

static const char *
unix_path(const char *listen)
{
	return strncmp(listen, "unix:", 5) == 0 ? listen + 5 : listen;
}

/* A socket file nobody answers on is stale and may be removed. */
static int
unix_path_in_use(const struct sockaddr_un *sun)
{
	int fd, r;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	r = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	close(fd);
	return r == 0;
}

static int
unix_set_perms(const struct pool_config *pool, const char *path)
{
	uid_t uid = (uid_t)-1;
	gid_t gid = (gid_t)-1;
	struct passwd *pw;
	struct group *gr;
	const char *owner = pool->listen_owner ? pool->listen_owner : pool->user;
	const char *group = pool->listen_group ? pool->listen_group : pool->group;

	if (owner != NULL) {
		if ((pw = getpwnam(owner)) == NULL) {
			log_error("pool %s: listen.owner %s: no such user",
			    pool->name, owner);
			return -1;
		}
		uid = pw->pw_uid;
	}
	if (group != NULL) {
		if ((gr = getgrnam(group)) == NULL) {
			log_error("pool %s: listen.group %s: no such group",
			    pool->name, group);
			return -1;
		}
		gid = gr->gr_gid;
	}
	if ((uid != (uid_t)-1 || gid != (gid_t)-1) && chown(path, uid, gid) == -1) {
		log_error("pool %s: chown %s: %s", pool->name, path,
		    strerror(errno));
		return -1;
	}
	if (chmod(path, (mode_t)pool->listen_mode) == -1) {
		log_error("pool %s: chmod %s: %s", pool->name, path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
listen_unix(const struct pool_config *pool)
{
	const char *path = unix_path(pool->listen);
	struct sockaddr_un sun;
	struct stat st;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_error("pool %s: listen %s: path too long (at most %zu bytes)",
		    pool->name, path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("pool %s: listen %s: exists and is not a socket",
			    pool->name, path);
			return -1;
		}
		if (unix_path_in_use(&sun)) {
			log_error("pool %s: listen %s: another process is "
			    "serving on it", pool->name, path);
			return -1;
		}
		unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_error("pool %s: socket: %s", pool->name, strerror(errno));
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_error("pool %s: bind %s: %s", pool->name, path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (unix_set_perms(pool, path) == -1) {
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

/* Splits "host:port", "[v6]:port" or "port" into host (NULL: any) and port. */
static int
split_host_port(const char *listen, char *host, size_t hostlen,
    const char **port)
{
	const char *colon;
	size_t n;

	if (listen[0] == '[') {
		colon = strstr(listen, "]:");
		if (colon == NULL)
			return -1;
		n = (size_t)(colon - listen - 1);
		*port = colon + 2;
		listen++;
	} else if ((colon = strrchr(listen, ':')) != NULL) {
		n = (size_t)(colon - listen);
		*port = colon + 1;
	} else {
		host[0] = '\0';
		*port = listen;
		return 0;
	}
	if (n >= hostlen)
		return -1;
	memcpy(host, listen, n);
	host[n] = '\0';
	return 0;
}

static int
listen_tcp(const struct pool_config *pool)
{
	struct addrinfo hints, *res;
	char host[256];
	const char *port;
	int fd, r, on = 1;

	if (split_host_port(pool->listen, host, sizeof(host), &port) == -1) {
		log_error("pool %s: listen %s: expected a unix path, host:port, "
		    "[ipv6]:port or a port", pool->name, pool->listen);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	r = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
	if (r != 0) {
		log_error("pool %s: listen %s: %s", pool->name, pool->listen,
		    gai_strerror(r));
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_error("pool %s: socket: %s", pool->name, strerror(errno));
		freeaddrinfo(res);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, res->ai_addr, res->ai_addrlen) == -1) {
		log_error("pool %s: bind %s: %s", pool->name, pool->listen,
		    strerror(errno));
		close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	return fd;
}

int
listen_open(const struct pool_config *pool)
{
	int fd;

	fd = listen_is_unix(pool->listen) ? listen_unix(pool) : listen_tcp(pool);
	if (fd == -1)
		return -1;
	if (listen(fd, (int)pool->listen_backlog) == -1) {
		log_error("pool %s: listen %s: %s", pool->name, pool->listen,
		    strerror(errno));
		listen_close(pool, fd);
		return -1;
	}
	return fd;
}

int
listen_update(const struct pool_config *pool, int fd)
{
	/* listen() on a listening socket only sets the new backlog */
	if (listen(fd, (int)pool->listen_backlog) == -1) {
		log_error("pool %s: listen %s: %s", pool->name, pool->listen,
		    strerror(errno));
		return -1;
	}
	if (listen_is_unix(pool->listen))
		return unix_set_perms(pool, unix_path(pool->listen));
	return 0;
}

void
listen_close(const struct pool_config *pool, int fd)
{
	close(fd);
	if (listen_is_unix(pool->listen))
		unlink(unix_path(pool->listen));
}
