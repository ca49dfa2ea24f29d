/*
 * accesslog_format: compiles access.format.  See accesslog_format.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/accesslog_format.h"
#include "core/log.h"

/*
 * The named fields.  Those that show a FastCGI parameter compile to
 * AL_PARAM: %{host} is %{param:HTTP_HOST}.
 */
static const struct {
	const char		*name;
	enum accesslog_field	 field;
	const char		*param;		/* the FastCGI parameter it shows */
} fields[] = {
	{ "time",	 AL_TIME,	 NULL },
	{ "time_iso8601", AL_TIME_ISO8601, NULL },
	{ "msec",	 AL_MSEC,	 NULL },
	{ "remote_addr", AL_PARAM,	 "REMOTE_ADDR" },
	{ "client_ip",	 AL_CLIENT_IP,	 NULL },
	{ "remote_user", AL_PARAM,	 "REMOTE_USER" },
	{ "method",	 AL_METHOD,	 NULL },
	{ "uri",	 AL_URI,	 NULL },
	{ "protocol",	 AL_PARAM,	 "SERVER_PROTOCOL" },
	{ "host",	 AL_PARAM,	 "HTTP_HOST" },
	{ "referer",	 AL_PARAM,	 "HTTP_REFERER" },
	{ "user_agent",	 AL_PARAM,	 "HTTP_USER_AGENT" },
	{ "function",	 AL_FUNCTION,	 NULL },
	{ "status",	 AL_STATUS,	 NULL },
	{ "bytes",	 AL_BYTES,	 NULL },
	{ "duration_ms", AL_DURATION_MS, NULL },
	{ "memory",	 AL_MEMORY,	 NULL },
	{ "request_id",	 AL_REQUEST_ID,	 NULL },
	{ "pool",	 AL_POOL,	 NULL },
	{ "pid",	 AL_PID,	 NULL },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static int
add_op(struct accesslog_format *f, enum accesslog_field field, const char *s,
    size_t n)
{
	struct accesslog_op *ops = realloc(f->ops, (f->nops + 1) * sizeof(*ops));

	if (ops == NULL)
		return -1;
	f->ops = ops;
	ops[f->nops].field = field;
	ops[f->nops].text = NULL;
	if (s != NULL && (ops[f->nops].text = strndup(s, n)) == NULL)
		return -1;
	f->nops++;
	return 0;
}

static int
param_name_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return 0;
	return n > 0;
}

/* "%{name}" at s; returns the bytes used, or 0 with err set. */
static size_t
parse_field(struct accesslog_format *f, const char *s, char *err,
    size_t errsize)
{
	const char *name = s + 2, *end = strchr(name, '}'), *param;
	size_t n, i;

	if (s[1] != '{') {
		snprintf(err, errsize, "'%%' must start %%{field} or be "
		    "doubled (%%%%)");
		return 0;
	}
	if (end == NULL) {
		snprintf(err, errsize, "unclosed '%%{'");
		return 0;
	}
	n = (size_t)(end - name);
	if (n > 6 && strncmp(name, "param:", 6) == 0) {
		if (!param_name_ok(name + 6, n - 6)) {
			snprintf(err, errsize, "bad parameter name in "
			    "%%{%.*s}: use A-Z, 0-9 and _", (int)n, name);
			return 0;
		}
		return add_op(f, AL_PARAM, name + 6, n - 6) == -1 ? 0 : n + 3;
	}
	for (i = 0; i < NFIELDS; i++) {
		if (strlen(fields[i].name) != n ||
		    strncmp(fields[i].name, name, n) != 0)
			continue;
		param = fields[i].param;
		return add_op(f, fields[i].field, param, param != NULL ?
		    strlen(param) : 0) == -1 ? 0 : n + 3;
	}
	snprintf(err, errsize, "unknown field %%{%.*s}", (int)(n > 40 ? 40 : n),
	    name);
	return 0;
}

struct accesslog_format *
accesslog_parse(const char *fmt, char *err, size_t errsize)
{
	struct accesslog_format *f;
	const char *s = fmt;
	size_t n;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		log_fatal("calloc");
	while (*s != '\0') {
		n = strcspn(s, "%");
		if (n > 0 && add_op(f, AL_LITERAL, s, n) == -1)
			log_fatal("malloc");
		s += n;
		if (*s == '\0')
			break;
		if (s[1] == '%') {
			if (add_op(f, AL_LITERAL, "%", 1) == -1)
				log_fatal("malloc");
			s += 2;
			continue;
		}
		if ((n = parse_field(f, s, err, errsize)) == 0) {
			accesslog_format_free(f);
			return NULL;
		}
		s += n;
	}
	return f;
}

void
accesslog_format_free(struct accesslog_format *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nops; i++)
		free(f->ops[i].text);
	free(f->ops);
	free(f);
}
