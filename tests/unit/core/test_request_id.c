/* Unit tests for request_id.c: the ids that name requests. */
#include <stdlib.h>
#include <string.h>

#include "core/request_id.h"
#include "tap.h"

static void
test_ids(void)
{
	char a[REQUEST_ID_LEN + 1], b[REQUEST_ID_LEN + 1];
	size_t i;
	int hex = 1;

	request_id_seed();
	request_id_next(a);
	request_id_next(b);
	is_int((long long)strlen(a), REQUEST_ID_LEN, "id: 32 characters");
	for (i = 0; a[i] != '\0'; i++)
		hex &= strchr("0123456789abcdef", a[i]) != NULL;
	ok(hex, "id: lower-case hex");
	ok(strcmp(a, b) != 0, "id: two ids differ");
}

static void
test_id_ok(void)
{
	ok(request_id_ok("abc-123_x.y:z"), "id_ok: token");
	ok(!request_id_ok(""), "id_ok: empty refused");
	ok(!request_id_ok("a b"), "id_ok: space refused");
	ok(!request_id_ok("a\r\nX: y"), "id_ok: CRLF refused");
	ok(!request_id_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	    "id_ok: 65 characters refused");
}

int
main(void)
{
	test_ids();
	test_id_ok();
	return tap_done();
}
