/*
 * schedule_conf: a pool's `schedule.NAME = SPEC PATH` lines, checked as
 * they are read (core/config.c calls in; master/schedule.c runs them).
 */
#ifndef FNPOOL_SCHEDULE_CONF_H
#define FNPOOL_SCHEDULE_CONF_H

#include <stddef.h>

#include "core/cron.h"

#define SCHEDULE_NAME_MAX	64

struct schedule_config {
	char		*name;
	char		*spec;		/* as written, for the status page */
	char		*path;		/* the function's path: "/jobs/clean" */
	struct cron	 cron;
	int		 line;
};

/* Adds one line to *list; -1 with why (the caller names file:line). */
int	 schedule_conf_add(struct schedule_config **list, size_t *n,
	    const char *name, const char *value, int line, char *why,
	    size_t whylen);
void	 schedule_conf_free(struct schedule_config *list, size_t n);

#endif
