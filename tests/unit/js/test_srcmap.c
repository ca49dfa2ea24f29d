/*
 * Unit tests for srcmap.c: lookups in a map, and traces rewritten from
 * files under a root, with every way out of the root refused.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mujs.h>

#include "js/srcmap.h"
#include "tap.h"

/* Line 1 -> src/a.ts:1, line 2 -> src/a.ts:5, line 3 -> nothing. */
#define MAP "{\"version\":3,\"sources\":[\"src/a.ts\"],\"names\":[]," \
	"\"mappings\":\"AAAA;AAIA;\"}"

static js_State *J;
static char root[] = "/tmp/fnpool-test.srcmap.XXXXXX";

static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) == EOF) {
		perror(path);
		exit(1);
	}
}

static const char *
rewrite(const char *text)
{
	static struct buf out;

	buf_free(&out);
	buf_init(&out);
	srcmap_rewrite(J, root, text, &out);
	return buf_cstr(&out);
}

static long
lookup(const char *json, long line, char *src)
{
	src[0] = '\0';
	return srcmap_lookup(J, json, strlen(json), line, src, 64);
}

static void
test_lookup(void)
{
	char src[64];
	int top = js_gettop(J);

	ok(lookup(MAP, 1, src) == 1 && strcmp(src, "src/a.ts") == 0,
	    "line 1 maps to src/a.ts:1");
	ok(lookup(MAP, 2, src) == 5, "line 2 maps to line 5");
	ok(lookup(MAP, 3, src) == 0, "an unmapped line is 0");
	ok(lookup(MAP, 0, src) == 0, "line 0 is 0");
	ok(lookup("{\"version\":2,\"sources\":[\"a\"],\"mappings\":\"AAAA\"}",
	    1, src) == 0, "only version 3");
	ok(lookup("{\"version\":3,\"sources\":[],\"mappings\":\"AAAA\"}",
	    1, src) == 0, "a source index past sources is 0");
	ok(lookup("{\"version\":3,\"sources\":[1],\"mappings\":\"AAAA\"}",
	    1, src) == 0, "a source that is no string is 0");
	ok(lookup("{\"version\":3,\"sources\":\"a\",\"mappings\":\"AAAA\"}",
	    1, src) == 0, "sources must be an array");
	ok(lookup("{\"version\":3,\"sources\":[\"a\"],\"mappings\":7}",
	    1, src) == 0, "mappings must be a string");
	ok(lookup("{\"version\":3,", 1, src) == 0, "broken JSON is 0");
	ok(lookup("[3]", 1, src) == 0, "an array is 0");
	ok(lookup("{\"version\":3,\"sources\":[\"a\"],\"mappings\":\"AAAA\","
	    "\"x\":\"\xff\"}", 1, src) == 0, "invalid UTF-8 is 0");
	is_int(js_gettop(J), top, "the stack is left as it was");
}

static void
test_rewrite(void)
{
	char path[512];

	put("a.js", "line1\nthrow 1\n//# sourceMappingURL=a.js.map\n");
	put("a.js.map", MAP);
	is_str(rewrite("Error: x\n\tat api (a.js:2)\n\tat a.js:1"),
	    "Error: x\n\tat api (src/a.ts:5)\n\tat src/a.ts:1",
	    "frames in parentheses and bare are mapped");
	is_str(rewrite("at a.js:3 and b.js:1 and a.js:x"),
	    "at a.js:3 and b.js:1 and a.js:x",
	    "unmapped lines, files without maps, no line: unchanged");
	is_str(rewrite("(promise.js):155"), "(promise.js):155",
	    "fnpool's embedded files are left alone");

	snprintf(path, sizeof(path), "%s/sub", root);
	mkdir(path, 0700);
	put("sub/b.cjs", "x\n//# sourceMappingURL=../a.js.map\n");
	is_str(rewrite("at sub/b.cjs:1"), "at sub/b.cjs:1",
	    "a map URL with a path is refused (next to the file only)");
	put("sub/c.js", "x\n//# sourceMappingURL=data:application/json;base64,e30=\n");
	is_str(rewrite("at sub/c.js:1"), "at sub/c.js:1", "data: URLs are refused");
	put("sub/d.js", "x\n//# sourceMappingURL=d.js.map\n");
	snprintf(path, sizeof(path), "%s/sub/d.js.map", root);
	if (symlink("/etc/passwd", path) == -1)
		perror(path);
	is_str(rewrite("at sub/d.js:1"), "at sub/d.js:1",
	    "a map that is a symlink out of the root is refused");
	put("sub/e.js", "x\n//# sourceMappingURL=e.js.map\n");
	put("sub/e.js.map", MAP);
	is_str(rewrite("at sub/e.js:2"), "at src/a.ts:5", "a map in a folder");
	is_str(rewrite("at sub/../a.js:2 at /etc/a.js:2 at ../x.js:1"),
	    "at sub/../a.js:2 at /etc/a.js:2 at ../x.js:1",
	    "frame paths with .. or absolute are never opened");
	is_str(rewrite("a.js:99999999999999999999999"),
	    "a.js:99999999999999999999999", "an overflowing line is unchanged");
	is_str(rewrite(""), "", "empty text");
}

int
main(void)
{
	char cmd[600];

	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	J = js_newstate(NULL, NULL, 0);
	test_lookup();
	test_rewrite();
	js_freestate(J);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		perror(cmd);
	return tap_done();
}
