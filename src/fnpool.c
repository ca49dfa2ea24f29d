/*
 * fnpool: command line.
 *
 *   fnpool [-c FILE] [-t] [-D]       run the master (foreground), or test
 *                                    the configuration
 *   fnpool worker [options]          serve the FastCGI socket on fd 0, or
 *                                    one CGI request when fd 0 is not a
 *                                    socket
 *   fnpool invoke [options] PATH     answer one request locally and print
 *                                    the HTTP response
 *   fnpool build [--watch] SRC DEST  compile modern JavaScript and
 *                                    TypeScript to the ES5 fnpool serves
 *   fnpool dev [options]             serve a functions tree over HTTP on
 *                                    127.0.0.1:3000, for development
 *   fnpool check [DIR | -c FILE]     load every function without serving
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/build.h"
#include "cli/check.h"
#include "worker/cgi.h"
#include "core/config.h"
#include "cli/dev.h"
#include "cli/dotenv.h"
#include "master/daemon.h"
#include "cli/invoke.h"
#include "core/log.h"
#include "js/proto.h"
#include "js/regexp_mujs.h"
#include "master/master.h"
#include "worker/serve.h"
#include "worker/worker.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define DEFAULT_CONFIG	SYSCONFDIR "/fnpool/fnpool.ini"

/* after "usage: " or 7 spaces */
#define INVOKE_SYNOPSIS \
	"fnpool invoke [-X METHOD] [-H 'Name: value']... [-d DATA|@FILE]...\n" \
	"                     [--functions DIR] [-c FILE [-p POOL]]\n" \
	"                     [--env NAME=VALUE]... [--env-file FILE]... PATH\n"
#define DEV_SYNOPSIS \
	"fnpool dev [--functions DIR] [--listen HOST:PORT] [-c FILE [-p POOL]]\n" \
	"                  [--env NAME=VALUE]... [--env-file FILE]...\n"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: fnpool [-c FILE] [-t] [-D]\n"
	    "       fnpool worker [-c FILE [-p POOL]] [--functions DIR] "
	    "[--prefix PREFIX]\n"
	    "       " INVOKE_SYNOPSIS
	    "       " DEV_SYNOPSIS
	    "       fnpool build [--watch] [-q] SRC DEST | --install\n"
	    "       fnpool check [DIR | -c FILE [-p POOL] [DIR]]\n"
	    "\n"
	    "  -c, --config FILE   configuration (default " DEFAULT_CONFIG ")\n"
	    "  -t, --test          check the configuration and exit\n"
	    "  -D, --daemonize     run in the background (see also 'daemonize')\n"
	    "  -h, --help          show this help\n"
	    "  -v, --version       show the version\n"
	    "\n"
	    "worker: serves FastCGI on the socket passed as fd 0 (spawn-fcgi,\n"
	    "mod_fcgid, systemd Accept=no), or one request as a CGI program\n"
	    "when fd 0 is not a socket.  Its pool comes from --functions, or\n"
	    "from -c FILE (-p names the pool; default the first), or from the\n"
	    "FNPOOL_FUNCTIONS environment variable.\n"
	    "\n"
	    "invoke: answers one request for PATH (with its query string)\n"
	    "locally, through the same code as a request from the web server,\n"
	    "and prints the HTTP response; log lines go to stderr.  Functions\n"
	    "come from --functions, else the pool of -c FILE, else ./functions.\n"
	    "-d sends a body (POST unless -X says otherwise): DATA, a file's\n"
	    "bytes with @FILE, or stdin with @-.  Exit status: 0 for a 1xx-4xx\n"
	    "response, 1 for a 5xx or when no request could be made, 2 for a\n"
	    "usage error.  See fnpool(8).\n"
	    "\n"
	    "dev: a development HTTP server for the same functions, on\n"
	    "--listen (default " DEV_LISTEN_DEFAULT "): each request is answered\n"
	    "as invoke answers one, with the files as they are now, error\n"
	    "traces in 500 responses, and one line per request on stderr.\n"
	    "Not for production.  Ctrl-C or SIGTERM stops it.\n"
	    "\n"
	    "--env NAME=VALUE and --env-file FILE (lines NAME=VALUE, as in a\n"
	    ".env file) add to ctx.env for invoke and dev, over the pool's\n"
	    "env.NAME keys; the last one given wins.\n"
	    "\n"
	    "build: compiles the functions tree SRC (ES2015-ES2023, TypeScript)\n"
	    "and the node_modules it requires into ES5 CommonJS, written as a\n"
	    "new release that the symlink DEST is switched to.  Needs Node 18+\n"
	    "where functions are built, never on servers; --install fetches the\n"
	    "compiler with npm.  See docs/javascript.md.\n"
	    "\n"
	    "check: loads every function of DIR (default ./functions) or of\n"
	    "the pool of -c FILE as preload would, without serving, and prints\n"
	    "'ok NAME' or 'FAIL NAME: why' for each.  Exit status: 0 when all\n"
	    "load, 1 when one fails, 2 for a usage or configuration error.\n");
}

static int
fd_is_socket(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

static struct pool_config *
find_pool(struct config *cfg, const char *name)
{
	size_t i;

	if (name == NULL)
		return &cfg->pools[0];
	for (i = 0; i < cfg->npools; i++)
		if (strcmp(cfg->pools[i].name, name) == 0)
			return &cfg->pools[i];
	log_error("%s: no pool named '%s'", cfg->path, name);
	return NULL;
}

static int
cmd_worker(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "pool", required_argument, NULL, 'p' },
		{ "functions", required_argument, NULL, 'f' },
		{ "prefix", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pool_config adhoc, *pool = NULL;
	struct config *cfg = NULL;
	const char *config = NULL, *pname = NULL, *functions, *prefix = NULL;
	struct serve sv;
	int ch, code;

	functions = getenv("FNPOOL_FUNCTIONS");
	while ((ch = getopt_long(argc, argv, "c:p:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; functions = NULL; break;
		case 'p': pname = optarg; break;
		case 'f': functions = optarg; break;
		case 'P': prefix = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	memset(&adhoc, 0, sizeof(adhoc));
	config_pool_defaults(&adhoc);
	if (functions != NULL) {
		adhoc.name = "worker";
		adhoc.functions = (char *)functions;
		adhoc.prefix = (char *)"";
		pool = &adhoc;
	} else {
		if ((cfg = config_load(config ? config : DEFAULT_CONFIG)) == NULL)
			return 1;
		if ((pool = find_pool(cfg, pname)) == NULL) {
			config_free(cfg);
			return 1;
		}
	}
	if (prefix != NULL) {
		size_t n = strlen(prefix);

		while (n > 0 && prefix[n - 1] == '/')
			n--;
		adhoc.prefix = strndup(prefix, n);
		if (pool != &adhoc)
			pool->prefix = adhoc.prefix;
	}
	log_set_role("worker");
	code = 1;
	if (serve_init(&sv, pool) == 0) {
		code = fd_is_socket(0) ? worker_run(&sv, 0, pool->max_requests) :
		    cgi_run(&sv);
		serve_free(&sv);
	}
	if (prefix != NULL) {
		if (pool != &adhoc)
			pool->prefix = NULL;
		free(adhoc.prefix);
	}
	config_free(cfg);
	return code;
}

static int
is_directory(const char *cmd, const char *path)
{
	struct stat st;
	const char *why = "not a directory";

	if (stat(path, &st) == -1)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		return 1;
	fprintf(stderr, "fnpool %s: functions root %s: %s (give "
	    "--functions DIR or -c FILE)\n", cmd, path, why);
	return 0;
}

/*
 * The pool a request from invoke meets: one of -c FILE (its functions
 * replaced by --functions), or the defaults with --functions.  Returns
 * 0, or -1 after logging why (*cfgp may then need freeing).
 */
static int
invoke_pool(const char *config, const char *pname, const char *functions,
    struct config **cfgp, struct pool_config *pool)
{
	struct pool_config *found;

	if (config != NULL) {
		if ((*cfgp = config_load(config)) == NULL ||
		    (found = find_pool(*cfgp, pname)) == NULL)
			return -1;
		log_open("stderr", (*cfgp)->log_level);
		*pool = *found;
	} else {
		memset(pool, 0, sizeof(*pool));
		config_pool_defaults(pool);
		pool->name = (char *)"invoke";
		pool->prefix = (char *)"";
	}
	if (functions != NULL)
		pool->functions = (char *)functions;
	return 0;
}

/* --env (e) and --env-file (E); -1 after saying what is wrong. */
static int
env_option(const char *cmd, struct dotenv *env, int ch, const char *arg)
{
	char err[512];
	int r;

	r = ch == 'e' ? dotenv_arg(env, arg, err, sizeof(err)) :
	    dotenv_load(env, arg, err, sizeof(err));
	if (r == -1)
		fprintf(stderr, "fnpool %s: %s%s\n", cmd,
		    ch == 'E' ? "--env-file " : "", err);
	return r;
}

/*
 * What invoke and dev share: the pool (-c FILE [-p POOL], --functions
 * DIR) and --env/--env-file laid over its env.* settings.
 */
struct pool_args {
	const char		*cmd;		/* "invoke" */
	const char		*config, *pname, *functions;
	struct dotenv		 env, merged;
	struct config		*cfg;
	struct pool_config	 pool;
};

#define POOL_LONGOPTS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "pool", required_argument, NULL, 'p' }, \
	{ "functions", required_argument, NULL, 'f' }, \
	{ "env", required_argument, NULL, 'e' }, \
	{ "env-file", required_argument, NULL, 'E' }

static void
pool_args_init(struct pool_args *pa, const char *cmd)
{
	memset(pa, 0, sizeof(*pa));
	pa->cmd = cmd;
	dotenv_init(&pa->env);
	dotenv_init(&pa->merged);
}

static void
pool_args_free(struct pool_args *pa)
{
	config_free(pa->cfg);
	dotenv_free(&pa->env);
	dotenv_free(&pa->merged);
}

/* One option of getopt's: 1 taken, 0 not one of these, -1 bad (said). */
static int
pool_args_option(struct pool_args *pa, int ch, const char *arg)
{
	switch (ch) {
	case 'c': pa->config = arg; return 1;
	case 'p': pa->pname = arg; return 1;
	case 'f': pa->functions = arg; return 1;
	case 'e': case 'E':
		return env_option(pa->cmd, &pa->env, ch, arg) == -1 ? -1 : 1;
	default: return 0;
	}
}

/* The command line's part: 0, or -1 after saying what is wrong. */
static int
pool_args_check(struct pool_args *pa)
{
	if (pa->pname != NULL && pa->config == NULL) {
		fprintf(stderr, "fnpool %s: -p POOL needs -c FILE\n", pa->cmd);
		return -1;
	}
	if (pa->functions == NULL && pa->config == NULL)
		pa->functions = "functions";
	if (pa->functions != NULL && !is_directory(pa->cmd, pa->functions))
		return -1;
	return 0;
}

/* pa->pool, with the --env settings: 0, or -1 after logging why. */
static int
pool_args_load(struct pool_args *pa)
{
	log_set_role(pa->cmd);
	if (invoke_pool(pa->config, pa->pname, pa->functions, &pa->cfg,
	    &pa->pool) == -1)
		return -1;
	dotenv_apply(&pa->env, &pa->pool, &pa->merged);
	return 0;
}

/* Exits 2 on a bad command line, 1 when no request could be made. */
static int
cmd_invoke(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "request", required_argument, NULL, 'X' },
		{ "header", required_argument, NULL, 'H' },
		{ "data", required_argument, NULL, 'd' },
		POOL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct pool_args pa;
	struct invoke inv;
	int ch, r, code = 2;

	invoke_init(&inv);
	pool_args_init(&pa, "invoke");
	argv[0] = (char *)"fnpool invoke";	/* for getopt's messages */
	while ((ch = getopt_long(argc, argv, "X:H:d:c:p:h", longopts,
	    NULL)) != -1) {
		if ((r = pool_args_option(&pa, ch, optarg)) != 0) {
			if (r == -1)
				goto out;
			continue;
		}
		switch (ch) {
		case 'X': if (invoke_method(&inv, optarg) == -1) goto out; break;
		case 'H': if (invoke_header(&inv, optarg) == -1) goto out; break;
		case 'd': if (invoke_data(&inv, optarg) == -1) goto out; break;
		case 'h': usage(stdout); code = 0; goto out;
		default: fputs("usage: " INVOKE_SYNOPSIS, stderr); goto out;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "fnpool invoke: expected one PATH such as "
		    "/hello?name=Ada, got %d arguments\n", argc - optind);
		goto out;
	}
	if (invoke_target(&inv, argv[optind]) == -1 ||
	    pool_args_check(&pa) == -1)
		goto out;
	code = 1;
	if (pool_args_load(&pa) == 0)
		code = invoke_run(&inv, &pa.pool);
out:
	pool_args_free(&pa);
	invoke_free(&inv);
	return code;
}

/* Exits 2 on a bad command line, 1 when the server could not start. */
static int
cmd_dev(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		POOL_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *listen = DEV_LISTEN_DEFAULT;
	struct pool_args pa;
	int ch, r, code = 2;

	pool_args_init(&pa, "dev");
	argv[0] = (char *)"fnpool dev";	/* for getopt's messages */
	while ((ch = getopt_long(argc, argv, "l:c:p:h", longopts,
	    NULL)) != -1) {
		if ((r = pool_args_option(&pa, ch, optarg)) != 0) {
			if (r == -1)
				goto out;
			continue;
		}
		switch (ch) {
		case 'l': listen = optarg; break;
		case 'h': usage(stdout); code = 0; goto out;
		default: fputs("usage: " DEV_SYNOPSIS, stderr); goto out;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "fnpool dev: unexpected argument '%s' (the "
		    "functions directory is given with --functions)\n",
		    argv[optind]);
		goto out;
	}
	if (pool_args_check(&pa) == -1)
		goto out;
	code = 1;
	if (pool_args_load(&pa) == 0) {
		pa.pool.name = (char *)"dev";
		pa.pool.expose_errors = 1;	/* the trace belongs on screen */
		code = dev_run(&pa.pool, listen);
	}
out:
	pool_args_free(&pa);
	return code;
}

static int
cmd_master(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "test", no_argument, NULL, 't' },
		{ "daemonize", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ "list-keys", no_argument, NULL, 'K' },	/* for tests */
		{ NULL, 0, NULL, 0 },
	};
	const char *config = DEFAULT_CONFIG;
	struct config *cfg;
	char *abs = NULL;
	int ch, test = 0, daemonize = 0;

	while ((ch = getopt_long(argc, argv, "c:tDhvF", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 't': test = 1; break;
		case 'D': daemonize = 1; break;
		case 'F': break;	/* foreground is the default */
		case 'h': usage(stdout); return 0;
		case 'v': printf("fnpool %s\n", PACKAGE_VERSION); return 0;
		case 'K': config_print_keys(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fnpool: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	/* SIGHUP re-reads the file after a daemon's chdir("/"). */
	if ((abs = realpath(config, NULL)) != NULL)
		config = abs;
	cfg = config_load(config);
	free(abs);
	if (cfg == NULL)
		return 1;
	if (test) {
		fprintf(stderr, "fnpool: configuration %s is valid\n", cfg->path);
		config_free(cfg);
		return 0;
	}
	/* Before the log moves to its file: the operator sees this one. */
	if (pidfile_check(cfg->pid) == -1) {
		config_free(cfg);
		return 1;
	}
	if (log_open(cfg->error_log, cfg->log_level) == -1) {
		log_error("error_log %s: %s", cfg->error_log, strerror(errno));
		config_free(cfg);
		return 1;
	}
	return master_run(cfg, daemonize || cfg->daemonize);
}

int
main(int argc, char **argv)
{
	char why[256];

	if (regexp_mujs_probe(why, sizeof(why)) == -1) {
		fprintf(stderr, "fnpool: cannot start: regular expressions: %s\n",
		    why);
		return 1;
	}
	/* Not fatal: only Object.setPrototypeOf and __proto__ need it. */
	if (proto_probe(why, sizeof(why)) == -1)
		fprintf(stderr, "fnpool: warning: Object.setPrototypeOf and "
		    "__proto__ will throw: %s\n", why);
	if (argc > 1 && strcmp(argv[1], "worker") == 0)
		return cmd_worker(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "invoke") == 0)
		return cmd_invoke(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "dev") == 0)
		return cmd_dev(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return check_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "build") == 0)
		return build_exec(argc - 1, argv + 1);
	/* Started by a web server as a plain CGI program. */
	if (argc == 1 && getenv("GATEWAY_INTERFACE") != NULL)
		return cmd_worker(argc, argv);
	return cmd_master(argc, argv);
}
