/* Unit tests for accesslog_format.c: access.format compiled, or refused. */
#include <string.h>

#include "core/accesslog_format.h"
#include "tap.h"

static const char *
error_of(const char *fmt)
{
	static char err[128];
	struct accesslog_format *f;

	err[0] = '\0';
	f = accesslog_parse(fmt, err, sizeof(err));
	accesslog_format_free(f);
	return f == NULL ? err : NULL;
}

int
main(void)
{
	struct accesslog_format *f;
	char err[128];

	f = accesslog_parse("a %{status}%% %{host} %{param:HTTP_ACCEPT}", err,
	    sizeof(err));
	ok(f != NULL && f->nops == 7, "literals and fields, in order");
	if (f != NULL && f->nops == 7) {
		ok(f->ops[0].field == AL_LITERAL &&
		    strcmp(f->ops[0].text, "a ") == 0, "a literal run");
		ok(f->ops[1].field == AL_STATUS && f->ops[1].text == NULL,
		    "a field");
		ok(f->ops[2].field == AL_LITERAL &&
		    strcmp(f->ops[2].text, "%") == 0, "%%%% is a literal %%");
		ok(f->ops[4].field == AL_PARAM &&
		    strcmp(f->ops[4].text, "HTTP_HOST") == 0,
		    "a named field that shows a parameter is that parameter");
		ok(f->ops[6].field == AL_PARAM &&
		    strcmp(f->ops[6].text, "HTTP_ACCEPT") == 0,
		    "%%{param:NAME}");
	}
	accesslog_format_free(f);

	ok(error_of(ACCESSLOG_DEFAULT_FORMAT) == NULL,
	    "the default format parses");
	is_str(error_of("%{nope}"), "unknown field %{nope}", "an unknown field");
	is_str(error_of("%{status"), "unclosed '%{'", "an unclosed field");
	is_str(error_of("50% off"),
	    "'%' must start %{field} or be doubled (%%)", "a lone %");
	is_str(error_of("%{param:x-y}"),
	    "bad parameter name in %{param:x-y}: use A-Z, 0-9 and _",
	    "a bad parameter name");
	is_str(error_of("%{param:}"), "unknown field %{param:}",
	    "an empty parameter name");
	ok(error_of("") == NULL, "an empty format is allowed");
	return tap_done();
}
