/* Unit tests for body.c (Content-Type, multipart) and utf8.c. */
#include <stdio.h>
#include <string.h>

#include "http/body.h"
#include "tap.h"
#include "core/utf8.h"

static char got[2048];

static void
part(const struct body_part *p, void *arg)
{
	(void)arg;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "[%s|%s|%s|%.*s]",
	    p->name, p->filename ? p->filename : "-", p->type ? p->type : "-",
	    (int)p->len, p->data);
}

static int
multipart(const char *body, const char *boundary, size_t max, char *err)
{
	got[0] = '\0';
	err[0] = '\0';
	return body_parse_multipart(body, strlen(body), boundary, max, part,
	    NULL, err, 256);
}

static void
test_content_type(void)
{
	struct buf b;

	buf_init(&b);
	body_media_type(" Text/HTML ; charset=utf-8", &b);
	is_str(buf_cstr(&b), "text/html", "media type: trimmed, lower-case");
	ok(body_param("multipart/form-data; boundary=abc", "boundary", &b) == 0 &&
	    strcmp(buf_cstr(&b), "abc") == 0, "param: token");
	ok(body_param("multipart/form-data; x=\"a;b\"; Boundary=\"q \\\"z\"",
	    "boundary", &b) == 0 && strcmp(buf_cstr(&b), "q \"z") == 0,
	    "param: quoted, case-insensitive name, ';' inside quotes");
	ok(body_param("text/plain", "boundary", &b) == -1, "param: absent");
	buf_free(&b);
}

static void
test_multipart(void)
{
	char err[256];

	ok(multipart("--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n"
	    "hi\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nA\r\nB\r\n--b--\r\n",
	    "b", 10, err) == 0, "multipart: parses");
	is_str(got, "[t|-|-|hi][f|a.txt|text/plain|A\r\nB]", "multipart: field and file");
	ok(multipart("preamble\r\n--b\r\nContent-Disposition: form-data; name=x\r\n"
	    "\r\n1\r\n--b--", "b", 10, err) == 0 && strcmp(got, "[x|-|-|1]") == 0,
	    "multipart: preamble skipped, unquoted name");
	ok(multipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
	    "b", 10, err) == -1 && strstr(err, "no closing boundary") != NULL,
	    "multipart: missing closing boundary refused");
	is_str(got, "", "multipart: nothing reported for a bad body");
	ok(multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b", 10,
	    err) == -1 && strstr(err, "no Content-Disposition") != NULL,
	    "multipart: part without a name refused");
	ok(multipart("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--b\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n--b--",
	    "b", 1, err) == -1 && strstr(err, "more than 1 multipart parts") != NULL,
	    "multipart: part limit");
	ok(multipart("nothing here", "b", 10, err) == -1, "multipart: no boundary in body");
	ok(multipart("--b--", "", 10, err) == -1, "multipart: empty boundary refused");
	ok(multipart("--b--\r\n", "b", 10, err) == 0 && got[0] == '\0',
	    "multipart: no parts is fine");
}

static void
test_utf8(void)
{
	struct buf b;

	buf_init(&b);
	is_int((long long)utf8_text("a\0b\xff" "c\xc3\xa9", 7, &b), 1,
	    "utf8_text: one replacement");
	ok(b.len == 10 && memcmp(b.data, "a\xc0\x80" "b\xef\xbf\xbd" "c\xc3\xa9", 10) == 0,
	    "utf8_text: NUL as C0 80, bad byte as U+FFFD, valid kept");
	buf_reset(&b);
	utf8_text("\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80", 9, &b);
	ok(strstr(b.data, "\xed\xa0") == NULL && strstr(b.data, "\xc0\xaf") == NULL,
	    "utf8_text: surrogates, overlongs and > U+10FFFF replaced");
	buf_reset(&b);
	utf8_binary("\x00\x7f\x80\xff", 4, &b);
	ok(b.len == 7 && memcmp(b.data, "\xc0\x80\x7f\xc2\x80\xc3\xbf", 7) == 0,
	    "utf8_binary: one character per byte");
	{
		struct buf back;

		buf_init(&back);
		ok(utf8_is_binary(b.data, b.len), "utf8_is_binary: yes");
		utf8_binary_bytes(b.data, b.len, &back);
		ok(back.len == 4 && memcmp(back.data, "\x00\x7f\x80\xff", 4) == 0,
		    "utf8_binary_bytes: round trip");
		ok(!utf8_is_binary("\xc4\x80", 2), "utf8_is_binary: U+0100 is not");
		buf_reset(&back);
		utf8_to_wire("a\xc0\x80" "b", 4, &back);
		ok(back.len == 3 && memcmp(back.data, "a\0b", 3) == 0,
		    "utf8_to_wire: C0 80 becomes NUL");
		buf_reset(&back);
		utf8_to_wire("\xc0" "x\xc0\xc0\x80" "yz\xc0", 8, &back);
		ok(back.len == 7 &&
		    memcmp(back.data, "\xc0" "x\xc0\0yz\xc0", 7) == 0,
		    "utf8_to_wire: only C0 80 pairs change");
		buf_free(&back);
	}
	is_int((long long)utf8_valid("plain \xc3\xa9t\xc3\xa9", 11), 11,
	    "utf8_valid: all of a valid string");
	is_int((long long)utf8_valid("ab\xc3", 3), 2,
	    "utf8_valid: stops before a cut sequence");
	is_int((long long)utf8_valid("ab\0c", 4), 2, "utf8_valid: stops at NUL");
	buf_reset(&b);
	utf8_binary("abc\xe9" "def", 7, &b);
	is_str(buf_cstr(&b), "abc\xc3\xa9" "def", "utf8_binary: runs and bytes");
	buf_free(&b);
}

int
main(void)
{
	test_content_type();
	test_multipart();
	test_utf8();
	return tap_done();
}
