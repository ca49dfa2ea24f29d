/*
 * check: loads every function of a tree before it is deployed, so that a
 * syntax error or a missing module fails a CI job or a deploy script
 * instead of the first request in production.
 *
 * The functions are the router's (what a request can reach: no `_x`,
 * `.x` or node_modules entry), in name order, each loaded through
 * runtime_check with the pool's settings, as preload loads it.  Loading
 * runs module code, which may loop or crash the process: the loading
 * happens in a child, which marks in a shared page the function it is
 * at.  A child that dies leaves that function's line to the parent,
 * which goes on with the next function in a new child.  As root, the
 * children become the pool's user first, as workers do, so module code
 * meets the permissions it will have in production.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/check.h"
#include "core/config.h"
#include "core/exitcodes.h"
#include "core/log.h"
#include "core/privileges.h"
#include "js/runtime.h"
#include "worker/serve.h"
#include "worker/timeout.h"

#define SYNOPSIS	"usage: fnpool check [DIR | -c FILE [-p POOL] [DIR]]\n"

/* In a page the children share with the parent. */
struct progress {
	size_t		 at;		/* the function loading now */
	size_t		 failed;	/* how many failed so far */
};

struct check {
	struct route	*routes;
	size_t		 nroutes;
	volatile struct progress *p;
	struct privileges pv;
};

static int
route_add(const struct route *route, void *arg)
{
	struct check *ck = arg;

	ck->routes = realloc(ck->routes, (ck->nroutes + 1) *
	    sizeof(*ck->routes));
	if (ck->routes == NULL)
		log_fatal("realloc");
	ck->routes[ck->nroutes++] = *route;
	return 0;
}

static int
route_cmp(const void *a, const void *b)
{
	return strcmp(((const struct route *)a)->name,
	    ((const struct route *)b)->name);
}

/* In the child: checks the functions from the first one on, and exits. */
static void
check_child(struct serve *sv, struct check *ck, size_t first)
{
	const char *why;
	size_t i;

	log_set_role("check");
	privileges_drop(sv->pool, &ck->pv);
	timeout_init(sv->pool);
	for (i = first; i < ck->nroutes; i++) {
		ck->p->at = i;
		timeout_arm(-1, 0, NULL);
		timeout_function(ck->routes[i].name);
		why = runtime_check(sv->rt, &ck->routes[i]);
		timeout_disarm();
		if (why == NULL)
			printf("ok %s\n", ck->routes[i].name);
		else {
			printf("FAIL %s: %s\n", ck->routes[i].name, why);
			ck->p->failed++;
		}
		fflush(stdout);
	}
	ck->p->at = ck->nroutes;
	_exit(0);
}

/* The line for a function whose child died loading it. */
static void
check_died(const struct serve *sv, const char *name, int wstatus)
{
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == FNPOOL_EXIT_TIMEOUT)
		printf("FAIL %s: loading it took longer than request_timeout "
		    "(%ld ms)\n", name, sv->pool->request_timeout_ms);
	else if (WIFSIGNALED(wstatus))
		printf("FAIL %s: loading it crashed the process (%s)\n", name,
		    strsignal(WTERMSIG(wstatus)));
	else
		printf("FAIL %s: loading it ended the process (exit status "
		    "%d)\n", name, WEXITSTATUS(wstatus));
	fflush(stdout);
}

/* Checks every function, a child at a time; returns the exit status. */
static int
check_all(struct serve *sv, struct check *ck)
{
	size_t first = 0;
	int wstatus;
	pid_t pid;

	while (first < ck->nroutes) {
		ck->p->at = first;
		fflush(stdout);
		if ((pid = fork()) == -1)
			log_fatal("fork");
		if (pid == 0)
			check_child(sv, ck, first);
		while (waitpid(pid, &wstatus, 0) == -1)
			if (errno != EINTR)
				log_fatal("waitpid");
		if (ck->p->at >= ck->nroutes)	/* it reached the end */
			break;
		/* it died at p->at, after printing the lines before */
		ck->p->failed++;
		check_died(sv, ck->routes[ck->p->at].name, wstatus);
		first = ck->p->at + 1;
	}
	return ck->p->failed > 0;
}

static int
check_pool(const struct pool_config *pool)
{
	struct check ck;
	struct serve sv;
	int code = 1;

	memset(&ck, 0, sizeof(ck));
	if (serve_init(&sv, pool) == -1)
		return 2;
	privileges_resolve(pool, &ck.pv);
	if (ck.pv.error[0] != '\0') {
		fprintf(stderr, "fnpool check: %s\n", ck.pv.error);
		serve_free(&sv);
		return 2;
	}
	ck.p = mmap(NULL, sizeof(*ck.p), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ck.p == MAP_FAILED)
		log_fatal("mmap");
	router_each(&sv.router, route_add, &ck);
	if (ck.nroutes == 0)
		fprintf(stderr, "fnpool check: no functions under %s\n",
		    sv.router.root);
	else {
		qsort(ck.routes, ck.nroutes, sizeof(*ck.routes), route_cmp);
		code = check_all(&sv, &ck);
		if (ck.p->failed > 0)
			fprintf(stderr, "fnpool check: %zu of %zu function%s "
			    "failed\n", ck.p->failed, ck.nroutes,
			    ck.nroutes == 1 ? "" : "s");
	}
	munmap((void *)ck.p, sizeof(*ck.p));
	free(ck.routes);
	privileges_free(&ck.pv);
	serve_free(&sv);
	return code;
}

static int
root_ok(const char *path)
{
	struct stat st;
	const char *why = "not a directory";

	if (stat(path, &st) == -1)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		return 1;
	fprintf(stderr, "fnpool check: functions root %s: %s\n", path, why);
	return 0;
}

static struct pool_config *
pool_find(struct config *cfg, const char *name)
{
	size_t i;

	if (name == NULL)
		return &cfg->pools[0];
	for (i = 0; i < cfg->npools; i++)
		if (strcmp(cfg->pools[i].name, name) == 0)
			return &cfg->pools[i];
	fprintf(stderr, "fnpool check: %s: no pool named '%s'\n", cfg->path,
	    name);
	return NULL;
}

int
check_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "pool", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *pname = NULL, *dir = NULL;
	struct pool_config adhoc, *pool = &adhoc;
	struct config *cfg = NULL;
	int ch, code = 2;

	argv[0] = (char *)"fnpool check";	/* for getopt's messages */
	while ((ch = getopt_long(argc, argv, "c:p:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 'p': pname = optarg; break;
		case 'h': fputs(SYNOPSIS, stdout); return 0;
		default: fputs(SYNOPSIS, stderr); return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "fnpool check: expected at most one DIR, got "
		    "%d arguments\n" SYNOPSIS, argc - optind);
		return 2;
	}
	if (pname != NULL && config == NULL) {
		fprintf(stderr, "fnpool check: -p POOL needs -c FILE\n");
		return 2;
	}
	if (optind < argc)
		dir = argv[optind];
	else if (config == NULL)
		dir = "functions";
	if (dir != NULL && !root_ok(dir))
		return 2;
	log_set_role("check");
	memset(&adhoc, 0, sizeof(adhoc));
	config_pool_defaults(&adhoc);
	adhoc.name = (char *)"check";
	adhoc.prefix = (char *)"";
	if (config != NULL) {
		if ((cfg = config_load(config)) == NULL ||
		    (pool = pool_find(cfg, pname)) == NULL)
			goto out;
		log_open("stderr", cfg->log_level);
		adhoc = *pool;
		pool = &adhoc;
	}
	if (dir != NULL)
		pool->functions = (char *)dir;
	code = check_pool(pool);
out:
	config_free(cfg);
	return code;
}
