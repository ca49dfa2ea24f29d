/*
 * config: the INI configuration.  One table of options drives parsing,
 * defaults, validation and `fnpool -t`; every error names file:line.
 */
#ifndef FNPOOL_CONFIG_H
#define FNPOOL_CONFIG_H

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

#include "core/log.h"
#include "core/schedule_conf.h"

#define CONFIG_POOL_NAME_MAX	48
#define CONFIG_WORKERS_MAX	1024	/* per pool */
#define CONFIG_CONCURRENT_MAX	1024	/* requests in flight per worker */
#define CONFIG_WORKERS_TOTAL	2048	/* all pools: half the scoreboard */

enum pm_mode { PM_STATIC, PM_DYNAMIC };

/* fetch.deny's default: link-local, where clouds serve instance metadata */
#define FETCH_DENY_DEFAULT	"169.254.0.0/16 fe80::/10"

#define CONFIG_RLIMIT_INHERIT	(-1L)	/* leave the master's limit */
#define CONFIG_RLIMIT_UNLIMITED	(-2L)

struct env_var {
	char	*name;
	char	*value;
};

/* db.NAME = URL (js/builtin/db.c); the URL is shown only masked (dburl.h) */
struct db_config {
	char	*name;
	char	*url;
	int	 line;		/* 0: the db.default fnpool adds */
};

struct pool_config {
	char		*name;
	int		 line;		/* of the [section] header */

	char		*listen;
	int		 listen_line;
	char		*listen_owner;
	char		*listen_group;
	long		 listen_mode;
	long		 listen_backlog;

	char		*functions;
	char		*prefix;
	enum pm_mode	 pm;
	long		 workers;	/* pm = static */
	int		 workers_line;	/* 0: not set */
	long		 min_idle;	/* pm = dynamic */
	long		 max_idle;
	long		 max_workers;
	long		 idle_timeout;	/* ms */
	long		 max_concurrent;	/* requests in flight per worker */
	long		 max_requests;
	long		 max_rss;	/* bytes, 0: no limit */
	long		 queue_timeout;	/* ms, 0: wait in the backlog */
	long		 crash_limit;	/* deaths within crash_window ... */
	long		 crash_window;	/* ms ... start a respawn backoff */
	char		*user;
	char		*group;
	long		 max_states;	/* MuJS states kept per worker */
	int		 module_cache;	/* off: reload every request */
	int		 preload;	/* load every function at start */

	long		 max_body_size;		/* bytes */
	long		 max_query_params;
	long		 max_headers;
	long		 max_multipart_parts;
	long		 max_json_keys;		/* distinct property names */
	char		*trusted_proxies;	/* "10.0.0.0/8 unix:" */
	int		 expose_errors;
	int		 allow_x_accel;	/* functions may send X-Accel-* */
	char		*cors_origins;		/* "*" or origins, space separated */
	char		*cors_methods;
	char		*cors_headers;
	int		 cors_credentials;
	long		 cors_max_age;

	/* rlimits.c, runtime.c, timeout.c; 0: no limit */
	long		 memory_limit;		/* bytes per function state */
	long		 request_timeout_ms;
	long		 background_timeout_ms;	/* 0: request_timeout */
	long		 request_read_timeout_ms;	/* a request's
							   records; not 0 */
	long		 max_params_size;	/* bytes of FastCGI PARAMS */
	long		 rlimit_as;		/* CONFIG_RLIMIT_* or a value */
	long		 rlimit_nofile;
	long		 rlimit_core;

	/* operability (docs/operations.md) */
	char		*status_listen;		/* the master's status socket */
	int		 status_listen_line;
	char		*status_path;		/* each NULL: not served */
	char		*ping_path;
	char		*metrics_path;
	char		*status_allowed_clients;	/* NULL: everyone */
	char		*access_log;		/* NULL: none */
	char		*access_format;
	char		*slowlog;		/* NULL: the error log */
	long		 slowlog_timeout;	/* ms, 0: off */

	/* outbound HTTP (js/builtin/fetch*.c, docs/functions.md) */
	long		 fetch_timeout;		/* ms, 0: request_timeout only */
	long		 fetch_max_response_size;	/* bytes */
	long		 fetch_max_redirects;
	char		*fetch_allow;		/* NULL: any host */
	char		*fetch_deny;		/* NULL: FETCH_DENY_DEFAULT */
	char		*fetch_ca_file;		/* added to the system CAs */
	int		 fetch_insecure;	/* no TLS verification */
	int		 fetch_propagate_request_id;

	struct env_var	*env;
	size_t		 nenv;

	/* databases (js/builtin/db.c, docs/functions.md) */
	struct db_config *dbs;		/* db.default is always there */
	size_t		 ndbs;
	long		 db_max_rows;
	long		 db_slowlog_timeout;	/* ms, 0: off */
	long		 db_max_connections;	/* per worker and database,
						   max_concurrent above 1 */
	char		*state_dir;	/* [global]'s, copied; NULL: default */
	char		*isolation;	/* "function" (NULL) or "pool" */
	int		 shared_state;	/* isolation = pool */

	/* schedule.NAME = SPEC PATH (master/schedule.c) */
	struct schedule_config *schedules;
	size_t		 nschedules;
	char		*schedule_tz;	/* "UTC" or a zoneinfo name */
};

struct config {
	char		*path;
	char		*pid;
	char		*error_log;
	enum log_level	 log_level;
	int		 daemonize;
	long		 shutdown_timeout;	/* ms */
	char		*state_dir;	/* SQLite databases (dburl.h) */
	int		 state_dir_set;	/* in the file: FNPOOL_STATE_DIR loses */

	struct pool_config *pools;
	size_t		 npools;
};

/* Returns NULL after logging every error found, each with file:line. */
struct config	*config_load(const char *path);
void		 config_free(struct config *);
/* Fills the non-string settings of a pool not read from a file. */
void		 config_pool_defaults(struct pool_config *);

/* Every key the parser accepts, with its type and default (--list-keys). */
void		 config_print_keys(FILE *);

/* Value parsers shared with tests. Return 0 on success, -1 on error. */
int	 config_parse_long(const char *, long min, long max, long *);
int	 config_parse_mode(const char *, long *);
int	 config_parse_bool(const char *, int *);
int	 config_parse_rlimit(const char *, long *);	/* inherit, unlimited, size */
/* Whether two 'listen' values name the same socket. */
int	 config_same_listen(const char *, const char *);
/* The most workers a pool can have at once. */
long	 config_pool_max_workers(const struct pool_config *);

#endif
