/*
 * config: reads fnpool's INI file with inih.
 *
 * The option table below is the one source of truth for keys, types,
 * bounds and defaults.  inih silently splits lines longer than its buffer
 * and truncates long section names, so lines are fed to it through our
 * own reader, which rejects those with file:line instead, and which also
 * sees section headers (so that an empty section is still noticed).
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define INI_HANDLER_LINENO 1
#include <ini.h>

#include "core/accesslog_format.h"
#include "core/config.h"
#include "core/dburl.h"
#include "core/proxies.h"
#include "core/units.h"

#define INIH_LINE_MAX	200	/* Debian's libinih INI_MAX_LINE */

enum opt_scope { SCOPE_GLOBAL, SCOPE_POOL };
enum opt_type {
	OPT_STRING, OPT_LONG, OPT_MODE, OPT_LOGLEVEL,
	OPT_SIZE,	/* long, bytes: "64M" */
	OPT_DURATION,	/* long, milliseconds: "30s", "500ms" */
	OPT_BOOL,	/* int: yes/no, on/off, true/false, 1/0 */
	OPT_PM,		/* enum pm_mode: static/dynamic */
	OPT_RLIMIT,	/* long: "inherit", "unlimited" or a size */
};

struct option {
	const char	*name;
	enum opt_type	 type;
	enum opt_scope	 scope;
	size_t		 offset;
	long		 min, max;
	const char	*def;
};

#define G(f)	SCOPE_GLOBAL, offsetof(struct config, f)
#define P(f)	SCOPE_POOL, offsetof(struct pool_config, f)

static const struct option options[] = {
	{ "pid",		OPT_STRING,	G(pid),	0, 0, NULL },
	{ "error_log",		OPT_STRING,	G(error_log), 0, 0, "stderr" },
	{ "log_level",		OPT_LOGLEVEL,	G(log_level), 0, 0, "notice" },
	{ "daemonize",		OPT_BOOL,	G(daemonize), 0, 0, "no" },
	{ "shutdown_timeout",	OPT_DURATION,	G(shutdown_timeout), 0, 3600000, "10s" },
	{ "state_dir",		OPT_STRING,	G(state_dir), 0, 0, DBURL_STATE_DIR },

	{ "listen",		OPT_STRING,	P(listen), 0, 0, NULL },
	{ "listen.owner",	OPT_STRING,	P(listen_owner), 0, 0, NULL },
	{ "listen.group",	OPT_STRING,	P(listen_group), 0, 0, NULL },
	{ "listen.mode",	OPT_MODE,	P(listen_mode), 0, 07777, "0660" },
	{ "listen.backlog",	OPT_LONG,	P(listen_backlog), 1, 65535, "511" },
	{ "functions",		OPT_STRING,	P(functions), 0, 0, NULL },
	{ "prefix",		OPT_STRING,	P(prefix), 0, 0, "/" },
	{ "pm",			OPT_PM,		P(pm), 0, 0, "static" },
	{ "workers",		OPT_LONG,	P(workers), 1, CONFIG_WORKERS_MAX, "2" },
	{ "min_idle",		OPT_LONG,	P(min_idle), 1, CONFIG_WORKERS_MAX, "1" },
	{ "max_idle",		OPT_LONG,	P(max_idle), 1, CONFIG_WORKERS_MAX, "3" },
	{ "max_workers",	OPT_LONG,	P(max_workers), 1, CONFIG_WORKERS_MAX, "8" },
	{ "idle_timeout",	OPT_DURATION,	P(idle_timeout), 100, 86400000, "10s" },
	{ "max_concurrent",	OPT_LONG,	P(max_concurrent), 1, CONFIG_CONCURRENT_MAX, "1" },
	{ "max_requests",	OPT_LONG,	P(max_requests), 0, LONG_MAX, "0" },
	{ "max_rss",		OPT_SIZE,	P(max_rss), 0, LONG_MAX, "0" },
	{ "queue_timeout",	OPT_DURATION,	P(queue_timeout), 0, 3600000, "0" },
	{ "crash_limit",	OPT_LONG,	P(crash_limit), 1, 1000000, "5" },
	{ "crash_window",	OPT_DURATION,	P(crash_window), 100, 86400000, "10s" },
	{ "user",		OPT_STRING,	P(user), 0, 0, NULL },
	{ "group",		OPT_STRING,	P(group), 0, 0, NULL },
	{ "max_states",		OPT_LONG,	P(max_states), 1, 1000000, "256" },
	{ "module_cache",	OPT_BOOL,	P(module_cache), 0, 0, "on" },
	{ "preload",		OPT_BOOL,	P(preload), 0, 0, "off" },

	/* the request/response contract (docs/functions.md) */
	{ "max_body_size",	OPT_SIZE,	P(max_body_size), 0, 1L << 30, "8M" },
	{ "max_query_params",	OPT_LONG,	P(max_query_params), 1, 100000, "1000" },
	{ "max_headers",	OPT_LONG,	P(max_headers), 1, 10000, "100" },
	{ "max_multipart_parts", OPT_LONG,	P(max_multipart_parts), 1, 100000, "100" },
	{ "max_json_keys",	OPT_LONG,	P(max_json_keys), 1, 1000000, "1000" },
	{ "trusted_proxies",	OPT_STRING,	P(trusted_proxies), 0, 0, NULL },
	{ "expose_errors",	OPT_BOOL,	P(expose_errors), 0, 1, "off" },
	{ "allow_x_accel",	OPT_BOOL,	P(allow_x_accel), 0, 1, "off" },
	{ "cors.origins",	OPT_STRING,	P(cors_origins), 0, 0, NULL },
	{ "cors.methods",	OPT_STRING,	P(cors_methods), 0, 0, NULL },
	{ "cors.headers",	OPT_STRING,	P(cors_headers), 0, 0, NULL },
	{ "cors.credentials",	OPT_BOOL,	P(cors_credentials), 0, 1, "off" },
	{ "cors.max_age",	OPT_LONG,	P(cors_max_age), 0, 86400 * 365, "0" },

	/* limits (docs/limits.md) */
	{ "memory_limit",	OPT_SIZE,	P(memory_limit), 0, LONG_MAX, "64M" },
	{ "request_timeout",	OPT_DURATION,	P(request_timeout_ms), 0, 86400000, "30s" },
	{ "background_timeout",	OPT_DURATION,	P(background_timeout_ms), 0, 86400000, "0" },
	{ "request_read_timeout", OPT_DURATION,	P(request_read_timeout_ms), 100, 3600000, "10s" },
	{ "max_params_size",	OPT_SIZE,	P(max_params_size), 4096, 64L << 20, "1M" },
	{ "rlimit_as",		OPT_RLIMIT,	P(rlimit_as), 0, 0, "inherit" },
	{ "rlimit_nofile",	OPT_RLIMIT,	P(rlimit_nofile), 0, 0, "inherit" },
	{ "rlimit_core",	OPT_RLIMIT,	P(rlimit_core), 0, 0, "inherit" },

	/* status, metrics and logs (docs/operations.md) */
	{ "status.listen",	OPT_STRING,	P(status_listen), 0, 0, NULL },
	{ "status.path",	OPT_STRING,	P(status_path), 0, 0, NULL },
	{ "ping.path",		OPT_STRING,	P(ping_path), 0, 0, NULL },
	{ "metrics.path",	OPT_STRING,	P(metrics_path), 0, 0, NULL },
	{ "status.allowed_clients", OPT_STRING, P(status_allowed_clients), 0, 0, NULL },
	{ "access.log",		OPT_STRING,	P(access_log), 0, 0, NULL },
	{ "access.format",	OPT_STRING,	P(access_format), 0, 0, ACCESSLOG_DEFAULT_FORMAT },
	{ "slowlog",		OPT_STRING,	P(slowlog), 0, 0, NULL },
	{ "slowlog_timeout",	OPT_DURATION,	P(slowlog_timeout), 0, 86400000, "0" },

	/* outbound HTTP: fetch (docs/functions.md, docs/limits.md) */
	{ "fetch.timeout",	OPT_DURATION,	P(fetch_timeout), 0, 86400000, "10s" },
	{ "fetch.max_response_size", OPT_SIZE,	P(fetch_max_response_size), 1, 1L << 30, "16M" },
	{ "fetch.max_redirects", OPT_LONG,	P(fetch_max_redirects), 0, 1000, "20" },
	{ "fetch.allow",	OPT_STRING,	P(fetch_allow), 0, 0, NULL },
	{ "fetch.deny",		OPT_STRING,	P(fetch_deny), 0, 0, FETCH_DENY_DEFAULT },
	{ "fetch.ca_file",	OPT_STRING,	P(fetch_ca_file), 0, 0, NULL },
	{ "fetch.insecure",	OPT_BOOL,	P(fetch_insecure), 0, 1, "off" },
	{ "fetch.propagate_request_id", OPT_BOOL, P(fetch_propagate_request_id), 0, 1, "on" },
	/* databases and state (docs/functions.md, "Where data lives") */
	{ "isolation",		OPT_STRING,	P(isolation), 0, 0, "function" },
	{ "schedule_tz",	OPT_STRING,	P(schedule_tz), 0, 0, "UTC" },
	{ "db.max_rows",	OPT_LONG,	P(db_max_rows), 1, 100000000, "100000" },
	{ "db.slowlog_timeout",	OPT_DURATION,	P(db_slowlog_timeout), 0, 86400000, "0" },
	{ "db.max_connections",	OPT_LONG,	P(db_max_connections), 1, 1024, "8" },
};
#define NOPTIONS	(sizeof(options) / sizeof(options[0]))

#undef G
#undef P

struct parser {
	struct config		*cfg;
	const char		*path;
	FILE			*fp;
	int			 lineno;
	int			 errors;
	int			 in_global;
	int			 seen_global;
	struct pool_config	*pool;		/* current pool section */
	unsigned char		 seen[NOPTIONS];
};

static void
conf_error(struct parser *p, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_error("%s:%d: %s", p->path, line, msg);
	p->errors++;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		log_fatal("strdup");
	return d;
}

int
config_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
config_parse_mode(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 8);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 07777)
		return -1;
	*out = v;
	return 0;
}

/* A process limit: "inherit" (leave as is), "unlimited", or a size. */
int
config_parse_rlimit(const char *s, long *out)
{
	if (strcmp(s, "inherit") == 0) {
		*out = CONFIG_RLIMIT_INHERIT;
		return 0;
	}
	if (strcmp(s, "unlimited") == 0) {
		*out = CONFIG_RLIMIT_UNLIMITED;
		return 0;
	}
	return units_parse_size(s, 0, LONG_MAX, out);
}

int
config_parse_bool(const char *s, int *out)
{
	static const char *yes[] = { "yes", "on", "true", "1", NULL };
	static const char *no[] = { "no", "off", "false", "0", NULL };
	int i;

	for (i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

static const char *
listen_key(const char *listen)
{
	return strncmp(listen, "unix:", 5) == 0 ? listen + 5 : listen;
}

int
config_same_listen(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(listen_key(a), listen_key(b)) == 0;
}

long
config_pool_max_workers(const struct pool_config *pool)
{
	return pool->pm == PM_DYNAMIC ? pool->max_workers : pool->workers;
}

static void *
option_target(struct parser *p, const struct option *o)
{
	if (o->scope == SCOPE_GLOBAL)
		return (char *)p->cfg + o->offset;
	return (char *)p->pool + o->offset;
}

/* Stores value into the field; returns an error text or NULL. */
static const char *
option_set(struct parser *p, const struct option *o, const char *value)
{
	void *field = option_target(p, o);
	static char why[128];

	switch (o->type) {
	case OPT_STRING:
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return NULL;
	case OPT_LONG:
		if (config_parse_long(value, o->min, o->max, field) == -1) {
			snprintf(why, sizeof(why),
			    "a whole number from %ld to %ld", o->min, o->max);
			return why;
		}
		return NULL;
	case OPT_MODE:
		if (config_parse_mode(value, field) == -1)
			return "an octal file mode such as 0660";
		return NULL;
	case OPT_LOGLEVEL:
		if (log_level_parse(value, field) == -1)
			return "one of error, warn, notice, info, debug";
		return NULL;
	case OPT_SIZE:
		if (units_parse_size(value, o->min, o->max, field) == -1) {
			snprintf(why, sizeof(why), "a size such as 512K, 64M "
			    "or 1G%s", o->max < LONG_MAX ? "" : ", or 0 (none)");
			if (o->max < LONG_MAX)
				snprintf(why + strlen(why), sizeof(why) - strlen(why),
				    ", at most %ldM", o->max >> 20);
			return why;
		}
		return NULL;
	case OPT_DURATION:
		if (units_parse_duration(value, o->min, o->max, field) == -1) {
			snprintf(why, sizeof(why), "a duration such as 500ms, "
			    "30s or 5m, from %ldms to %lds", o->min, o->max / 1000);
			return why;
		}
		return NULL;
	case OPT_BOOL:
		if (config_parse_bool(value, field) == -1)
			return "on or off";
		return NULL;
	case OPT_RLIMIT:
		if (config_parse_rlimit(value, field) == -1)
			return "inherit, unlimited or a number such as 1024 "
			    "or 2G";
		return NULL;
	case OPT_PM:
		if (strcmp(value, "static") == 0)
			*(enum pm_mode *)field = PM_STATIC;
		else if (strcmp(value, "dynamic") == 0)
			*(enum pm_mode *)field = PM_DYNAMIC;
		else
			return "static or dynamic";
		return NULL;
	}
	return "a known type";
}

static void
options_set_defaults(struct parser *p, enum opt_scope scope)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		if (options[i].scope != scope)
			continue;
		if (options[i].def != NULL &&
		    option_set(p, &options[i], options[i].def) != NULL)
			log_fatalx("config: bad default for %s", options[i].name);
	}
}

void
config_pool_defaults(struct pool_config *pool)
{
	struct parser p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.pool = pool;
	for (i = 0; i < NOPTIONS; i++)
		if (options[i].scope == SCOPE_POOL &&
		    options[i].type != OPT_STRING && options[i].def != NULL)
			option_set(&p, &options[i], options[i].def);
}

static int
pool_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > CONFIG_POOL_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && strchr("_.-", name[i]) == NULL)
			return 0;
	return 1;
}

static void
section_start(struct parser *p, const char *name)
{
	struct config *cfg = p->cfg;
	struct pool_config *pool;
	size_t i;

	memset(p->seen, 0, sizeof(p->seen));
	p->pool = NULL;
	p->in_global = strcmp(name, "global") == 0;
	if (p->in_global) {
		if (p->seen_global)
			conf_error(p, p->lineno, "duplicate section [global]");
		p->seen_global = 1;
		return;
	}
	if (!pool_name_ok(name)) {
		conf_error(p, p->lineno, "bad pool name '%.64s': use 1 to %d "
		    "letters, digits, '_', '-' or '.'", name, CONFIG_POOL_NAME_MAX);
		return;
	}
	for (i = 0; i < cfg->npools; i++)
		if (strcmp(cfg->pools[i].name, name) == 0)
			conf_error(p, p->lineno, "duplicate pool [%s] (first at "
			    "line %d)", name, cfg->pools[i].line);
	cfg->pools = realloc(cfg->pools, (cfg->npools + 1) * sizeof(*pool));
	if (cfg->pools == NULL)
		log_fatal("realloc");
	pool = &cfg->pools[cfg->npools++];
	memset(pool, 0, sizeof(*pool));
	pool->name = xstrdup(name);
	pool->line = p->lineno;
	p->pool = pool;
	options_set_defaults(p, SCOPE_POOL);
}

static int
env_name_ok(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

static void
pool_set_env(struct parser *p, int line, const char *name, const char *value)
{
	struct pool_config *pool = p->pool;
	size_t i;

	if (!env_name_ok(name)) {
		conf_error(p, line, "bad env name 'env.%.64s': use letters, "
		    "digits and '_'", name);
		return;
	}
	for (i = 0; i < pool->nenv; i++) {
		if (strcmp(pool->env[i].name, name) == 0) {
			conf_error(p, line, "duplicate key 'env.%s'", name);
			return;
		}
	}
	pool->env = realloc(pool->env, (pool->nenv + 1) * sizeof(*pool->env));
	if (pool->env == NULL)
		log_fatal("realloc");
	pool->env[pool->nenv].name = xstrdup(name);
	pool->env[pool->nenv].value = xstrdup(value);
	pool->nenv++;
}

/* db.NAME = URL: checked here, shown masked in every message. */
static void
pool_set_db(struct parser *p, int line, const char *name, const char *url)
{
	struct pool_config *pool = p->pool;
	char why[256], masked[512];
	size_t i;

	if (!dburl_name_ok(name)) {
		conf_error(p, line, "bad database name 'db.%.64s': use letters, "
		    "digits and '_'", name);
		return;
	}
	for (i = 0; i < pool->ndbs; i++) {
		if (strcmp(pool->dbs[i].name, name) == 0) {
			conf_error(p, line, "duplicate key 'db.%s'", name);
			return;
		}
	}
	if (dburl_check(url, why, sizeof(why)) == -1) {
		dburl_mask(url, masked, sizeof(masked));
		conf_error(p, line, "bad URL '%.200s' for db.%s: %s", masked,
		    name, why);
		return;
	}
	pool->dbs = realloc(pool->dbs, (pool->ndbs + 1) * sizeof(*pool->dbs));
	if (pool->dbs == NULL)
		log_fatal("realloc");
	pool->dbs[pool->ndbs].name = xstrdup(name);
	pool->dbs[pool->ndbs].url = xstrdup(url);
	pool->dbs[pool->ndbs].line = line;
	pool->ndbs++;
}

static int
conf_on_key(void *user, const char *section, const char *name,
    const char *value, int line)
{
	struct parser *p = user;
	enum opt_scope scope;
	char why_buf[512];
	const char *why;
	size_t i;

	if (section[0] == '\0') {
		conf_error(p, line, "key '%s' outside a section", name);
		return 1;
	}
	if (!p->in_global && p->pool == NULL)
		return 1;	/* section already reported as bad */
	scope = p->in_global ? SCOPE_GLOBAL : SCOPE_POOL;
	if (scope == SCOPE_POOL && strncmp(name, "env.", 4) == 0) {
		pool_set_env(p, line, name + 4, value);
		return 1;
	}
	for (i = 0; i < NOPTIONS; i++)
		if (options[i].scope == scope && strcmp(options[i].name, name) == 0)
			break;
	if (i == NOPTIONS && scope == SCOPE_POOL && strncmp(name, "db.", 3) == 0) {
		pool_set_db(p, line, name + 3, value);
		return 1;
	}
	if (i == NOPTIONS && scope == SCOPE_POOL &&
	    strncmp(name, "schedule.", 9) == 0) {
		if (schedule_conf_add(&p->pool->schedules, &p->pool->nschedules,
		    name + 9, value, line, why_buf, sizeof(why_buf)) == -1)
			conf_error(p, line, "%s", why_buf);
		return 1;
	}
	if (i == NOPTIONS) {
		conf_error(p, line, "unknown key '%s' in [%s]", name, section);
		return 1;
	}
	if (p->seen[i]) {
		conf_error(p, line, "duplicate key '%s' in [%s]", name, section);
		return 1;
	}
	p->seen[i] = 1;
	if ((why = option_set(p, &options[i], value)) != NULL) {
		conf_error(p, line, "bad value '%.64s' for %s: expected %s",
		    value, name, why);
		return 1;
	}
	if (scope == SCOPE_GLOBAL && strcmp(name, "state_dir") == 0)
		p->cfg->state_dir_set = 1;
	if (scope == SCOPE_POOL && strcmp(name, "listen") == 0)
		p->pool->listen_line = line;
	if (scope == SCOPE_POOL && strcmp(name, "status.listen") == 0)
		p->pool->status_listen_line = line;
	if (scope == SCOPE_POOL && strcmp(name, "workers") == 0)
		p->pool->workers_line = line;
	return 1;
}

/* Looks at each raw line before inih does: see the header comment. */
static void
reader_inspect(struct parser *p, const char *line)
{
	const char *s = line, *end;
	char name[256];
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	if (*s != '[')
		return;
	end = strchr(s, ']');
	if (end == NULL)
		return;		/* inih reports the syntax error */
	s++;
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	n = (size_t)(end - s);
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, s, n);
	name[n] = '\0';
	section_start(p, name);
}

static char *
conf_read_line(char *str, int num, void *user)
{
	struct parser *p = user;
	char line[8192];
	size_t n;

	if (fgets(line, sizeof(line), p->fp) == NULL)
		return NULL;
	p->lineno++;
	n = strlen(line);
	if (n > 0 && line[n - 1] != '\n' && !feof(p->fp)) {
		int c;	/* skip the rest of a very long line */
		while ((c = fgetc(p->fp)) != EOF && c != '\n')
			;
	}
	if (n >= (size_t)num - 1 && !(n == (size_t)num - 1 && line[n - 1] == '\n')) {
		conf_error(p, p->lineno, "line too long (at most %d bytes)",
		    num - 2);
		str[0] = '\n';
		str[1] = '\0';
		return str;
	}
	reader_inspect(p, line);
	memcpy(str, line, n + 1);
	return str;
}

static void
validate_account(struct parser *p, const struct pool_config *pool,
    const char *key, const char *name, int is_group)
{
	if (name == NULL)
		return;
	if (is_group ? getgrnam(name) == NULL : getpwnam(name) == NULL)
		conf_error(p, pool->line, "pool '%s': %s '%s' does not exist",
		    pool->name, key, name);
}

static void
validate_pm(struct parser *p, const struct pool_config *pool)
{
	if (pool->pm == PM_STATIC)
		return;
	if (pool->workers_line != 0)
		conf_error(p, pool->workers_line, "pool '%s': 'workers' is for "
		    "pm = static; a dynamic pool sizes itself with min_idle, "
		    "max_idle and max_workers", pool->name);
	if (pool->min_idle > pool->max_idle)
		conf_error(p, pool->line, "pool '%s': min_idle (%ld) is above "
		    "max_idle (%ld)", pool->name, pool->min_idle, pool->max_idle);
	if (pool->min_idle > pool->max_workers)
		conf_error(p, pool->line, "pool '%s': min_idle (%ld) is above "
		    "max_workers (%ld)", pool->name, pool->min_idle,
		    pool->max_workers);
}

/*
 * Workers never run as root by accident: a root master needs a 'user',
 * and 'user = root' is the explicit way to ask for root workers.
 */
static void
validate_user(struct parser *p, const struct pool_config *pool)
{
	if (pool->user == NULL && pool->group != NULL)
		conf_error(p, pool->line, "pool '%s': 'group' needs 'user'",
		    pool->name);
	if (geteuid() != 0) {
		struct passwd *pw;

		if (pool->user != NULL && (pw = getpwnam(pool->user)) != NULL &&
		    pw->pw_uid != geteuid())
			conf_error(p, pool->line, "pool '%s': cannot run workers "
			    "as user '%s': fnpool is not running as root",
			    pool->name, pool->user);
		return;
	}
	if (pool->user == NULL)
		conf_error(p, pool->line, "pool '%s': fnpool runs as root, so "
		    "set 'user' for the workers (or 'user = root' to run them "
		    "as root, which is unsafe)", pool->name);
}

static void
validate_status_path(struct parser *p, const struct pool_config *pool,
    const char *key, const char *path)
{
	if (path == NULL)
		return;
	if (path[0] != '/' || strpbrk(path, "?# \t") != NULL)
		conf_error(p, pool->line, "pool '%s': bad %s '%.64s': expected a "
		    "path such as /_/status, without query", pool->name, key,
		    path);
	if (pool->status_listen == NULL)
		conf_error(p, pool->line, "pool '%s': %s needs status.listen "
		    "(the socket the master answers it on)", pool->name, key);
}

/* The status socket and the paths the master answers on it. */
static void
validate_status(struct parser *p, const struct pool_config *pool)
{
	const char *paths[3] = { pool->status_path, pool->ping_path,
	    pool->metrics_path };
	int i, j;

	validate_status_path(p, pool, "status.path", pool->status_path);
	validate_status_path(p, pool, "ping.path", pool->ping_path);
	validate_status_path(p, pool, "metrics.path", pool->metrics_path);
	for (i = 0; i < 3; i++)
		for (j = 0; j < i; j++)
			if (paths[i] != NULL && paths[j] != NULL &&
			    strcmp(paths[i], paths[j]) == 0)
				conf_error(p, pool->line, "pool '%s': status.path, "
				    "ping.path and metrics.path must differ ('%s' "
				    "twice)", pool->name, paths[i]);
	if (pool->status_listen != NULL && paths[0] == NULL &&
	    paths[1] == NULL && paths[2] == NULL)
		conf_error(p, pool->status_listen_line, "pool '%s': status.listen "
		    "serves nothing: set status.path, ping.path or metrics.path",
		    pool->name);
	if (pool->status_listen != NULL &&
	    config_same_listen(pool->status_listen, pool->listen))
		conf_error(p, pool->status_listen_line, "pool '%s': status.listen "
		    "must differ from listen", pool->name);
	if (pool->status_allowed_clients != NULL && pool->status_listen == NULL)
		conf_error(p, pool->line, "pool '%s': status.allowed_clients needs "
		    "status.listen", pool->name);
	if (pool->status_allowed_clients != NULL &&
	    proxies_parse(pool->status_allowed_clients, NULL) == -1)
		conf_error(p, pool->line, "pool '%s': bad status.allowed_clients "
		    "'%.64s': expected addresses or networks (127.0.0.1, "
		    "10.0.0.0/8, ::1, unix:) separated by commas or spaces",
		    pool->name, pool->status_allowed_clients);
}

static void
validate_logs(struct parser *p, const struct pool_config *pool)
{
	struct accesslog_format *f;
	char err[128];

	if ((f = accesslog_parse(pool->access_format, err, sizeof(err))) == NULL)
		conf_error(p, pool->line, "pool '%s': bad access.format: %s",
		    pool->name, err);
	accesslog_format_free(f);
	if (pool->access_log != NULL && pool->access_log[0] != '/')
		conf_error(p, pool->line, "pool '%s': access.log '%.64s' must be "
		    "an absolute path", pool->name, pool->access_log);
	if (pool->slowlog != NULL && pool->slowlog[0] != '/')
		conf_error(p, pool->line, "pool '%s': slowlog '%.64s' must be an "
		    "absolute path", pool->name, pool->slowlog);
	if (pool->slowlog != NULL && pool->slowlog_timeout == 0)
		conf_error(p, pool->line, "pool '%s': slowlog is set but "
		    "slowlog_timeout is 0 (off)", pool->name);
}

/* fetch.*: the host lists, the CA file, and a loud fetch.insecure. */
static void
validate_fetch(struct parser *p, const struct pool_config *pool)
{
	const char *keys[2] = { "fetch.allow", "fetch.deny" };
	const char *lists[2] = { pool->fetch_allow, pool->fetch_deny };
	int i;

	for (i = 0; i < 2; i++)
		if (lists[i] != NULL && proxies_hosts_check(lists[i]) == -1)
			conf_error(p, pool->line, "pool '%s': bad %s '%.64s': "
			    "expected host names (api.example.com, "
			    "*.example.com), addresses or networks (10.0.0.0/8, "
			    "fe80::/10) separated by spaces or commas",
			    pool->name, keys[i], lists[i]);
	if (pool->fetch_ca_file != NULL && access(pool->fetch_ca_file, R_OK) == -1)
		conf_error(p, pool->line, "pool '%s': fetch.ca_file '%s': %s",
		    pool->name, pool->fetch_ca_file, strerror(errno));
	if (pool->fetch_insecure && p->errors == 0)
		log_warn("%s:%d: pool '%s': fetch.insecure = on: fetch does not "
		    "verify TLS certificates or host names: anyone on the path "
		    "can read and change its HTTPS traffic", p->path,
		    pool->line, pool->name);
}

/* isolation, and the db.default every pool has (sqlite:POOL.db). */
static void
validate_state(struct parser *p, struct pool_config *pool,
    const char *state_dir)
{
	char url[CONFIG_POOL_NAME_MAX + 16];
	size_t i;

	if (strcmp(pool->isolation, "pool") == 0)
		pool->shared_state = 1;
	else if (strcmp(pool->isolation, "function") != 0)
		conf_error(p, pool->line, "pool '%s': bad isolation '%.64s': "
		    "expected function or pool", pool->name, pool->isolation);
	free(pool->state_dir);
	pool->state_dir = xstrdup(state_dir);
	for (i = 0; i < pool->ndbs; i++)
		if (strcmp(pool->dbs[i].name, "default") == 0)
			return;
	snprintf(url, sizeof(url), "sqlite:%s.db", pool->name);
	pool->dbs = realloc(pool->dbs, (pool->ndbs + 1) * sizeof(*pool->dbs));
	if (pool->dbs == NULL)
		log_fatal("realloc");
	pool->dbs[pool->ndbs].name = xstrdup("default");
	pool->dbs[pool->ndbs].url = xstrdup(url);
	pool->dbs[pool->ndbs].line = 0;
	pool->ndbs++;
}

static void
validate_pool(struct parser *p, struct pool_config *pool)
{
	char why[256];
	struct stat st;
	size_t n;

	if (pool->listen == NULL)
		conf_error(p, pool->line, "pool '%s' has no 'listen'", pool->name);
	if (pool->functions == NULL)
		conf_error(p, pool->line, "pool '%s' has no 'functions'",
		    pool->name);
	else if (stat(pool->functions, &st) == -1)
		conf_error(p, pool->line, "pool '%s': functions '%s': %s",
		    pool->name, pool->functions, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		conf_error(p, pool->line, "pool '%s': functions '%s' is not a "
		    "directory", pool->name, pool->functions);
	if (pool->prefix[0] != '/')
		conf_error(p, pool->line, "pool '%s': prefix '%s' must start "
		    "with '/'", pool->name, pool->prefix);
	/* "/fn/" and "/fn" mean the same; "/" becomes "" (no prefix). */
	n = strlen(pool->prefix);
	while (n > 0 && pool->prefix[n - 1] == '/')
		pool->prefix[--n] = '\0';
	if (pool->trusted_proxies != NULL &&
	    proxies_parse(pool->trusted_proxies, NULL) == -1)
		conf_error(p, pool->line, "pool '%s': bad trusted_proxies '%.64s':"
		    " expected addresses or networks (10.0.0.0/8, ::1, unix:) "
		    "separated by spaces or commas", pool->name,
		    pool->trusted_proxies);
	validate_status(p, pool);
	validate_logs(p, pool);
	validate_fetch(p, pool);
	if (cron_tz_check(pool->schedule_tz, why, sizeof(why)) == -1)
		conf_error(p, pool->line, "pool '%s': bad schedule_tz '%.64s': %s",
		    pool->name, pool->schedule_tz, why);
	validate_pm(p, pool);
	validate_user(p, pool);
	validate_account(p, pool, "user", pool->user, 0);
	validate_account(p, pool, "group", pool->group, 1);
	validate_account(p, pool, "listen.owner", pool->listen_owner, 0);
	validate_account(p, pool, "listen.group", pool->listen_group, 1);
}

/* A status socket is nobody else's socket. */
static void
validate_status_socket(struct parser *p, const struct config *cfg, size_t i)
{
	const struct pool_config *a = &cfg->pools[i], *b;
	size_t j;

	if (a->status_listen == NULL)
		return;
	for (j = 0; j < cfg->npools; j++) {
		b = &cfg->pools[j];
		if (j != i && config_same_listen(a->status_listen, b->listen))
			conf_error(p, a->status_listen_line, "pool '%s': "
			    "status.listen %s is the listen of pool '%s'",
			    a->name, a->status_listen, b->name);
		if (j < i && config_same_listen(a->status_listen,
		    b->status_listen))
			conf_error(p, a->status_listen_line, "pools '%s' and "
			    "'%s' both have status.listen %s", b->name, a->name,
			    a->status_listen);
	}
}

static void
validate(struct parser *p)
{
	struct config *cfg = p->cfg;
	const char *env;
	long total = 0;
	size_t i, j;

	if (cfg->npools == 0)
		conf_error(p, p->lineno, "no pool defined: add a [name] section "
		    "with 'listen' and 'functions'");
	/* the default's place for tests and trials: never the file's */
	if (!cfg->state_dir_set && (env = getenv("FNPOOL_STATE_DIR")) != NULL &&
	    env[0] != '\0') {
		free(cfg->state_dir);
		cfg->state_dir = xstrdup(env);
	}
	if (cfg->state_dir[0] != '/')
		conf_error(p, p->lineno, "state_dir '%.64s' must be an absolute "
		    "path", cfg->state_dir);

	for (i = 0; i < cfg->npools; i++) {
		validate_pool(p, &cfg->pools[i]);
		validate_state(p, &cfg->pools[i], cfg->state_dir);
		total += config_pool_max_workers(&cfg->pools[i]);
		for (j = 0; j < i; j++) {
			if (!config_same_listen(cfg->pools[i].listen,
			    cfg->pools[j].listen))
				continue;
			conf_error(p, cfg->pools[i].listen_line, "pools '%s' and "
			    "'%s' both listen on %s", cfg->pools[j].name,
			    cfg->pools[i].name, cfg->pools[i].listen);
		}
		validate_status_socket(p, cfg, i);
	}
	if (total > CONFIG_WORKERS_TOTAL)
		conf_error(p, p->lineno, "%ld workers in all pools: at most %d",
		    total, CONFIG_WORKERS_TOTAL);
}

struct config *
config_load(const char *path)
{
	struct parser p;
	struct config *cfg;
	int r;

	cfg = calloc(1, sizeof(*cfg));
	if (cfg == NULL)
		log_fatal("calloc");
	cfg->path = xstrdup(path);
	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	p.path = path;
	options_set_defaults(&p, SCOPE_GLOBAL);
	if ((p.fp = fopen(path, "r")) == NULL) {
		log_error("%s: %s", path, strerror(errno));
		config_free(cfg);
		return NULL;
	}
	r = ini_parse_stream(conf_read_line, &p, conf_on_key, &p);
	fclose(p.fp);
	if (r > 0)
		conf_error(&p, r, "syntax error: expected 'key = value' or "
		    "'[section]'");
	else if (r < 0)
		conf_error(&p, 0, "cannot parse (out of memory)");
	validate(&p);
	if (p.errors > 0) {
		log_error("%s: %d error%s", path, p.errors, p.errors > 1 ? "s" : "");
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

/*
 * What the parser accepts, one key per line: scope, name, type (the
 * units of its value) and default, tab-separated.  The man page check
 * (tests/integration/test_man.sh) compares it with man/fnpool.ini.5.
 */
void
config_print_keys(FILE *fp)
{
	static const char *types[] = {
		[OPT_STRING] = "string", [OPT_LONG] = "number",
		[OPT_MODE] = "mode", [OPT_LOGLEVEL] = "level",
		[OPT_SIZE] = "size", [OPT_DURATION] = "duration",
		[OPT_BOOL] = "bool", [OPT_PM] = "pm", [OPT_RLIMIT] = "rlimit",
	};
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		fprintf(fp, "%s\t%s\t%s\t%s\n",
		    options[i].scope == SCOPE_GLOBAL ? "global" : "pool",
		    options[i].name, types[options[i].type],
		    options[i].def != NULL ? options[i].def : "-");
	fprintf(fp, "pool\tenv.NAME\tstring\t-\n");	/* conf_on_key */
	fprintf(fp, "pool\tdb.NAME\tstring\t-\n");	/* pool_set_db */
	fprintf(fp, "pool\tschedule.NAME\tstring\t-\n");	/* schedule_conf.c */
}

static void
pool_config_free(struct pool_config *pool)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (options[i].scope == SCOPE_POOL && options[i].type == OPT_STRING)
			free(*(char **)((char *)pool + options[i].offset));
	for (i = 0; i < pool->nenv; i++) {
		free(pool->env[i].name);
		free(pool->env[i].value);
	}
	free(pool->env);
	for (i = 0; i < pool->ndbs; i++) {
		free(pool->dbs[i].name);
		free(pool->dbs[i].url);
	}
	free(pool->dbs);
	schedule_conf_free(pool->schedules, pool->nschedules);
	free(pool->state_dir);
	free(pool->name);
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < NOPTIONS; i++)
		if (options[i].scope == SCOPE_GLOBAL && options[i].type == OPT_STRING)
			free(*(char **)((char *)cfg + options[i].offset));
	for (i = 0; i < cfg->npools; i++)
		pool_config_free(&cfg->pools[i]);
	free(cfg->pools);
	free(cfg->path);
	free(cfg);
}
