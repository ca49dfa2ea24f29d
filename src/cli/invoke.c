/*
 * invoke: one request, run locally, through the code of a real one.
 *
 * invoke plays the web server: it turns the command line into the CGI
 * variables and body that nginx would pass, and forks a child that
 * answers them exactly as `fnpool worker` answers a CGI request
 * (cgi_serve: body limits, serve_request, request_timeout).  The child
 * writes its CGI response into a pipe; the parent prints it with an
 * HTTP/1.1 status line, as a web server would send it.  Like a worker,
 * the child may end mid-request (a timeout answers 504 and exits; a
 * crash answers nothing): the parent is still there to report it.
 * `fnpool dev` answers each of its HTTP requests the same way
 * (invoke_exchange), with the headers its HTTP library parsed.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "worker/cgi.h"
#include "cli/invoke.h"
#include "core/log.h"
#include "core/privileges.h"
#include "core/response.h"
#include "worker/serve.h"

static void
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fnpool invoke: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
invoke_init(struct invoke *inv)
{
	memset(inv, 0, sizeof(*inv));
	buf_init(&inv->body);
	if ((inv->vars = calloc(1, sizeof(*inv->vars))) == NULL)
		log_fatal("calloc");
}

void
invoke_free(struct invoke *inv)
{
	size_t i;

	for (i = 0; i < inv->nvars; i++)
		free(inv->vars[i]);
	free(inv->vars);
	inv->vars = NULL;
	inv->nvars = 0;
	buf_free(&inv->body);
}

/* Bytes a request line or header cannot carry: controls (tab aside). */
static const char *
find_control(const char *s, int allow_space)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && c != '\t') || c == 0x7f ||
		    (!allow_space && (c == ' ' || c == '\t')))
			return s;
	}
	return NULL;
}

int
invoke_target(struct invoke *inv, const char *path)
{
	if (path[0] != '/') {
		usage_error("PATH '%s' must start with '/'", path);
		return -1;
	}
	if (find_control(path, 0) != NULL) {
		usage_error("PATH '%s' holds a space or control character: "
		    "percent-encode it (%%20)", path);
		return -1;
	}
	inv->target = path;
	return 0;
}

int
invoke_method(struct invoke *inv, const char *method)
{
	if (!response_header_name_ok(method)) {
		usage_error("-X '%s': a method is a token such as GET or POST",
		    method);
		return -1;
	}
	inv->method = method;
	return 0;
}

/* The index of variable NAME (NAME=...), or nvars. */
static size_t
var_find(const struct invoke *inv, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < inv->nvars; i++)
		if (strncmp(inv->vars[i], name, n) == 0 &&
		    inv->vars[i][n] == '=')
			break;
	return i;
}

static void
var_add(struct invoke *inv, char *var)
{
	inv->vars = realloc(inv->vars, (inv->nvars + 2) * sizeof(*inv->vars));
	if (inv->vars == NULL)
		log_fatal("realloc");
	inv->vars[inv->nvars++] = var;
	inv->vars[inv->nvars] = NULL;
}

/*
 * Sets NAME=value.  A header given twice is one variable, its values
 * joined as a web server joins them: "; " for Cookie, else ", ".
 */
static void
var_set(struct invoke *inv, const char *name, const char *value,
    const char *joiner)
{
	size_t n = strlen(name), i = var_find(inv, name, n);
	struct buf b;

	buf_init(&b);
	if (i < inv->nvars && joiner != NULL)
		buf_printf(&b, "%s%s%s", inv->vars[i], joiner, value);
	else
		buf_printf(&b, "%s=%s", name, value);
	if (i < inv->nvars) {
		free(inv->vars[i]);
		inv->vars[i] = (char *)buf_cstr(&b);
	} else
		var_add(inv, (char *)buf_cstr(&b));
}

int
invoke_header(struct invoke *inv, const char *line)
{
	const char *colon = strchr(line, ':'), *v, *bad;
	char name[256];
	size_t n, vn;
	char *value;

	if (colon == NULL || (n = (size_t)(colon - line)) == 0 ||
	    n >= sizeof(name)) {
		usage_error("-H '%s': expected 'Name: value'", line);
		return -1;
	}
	memcpy(name, line, n);
	name[n] = '\0';
	if (!response_header_name_ok(name)) {
		usage_error("-H '%s': '%s' is not a header name (an HTTP "
		    "token, no spaces)", line, name);
		return -1;
	}
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	if ((bad = find_control(v, 1)) != NULL) {
		usage_error("-H '%s': the value holds a control character",
		    name);
		return -1;
	}
	if (strcasecmp(name, "Content-Length") == 0) {
		usage_error("-H 'Content-Length': set from the body given "
		    "with -d");
		return -1;
	}
	vn = strlen(v);
	while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
		vn--;
	if ((value = strndup(v, vn)) == NULL)
		log_fatal("strndup");
	invoke_header_var(inv, name, value);
	free(value);
	return 0;
}

int
invoke_header_var(struct invoke *inv, const char *name, const char *value)
{
	char var[5 + 256];
	size_t i, n = strlen(name);

	if (n >= sizeof(var) - 5)
		return -1;
	if (strcasecmp(name, "Content-Type") == 0) {
		var_set(inv, "CONTENT_TYPE", value, NULL);
		return 0;
	}
	memcpy(var, "HTTP_", 5);
	for (i = 0; i <= n; i++)
		var[5 + i] = name[i] == '-' ? '_' :
		    (char)toupper((unsigned char)name[i]);
	var_set(inv, var, value,
	    strcasecmp(name, "Cookie") == 0 ? "; " : ", ");
	return 0;
}

void
invoke_var(struct invoke *inv, const char *name, const char *value)
{
	var_set(inv, name, value, NULL);
}

/* NAME=value unless the caller (fnpool dev) has set NAME already. */
static void
var_default(struct invoke *inv, const char *name, const char *value)
{
	if (var_find(inv, name, strlen(name)) == inv->nvars)
		var_set(inv, name, value, NULL);
}

static int
read_fd(int fd, struct buf *b)
{
	char chunk[16384];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf_append(b, chunk, (size_t)n);
	}
	return 0;
}

/* -d DATA, -d @FILE (its bytes as they are), -d @- (stdin); as curl,
 * repeated -d are joined with '&'. */
int
invoke_data(struct invoke *inv, const char *arg)
{
	const char *path;
	int fd, r;

	if (inv->has_body)
		buf_putc(&inv->body, '&');
	inv->has_body = 1;
	if (arg[0] != '@') {
		buf_puts(&inv->body, arg);
		return 0;
	}
	path = arg + 1;
	if (strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		usage_error("-d @%s: %s", path, strerror(errno));
		return -1;
	}
	r = read_fd(fd, &inv->body);
	if (r == -1)
		usage_error("-d @%s: %s", path, strerror(errno));
	if (fd != 0)
		close(fd);
	return r;
}

/* The variables nginx's fastcgi_params would pass, around the headers. */
static void
vars_complete(struct invoke *inv)
{
	const char *q = strchr(inv->target, '?');
	char len[32];

	var_set(inv, "GATEWAY_INTERFACE", "CGI/1.1", NULL);
	var_set(inv, "SERVER_PROTOCOL", "HTTP/1.1", NULL);
	var_set(inv, "SERVER_SOFTWARE", "fnpool/" PACKAGE_VERSION, NULL);
	var_default(inv, "SERVER_NAME", "localhost");
	var_default(inv, "REMOTE_ADDR", "127.0.0.1");
	var_set(inv, "REQUEST_METHOD", inv->method != NULL ? inv->method :
	    inv->has_body ? "POST" : "GET", NULL);
	var_set(inv, "REQUEST_URI", inv->target, NULL);
	var_set(inv, "QUERY_STRING", q != NULL ? q + 1 : "", NULL);
	if (var_find(inv, "HTTP_HOST", 9) == inv->nvars)
		var_set(inv, "HTTP_HOST", "localhost", NULL);
	if (!inv->has_body)
		return;
	snprintf(len, sizeof(len), "%zu", inv->body.len);
	var_set(inv, "CONTENT_LENGTH", len, NULL);
	/* what curl -d sends when no -H Content-Type says otherwise */
	if (var_find(inv, "CONTENT_TYPE", 12) == inv->nvars)
		var_set(inv, "CONTENT_TYPE",
		    "application/x-www-form-urlencoded", NULL);
}

/* The body as a descriptor to read, like a web server's request body. */
static int
body_fd(const struct buf *body)
{
	size_t off = 0;
	ssize_t n;
	int fd;

	if ((fd = memfd_create("fnpool-invoke-body", MFD_CLOEXEC)) == -1) {
		log_error("memfd_create: %s", strerror(errno));
		return -1;
	}
	while (off < body->len) {
		n = write(fd, body->data + off, body->len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("writing the request body: %s",
			    strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) == -1) {
		log_error("lseek: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void
write_out(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(1, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			log_error("stdout: %s", strerror(errno));
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

#define CGI_STATUS	"Status: "
#define CGI_STATUS_LEN	(sizeof(CGI_STATUS) - 1)

int
invoke_status(const struct buf *cgi)
{
	const char *p;
	char *end;
	long code;

	if (cgi->len < CGI_STATUS_LEN + 3 ||
	    memcmp(cgi->data, CGI_STATUS, CGI_STATUS_LEN) != 0)
		return -1;
	p = cgi->data + CGI_STATUS_LEN;
	code = strtol(p, &end, 10);
	if (end != p + 3 || code < 100 || code > 599)
		return -1;
	return (int)code;
}

/*
 * Prints the CGI response as HTTP: "Status: 200 OK" becomes
 * "HTTP/1.1 200 OK", the rest is passed as it is.  Returns the status,
 * or -1 (nothing printed) when cgi is not a response.
 */
static int
print_http(const struct buf *cgi)
{
	int code = invoke_status(cgi);

	if (code == -1)
		return -1;
	write_out("HTTP/1.1 ", 9);
	write_out(cgi->data + CGI_STATUS_LEN, cgi->len - CGI_STATUS_LEN);
	return code;
}

/* invoke_exchange's answered: printed before ctx.waitUntil work ends. */
static void
print_answer(struct buf *cgi, void *status)
{
	*(int *)status = print_http(cgi);
}

/* For a child that ended without a response: what a web server says. */
static void
bad_gateway(const char *request_id, int wstatus, struct buf *cgi)
{
	struct response res;
	char why[128], msg[160];

	if (WIFSIGNALED(wstatus))
		snprintf(why, sizeof(why), "the request's process was killed "
		    "by signal %d (%s)", WTERMSIG(wstatus),
		    strsignal(WTERMSIG(wstatus)));
	else
		snprintf(why, sizeof(why), "the request's process exited with "
		    "code %d without a response", WEXITSTATUS(wstatus));
	log_error("request %s: %s", request_id, why);
	snprintf(msg, sizeof(msg), "Bad Gateway: %s", why);
	response_init(&res);
	response_error(&res, 502, msg, request_id);
	buf_reset(cgi);
	response_serialize(&res, request_id, 0, cgi);
	response_free(&res);
}

/*
 * The child: the request, as `fnpool worker` answers it under CGI.  As
 * root, it first becomes the pool's user, as a worker does: a function
 * meets the permissions it will have in production.  It starts with no
 * signal blocked, whoever forked it (fnpool dev blocks its stop signals).
 */
static void
child_run(struct serve *sv, struct invoke *inv, struct privileges *pv,
    int in_fd, int out_fd)
{
	sigset_t none;
	int code;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	privileges_drop(sv->pool, pv);
	privileges_free(pv);
	code = cgi_serve(sv, inv->vars, in_fd, out_fd);
	serve_free(sv);
	invoke_free(inv);
	exit(code);
}

int
invoke_exchange(struct invoke *inv, const struct pool_config *pool,
    struct buf *cgi, char *id, size_t idsize,
    void (*answered)(struct buf *, void *), void *arg)
{
	struct privileges pv;
	struct request req;
	struct serve sv;
	int in_fd, pipefd[2], wstatus, early;
	pid_t pid;

	vars_complete(inv);
	if (serve_init(&sv, pool) == -1)
		return -1;
	if ((in_fd = body_fd(&inv->body)) == -1) {
		serve_free(&sv);
		return -1;
	}
	privileges_resolve(pool, &pv);	/* as the master does for a worker */
	if (pipe2(pipefd, O_CLOEXEC) == -1)
		log_fatal("pipe2");
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1)
		log_fatal("fork");
	if (pid == 0) {
		close(pipefd[0]);
		child_run(&sv, inv, &pv, in_fd, pipefd[1]);
	}
	privileges_free(&pv);
	close(pipefd[1]);
	close(in_fd);
	/*
	 * The same call as the child's first, from the same id seed (set
	 * by serve_init before the fork): the parent knows the request id
	 * even when the child dies before it can tell.
	 */
	serve_begin(&req, inv->vars);
	str_copy(id, idsize, req.id, STR_ALL);
	if (read_fd(pipefd[0], cgi) == -1)
		log_error("reading the response: %s", strerror(errno));
	close(pipefd[0]);
	/* before the wait: the child may go on with ctx.waitUntil work */
	early = answered != NULL && invoke_status(cgi) != -1;
	if (early)
		answered(cgi, arg);
	while (waitpid(pid, &wstatus, 0) == -1)
		if (errno != EINTR)
			log_fatal("waitpid");
	serve_free(&sv);
	/* a crash, or a response cut short; exit 1 with nothing: logged */
	if (invoke_status(cgi) == -1 && (WIFSIGNALED(wstatus) ||
	    cgi->len > 0 || WEXITSTATUS(wstatus) == 0))
		bad_gateway(id, wstatus, cgi);
	return early;
}

int
invoke_run(struct invoke *inv, const struct pool_config *pool)
{
	char id[REQUEST_ID_MAX + 1];
	struct buf out;
	int status = -1, rc;

	buf_init(&out);
	rc = invoke_exchange(inv, pool, &out, id, sizeof(id), print_answer,
	    &status);
	if (rc == 0)
		status = print_http(&out);
	buf_free(&out);
	/* -1: the child could not start the request, and logged why */
	return status >= 100 && status < 500 ? 0 : 1;
}
