/*
 * builtin: see builtin.h.
 *
 * Each module's source (NAME.js) is turned into a C string at build time
 * (embed.awk), wrapped as (function (exports, require, module, native)
 * {...}) on its first line so that traces keep its line numbers
 * ("node:events:12").  The first require of a module in a state
 * compiles and runs it; its module object is kept in the registry
 * ("builtin.modules") from before it runs, so modules that require each
 * other see partial exports as in Node.  `require` inside a built-in
 * reaches built-ins only; `native` holds the C helpers of that module
 * (crypto's are in crypto.c, process's below).
 *
 * The globals process, crypto, URL, URLSearchParams and Intl start as
 * accessors, like jsext's: the first read loads the module and puts the
 * value there as a plain property; an assignment first just replaces it.
 * A state that never touches them pays a few objects for the accessors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "core/config.h"
#include "core/log.h"
#include "js/builtin/builtin.h"
#include "js/builtin/crypto.h"
#include "js/builtin/db.h"
#include "js/builtin/helpers.h"
#include "js/builtin/intl.h"
#include "js/builtin/random.h"
#include "js/numfmt.h"

#include "js/builtin/assert.inc"
#include "js/builtin/buffer.inc"
#include "js/builtin/crypto.inc"
#include "js/builtin/errors.inc"
#include "js/builtin/events.inc"
#include "js/builtin/intl.inc"
#include "js/builtin/path.inc"
#include "js/builtin/process.inc"
#include "js/builtin/querystring.inc"
#include "js/builtin/stream.inc"
#include "js/builtin/string_decoder.inc"
#include "js/builtin/timers.inc"
#include "js/builtin/tty.inc"
#include "js/builtin/url.inc"
#include "js/builtin/util.inc"
#include "js/builtin/webcrypto.inc"

#define REG_MODULES	"builtin.modules"
#define REG_HOST	"builtin.host"

static void process_natives(js_State *, int);

static const struct module {
	const char	*name;
	const char	*source;
	void		(*natives)(js_State *, int);
	int		 internal;	/* for the other built-ins only */
} modules[] = {
	{ "assert", builtin_assert_js, NULL, 0 },
	{ "buffer", builtin_buffer_js, NULL, 0 },
	{ "crypto", builtin_crypto_js, crypto_natives, 0 },
	{ "events", builtin_events_js, NULL, 0 },
	{ "path", builtin_path_js, NULL, 0 },
	{ "process", builtin_process_js, process_natives, 0 },
	{ "querystring", builtin_querystring_js, NULL, 0 },
	{ "stream", builtin_stream_js, NULL, 0 },
	{ "string_decoder", builtin_string_decoder_js, NULL, 0 },
	{ "timers", builtin_timers_js, NULL, 0 },
	{ "tty", builtin_tty_js, NULL, 0 },
	{ "url", builtin_url_js, NULL, 0 },
	{ "util", builtin_util_js, NULL, 0 },
	{ "internal/errors", builtin_errors_js, NULL, 1 },
	{ "internal/webcrypto", builtin_webcrypto_js, crypto_natives, 1 },
	{ "internal/intl", builtin_intl_js, intl_natives, 1 },
};

/* Other names for a module's export: require('util/types') is util.types. */
static const struct alias {
	const char	*name, *module, *property;
} aliases[] = {
	{ "assert/strict", "assert", "strict" },
	{ "path/posix", "path", "posix" },
	{ "sys", "util", NULL },
	{ "timers/promises", "timers", "promises" },
	{ "util/types", "util", "types" },
};

#define NMODULES	(sizeof(modules) / sizeof(modules[0]))
#define NALIASES	(sizeof(aliases) / sizeof(aliases[0]))

/* What process.env and process.cwd() come from: in the registry. */
struct host {
	const struct pool_config *pool;
	char		 root[];
};

static const char *
bare(const char *name)
{
	return strncmp(name, "node:", 5) == 0 ? name + 5 : name;
}

static const struct module *
module_find(const char *name)
{
	size_t i;

	for (i = 0; i < NMODULES; i++)
		if (strcmp(modules[i].name, name) == 0)
			return &modules[i];
	return NULL;
}

static const struct alias *
alias_find(const char *name)
{
	size_t i;

	for (i = 0; i < NALIASES; i++)
		if (strcmp(aliases[i].name, name) == 0)
			return &aliases[i];
	return NULL;
}

int
builtin_provided(const char *name)
{
	const struct module *m;

	name = bare(name);
	return ((m = module_find(name)) != NULL && !m->internal) ||
	    alias_find(name) != NULL || db_provided(name) ||
	    helpers_provided(name);
}

const char *
builtin_list(void)
{
	return "assert, buffer, crypto, events, path, process, querystring, "
	    "stream, string_decoder, timers, tty, url, util, and fnpool:db";
}

const char *
builtin_names(void)
{
	static char names[256];
	size_t i, n = 0;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < NMODULES; i++)
		if (!modules[i].internal)
			n += (size_t)snprintf(names + n, sizeof(names) - n,
			    "%s,", modules[i].name);
	for (i = 0; i < NALIASES; i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s,",
		    aliases[i].name);
	names[n - 1] = '\0';		/* the last comma */
	return names;
}

/* require() inside a built-in: other built-ins only. */
static void
builtin_require_cb(js_State *J)
{
	const char *name = js_tostring(J, 1);

	if (!builtin_provided(name) && module_find(name) == NULL)
		js_error(J, "Cannot find module '%s' (fnpool's built-in modules "
		    "are %s)", name, builtin_list());
	builtin_require(J, name);
}

/*
 * With the module object on top: runs m's source with it, leaving the
 * module object on top.
 */
static void
module_run(js_State *J, const struct module *m)
{
	char file[64];
	int module = js_gettop(J) - 1;

	snprintf(file, sizeof(file), "node:%s", m->name);
	js_loadstring(J, file, m->source);
	js_pushundefined(J);
	js_call(J, 0);			/* yields the wrapper */
	js_pushundefined(J);
	js_getproperty(J, module, "exports");
	js_newcfunction(J, builtin_require_cb, "require", 1);
	js_copy(J, module);
	js_newobject(J);
	if (m->natives != NULL)
		m->natives(J, -1);
	js_call(J, 4);
	js_pop(J, 1);
}

/* Pushes the exports of module m, running it first if needed. */
static void
module_push(js_State *J, const struct module *m)
{
	js_getregistry(J, REG_MODULES);
	if (js_isundefined(J, -1)) {
		js_pop(J, 1);
		js_newobject(J);
		js_copy(J, -1);
		js_setregistry(J, REG_MODULES);
	}
	if (js_hasproperty(J, -1, m->name)) {
		js_getproperty(J, -1, "exports");
		js_rot3pop2(J);
		return;
	}
	js_newobject(J);
	js_pushstring(J, m->name);
	js_setproperty(J, -2, "id");
	js_newobject(J);
	js_setproperty(J, -2, "exports");
	js_copy(J, -1);
	js_setproperty(J, -3, m->name);	/* cached before it runs: cycles */
	if (js_try(J)) {
		js_delproperty(J, -3, m->name);	/* it may be tried again */
		js_throw(J);
	}
	module_run(J, m);
	js_endtry(J);
	js_getproperty(J, -1, "exports");
	js_rot3pop2(J);
}

void
builtin_require(js_State *J, const char *name)
{
	const struct module *m;
	const struct alias *a;

	name = bare(name);
	if ((m = module_find(name)) != NULL) {
		module_push(J, m);
		return;
	}
	if (db_provided(name)) {	/* fnpool:db, in C (db.c) */
		db_require(J);
		return;
	}
	if (helpers_provided(name)) {	/* fnpool:helpers, for fnpool build */
		helpers_require(J);
		return;
	}
	if ((a = alias_find(name)) == NULL)
		js_error(J, "no built-in module '%s'", name);
	module_push(J, module_find(a->module));
	if (a->property != NULL) {
		js_getproperty(J, -1, a->property);
		js_rot2pop1(J);
	}
}

/* ---- the lazy globals -------------------------------------------------- */

static const struct lazy {
	const char	*global, *module, *property;
} lazies[] = {
	{ "process", "process", NULL },
	{ "crypto", "internal/webcrypto", "webcrypto" },
	{ "URL", "url", "URL" },
	{ "URLSearchParams", "url", "URLSearchParams" },
	{ "Intl", "internal/intl", "Intl" },
};

/*
 * The getter and the setter of a lazy global: one function for both (one
 * object less per global for every new state), told apart by the
 * setter's argument.
 */
static void
builtin_lazy_access(js_State *J)
{
	const struct lazy *l = js_currentfunctiondata(J);

	if (js_gettop(J) > 1) {			/* set: the value replaces us */
		js_delglobal(J, l->global);
		js_copy(J, 1);
		js_defglobal(J, l->global, JS_DONTENUM);
		js_pushundefined(J);
		return;
	}
	builtin_require(J, l->module);
	if (l->property != NULL) {
		js_getproperty(J, -1, l->property);
		js_rot2pop1(J);
	}
	js_delglobal(J, l->global);
	js_copy(J, -1);
	js_defglobal(J, l->global, JS_DONTENUM);
}

/* internal/intl's exports, for numfmt.c's hook (see numfmt.h) */
static void
builtin_intl(js_State *J)
{
	builtin_require(J, "internal/intl");
}

static void
lazy_globals(js_State *J)
{
	size_t i;

	js_pushglobal(J);
	for (i = 0; i < sizeof(lazies) / sizeof(lazies[0]); i++) {
		if (js_hasproperty(J, -1, lazies[i].global)) {
			js_pop(J, 1);		/* a newer MuJS has it */
			continue;
		}
		js_newcfunctionx(J, builtin_lazy_access, lazies[i].global, 0,
		    (void *)&lazies[i], NULL);
		js_copy(J, -1);
		js_defaccessor(J, -3, lazies[i].global, JS_DONTENUM);
	}
	js_pop(J, 1);
}

/* ---- process's C half ------------------------------------------------- */

static void
host_free(js_State *J, void *p)
{
	(void)J;
	free(p);
}

static const struct host *
host_of(js_State *J)
{
	const struct host *h;

	js_getregistry(J, REG_HOST);
	h = js_isuserdata(J, -1, REG_HOST) ? js_touserdata(J, -1, REG_HOST) :
	    NULL;
	js_pop(J, 1);
	return h;
}

/* env(): a new object with the pool's env.* settings. */
static void
nat_env(js_State *J)
{
	const struct host *h = host_of(J);
	size_t i;

	js_newobject(J);
	if (h == NULL || h->pool == NULL)
		return;
	for (i = 0; i < h->pool->nenv; i++) {
		js_pushstring(J, h->pool->env[i].value);
		js_setproperty(J, -2, h->pool->env[i].name);
	}
}

static void
nat_cwd(js_State *J)
{
	const struct host *h = host_of(J);

	js_pushstring(J, h != NULL && h->root[0] != '\0' ? h->root : "/");
}

/* hrtime(): [seconds, nanoseconds] of CLOCK_MONOTONIC. */
static void
nat_hrtime(js_State *J)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	js_newarray(J);
	js_pushnumber(J, (double)ts.tv_sec);
	js_setindex(J, -2, 0);
	js_pushnumber(J, (double)ts.tv_nsec);
	js_setindex(J, -2, 1);
}

/* uptime(): seconds since this process started (/proc/self/stat). */
static void
nat_uptime(js_State *J)
{
	unsigned long long start = 0;
	struct timespec now;
	char line[1024], *p;
	double up = 0;
	FILE *fp;
	int i;

	clock_gettime(CLOCK_BOOTTIME, &now);
	if ((fp = fopen("/proc/self/stat", "re")) != NULL) {
		if (fgets(line, sizeof(line), fp) != NULL &&
		    (p = strrchr(line, ')')) != NULL) {
			/* field 22, starttime; p is at the end of field 2 */
			for (i = 2; i < 21 && p != NULL; i++)
				p = strchr(p + 1, ' ');
			if (p != NULL)
				start = strtoull(p + 1, NULL, 10);
		}
		fclose(fp);
	}
	if (start > 0)
		up = (double)now.tv_sec + now.tv_nsec / 1e9 -
		    (double)start / (double)sysconf(_SC_CLK_TCK);
	js_pushnumber(J, up > 0 ? up : 0);
}

static void
process_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_newcfunction(J, nat_env, "env", 0);
	js_setproperty(J, idx, "env");
	js_newcfunction(J, nat_cwd, "cwd", 0);
	js_setproperty(J, idx, "cwd");
	js_newcfunction(J, nat_hrtime, "hrtime", 0);
	js_setproperty(J, idx, "hrtime");
	js_newcfunction(J, nat_uptime, "uptime", 0);
	js_setproperty(J, idx, "uptime");
	js_pushnumber(J, (double)getpid());
	js_setproperty(J, idx, "pid");
	js_pushnumber(J, (double)getppid());
	js_setproperty(J, idx, "ppid");
	js_pushliteral(J, PACKAGE_VERSION);
	js_setproperty(J, idx, "fnpool");
#if defined(__x86_64__)
	js_pushliteral(J, "x64");
#elif defined(__aarch64__)
	js_pushliteral(J, "arm64");
#elif defined(__i386__)
	js_pushliteral(J, "ia32");
#elif defined(__arm__)
	js_pushliteral(J, "arm");
#else
	js_pushliteral(J, "unknown");
#endif
	js_setproperty(J, idx, "arch");
	js_pushstring(J, OpenSSL_version(OPENSSL_VERSION_STRING));
	js_setproperty(J, idx, "openssl");
	js_pushnumber(J, JS_VERSION_MAJOR);
	js_pushliteral(J, ".");
	js_concat(J);
	js_pushnumber(J, JS_VERSION_MINOR);
	js_concat(J);
	js_pushliteral(J, ".");
	js_concat(J);
	js_pushnumber(J, JS_VERSION_PATCH);
	js_concat(J);
	js_setproperty(J, idx, "mujs");
}

/* ---- installation ------------------------------------------------------ */

/* What builtin_install does, under its js_try. */
static void
install(js_State *J, const struct pool_config *pool, const char *root)
{
	size_t n = strlen(root != NULL ? root : "") + 1;
	struct host *h;

	if ((h = malloc(sizeof(*h) + n)) == NULL)
		js_error(J, "out of memory");
	h->pool = pool;
	memcpy(h->root, root != NULL ? root : "", n);
	js_pushnull(J);
	js_newuserdata(J, REG_HOST, h, host_free);
	js_setregistry(J, REG_HOST);
	random_install(J);
	lazy_globals(J);
	numfmt_intl_hook(builtin_intl);
}

int
builtin_install(js_State *J, const struct pool_config *pool, const char *root)
{
	if (js_try(J)) {
		log_error("cannot set up a JavaScript state: %s",
		    js_trystring(J, -1, "error"));
		js_pop(J, 1);
		return -1;
	}
	install(J, pool, root);
	js_endtry(J);
	return 0;
}
