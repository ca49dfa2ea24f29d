/*
 * overload: answers 503 for a saturated pool, from the master.
 *
 * The connection comes straight from the backlog, so nginx has already
 * written the whole request (FastCGI params and stdin are small and sent
 * at once).  Reads still get a short SO_RCVTIMEO: the master must never
 * hang on a peer that sends half a request.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/request_id.h"
#include "core/response.h"
#include "master/overload.h"

#define IO_TIMEOUT_MS	200

void
overload_init(void)
{
	if (FCGX_Init() != 0)
		log_fatalx("FCGX_Init failed");
	request_id_seed();
}

static void
set_timeouts(int fd)
{
	struct timeval tv = { 0, IO_TIMEOUT_MS * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* The 503 with Retry-After after the Status line. */
static void
build_503(const char *id, long retry_after_s, int head_only, struct buf *out)
{
	struct response res;
	struct buf tmp;
	const char *eol;
	size_t n;

	response_init(&res);
	response_error(&res, 503, "Every worker is busy: try again later", id);
	buf_init(&tmp);
	response_serialize(&res, id, head_only, &tmp);
	eol = strstr(tmp.data, "\r\n");
	n = eol != NULL ? (size_t)(eol - tmp.data) + 2 : 0;
	buf_append(out, tmp.data, n);
	buf_printf(out, "Retry-After: %ld\r\n", retry_after_s);
	buf_append(out, tmp.data + n, tmp.len - n);
	buf_free(&tmp);
	response_free(&res);
}

int
overload_reject(int listen_fd, const char *pool, long waited_ms,
    long retry_after_s)
{
	FCGX_Request fr;
	struct buf out;
	char id[REQUEST_ID_LEN + 1], c;
	const char *method, *uri;
	int fd;

	fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd == -1)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : 1;
	set_timeouts(fd);
	FCGX_InitRequest(&fr, -1, 0);
	fr.ipcFd = fd;
	fr.keepConnection = 1;		/* see worker.c: libfcgi keeps fd */
	if (FCGX_Accept_r(&fr) < 0) {
		log_info("pool %s: a queued connection sent no request", pool);
		FCGX_Free(&fr, 1);
		return 1;
	}
	request_id_next(id);
	method = FCGX_GetParam("REQUEST_METHOD", fr.envp);
	uri = FCGX_GetParam("REQUEST_URI", fr.envp);
	if (recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0) {
		log_info("pool %s: request %s: %s %s: the client went away "
		    "after %ld ms in the queue", pool, id, method ? method : "?",
		    uri ? uri : "?", waited_ms);
	} else {
		buf_init(&out);
		build_503(id, retry_after_s, method != NULL &&
		    strcmp(method, "HEAD") == 0, &out);
		FCGX_PutStr(out.data, (int)out.len, fr.out);
		buf_free(&out);
		log_warn("pool %s: request %s: %s %s: every worker busy for "
		    "%ld ms (queue_timeout): answered 503", pool, id,
		    method ? method : "?", uri ? uri : "?", waited_ms);
	}
	fr.keepConnection = 0;
	FCGX_Finish_r(&fr);
	FCGX_Free(&fr, 1);
	return 1;
}
