/*
 * fcgi_client: a FastCGI client that holds connections open the way
 * nginx does with fastcgi_keep_conn, for tests and profiling that need
 * exact control over which connection carries which request.
 *
 *   fcgi_client SOCKET COMMAND...
 *
 * Connections are numbered 0..299 and opened on first use.  Commands run
 * in order:
 *   send I URI       a GET of URI on connection I, with FCGI_KEEP_CONN
 *   recv I           reads the response on I; prints "I: BODY"
 *   get I URI        send, then recv
 *   close I          closes connection I
 *   signal PID SIG   kill(PID, SIG) with SIG STOP, CONT or TERM
 *   sockets PID      prints "sockets N": the sockets PID has open
 *   loop N URI new|keep
 *                    N requests for URI one after the other, each on a
 *                    new connection without FCGI_KEEP_CONN ("new", as
 *                    nginx without keepalive) or all on one kept one;
 *                    prints "N responses"
 *   body FILE TYPE   the requests after it are POSTs of FILE (at most
 *                    64 KiB) with Content-Type TYPE, not GETs
 *
 * Every request carries the parameters nginx's fastcgi_params sends.  A
 * response that does not come within 10 seconds is a failure (exit 1):
 * tests use that as a guard against a hang, never to measure anything.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONNS_MAX	300
#define FCGI_BEGIN	1
#define FCGI_END	3
#define FCGI_PARAMS	4
#define FCGI_STDIN	5
#define FCGI_STDOUT	6
#define FCGI_KEEP_CONN	1

static const char *sock_path;
static int conn[CONNS_MAX];

static void
fail(const char *what)
{
	perror(what);
	exit(1);
}

static void
on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "fcgi_client: no response within 10 s\n";

	(void)write(2, msg, sizeof(msg) - 1);
	_exit(1);
}

static int
connect_unix(void)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", sock_path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		fail(sock_path);
	return fd;
}

static int
conn_fd(const char *arg)
{
	int i = atoi(arg);

	if (i < 0 || i >= CONNS_MAX) {
		fprintf(stderr, "fcgi_client: connection %s: not in 0..%d\n",
		    arg, CONNS_MAX - 1);
		exit(2);
	}
	if (conn[i] == -1)
		conn[i] = connect_unix();
	return conn[i];
}

static size_t
put_record(unsigned char *p, int type, const void *data, size_t n)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1,
	    (unsigned char)(n >> 8), (unsigned char)n, 0, 0 };

	memcpy(p, h, 8);
	memcpy(p + 8, data, n);
	return 8 + n;
}

static size_t
put_param(unsigned char *p, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);

	/* every name and value here is shorter than 128 bytes */
	p[0] = (unsigned char)nl;
	p[1] = (unsigned char)vl;
	memcpy(p + 2, name, nl);
	memcpy(p + 2 + nl, value, vl);
	return 2 + nl + vl;
}

/* The body to POST instead of a GET, once a body command has set it. */
static struct {
	char		*data;
	size_t		 len;
	const char	*type;
} post;

static void
post_load(const char *file, const char *type)
{
	FILE *fp = fopen(file, "rb");
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    n > 65535 || fseek(fp, 0, SEEK_SET) != 0)
		fail(file);
	if ((post.data = malloc((size_t)n + 1)) == NULL ||
	    fread(post.data, 1, (size_t)n, fp) != (size_t)n)
		fail(file);
	fclose(fp);
	post.len = (size_t)n;
	post.type = type;
}

/* One request for uri, written with a single write as nginx does. */
static void
send_request(int fd, const char *uri, int keep)
{
	unsigned char begin[8] = { 0, 1, keep ? FCGI_KEEP_CONN : 0, 0, 0, 0,
	    0, 0 };
	unsigned char params[2048], msg[4096 + 65536 + 8];
	char path[512], len[24];
	const char *q = strchr(uri, '?');
	size_t n = 0, m = 0;

	if (strlen(uri) >= 120) {
		fprintf(stderr, "fcgi_client: URI too long: %s\n", uri);
		exit(2);
	}
	snprintf(path, sizeof(path), "%.*s",
	    (int)(q != NULL ? (size_t)(q - uri) : strlen(uri)), uri);
	snprintf(len, sizeof(len), "%zu", post.len);
	n += put_param(params + n, "QUERY_STRING", q != NULL ? q + 1 : "");
	n += put_param(params + n, "REQUEST_METHOD", post.data ? "POST" : "GET");
	n += put_param(params + n, "CONTENT_TYPE", post.data ? post.type : "");
	n += put_param(params + n, "CONTENT_LENGTH", post.data ? len : "");
	n += put_param(params + n, "SCRIPT_NAME", path);
	n += put_param(params + n, "REQUEST_URI", uri);
	n += put_param(params + n, "DOCUMENT_URI", path);
	n += put_param(params + n, "DOCUMENT_ROOT", "/usr/share/nginx/html");
	n += put_param(params + n, "SERVER_PROTOCOL", "HTTP/1.1");
	n += put_param(params + n, "REQUEST_SCHEME", "http");
	n += put_param(params + n, "GATEWAY_INTERFACE", "CGI/1.1");
	n += put_param(params + n, "SERVER_SOFTWARE", "nginx/1.22.1");
	n += put_param(params + n, "REMOTE_ADDR", "127.0.0.1");
	n += put_param(params + n, "REMOTE_PORT", "40000");
	n += put_param(params + n, "SERVER_ADDR", "127.0.0.1");
	n += put_param(params + n, "SERVER_PORT", "80");
	n += put_param(params + n, "SERVER_NAME", "fnpool.test");
	n += put_param(params + n, "REDIRECT_STATUS", "200");
	n += put_param(params + n, "HTTP_HOST", "fnpool.test");
	m += put_record(msg + m, FCGI_BEGIN, begin, sizeof(begin));
	m += put_record(msg + m, FCGI_PARAMS, params, n);
	m += put_record(msg + m, FCGI_PARAMS, "", 0);
	if (post.len > 0)
		m += put_record(msg + m, FCGI_STDIN, post.data, post.len);
	m += put_record(msg + m, FCGI_STDIN, "", 0);
	if (write(fd, msg, m) != (ssize_t)m)
		fail("write");
}

static void
read_all(int fd, void *p, size_t n)
{
	char *c = p;
	ssize_t r;

	while (n > 0) {
		if ((r = read(fd, c, n)) <= 0) {
			fprintf(stderr, "fcgi_client: the connection closed "
			    "before the end of the response\n");
			exit(1);
		}
		c += r;
		n -= (size_t)r;
	}
}

/* Reads records up to FCGI_END_REQUEST; the body (after the headers) into out. */
static void
recv_response(int fd, char *out, size_t outsize)
{
	static char stdout_buf[1 << 20];
	unsigned char h[8], data[65536 + 255];
	size_t len, have = 0;
	const char *body;

	alarm(10);
	for (;;) {
		read_all(fd, h, 8);
		len = (size_t)h[4] << 8 | h[5];
		read_all(fd, data, len + h[6]);
		if (h[1] == FCGI_END)
			break;
		if (h[1] == FCGI_STDOUT && have + len < sizeof(stdout_buf)) {
			memcpy(stdout_buf + have, data, len);
			have += len;
		}
	}
	alarm(0);
	stdout_buf[have] = '\0';
	body = strstr(stdout_buf, "\r\n\r\n");
	snprintf(out, outsize, "%s", body != NULL ? body + 4 : "");
}

static int
signal_number(const char *name)
{
	if (strcmp(name, "STOP") == 0)
		return SIGSTOP;
	if (strcmp(name, "CONT") == 0)
		return SIGCONT;
	if (strcmp(name, "TERM") == 0)
		return SIGTERM;
	fprintf(stderr, "fcgi_client: unknown signal %s\n", name);
	exit(2);
}

static void
count_sockets(const char *pid)
{
	char dir[64], path[384], target[64];
	struct dirent *de;
	ssize_t n;
	int count = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%s/fd", pid);
	if ((d = opendir(dir)) == NULL)
		fail(dir);
	while ((de = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n > 0 && strncmp(target, "socket:", 7) == 0)
			count++;
	}
	closedir(d);
	printf("sockets %d\n", count);
}

static void
loop(long n, const char *uri, int fresh)
{
	char body[256];
	long i;
	int fd = -1;

	for (i = 0; i < n; i++) {
		if (fd == -1)
			fd = connect_unix();
		send_request(fd, uri, !fresh);
		recv_response(fd, body, sizeof(body));
		if (fresh) {
			close(fd);
			fd = -1;
		}
	}
	if (fd != -1)
		close(fd);
	printf("%ld responses\n", n);
}

int
main(int argc, char **argv)
{
	char body[4096];
	int a, i, fd;

	if (argc < 3) {
		fprintf(stderr, "usage: fcgi_client SOCKET COMMAND...\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sock_path = argv[1];
	for (i = 0; i < CONNS_MAX; i++)
		conn[i] = -1;
	for (a = 2; a < argc; a++) {
		const char *cmd = argv[a];
		int need = strcmp(cmd, "recv") == 0 ||
		    strcmp(cmd, "close") == 0 || strcmp(cmd, "sockets") == 0 ?
		    1 : 2;

		if (a + need >= argc) {
			fprintf(stderr, "fcgi_client: %s: missing arguments\n", cmd);
			return 2;
		}
		if (strcmp(cmd, "send") == 0 || strcmp(cmd, "get") == 0) {
			fd = conn_fd(argv[a + 1]);
			send_request(fd, argv[a + 2], 1);
			if (cmd[0] == 'g') {
				recv_response(fd, body, sizeof(body));
				printf("%s: %s\n", argv[a + 1], body);
			}
			a += 2;
		} else if (strcmp(cmd, "recv") == 0) {
			recv_response(conn_fd(argv[a + 1]), body, sizeof(body));
			printf("%s: %s\n", argv[a + 1], body);
			a += 1;
		} else if (strcmp(cmd, "close") == 0) {
			i = atoi(argv[a + 1]);
			if (i >= 0 && i < CONNS_MAX && conn[i] != -1) {
				close(conn[i]);
				conn[i] = -1;
			}
			a += 1;
		} else if (strcmp(cmd, "signal") == 0) {
			if (kill(atoi(argv[a + 1]), signal_number(argv[a + 2])) == -1)
				fail("kill");
			a += 2;
		} else if (strcmp(cmd, "sockets") == 0) {
			count_sockets(argv[a + 1]);
			a += 1;
		} else if (strcmp(cmd, "loop") == 0) {
			if (a + 3 >= argc) {
				fprintf(stderr, "fcgi_client: loop N URI new|keep\n");
				return 2;
			}
			loop(atol(argv[a + 1]), argv[a + 2],
			    strcmp(argv[a + 3], "new") == 0);
			a += 3;
		} else if (strcmp(cmd, "body") == 0) {
			post_load(argv[a + 1], argv[a + 2]);
			a += 2;
		} else {
			fprintf(stderr, "fcgi_client: unknown command %s\n", cmd);
			return 2;
		}
	}
	return 0;
}
