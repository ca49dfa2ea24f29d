/*
 * pkg_exports: a package.json's "exports" and "imports" as Node's
 * require reads them (Node's documentation, "Modules: Packages",
 * PACKAGE_EXPORTS_RESOLVE and PACKAGE_IMPORTS_RESOLVE), with the
 * conditions "require", "node" and "default".
 *
 * Only strings are worked on: a resolved target is a path relative to
 * the functions root that no "." or ".." segment can lead out of its
 * package; modules.c then checks the file (realpath inside the root).
 */
#ifndef FNPOOL_PKG_EXPORTS_H
#define FNPOOL_PKG_EXPORTS_H

#include <stddef.h>

/* Why a request cannot be resolved, in Node's words and with its code. */
struct pkg_error {
	const char	*code;
	char		 msg[1024];
};

/* A package: its directory below the root ("" for the root itself). */
struct pkg {
	const char	*dir;
	const char	*json;	/* package.json's top object (pkg_json_check) */
	const char	*name;	/* the request's name for it, for messages */
};

enum pkg_result {
	PKG_PATH,	/* out: a root-relative path */
	PKG_BARE,	/* out: a package request, resolved from the package */
	PKG_NONE,	/* the field is absent (or null): resolve as before */
	PKG_ERROR,
};

/*
 * "exports" for subpath ("." or "./feature").  A subpath that only the
 * "import" condition opens is an error with the code ERR_REQUIRE_ESM.
 */
enum pkg_result	 pkg_exports_resolve(const struct pkg *, const char *subpath,
		    char *out, size_t size, struct pkg_error *);

/* "imports" for a "#name" request made from the module id from. */
enum pkg_result	 pkg_imports_resolve(const struct pkg *, const char *request,
		    const char *from, char *out, size_t size, struct pkg_error *);

/*
 * path, which the package led to: -1 with ERR_REQUIRE_ESM when only an
 * ES module loader can run it: an .mjs file, or a .js one whose package
 * scope (scope: the nearest package.json's top object, or NULL) says
 * "type": "module".
 */
int		 pkg_check_esm(const char *scope, const char *name,
		    const char *path, struct pkg_error *);

#endif
