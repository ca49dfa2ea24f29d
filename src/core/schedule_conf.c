/*
 * schedule_conf: see schedule_conf.h.  The value's last word is the
 * function path, the words before it the schedule (cron fields contain
 * no '/' at their start, a path always does).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/schedule_conf.h"

static int
name_ok(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '_' && s[n] != '-')
			return 0;
	return n > 0 && n <= SCHEDULE_NAME_MAX;
}

/* The path: printable, no spaces, '/'-rooted, no "." or ".." segment. */
static int
path_ok(const char *s)
{
	const char *seg;
	size_t n;

	if (s[0] != '/')
		return 0;
	for (seg = s + 1; ; seg += n + 1) {
		n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' &&
		    seg[1] == '.'))
			return 0;
		if (seg[n] == '\0')
			break;
	}
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || *s == '?' ||
		    *s == '#' || *s == '%')
			return 0;
	return 1;
}

int
schedule_conf_add(struct schedule_config **list, size_t *n, const char *name,
    const char *value, int line, char *why, size_t whylen)
{
	struct schedule_config *s;
	char spec[256], fpath[1024], cronwhy[192];
	const char *path;
	struct cron c;
	size_t i, len;

	if (!name_ok(name)) {
		snprintf(why, whylen, "bad schedule name 'schedule.%.64s': use "
		    "1 to %d letters, digits, '_' and '-'", name,
		    SCHEDULE_NAME_MAX);
		return -1;
	}
	for (i = 0; i < *n; i++) {
		if (strcmp((*list)[i].name, name) == 0) {
			snprintf(why, whylen, "duplicate key 'schedule.%s'", name);
			return -1;
		}
	}
	while (isspace((unsigned char)*value))
		value++;
	len = strlen(value);
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	path = value + len;
	while (path > value && !isspace((unsigned char)path[-1]))
		path--;
	if (path == value || path[0] != '/') {
		snprintf(why, whylen, "schedule.%s: expected 'SPEC PATH' (such "
		    "as '*/5 * * * * /jobs/clean' or '@every 30s /tick')", name);
		return -1;
	}
	if ((size_t)(path - value) >= sizeof(spec)) {
		snprintf(why, whylen, "schedule.%s: schedule too long", name);
		return -1;
	}
	memcpy(spec, value, (size_t)(path - value));
	spec[path - value] = '\0';
	for (i = strlen(spec); i > 0 && isspace((unsigned char)spec[i - 1]); i--)
		spec[i - 1] = '\0';
	if (cron_parse(spec, &c, cronwhy, sizeof(cronwhy)) == -1) {
		snprintf(why, whylen, "bad schedule '%.64s' for schedule.%s: %s",
		    spec, name, cronwhy);
		return -1;
	}
	if (c.every == 0 && cron_next(&c, 0, NULL) == -1) {
		snprintf(why, whylen, "schedule '%.64s' for schedule.%s never "
		    "comes (no such date)", spec, name);
		return -1;
	}
	if ((size_t)(value + len - path) >= sizeof(fpath)) {
		snprintf(why, whylen, "schedule.%s: function path too long", name);
		return -1;
	}
	memcpy(fpath, path, (size_t)(value + len - path));
	fpath[value + len - path] = '\0';
	if (!path_ok(fpath)) {
		snprintf(why, whylen, "schedule.%s: bad function path '%.64s': "
		    "a path such as /jobs/clean, without spaces, '?', '#', "
		    "'%%', '.' or '..' segments", name, fpath);
		return -1;
	}
	if ((s = realloc(*list, (*n + 1) * sizeof(**list))) == NULL)
		log_fatal("realloc");
	*list = s;
	s += *n;
	s->cron = c;
	s->line = line;
	if ((s->name = strdup(name)) == NULL || (s->spec = strdup(spec)) == NULL ||
	    (s->path = strdup(fpath)) == NULL)
		log_fatal("strdup");
	(*n)++;
	return 0;
}

void
schedule_conf_free(struct schedule_config *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].spec);
		free(list[i].path);
	}
	free(list);
}
