/*
 * srcmap: error traces traced back through source maps.
 *
 * MuJS names each frame "FILE:LINE" with FILE relative to the functions
 * root.  For a compiled file (fnpool build), the last lines hold
 * "//# sourceMappingURL=NAME": NAME is read only as a file next to FILE,
 * and both only inside the root (after realpath, as require does).  The
 * map is parsed with the request bodies' JSON parser into the function's
 * state, and its mappings decoded up to the one line (core/vlq.c).  All of
 * this runs only when an error is logged, never on a request that
 * succeeds.  MuJS reports no column, so a line maps to the first segment
 * of that generated line: the start of the statement that threw.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/vlq.h"
#include "js/body_json.h"
#include "js/srcmap.h"

#define SRCMAP_SIZE_MAX	(16L << 20)	/* a map larger than this is ignored */
#define SRCMAP_TAIL	4096		/* where the URL comment is looked for */
#define SRCMAP_KEYS_MAX	64
#define SRCMAP_URL	"//# sourceMappingURL="

int
srcmap_lookup(js_State *J, const char *json, size_t n, long line, char *src,
    size_t srcsize)
{
	char err[128];
	const char *m;
	long source, orig;
	int top = js_gettop(J), found = 0;

	if (line < 1)
		return 0;
	if (js_try(J)) {
		js_pop(J, js_gettop(J) - top);
		return 0;
	}
	if (body_json_push(J, json, n, SRCMAP_KEYS_MAX, err, sizeof(err)) == -1 ||
	    !js_isobject(J, -1))
		goto out;
	js_getproperty(J, top, "version");
	if (!js_isnumber(J, -1) || js_tonumber(J, -1) != 3)
		goto out;
	js_getproperty(J, top, "mappings");
	if (!js_isstring(J, -1))
		goto out;
	m = js_tostring(J, -1);
	if (vlq_line(m, strlen(m), line - 1, &source, &orig) == -1)
		goto out;
	js_getproperty(J, top, "sources");
	if (!js_isarray(J, -1) || source >= js_getlength(J, -1))
		goto out;
	js_getindex(J, -1, (int)source);
	if (!js_isstring(J, -1) || js_tostring(J, -1)[0] == '\0')
		goto out;
	str_copy(src, srcsize, js_tostring(J, -1), strlen(js_tostring(J, -1)));
	found = (int)(orig + 1);
out:
	js_pop(J, js_gettop(J) - top);
	js_endtry(J);
	return found;
}

/* rel must name a path below the root: no "..", not absolute. */
static int
relative_below(const char *rel)
{
	const char *s = rel;

	if (*rel == '/' || *rel == '\0')
		return 0;
	for (;;) {
		size_t len = strcspn(s, "/");

		if ((len == 2 && s[0] == '.' && s[1] == '.') || len == 0)
			return 0;
		if (s[len] == '\0')
			return 1;
		s += len + 1;
	}
}

/* realpath of dir "/" name, in out (PATH_MAX), when inside root. */
static int
inside(const char *root, const char *dir, const char *name, char *out)
{
	char path[PATH_MAX * 2];
	size_t rl = strlen(root);

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    realpath(path, out) == NULL)
		return 0;
	return strncmp(out, root, rl) == 0 && out[rl] == '/';
}

/* The regular file path into out: up to max bytes, or its last tail bytes. */
static int
read_file(const char *path, struct buf *out, long max, long tail)
{
	struct stat st;
	char chunk[8192];
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (tail == 0 && st.st_size > max) ||
	    (tail > 0 && st.st_size > tail &&
	    lseek(fd, st.st_size - tail, SEEK_SET) == -1)) {
		close(fd);
		return -1;
	}
	while ((r = read(fd, chunk, sizeof(chunk))) > 0 && (long)out->len < max)
		buf_append(out, chunk, (size_t)r);
	close(fd);
	return r == -1 ? -1 : 0;
}

/* The map named by the last URL comment of file (real path) into json. */
static int
map_read(const char *root, const char *file, struct buf *json)
{
	char dir[PATH_MAX], mapreal[PATH_MAX], url[256], *slash, *at, *p;
	struct buf tail;
	size_t n;
	int rc = -1;

	buf_init(&tail);
	if (read_file(file, &tail, SRCMAP_TAIL, SRCMAP_TAIL) == -1)
		goto out;
	for (at = NULL, p = tail.data; tail.data != NULL &&
	    (p = strstr(p, SRCMAP_URL)) != NULL; p++)
		at = p;
	if (at == NULL)
		goto out;
	at += strlen(SRCMAP_URL);
	n = strcspn(at, " \t\r\n");
	/* Only a file next to the compiled one: no path, no data: URL. */
	if (n == 0 || n >= sizeof(url) || memchr(at, '/', n) != NULL ||
	    memchr(at, ':', n) != NULL || (at[0] == '.' && (n == 1 ||
	    (n == 2 && at[1] == '.'))))
		goto out;
	memcpy(url, at, n);
	url[n] = '\0';
	str_copy(dir, sizeof(dir), file, strlen(file));
	if ((slash = strrchr(dir, '/')) == NULL)
		goto out;
	*slash = '\0';
	if (!inside(root, dir, url, mapreal))
		goto out;
	rc = read_file(mapreal, json, SRCMAP_SIZE_MAX, 0);
out:
	buf_free(&tail);
	return rc;
}

/* The source and line of rel:line in src; returns the line or 0. */
static long
srcmap_frame(js_State *J, const char *root, const char *rel, long line,
    char *src, size_t srcsize)
{
	char real[PATH_MAX];
	struct buf json;
	long found = 0;

	if (!relative_below(rel) || !inside(root, root, rel, real))
		return 0;
	buf_init(&json);
	if (map_read(root, real, &json) == 0 && json.len > 0)
		found = srcmap_lookup(J, json.data, json.len, line, src,
		    srcsize);
	buf_free(&json);
	return found;
}

static int
path_char(char c)
{
	return c != '\0' && !isspace((unsigned char)c) && c != '(' &&
	    c != ')' && c != '"' && c != '\'' && c != ',';
}

/* Does text[0..end) end with a compiled file's extension? */
static int
script_name(const char *text, size_t end)
{
	static const char *exts[] = { ".js", ".cjs", ".mjs" };
	size_t i, n;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		n = strlen(exts[i]);
		if (end > n && memcmp(text + end - n, exts[i], n) == 0)
			return 1;
	}
	return 0;
}

void
srcmap_rewrite(js_State *J, const char *root, const char *text,
    struct buf *out)
{
	char realroot[PATH_MAX], rel[PATH_MAX], src[PATH_MAX];
	size_t i, start, copied = 0;
	long line, mapped;
	char *end;

	realroot[0] = '\0';
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] != ':' || !isdigit((unsigned char)text[i + 1]) ||
		    !script_name(text, i))
			continue;
		for (start = i; start > copied && path_char(text[start - 1]);
		    start--)
			;
		if (i - start >= sizeof(rel))
			continue;
		memcpy(rel, text + start, i - start);
		rel[i - start] = '\0';
		if (realroot[0] == '\0' && realpath(root, realroot) == NULL)
			break;
		errno = 0;
		line = strtol(text + i + 1, &end, 10);
		if (errno != 0 || (mapped = srcmap_frame(J, realroot, rel,
		    line, src, sizeof(src))) == 0)
			continue;
		buf_append(out, text + copied, start - copied);
		buf_printf(out, "%s:%ld", src, mapped);
		copied = (size_t)(end - text);
		i = copied - 1;
	}
	buf_puts(out, text + copied);
}

void
srcmap_apply(js_State *J, const char *root, struct buf *b)
{
	struct buf out;

	if (b->len == 0)
		return;
	buf_init(&out);
	srcmap_rewrite(J, root, buf_cstr(b), &out);
	buf_free(b);
	*b = out;
}
