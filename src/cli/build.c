/*
 * build: `fnpool build` is a front end.  The compiler (SWC, from npm)
 * and the script that drives it run on Node where functions are built;
 * the servers that run fnpool need neither.  This file only finds Node
 * and the script (tools/build/, installed in DATADIR/fnpool/build) and
 * hands over, telling it which of Node's core modules this fnpool has
 * (FNPOOL_CORE_MODULES): FNPOOL_NODE and FNPOOL_BUILD_DIR override the
 * other two, for tests and uninstalled trees.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/build.h"
#include "js/builtin/builtin.h"

#ifndef DATADIR
#define DATADIR "/usr/share"
#endif
#define BUILD_DIR	DATADIR "/fnpool/build"
#define BUILD_SCRIPT	"fnpool-build.js"

/* The first executable name on $PATH, in out (PATH_MAX); 0 if none. */
static int
build_which(const char *name, char *out)
{
	const char *path = getenv("PATH"), *p, *end;
	size_t n;

	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (snprintf(out, PATH_MAX, "%.*s/%s", (int)n, n ? p : ".",
		    name) < PATH_MAX && access(out, X_OK) == 0)
			return 1;
	}
	return 0;
}

static const char *
build_node(char *buf)
{
	const char *env = getenv("FNPOOL_NODE");

	if (env != NULL && *env != '\0')
		return env;
	if (build_which("node", buf) || build_which("nodejs", buf))
		return buf;
	fprintf(stderr,
	    "fnpool build: Node.js is not installed (no node on PATH).\n"
	    "fnpool build compiles with Node 18 or later on the machine where "
	    "functions\nare built; servers that run fnpool need none.  Install "
	    "it (apt-get install\nnodejs npm) or name it with FNPOOL_NODE=.\n");
	return NULL;
}

int
build_exec(int argc, char **argv)
{
	char node[PATH_MAX], script[PATH_MAX];
	const char *dir = getenv("FNPOOL_BUILD_DIR"), *exe;
	char **args;
	int i;

	if (dir == NULL || *dir == '\0')
		dir = BUILD_DIR;
	if (snprintf(script, sizeof(script), "%s/%s", dir, BUILD_SCRIPT) >=
	    (int)sizeof(script) || access(script, R_OK) == -1) {
		fprintf(stderr, "fnpool build: %s: %s (fnpool was installed "
		    "without its build script: reinstall it)\n", script,
		    strerror(errno ? errno : ENAMETOOLONG));
		return 1;
	}
	if ((exe = build_node(node)) == NULL)
		return 1;
	if ((args = calloc((size_t)argc + 2, sizeof(*args))) == NULL) {
		perror("fnpool build: calloc");
		return 1;
	}
	/* which of Node's core modules a package may count on at run time */
	if (setenv("FNPOOL_CORE_MODULES", builtin_names(), 1) == -1) {
		perror("fnpool build: setenv");
		free(args);
		return 1;
	}
	args[0] = (char *)exe;
	args[1] = script;
	for (i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	execv(exe, args);
	fprintf(stderr, "fnpool build: %s: %s\n", exe, strerror(errno));
	free(args);
	return 1;
}
