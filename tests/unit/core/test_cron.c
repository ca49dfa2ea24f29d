/*
 * Unit tests for cron.c and schedule_conf.c: fields, names, macros and
 * @every; the next due time in UTC and in a zone with DST; every error
 * naming its field, and, through config_load, file:line.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/cron.h"
#include "core/log.h"
#include "core/schedule_conf.h"
#include "../tap.h"

static char dir[] = "/tmp/fnpool-cron-XXXXXX";
static char ini[512], logpath[512];

/* Seconds since the epoch of a UTC date and time. */
static time_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	    .tm_hour = h, .tm_min = mi, .tm_sec = s };

	return timegm(&tm);
}

static void
expect_next(const char *spec, const char *tz, time_t after, time_t want,
    const char *what)
{
	char why[256] = "";
	struct cron c;

	if (cron_parse(spec, &c, why, sizeof(why)) == -1) {
		ok(0, "%s: '%s' parses (%s)", what, spec, why);
		return;
	}
	is_int((long long)cron_next(&c, after, tz), (long long)want, what);
}

static void
expect_bad(const char *spec, const char *needle)
{
	char why[256] = "";
	struct cron c;

	ok(cron_parse(spec, &c, why, sizeof(why)) == -1 &&
	    strstr(why, needle) != NULL, "'%s' refused: %s", spec, needle);
	if (strstr(why, needle) == NULL)
		printf("#   said '%s'\n", why);
}

static void
test_fields(void)
{
	char why[256];
	struct cron c;

	ok(cron_parse("*/15 0-6,22 1,15 jan-mar,DEC mon-fri", &c, why,
	    sizeof(why)) == 0, "lists, ranges, steps and names parse");
	is_int((long long)c.minutes, (1LL << 0) | (1LL << 15) | (1LL << 30) |
	    (1LL << 45), "*/15: 0, 15, 30, 45");
	is_int(c.hours, 0x7f | (1 << 22), "0-6,22");
	is_int(c.mdays, (1 << 1) | (1 << 15), "1,15");
	is_int(c.months, (1 << 1) | (1 << 2) | (1 << 3) | (1 << 12),
	    "jan-mar,DEC");
	is_int(c.wdays, 0x3e, "mon-fri");
	ok(!c.mday_any && !c.wday_any, "both day fields restricted");

	ok(cron_parse("5/20 * * * 7", &c, why, sizeof(why)) == 0, "N/step");
	is_int((long long)c.minutes, (1LL << 5) | (1LL << 25) | (1LL << 45),
	    "5/20: 5, 25, 45");
	is_int(c.wdays, 1, "7 is Sunday");
	ok(cron_parse("0 0 * * 0-7", &c, why, sizeof(why)) == 0 &&
	    c.wdays == 0x7f, "0-7: every day");
	ok(cron_parse("  @hourly  ", &c, why, sizeof(why)) == 0 &&
	    c.minutes == 1 && c.hours == 0xffffff, "@hourly");
	ok(cron_parse("@weekly", &c, why, sizeof(why)) == 0 && c.wdays == 1 &&
	    c.mday_any, "@weekly: Sundays");
	ok(cron_parse("@yearly", &c, why, sizeof(why)) == 0 && c.months == 2 &&
	    c.mdays == 2, "@yearly: 1 January");
	ok(cron_parse("@every 1h30m", &c, why, sizeof(why)) == 0 &&
	    c.every == 5400, "@every 1h30m");
	ok(cron_parse("@every 1s", &c, why, sizeof(why)) == 0 && c.every == 1,
	    "@every 1s");
	ok(cron_parse("@every 2d", &c, why, sizeof(why)) == 0 &&
	    c.every == 172800, "@every 2d");
}

static void
test_errors(void)
{
	expect_bad("", "0 fields: cron needs 5");
	expect_bad("* * * *", "4 fields");
	expect_bad("* * * * * *", "more than 5 fields");
	expect_bad("60 * * * *", "minute 60 is out of range 0-59");
	expect_bad("* 24 * * *", "hour 24 is out of range 0-23");
	expect_bad("* * 0 * *", "day of month 0 is out of range 1-31");
	expect_bad("* * * 13 *", "month 13 is out of range 1-12");
	expect_bad("* * * * 8", "day of week 8 is out of range 0-7");
	expect_bad("* * * foo *", "month: expected a number or a name");
	expect_bad("* * * * sunday", "expected a number or a name at 'sunday'");
	expect_bad("x * * * *", "minute: expected a number at 'x'");
	expect_bad("10-5 * * * *", "minute range 10-5 runs backwards");
	expect_bad("*/0 * * * *", "minute step must be 1 to 60");
	expect_bad("*/ * * * *", "expected a step after '/'");
	expect_bad("1,,2 * * * *", "minute: expected a number at ',2'");
	expect_bad("1, * * * *", "minute: expected a number at ''");
	expect_bad("1-2-3 * * * *", "minute: unexpected '-'");
	expect_bad("99999999999999999999 * * * *", "out of range");
	expect_bad("@reboot", "unknown '@reboot'");
	expect_bad("@hourly *", "unknown '@hourly *'");
	expect_bad("@every", "@every needs a duration");
	expect_bad("@every 30", "unit must be s, m, h or d after 30");
	expect_bad("@every 0s", "at least 1s");
	expect_bad("@every 367d", "at most 366d");
	expect_bad("@every 99999999999999999999s", "at most 366d");
	expect_bad("@every 5s 3", "@every: unexpected '3'");
	expect_bad("@every s", "@every: expected a number at 's'");
}

static void
test_next(void)
{
	time_t sun = utc(2026, 12, 6, 22, 7, 30);	/* a Sunday */

	expect_next("*/15 * * * *", NULL, sun, utc(2026, 12, 6, 22, 15, 0),
	    "*/15: the next quarter");
	expect_next("* * * * *", NULL, utc(2026, 12, 6, 22, 7, 0),
	    utc(2026, 12, 6, 22, 8, 0), "strictly after a due minute");
	expect_next("0 12 * * mon", NULL, sun, utc(2026, 12, 7, 12, 0, 0),
	    "Monday noon");
	expect_next("0 0 13 * fri", NULL, sun, utc(2026, 12, 11, 0, 0, 0),
	    "13th or Friday: the Friday first");
	expect_next("0 0 13 * *", NULL, sun, utc(2026, 12, 13, 0, 0, 0),
	    "13th alone");
	expect_next("@yearly", NULL, sun, utc(2027, 1, 1, 0, 0, 0),
	    "@yearly: next New Year");
	expect_next("0 0 29 2 *", NULL, sun, utc(2028, 2, 29, 0, 0, 0),
	    "29 February: the next leap year");
	expect_next("59 23 31 12 *", NULL, utc(2026, 12, 31, 23, 59, 0),
	    utc(2027, 12, 31, 23, 59, 0), "a year later, to the minute");
	expect_next("@every 30s", NULL, sun, sun + 30, "@every adds");
	expect_next("0 0 30 2 *", NULL, sun, -1, "30 February never comes");
	expect_next("0 0 31 4,6,9,11 *", NULL, sun, -1, "nor 31 April");
}

static void
test_zones(void)
{
	char why[256];

	ok(cron_tz_check("UTC", why, sizeof(why)) == 0, "UTC is a zone");
	ok(cron_tz_check("Mars/Olympus", why, sizeof(why)) == -1 &&
	    strstr(why, "no zone") != NULL, "unknown zone refused: %s", why);
	ok(cron_tz_check("../etc/passwd", why, sizeof(why)) == -1,
	    "a path is no zone name");
	ok(cron_tz_check("/etc/passwd", why, sizeof(why)) == -1,
	    "an absolute path is no zone name");
	if (cron_tz_check("Europe/Paris", why, sizeof(why)) == -1 ||
	    cron_tz_check("America/New_York", why, sizeof(why)) == -1) {
		printf("# skip zone tests: no system zoneinfo (%s)\n", why);
		return;
	}
	expect_next("0 9 * * *", "Europe/Paris", utc(2026, 7, 1, 0, 0, 0),
	    utc(2026, 7, 1, 7, 0, 0), "09:00 in Paris in summer: 07:00Z");
	expect_next("0 9 * * *", "Europe/Paris", utc(2026, 1, 15, 0, 0, 0),
	    utc(2026, 1, 15, 8, 0, 0), "09:00 in Paris in winter: 08:00Z");
	/* 2026-03-08: New York springs from 02:00 EST to 03:00 EDT */
	expect_next("30 2 * * *", "America/New_York", utc(2026, 3, 8, 0, 0, 0),
	    utc(2026, 3, 9, 6, 30, 0), "02:30 that DST skips: the next day");
	expect_next("0 0 * * *", "America/New_York", utc(2026, 3, 8, 12, 0, 0),
	    utc(2026, 3, 9, 4, 0, 0), "midnight after the change: EDT");
	is_str(getenv("TZ"), NULL, "TZ put back");
}

static void
test_lines(void)
{
	struct schedule_config *list = NULL;
	char why[256];
	size_t n = 0;

	ok(schedule_conf_add(&list, &n, "tick", "@every 1s /tick", 3, why,
	    sizeof(why)) == 0 && n == 1, "@every 1s /tick");
	ok(schedule_conf_add(&list, &n, "clean-up_2", "  */5 * * * *   "
	    "/jobs/clean  ", 4, why, sizeof(why)) == 0 && n == 2,
	    "cron fields and a path, spaces around");
	if (n == 2) {
		is_str(list[1].spec, "*/5 * * * *", "spec kept as written");
		is_str(list[1].path, "/jobs/clean", "path");
		is_int(list[1].line, 4, "line");
	}
	ok(schedule_conf_add(&list, &n, "tick", "@hourly /x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "duplicate key 'schedule.tick'"),
	    "duplicate name");
	ok(schedule_conf_add(&list, &n, "a b", "@hourly /x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "bad schedule name"), "bad name");
	ok(schedule_conf_add(&list, &n, "", "@hourly /x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "bad schedule name"), "empty name");
	ok(schedule_conf_add(&list, &n, "p", "@hourly", 5, why,
	    sizeof(why)) == -1 && strstr(why, "expected 'SPEC PATH'"),
	    "no path");
	ok(schedule_conf_add(&list, &n, "p", "/x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "expected 'SPEC PATH'"),
	    "no schedule");
	ok(schedule_conf_add(&list, &n, "p", "@hourly x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "expected 'SPEC PATH'"),
	    "a path without '/'");
	ok(schedule_conf_add(&list, &n, "p", "@hourly /a/../b", 5, why,
	    sizeof(why)) == -1 && strstr(why, "bad function path '/a/../b'"),
	    "'..' in the path");
	ok(schedule_conf_add(&list, &n, "p", "@hourly /a?x=1", 5, why,
	    sizeof(why)) == -1 && strstr(why, "bad function path"),
	    "a query in the path");
	ok(schedule_conf_add(&list, &n, "p", "61 * * * * /x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "bad schedule '61 * * * *' for "
	    "schedule.p: minute 61 is out of range"), "bad cron: says which");
	ok(schedule_conf_add(&list, &n, "p", "0 0 30 2 * /x", 5, why,
	    sizeof(why)) == -1 && strstr(why, "never comes"), "never due");
	is_int((long long)n, 2, "refused lines are not added");
	schedule_conf_free(list, n);
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

static struct config *
load(const char *extra)
{
	FILE *fp = fopen(ini, "w");

	/* root must name the workers' user */
	fprintf(fp, "[www]\nlisten = %s/www.sock\nfunctions = %s\nuser = %s\n"
	    "%s", dir, dir, getpwuid(geteuid())->pw_name, extra);
	fclose(fp);
	truncate(logpath, 0);
	return config_load(ini);
}

static void
test_config(void)
{
	struct config *cfg;
	char where[600];

	cfg = load("schedule.tick = @every 1s /tick\n"
	    "schedule.nightly = 0 3 * * * /jobs/nightly\n"
	    "schedule_tz = UTC\n");
	ok(cfg != NULL && cfg->pools[0].nschedules == 2,
	    "a pool with two schedules loads");
	if (cfg != NULL) {
		is_str(cfg->pools[0].schedules[1].name, "nightly", "name");
		is_str(cfg->pools[0].schedule_tz, "UTC", "schedule_tz");
	}
	config_free(cfg);
	cfg = load("");
	ok(cfg != NULL && cfg->pools[0].nschedules == 0 &&
	    strcmp(cfg->pools[0].schedule_tz, "UTC") == 0,
	    "no schedules; schedule_tz defaults to UTC");
	config_free(cfg);

	cfg = load("env.A = 1\nschedule.bad = 0 25 * * * /x\n");
	snprintf(where, sizeof(where), "%s:6: ", ini);
	ok(cfg == NULL && log_has(where) && log_has("hour 25 is out of range"),
	    "a bad schedule: file:line and why");
	config_free(cfg);
	cfg = load("schedule_tz = Nowhere/Atlantis\n");
	snprintf(where, sizeof(where), "%s:1: ", ini);
	ok(cfg == NULL && log_has(where) &&
	    log_has("bad schedule_tz 'Nowhere/Atlantis'"),
	    "an unknown zone: refused at the pool's line");
	config_free(cfg);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(ini, sizeof(ini), "%s/fnpool.ini", dir);
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	log_open(logpath, LOG_LEVEL_DEBUG);
	unsetenv("TZ");
	test_fields();
	test_errors();
	test_next();
	test_zones();
	test_lines();
	test_config();
	unlink(ini);
	unlink(logpath);
	rmdir(dir);
	return tap_done();
}
