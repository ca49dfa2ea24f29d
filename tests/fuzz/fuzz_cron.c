/*
 * libFuzzer target: schedule lines (schedule_conf_add, cron_parse,
 * cron_next).  A line that parses must give a due time after the start
 * whose fields all match the schedule, or none (-1) at all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/cron.h"
#include "core/schedule_conf.h"

static void
check_next(const struct cron *c)
{
	time_t after = 1796594850, t;	/* 2026-12-06T22:07:30Z */
	struct tm tm;
	int md, wd;

	t = cron_next(c, after, NULL);
	if (c->every > 0) {
		if (t != after + c->every)
			abort();
		return;
	}
	if (t == -1)
		return;
	if (t <= after || t % 60 != 0 || gmtime_r(&t, &tm) == NULL)
		abort();
	md = (c->mdays >> tm.tm_mday) & 1;
	wd = (c->wdays >> tm.tm_wday) & 1;
	if (!((c->minutes >> tm.tm_min) & 1) || !((c->hours >> tm.tm_hour) & 1) ||
	    !((c->months >> (tm.tm_mon + 1)) & 1) ||
	    !(c->mday_any || c->wday_any ? md && wd : md || wd))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schedule_config *list = NULL;
	char *text = malloc(size + 1), why[512];
	struct cron c;
	size_t n = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	if (cron_parse(text, &c, why, sizeof(why)) == 0)
		check_next(&c);
	else if (strlen(why) == 0)
		abort();	/* every refusal says why */
	if (schedule_conf_add(&list, &n, "fuzz", text, 1, why,
	    sizeof(why)) == 0) {
		if (n != 1 || list[0].path[0] != '/')
			abort();
		check_next(&list[0].cron);
	}
	schedule_conf_free(list, n);
	free(text);
	return 0;
}
