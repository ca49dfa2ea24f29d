/*
 * accesslog_format: the access.format language (docs/operations.md).
 * A format is text with fields: %{name} (see fields[] in
 * accesslog_format.c) or %{param:NAME} (any FastCGI parameter, e.g.
 * %{param:HTTP_ACCEPT}); %% is a literal %.  It is compiled once, when
 * the config is read, into a list of literal runs and fields, which the
 * worker's accesslog.c renders for each request.
 */
#ifndef FNPOOL_ACCESSLOG_FORMAT_H
#define FNPOOL_ACCESSLOG_FORMAT_H

#include <stddef.h>

#define ACCESSLOG_DEFAULT_FORMAT \
	"%{remote_addr} - %{remote_user} [%{time}] \"%{method} %{uri} " \
	"%{protocol}\" %{status} %{bytes} \"%{referer}\" \"%{user_agent}\" " \
	"%{request_id} %{duration_ms}"

enum accesslog_field {
	AL_LITERAL,	/* text */
	AL_PARAM,	/* the FastCGI parameter named by text */
	AL_TIME, AL_TIME_ISO8601, AL_MSEC, AL_CLIENT_IP, AL_METHOD, AL_URI,
	AL_FUNCTION, AL_STATUS, AL_BYTES, AL_DURATION_MS, AL_MEMORY,
	AL_REQUEST_ID, AL_POOL, AL_PID,
};

struct accesslog_op {
	enum accesslog_field	 field;
	char			*text;	/* literal, or parameter name */
};

struct accesslog_format {
	struct accesslog_op	*ops;
	size_t			 nops;
};

/* Compiles fmt; NULL with a reason in err (naming the bad field). */
struct accesslog_format	*accesslog_parse(const char *fmt, char *err,
			    size_t errsize);
void	 accesslog_format_free(struct accesslog_format *);

#endif
