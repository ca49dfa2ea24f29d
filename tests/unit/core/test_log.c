/* Unit tests for log.c: the one escaping rule every message goes through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "tap.h"

static const char *
esc(const char *s, size_t n)
{
	static char out[256];
	size_t k = log_escape(out, sizeof(out) - 1, s, n, NULL);

	out[k] = '\0';
	return out;
}
#define ESC(lit)	esc(lit, sizeof(lit) - 1)

static void
test_rule(void)
{
	is_str(ESC("plain text: /api/users?id=7"), "plain text: /api/users?id=7",
	    "printable ASCII passes");
	is_str(ESC("a\nb\rc\td"), "a\\nb\\rc\\td", "LF, CR and tab");
	is_str(ESC("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m",
	    "ESC: no terminal sequence gets through");
	is_str(ESC("\x01\x7f\x1f"), "\\x01\\x7f\\x1f", "other control bytes and DEL");
	is_str(ESC("a\xc0\x80z"), "a\\x00z", "MuJS's NUL (C0 80)");
	is_str(ESC("\xc2\x9b" "31m"), "\\u009b31m", "C1 control CSI (U+009B)");
	is_str(ESC("\xc2\x80\xc2\x9f"), "\\u0080\\u009f", "C1 range ends");
	is_str(ESC("caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac"), "caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac",
	    "other UTF-8 passes (é, NBSP, €)");
	is_str(ESC("back\\slash \\n"), "back\\slash \\n", "backslashes are left alone");
	is_str(ESC("\xc2"), "\xc2", "a lone lead byte at the end passes");
	is_str(esc("a\0b", 3), "a\\x00b", "a real NUL byte");
}

static void
test_bounds(void)
{
	char out[8];
	size_t used, k;

	k = log_escape(out, 3, "ab\ncd", 5, &used);
	is_int((int)k, 2, "an escape is never cut in half: 2 bytes written");
	is_int((int)used, 2, "and 2 input bytes taken");
	k = log_escape(out, 3, "a\n", 2, &used);
	is_int((int)k, 3, "room for exactly the escape");
	is_int((int)used, 2, "the whole input taken");
}

/* A message with CR/LF written through log_msg stays one line. */
static void
test_one_line(void)
{
	char path[] = "/tmp/fnpool-test-log.XXXXXX", text[512];
	FILE *f;
	int fd, lines = 0;

	if ((fd = mkstemp(path)) == -1) {
		ok(0, "mkstemp");
		return;
	}
	close(fd);
	ok(log_open(path, LOG_LEVEL_DEBUG) == 0, "log to a file");
	log_error("fn.js: threw (request %s): Error: bad id %s", "r1",
	    "7\r\n2026-01-01 00:00:00.000 [error] master[1]: forged");
	log_info("Cannot find module '%s'", "x\n\x1b[2Jy");
	log_open("stderr", LOG_LEVEL_NOTICE);
	f = fopen(path, "r");
	while (f != NULL && fgets(text, sizeof(text), f) != NULL) {
		lines++;
		if (lines == 1)
			ok(strstr(text, "bad id 7\\r\\n2026-01-01") != NULL,
			    "the forged line is escaped into the first");
		if (lines == 2)
			ok(strstr(text, "'x\\n\\x1b[2Jy'") != NULL,
			    "a module name with LF and ESC is escaped");
	}
	if (f != NULL)
		fclose(f);
	is_int(lines, 2, "two messages, two lines");
	unlink(path);
}

int
main(void)
{
	test_rule();
	test_bounds();
	test_one_line();
	return tap_done();
}
