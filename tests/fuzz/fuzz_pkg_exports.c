/*
 * libFuzzer target: pkg_json and pkg_exports.  The input is a request
 * ("./sub" or "#name"), a line break, then a package.json.  Checks that
 * a resolved target stays inside its package: no "." or ".." segment,
 * never absolute.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "js/pkg_exports.h"
#include "js/pkg_json.h"

static int
escapes(const char *path)
{
	const char *s = path;
	size_t n;

	if (strncmp(path, "pkg/", 4) != 0)
		return 1;
	for (;;) {
		n = strcspn(s, "/\\");
		if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 1;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *nl, out[4096] = "", err[256];
	struct pkg_error e;
	struct pkg pkg = { "pkg", NULL, "pkg" };
	const char *top;

	memcpy(copy, data, size);
	copy[size] = '\0';
	if ((nl = memchr(copy, '\n', size)) == NULL || memchr(copy, '\0', size)) {
		free(copy);
		return 0;
	}
	*nl = '\0';
	top = pkg_json_check(nl + 1, size - (size_t)(nl + 1 - copy), err,
	    sizeof(err));
	if (top != NULL) {
		pkg.json = top;
		if (copy[0] == '#') {
			if (pkg_imports_resolve(&pkg, copy, "from.js", out,
			    sizeof(out), &e) == PKG_PATH && escapes(out))
				abort();
		} else if (copy[0] == '.' && pkg_exports_resolve(&pkg, copy, out,
		    sizeof(out), &e) == PKG_PATH && escapes(out))
			abort();
		pkg_check_esm(top, "pkg", out, &e);
	}
	free(copy);
	return 0;
}
