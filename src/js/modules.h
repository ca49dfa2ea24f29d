/*
 * modules: CommonJS for function code.  A resolver that follows Node's
 * algorithm inside the functions root, and require() with module objects,
 * require.resolve, require.cache, cycles and JSON modules.
 *
 * Module ids are paths relative to the functions root ("lib/greet.js"),
 * taken after realpath(3): they are what JS sees as module.id,
 * __filename and require.resolve(), so the host's layout never leaks.
 */
#ifndef FNPOOL_MODULES_H
#define FNPOOL_MODULES_H

#include <stddef.h>

#include <mujs.h>

#include "http/router.h"
#include "js/pkg_exports.h"

#define MODULES_SOURCE_MAX	(16 * 1024 * 1024)

enum mod_status {
	MOD_FOUND,
	MOD_NOT_FOUND,	/* also: anything that would leave the root */
	MOD_BUILTIN,	/* a Node built-in that fnpool does not provide */
	MOD_ERROR,	/* err says why, with Node's code: "exports" refuses
			   it, a package.json is not JSON, an ES module */
};

/*
 * Resolves request as required from the module id from ("" for the
 * root) into a module id in out.  Never opens anything outside r's root.
 * With J, the package.json files read are kept in J's registry.
 */
enum mod_status modules_resolve(const struct router *r, js_State *J,
		    const char *from, const char *request, char *out,
		    size_t outsize, struct pkg_error *err);

/* Is name one of Node's built-in modules ("fs", "node:path", ...)? */
int		 modules_is_builtin(const char *name);

/*
 * Loads the entry module id (relative to r's root; r must outlive the
 * state) and pushes its module.exports, also kept in the registry as
 * "fnpool.exports".  Returns 0, or -1 with the exception pushed.
 */
int		 modules_pload_entry(js_State *, const struct router *r,
		    const char *id);

#endif
