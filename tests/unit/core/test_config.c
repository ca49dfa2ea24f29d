/* Unit tests for config.c: the option table, errors with file:line. */
#include <sys/stat.h>

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "tap.h"
#include "core/units.h"

static char dir[] = "/tmp/fnpool-config-XXXXXX";
static char ini[512], logpath[512], run_as[128];

/* Writes text as the config, loads it; the log goes to logpath. */
static struct config *
load(const char *text)
{
	FILE *fp = fopen(ini, "w");

	fputs(text, fp);
	fclose(fp);
	truncate(logpath, 0);
	return config_load(ini);
}

static int
log_has(const char *needle)
{
	static char buf[8192];
	FILE *fp = fopen(logpath, "r");
	size_t n;

	if (fp == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return strstr(buf, needle) != NULL;
}

static void
expect_error(const char *text, int line, const char *needle, const char *what)
{
	struct config *cfg = load(text);
	char where[600];

	snprintf(where, sizeof(where), "%s:%d: ", ini, line);
	ok(cfg == NULL, "%s: rejected", what);
	ok(log_has(where) && log_has(needle), "%s: says %s at line %d", what,
	    needle, line);
	config_free(cfg);
}

/* memory_limit, request_timeout, rlimit_*: parsers, defaults, errors. */
static void
test_limits(void)
{
	static const struct { const char *s; long v; } sizes[] = {
		{ "0", 0 }, { "1048576", 1048576 }, { "512k", 512L << 10 },
		{ "64M", 64L << 20 }, { "2G", 2L << 30 },
	}, msecs[] = {
		{ "0", 0 }, { "45", 45000 }, { "30s", 30000 },
		{ "500ms", 500 }, { "2m", 120000 },
	};
	static const char *bad_sizes[] = { "", "-1", "64X", "1.5G", "M",
	    "99999999999G" };
	static const char *bad_msecs[] = { "", "-1s", "1y", "1.5s", "s",
	    "86401s" };
	struct config *cfg;
	char text[1024];
	size_t i;
	long v;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		ok(units_parse_size(sizes[i].s, 0, LONG_MAX, &v) == 0 && v == sizes[i].v,
		    "size '%s' is %ld", sizes[i].s, sizes[i].v);
	for (i = 0; i < sizeof(bad_sizes) / sizeof(bad_sizes[0]); i++)
		ok(units_parse_size(bad_sizes[i], 0, LONG_MAX, &v) == -1,
		    "size '%s' is refused", bad_sizes[i]);
	for (i = 0; i < sizeof(msecs) / sizeof(msecs[0]); i++)
		ok(units_parse_duration(msecs[i].s, 0, 86400000, &v) == 0 && v == msecs[i].v,
		    "duration '%s' is %ld ms", msecs[i].s, msecs[i].v);
	for (i = 0; i < sizeof(bad_msecs) / sizeof(bad_msecs[0]); i++)
		ok(units_parse_duration(bad_msecs[i], 0, 86400000, &v) == -1,
		    "duration '%s' is refused", bad_msecs[i]);
	ok(config_parse_rlimit("inherit", &v) == 0 && v == CONFIG_RLIMIT_INHERIT,
	    "rlimit 'inherit'");
	ok(config_parse_rlimit("unlimited", &v) == 0 &&
	    v == CONFIG_RLIMIT_UNLIMITED, "rlimit 'unlimited'");
	ok(config_parse_rlimit("0", &v) == 0 && v == 0, "rlimit '0'");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && cfg->pools[0].memory_limit == 64L << 20 &&
	    cfg->pools[0].request_timeout_ms == 30000 &&
	    cfg->pools[0].background_timeout_ms == 0 &&
	    cfg->pools[0].rlimit_as == CONFIG_RLIMIT_INHERIT &&
	    cfg->pools[0].rlimit_nofile == CONFIG_RLIMIT_INHERIT &&
	    cfg->pools[0].rlimit_core == CONFIG_RLIMIT_INHERIT,
	    "limit defaults: 64M, 30s, background 0, rlimits inherited");
	config_free(cfg);

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmemory_limit = 8M\nrequest_timeout = 250ms\n"
	    "background_timeout = 2m\nrlimit_core = 0\nrlimit_nofile = 1024\nrlimit_as = unlimited\n%s\n",
	    dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && cfg->pools[0].memory_limit == 8L << 20 &&
	    cfg->pools[0].request_timeout_ms == 250 &&
	    cfg->pools[0].background_timeout_ms == 120000 &&
	    cfg->pools[0].rlimit_core == 0 &&
	    cfg->pools[0].rlimit_nofile == 1024 &&
	    cfg->pools[0].rlimit_as == CONFIG_RLIMIT_UNLIMITED,
	    "limits set in a pool");
	config_free(cfg);

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmemory_limit = lots\n", dir);
	expect_error(text, 4, "bad value 'lots' for memory_limit: expected a "
	    "size", "bad memory_limit");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nrequest_timeout = 25h\n", dir);
	expect_error(text, 4, "for request_timeout: expected a duration",
	    "bad request_timeout");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nbackground_timeout = soon\n", dir);
	expect_error(text, 4, "bad value 'soon' for background_timeout: "
	    "expected a duration", "bad background_timeout");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nrlimit_nofile = many\n", dir);
	expect_error(text, 4, "for rlimit_nofile: expected inherit, unlimited",
	    "bad rlimit_nofile");
}

int
main(void)
{
	struct config *cfg;
	char text[1024], longline[400];

	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(run_as, sizeof(run_as), "user = %s",
	    getpwuid(geteuid())->pw_name);
	snprintf(ini, sizeof(ini), "%s/fnpool.ini", dir);
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	log_open(logpath, LOG_LEVEL_DEBUG);

	snprintf(text, sizeof(text),
	    "; sample\n[global]\npid = %s/pid\nlog_level = debug\n\n"
	    "[www]\nlisten = %s/www.sock\nfunctions = %s\nworkers = 3\n"
	    "listen.mode = 0666\nprefix = /fn/\nenv.GREETING = hello there\n"
	    "%s\n[api]\nlisten = 127.0.0.1:9000\nfunctions = %s\n%s\n",
	    dir, dir, dir, run_as, dir, run_as);
	cfg = load(text);
	ok(cfg != NULL, "valid config loads");
	if (cfg != NULL) {
		is_int((long long)cfg->npools, 2, "two pools");
		is_str(cfg->pools[0].name, "www", "pool name");
		is_int(cfg->pools[0].workers, 3, "workers");
		is_int(cfg->pools[0].listen_mode, 0666, "listen.mode is octal");
		is_str(cfg->pools[0].prefix, "/fn", "prefix loses its trailing /");
		is_str(cfg->pools[1].prefix, "", "default prefix is empty");
		is_int(cfg->pools[1].workers, 2, "default workers");
		is_int(cfg->pools[1].listen_backlog, 511, "default backlog");
		is_int(cfg->log_level, LOG_LEVEL_DEBUG, "log level");
		is_int((long long)cfg->pools[0].nenv, 1, "one env entry");
		is_str(cfg->pools[0].env[0].value, "hello there", "env value");
		is_int(cfg->pools[0].max_states, 256, "default max_states");
		is_int(cfg->pools[0].module_cache, 1, "module_cache on by default");
		is_int(cfg->pools[0].preload, 0, "preload off by default");
	}
	config_free(cfg);

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmodule_cache = no\npreload = yes\nmax_states = 3\n%s\n",
	    dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && cfg->pools[0].module_cache == 0 &&
	    cfg->pools[0].preload == 1 && cfg->pools[0].max_states == 3,
	    "module_cache, preload and max_states are read");
	config_free(cfg);
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\npreload = maybe\n", dir);
	expect_error(text, 4, "bad value 'maybe' for preload: expected on or off",
	    "bad boolean");
	{
		struct pool_config adhoc;

		memset(&adhoc, 0, sizeof(adhoc));
		config_pool_defaults(&adhoc);
		ok(adhoc.module_cache == 1 && adhoc.max_states == 256 &&
		    adhoc.workers == 2 && adhoc.prefix == NULL,
		    "config_pool_defaults fills the table's non-string defaults");
	}

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nbogus = 1\n", dir);
	expect_error(text, 4, "unknown key 'bogus'", "unknown key");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nworkers = many\n", dir);
	expect_error(text, 4, "expected a whole number from 1 to 1024",
	    "bad number");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nworkers = 0\n", dir);
	expect_error(text, 4, "bad value '0' for workers", "number out of range");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "listen = /tmp/y.sock\nfunctions = %s\n", dir);
	expect_error(text, 3, "duplicate key 'listen'", "duplicate key");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n[other]\nlisten = /tmp/x.sock\nfunctions = %s\n",
	    dir, dir);
	expect_error(text, 5, "both listen on /tmp/x.sock", "two pools, one socket");

	expect_error("[www]\nlisten = /tmp/x.sock\nfunctions = /nonexistent/dir\n",
	    1, "No such file or directory", "missing functions root");

	snprintf(text, sizeof(text), "[www]\nfunctions = %s\n", dir);
	expect_error(text, 1, "has no 'listen'", "missing listen");

	expect_error("[global]\npid = /x\n", 2, "no pool defined", "no pool");
	expect_error("listen = /x\n", 1, "outside a section", "key before a section");
	expect_error("[www]\nthis is not ini\n", 2, "syntax error", "syntax error");
	expect_error("[bad name!]\n", 1, "bad pool name", "bad pool name");

	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	snprintf(text, sizeof(text), "[www]\n; %s\nlisten = /tmp/a.sock\n", longline);
	expect_error(text, 2, "line too long", "overlong line");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nenv.1BAD = x\n", dir);
	expect_error(text, 4, "bad env name", "bad env name");

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nuser = no-such-user-fnpool\n", dir);
	expect_error(text, 1, "user 'no-such-user-fnpool' does not exist",
	    "unknown user");

	snprintf(text, sizeof(text), "[global]\nlog_level = loud\n");
	expect_error(text, 2, "one of error, warn, notice, info, debug",
	    "bad log level");

	/* the request/response settings */
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\nfunctions = %s\n"
	    "max_body_size = 64k\nexpose_errors = on\ntrusted_proxies = 10.0.0.0/8 unix:\n"
	    "cors.origins = *\ncors.max_age = 60\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL, "contract settings load");
	if (cfg != NULL) {
		is_int(cfg->pools[0].max_body_size, 65536, "max_body_size 64k");
		is_int(cfg->pools[0].expose_errors, 1, "expose_errors on");
		is_int(cfg->pools[0].max_query_params, 1000, "default max_query_params");
		is_int(cfg->pools[0].max_headers, 100, "default max_headers");
		is_int(cfg->pools[0].cors_max_age, 60, "cors.max_age");
		is_int(cfg->pools[0].cors_credentials, 0, "default cors.credentials");
	}
	config_free(cfg);
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmax_body_size = lots\n", dir);
	expect_error(text, 4, "bad value 'lots' for max_body_size: expected a size "
	    "such as 512K, 64M or 1G", "bad size");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmax_body_size = 2G\n", dir);
	expect_error(text, 4, "at most 1024M", "size over the maximum");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nexpose_errors = maybe\n", dir);
	expect_error(text, 4, "expected on or off", "bad boolean");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\ntrusted_proxies = 10.0.0.0/99\n", dir);
	expect_error(text, 1, "bad trusted_proxies '10.0.0.0/99'", "bad trusted_proxies");
	{
		long v;

		ok(units_parse_size("8M", 0, 1L << 30, &v) == 0 && v == 8L << 20,
		    "size: 8M");
		ok(units_parse_size("-1", 0, 1L << 30, &v) == -1, "size: negative refused");
		ok(units_parse_size("1x", 0, 1L << 30, &v) == -1, "size: bad unit refused");
		ok(units_parse_size("99999999999999999G", 0, 1L << 30, &v) == -1,
		    "size: overflow refused");
	}
	test_limits();
	/* Units, pm and the options of the process manager. */
	snprintf(text, sizeof(text), "[global]\nshutdown_timeout = 2500ms\n"
	    "daemonize = off\n[dyn]\nlisten = /tmp/x.sock\nfunctions = %s\n"
	    "pm = dynamic\nmin_idle = 2\nmax_idle = 4\nmax_workers = 16\n"
	    "idle_timeout = 2m\nmax_rss = 64M\nqueue_timeout = 1s\n"
	    "crash_window = 30s\ncrash_limit = 3\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL, "dynamic pool with units loads");
	if (cfg != NULL) {
		is_int(cfg->shutdown_timeout, 2500, "shutdown_timeout in ms");
		is_int(cfg->daemonize, 0, "daemonize = off");
		is_int(cfg->pools[0].pm, PM_DYNAMIC, "pm = dynamic");
		is_int(cfg->pools[0].idle_timeout, 120000, "2m is 120000 ms");
		is_int(cfg->pools[0].max_rss, 64L << 20, "64M in bytes");
		is_int(cfg->pools[0].queue_timeout, 1000, "queue_timeout 1s");
		is_int(cfg->pools[0].crash_limit, 3, "crash_limit");
		is_int(config_pool_max_workers(&cfg->pools[0]), 16,
		    "a dynamic pool's ceiling is max_workers");
	}
	config_free(cfg);

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && cfg->pools[0].pm == PM_STATIC &&
	    cfg->pools[0].queue_timeout == 0 && cfg->shutdown_timeout == 10000 &&
	    cfg->pools[0].crash_limit == 5 && cfg->pools[0].crash_window == 10000,
	    "defaults: static, no queue_timeout, 10s shutdown, 5 crashes in 10s");
	config_free(cfg);

	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nmax_rss = lots\n", dir);
	expect_error(text, 4, "expected a size such as 512K", "bad size");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\nqueue_timeout = 5 fortnights\n", dir);
	expect_error(text, 4, "expected a duration such as 500ms", "bad duration");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\npm = ondemand\n", dir);
	expect_error(text, 4, "expected static or dynamic", "bad pm");
	snprintf(text, sizeof(text), "[global]\ndaemonize = perhaps\n");
	expect_error(text, 2, "expected on or off", "bad boolean");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\npm = dynamic\nworkers = 4\n", dir);
	expect_error(text, 5, "'workers' is for pm = static", "workers in a "
	    "dynamic pool");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\npm = dynamic\nmin_idle = 5\nmax_idle = 2\n", dir);
	expect_error(text, 1, "min_idle (5) is above max_idle (2)",
	    "min_idle above max_idle");
	snprintf(text, sizeof(text), "[a]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n[b]\nlisten = unix:/tmp/x.sock\nfunctions = %s\n",
	    dir, dir);
	expect_error(text, 5, "both listen on", "unix: prefix names the same "
	    "socket");
	snprintf(text, sizeof(text), "[a]\nlisten = /tmp/a.sock\n"
	    "functions = %s\nworkers = 1024\n[b]\nlisten = /tmp/b.sock\n"
	    "functions = %s\nworkers = 1024\n[c]\nlisten = /tmp/c.sock\n"
	    "functions = %s\n", dir, dir, dir);
	expect_error(text, 9, "2050 workers in all pools: at most 2048",
	    "too many workers in all");
	if (geteuid() == 0) {
		snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
		    "functions = %s\n", dir);
		expect_error(text, 1, "set 'user' for the workers", "root "
		    "without 'user'");
	} else {
		snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
		    "functions = %s\nuser = root\n", dir);
		expect_error(text, 1, "fnpool is not running as root",
		    "another user without root");
	}

	/* fnpool:db: db.NAME, db.default, state_dir, isolation */
	snprintf(text, sizeof(text), "[global]\nstate_dir = /srv/state\n"
	    "[www]\nlisten = /tmp/x.sock\nfunctions = %s\n"
	    "db.main = postgresql://app:pw@db/notes\ndb.max_rows = 10\n"
	    "isolation = pool\n%s\n[api]\nlisten = /tmp/y.sock\n"
	    "functions = %s\ndb.default = sqlite:/data/api.db\n%s\n",
	    dir, run_as, dir, run_as);
	cfg = load(text);
	ok(cfg != NULL, "db keys: a valid config loads");
	if (cfg != NULL) {
		is_int((long long)cfg->pools[0].ndbs, 2, "db.main, and the "
		    "db.default every pool has");
		is_str(cfg->pools[0].dbs[1].name, "default", "db.default added");
		is_str(cfg->pools[0].dbs[1].url, "sqlite:www.db",
		    "db.default is sqlite:POOL.db");
		is_int(cfg->pools[0].dbs[0].line, 6, "db.main's line");
		is_int(cfg->pools[0].db_max_rows, 10, "db.max_rows is a key, "
		    "not a database");
		is_int(cfg->pools[1].db_max_rows, 100000, "db.max_rows default");
		is_str(cfg->pools[0].state_dir, "/srv/state", "state_dir reaches "
		    "the pools");
		is_int(cfg->pools[0].shared_state, 1, "isolation = pool");
		is_int(cfg->pools[1].shared_state, 0, "isolation = function "
		    "by default");
		is_int((long long)cfg->pools[1].ndbs, 1, "a db.default of its own "
		    "replaces the embedded one");
		is_str(cfg->pools[1].dbs[0].url, "sqlite:/data/api.db",
		    "  with its URL");
	}
	config_free(cfg);
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n%s\ndb.main = postgresql://app:hunter2@db:99999/x\n",
	    dir, run_as);
	expect_error(text, 5, "bad URL 'postgresql://app:****@db:99999/x' for "
	    "db.main: bad port '99999'", "a bad db URL, masked");
	ok(!log_has("hunter2"), "  the password is in no message");
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n%s\ndb.a-b = sqlite:x.db\ndb.x = mysql://x\n"
	    "db.x = sqlite:y.db\nisolation = worker\n", dir, run_as);
	expect_error(text, 5, "bad database name 'db.a-b'", "a bad db name");
	expect_error(text, 6, "expected sqlite:PATH or postgresql://", "an "
	    "unknown scheme");
	expect_error(text, 1, "bad isolation 'worker': expected function or "
	    "pool", "a bad isolation");
	snprintf(text, sizeof(text), "[global]\nstate_dir = state\n[www]\n"
	    "listen = /tmp/x.sock\nfunctions = %s\n%s\n", dir, run_as);
	expect_error(text, 6, "state_dir 'state' must be an absolute path",
	    "a relative state_dir");
	setenv("FNPOOL_STATE_DIR", "/from/env", 1);
	snprintf(text, sizeof(text), "[www]\nlisten = /tmp/x.sock\n"
	    "functions = %s\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && strcmp(cfg->state_dir, "/from/env") == 0 &&
	    strcmp(cfg->pools[0].state_dir, "/from/env") == 0,
	    "FNPOOL_STATE_DIR replaces state_dir's default");
	config_free(cfg);
	snprintf(text, sizeof(text), "[global]\nstate_dir = /from/file\n"
	    "[www]\nlisten = /tmp/x.sock\nfunctions = %s\n%s\n", dir, run_as);
	cfg = load(text);
	ok(cfg != NULL && strcmp(cfg->state_dir, "/from/file") == 0,
	    "  but not a state_dir the file sets");
	config_free(cfg);
	unsetenv("FNPOOL_STATE_DIR");

	cfg = config_load("/nonexistent/fnpool.ini");
	ok(cfg == NULL && log_has("/nonexistent/fnpool.ini: No such file"),
	    "missing file is reported");
	return tap_done();
}
