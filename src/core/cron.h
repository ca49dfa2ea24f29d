/*
 * cron: schedule specifications (`schedule.NAME = SPEC PATH`) parsed and
 * their next due time computed.  SPEC is a 5-field cron expression, a
 * name such as `@hourly`, or `@every 30s`.  The text comes from the
 * configuration, so every error says which field and why.
 */
#ifndef FNPOOL_CRON_H
#define FNPOOL_CRON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CRON_EVERY_MAX	(366L * 86400)	/* @every: at most a year */

struct cron {
	uint64_t	 minutes;	/* bit n: minute n (0-59) */
	uint32_t	 hours;		/* 0-23 */
	uint32_t	 mdays;		/* 1-31 */
	uint16_t	 months;	/* 1-12 */
	uint8_t		 wdays;		/* 0-6, Sunday 0 */
	int		 mday_any;	/* the field was '*' (or '*' /step) */
	int		 wday_any;
	long		 every;		/* @every, seconds; 0: a cron field set */
};

/* Returns 0, or -1 with why (for "bad schedule 'SPEC': WHY"). */
int	 cron_parse(const char *spec, struct cron *, char *why, size_t whylen);

/*
 * The first due time strictly after `after` (seconds since the epoch),
 * the fields read in time zone tz (NULL or "UTC": UTC; else a zoneinfo
 * name, applied through TZ and localtime_r).  -1: none within 5 years
 * ("0 0 30 2 *").  @every has no calendar: the caller adds `every`.
 */
time_t	 cron_next(const struct cron *, time_t after, const char *tz);

/* Whether tz names a zone in the system's zoneinfo (glibc would take an
 * unknown name as UTC without a word); -1 with why. */
int	 cron_tz_check(const char *tz, char *why, size_t whylen);

#endif
