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
 * Raw records, for the tests of the worker's FastCGI parser
 * (test_fcgi_records.sh):
 *   pad N            later requests pad every record with N bytes
 *   role N           later requests ask for role N (1: responder)
 *   probe VALUE      later requests send X-Probe: VALUE
 *   bigheader N      later requests send X-Big with a value of N bytes
 *   partial I KIND   sends part of a request on I and nothing more:
 *                    header (half a record header), begin (BEGIN_REQUEST
 *                    alone), params (BEGIN_REQUEST and half a PARAMS)
 *   huge I           BEGIN_REQUEST and a PARAMS pair claiming 1 GB
 *   drip I URI MS    sends a request on I one byte every MS ms; prints
 *                    "I: dripping" after the third, "I: closed after N
 *                    bytes" if the worker closes it first, else reads the
 *                    response as recv does
 *   closed I         waits for the worker to close I; prints "I: closed"
 *   values I         FCGI_GET_VALUES on I; prints "I: NAME=VALUE ..."
 *                    from the FCGI_GET_VALUES_RESULT
 *   end I            reads up to END_REQUEST on I; prints "I: end app=A
 *                    status=S stdout=N"
 *   hold N           opens N more connections that send nothing, held
 *                    until the client exits; prints "held N"
 *   sleep MS         sleeps
 *
 * Every request carries the parameters nginx's fastcgi_params sends.  A
 * response that does not come within 10 seconds is a failure (exit 1):
 * tests use that as a guard against a hang, never to measure anything.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <time.h>
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
#define FCGI_GET_VALUES	9

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

/* Later requests: padding, role, extra headers. */
static struct {
	int		 pad;
	int		 role;
	const char	*probe;
	size_t		 big;
} opt = { 0, 1, NULL, 0 };

static size_t
put_record(unsigned char *p, int type, const void *data, size_t n)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1,
	    (unsigned char)(n >> 8), (unsigned char)n, (unsigned char)opt.pad, 0 };

	memcpy(p, h, 8);
	memcpy(p + 8, data, n);
	memset(p + 8 + n, 'P', (size_t)opt.pad);
	return 8 + n + (size_t)opt.pad;
}

static size_t
put_length(unsigned char *p, size_t n)
{
	if (n < 128) {
		p[0] = (unsigned char)n;
		return 1;
	}
	p[0] = (unsigned char)(0x80 | n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	return 4;
}

static size_t
put_param_n(unsigned char *p, const char *name, const char *value, size_t vl)
{
	size_t nl = strlen(name), n;

	n = put_length(p, nl);
	n += put_length(p + n, vl);
	memcpy(p + n, name, nl);
	memcpy(p + n + nl, value, vl);
	return n + nl + vl;
}

static size_t
put_param(unsigned char *p, const char *name, const char *value)
{
	return put_param_n(p, name, value, strlen(value));
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

/* The PARAMS content of a request for uri; *n its length (malloc'ed). */
static unsigned char *
params_for(const char *uri, size_t *len)
{
	unsigned char *params = malloc(4096 + opt.big);
	char path[512], clen[24];
	const char *q = strchr(uri, '?');
	size_t n = 0;

	if (params == NULL)
		fail("malloc");
	if (strlen(uri) >= 120) {
		fprintf(stderr, "fcgi_client: URI too long: %s\n", uri);
		exit(2);
	}
	snprintf(path, sizeof(path), "%.*s",
	    (int)(q != NULL ? (size_t)(q - uri) : strlen(uri)), uri);
	snprintf(clen, sizeof(clen), "%zu", post.len);
	n += put_param(params + n, "QUERY_STRING", q != NULL ? q + 1 : "");
	n += put_param(params + n, "REQUEST_METHOD", post.data ? "POST" : "GET");
	n += put_param(params + n, "CONTENT_TYPE", post.data ? post.type : "");
	n += put_param(params + n, "CONTENT_LENGTH", post.data ? clen : "");
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
	if (opt.probe != NULL)
		n += put_param(params + n, "HTTP_X_PROBE", opt.probe);
	if (opt.big > 0) {
		char *v = malloc(opt.big);

		if (v == NULL)
			fail("malloc");
		memset(v, 'b', opt.big);
		n += put_param_n(params + n, "HTTP_X_BIG", v, opt.big);
		free(v);
	}
	*len = n;
	return params;
}

/*
 * One request for uri, written with a single write as nginx does: PARAMS
 * in records of at most 32 KiB, the body in one STDIN record.
 */
static size_t
build_request(unsigned char **out, const char *uri, int keep)
{
	unsigned char begin[8] = { (unsigned char)(opt.role >> 8),
	    (unsigned char)opt.role, keep ? FCGI_KEEP_CONN : 0, 0, 0, 0, 0, 0 };
	size_t plen, off, n, m = 0;
	unsigned char *params = params_for(uri, &plen), *msg;

	msg = malloc(plen + plen / 32768 * (8 + 255) + 65536 + 6 * (8 + 255));
	if (msg == NULL)
		fail("malloc");
	m += put_record(msg + m, FCGI_BEGIN, begin, sizeof(begin));
	for (off = 0; off < plen; off += n) {
		n = plen - off < 32768 ? plen - off : 32768;
		m += put_record(msg + m, FCGI_PARAMS, params + off, n);
	}
	m += put_record(msg + m, FCGI_PARAMS, "", 0);
	if (post.len > 0)
		m += put_record(msg + m, FCGI_STDIN, post.data, post.len);
	m += put_record(msg + m, FCGI_STDIN, "", 0);
	free(params);
	*out = msg;
	return m;
}

/* -1 when the worker closed the connection meanwhile. */
static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, c, n)) <= 0) {
			if (w == -1 && (errno == EPIPE || errno == ECONNRESET))
				return -1;
			fail("write");
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A worker may refuse a request before it is all sent: said, not fatal. */
static void
send_request(int fd, const char *uri, int keep)
{
	unsigned char *msg;
	size_t m = build_request(&msg, uri, keep);

	if (write_all(fd, msg, m) == -1)
		printf("the connection closed while sending\n");
	free(msg);
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

/* ---- raw records (test_fcgi_records.sh) ---------------------------------- */

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void
partial(int fd, const char *kind)
{
	unsigned char *msg;
	size_t m = build_request(&msg, "/hello", 1), n;

	if (strcmp(kind, "header") == 0)
		n = 4;
	else if (strcmp(kind, "begin") == 0)
		n = 16 + (size_t)opt.pad;
	else if (strcmp(kind, "params") == 0)
		n = 16 + (size_t)opt.pad + 8 + 40;	/* BEGIN, half PARAMS */
	else {
		fprintf(stderr, "fcgi_client: partial header|begin|params\n");
		exit(2);
	}
	(void)write_all(fd, msg, n < m ? n : m);
	free(msg);
}

/* BEGIN_REQUEST, then a PARAMS record whose pair claims a 1 GB value. */
static void
huge(int fd)
{
	unsigned char begin[8] = { 0, 1, FCGI_KEEP_CONN, 0, 0, 0, 0, 0 };
	unsigned char pair[16] = { 4, 0xc0, 0, 0, 0, 'N', 'A', 'M', 'E',
	    'v', 'v', 'v', 'v', 'v', 'v', 'v' };
	unsigned char msg[64];
	size_t m = 0;

	m += put_record(msg + m, FCGI_BEGIN, begin, sizeof(begin));
	m += put_record(msg + m, FCGI_PARAMS, pair, sizeof(pair));
	(void)write_all(fd, msg, m);
}

/* Reads until the worker closes fd (10 s at most). */
static void
wait_closed(int fd, const char *name)
{
	char b[4096];
	ssize_t n;

	alarm(10);
	while ((n = read(fd, b, sizeof(b))) > 0)
		;
	alarm(0);
	printf("%s: closed\n", name);
}

static void
drip(const char *name, int fd, const char *uri, long ms)
{
	unsigned char *msg;
	size_t m = build_request(&msg, uri, 1), i;
	char body[4096];

	for (i = 0; i < m; i++) {
		if (write(fd, msg + i, 1) != 1) {
			printf("%s: closed after %zu bytes\n", name, i);
			free(msg);
			return;
		}
		if (i == 2)
			printf("%s: dripping\n", name);
		sleep_ms(ms);
	}
	free(msg);
	recv_response(fd, body, sizeof(body));
	printf("%s: %s\n", name, body);
}

static void
get_values(const char *name, int fd)
{
	static const char *names[] = { "FCGI_MAX_CONNS", "FCGI_MAX_REQS",
	    "FCGI_MPXS_CONNS", "FNPOOL_UNKNOWN" };
	unsigned char content[128], msg[256], h[8], data[65536 + 255];
	size_t n = 0, m, len, p, nl, vl, i;

	for (i = 0; i < 4; i++)
		n += put_param(content + n, names[i], "");
	m = put_record(msg, FCGI_GET_VALUES, content, n);
	msg[2] = msg[3] = 0;		/* a management record: id 0 */
	if (write_all(fd, msg, m) == -1)
		fail("write");
	alarm(10);
	read_all(fd, h, 8);
	len = (size_t)h[4] << 8 | h[5];
	read_all(fd, data, len + h[6]);
	alarm(0);
	printf("%s: type=%d", name, h[1]);
	for (p = 0; p < len; p += nl + vl) {
		nl = data[p] & 0x80 ? 0 : data[p];	/* short names here */
		vl = data[p + 1] & 0x80 ? 0 : data[p + 1];
		p += 2;
		printf(" %.*s=%.*s", (int)nl, data + p, (int)vl, data + p + nl);
	}
	printf("\n");
}

/* Records up to END_REQUEST; its statuses and the STDOUT bytes. */
static void
read_end(const char *name, int fd)
{
	unsigned char h[8], data[65536 + 255];
	size_t len, out = 0;

	alarm(10);
	for (;;) {
		read_all(fd, h, 8);
		len = (size_t)h[4] << 8 | h[5];
		read_all(fd, data, len + h[6]);
		if (h[1] == FCGI_END)
			break;
		if (h[1] == FCGI_STDOUT)
			out += len;
	}
	alarm(0);
	printf("%s: end app=%u status=%d stdout=%zu\n", name,
	    (unsigned)data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3],
	    data[4], out);
}

/* n connections that send nothing, held until exit. */
static void
hold(long n)
{
	struct rlimit rl;
	long i;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (i = 0; i < n; i++)
		(void)connect_unix();	/* left open */
	printf("held %ld\n", n);
}

/* The raw commands: 1 when cmd was one (args taken, *a advanced). */
static int
raw_command(const char *cmd, char **argv, int argc, int *a)
{
	static const struct { const char *name; int args; } cmds[] = {
		{ "pad", 1 }, { "role", 1 }, { "probe", 1 }, { "bigheader", 1 },
		{ "partial", 2 }, { "huge", 1 }, { "drip", 3 }, { "closed", 1 },
		{ "values", 1 }, { "end", 1 }, { "hold", 1 }, { "sleep", 1 },
	};
	size_t i;
	char **v;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmd, cmds[i].name) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0]))
		return 0;
	if (*a + cmds[i].args >= argc) {
		fprintf(stderr, "fcgi_client: %s: missing arguments\n", cmd);
		exit(2);
	}
	v = argv + *a + 1;
	*a += cmds[i].args;
	if (strcmp(cmd, "pad") == 0)
		opt.pad = atoi(v[0]) & 255;
	else if (strcmp(cmd, "role") == 0)
		opt.role = atoi(v[0]);
	else if (strcmp(cmd, "probe") == 0)
		opt.probe = v[0];
	else if (strcmp(cmd, "bigheader") == 0)
		opt.big = (size_t)atol(v[0]);
	else if (strcmp(cmd, "partial") == 0)
		partial(conn_fd(v[0]), v[1]);
	else if (strcmp(cmd, "huge") == 0)
		huge(conn_fd(v[0]));
	else if (strcmp(cmd, "drip") == 0)
		drip(v[0], conn_fd(v[0]), v[1], atol(v[2]));
	else if (strcmp(cmd, "closed") == 0)
		wait_closed(conn_fd(v[0]), v[0]);
	else if (strcmp(cmd, "values") == 0)
		get_values(v[0], conn_fd(v[0]));
	else if (strcmp(cmd, "end") == 0)
		read_end(v[0], conn_fd(v[0]));
	else if (strcmp(cmd, "hold") == 0)
		hold(atol(v[0]));
	else
		sleep_ms(atol(v[0]));
	return 1;
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
	signal(SIGPIPE, SIG_IGN);
	for (a = 2; a < argc; a++) {
		const char *cmd = argv[a];
		int need = strcmp(cmd, "recv") == 0 ||
		    strcmp(cmd, "close") == 0 || strcmp(cmd, "sockets") == 0 ?
		    1 : 2;

		if (raw_command(cmd, argv, argc, &a))
			continue;
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
