/*
 * datefmt: see datefmt.h.
 *
 * MuJS 1.3.6 prints every Date string as ISO 8601 ("2030-01-02T03:04:05.000Z"
 * from toString, toUTCString and toLocaleString alike), so a cookie's
 * Expires written with toUTCString is not an HTTP date.  These are V8's
 * formats, over the same local time as MuJS's getters (its standard
 * offset), so d.toString() and d.getHours() agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "js/datefmt.h"
#include "js/numfmt.h"

static const char days[7][4] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

struct fields {
	int	 year, month, day, weekday, hour, minute, second, ms;
};

/* ---- the local time zone ----------------------------------------------- */

/* MuJS's LocalTZA: the standard offset in ms east, the same every time. */
static double
local_offset(void)
{
	static int once = 1;
	static double tza;
	struct tm g, l;
	time_t now;

	if (once) {
		now = time(NULL);
		gmtime_r(&now, &g);
		localtime_r(&now, &l);
		tza = difftime(mktime(&l), mktime(&g)) * 1000;
		once = 0;
	}
	return tza;
}

double
datefmt_offset(void)
{
	return local_offset();
}

/* ICU's long names of the zones whose abbreviation and offset say which. */
static const struct zone_name {
	const char	*abbr;
	int		 minutes;
	const char	*name;
} zone_names[] = {
	{ "UTC", 0, "Coordinated Universal Time" },
	{ "GMT", 0, "Greenwich Mean Time" },
	{ "WET", 0, "Western European Standard Time" },
	{ "CET", 60, "Central European Standard Time" },
	{ "WAT", 60, "West Africa Standard Time" },
	{ "EET", 120, "Eastern European Standard Time" },
	{ "SAST", 120, "South Africa Standard Time" },
	{ "CAT", 120, "Central Africa Time" },
	{ "IST", 120, "Israel Standard Time" },
	{ "MSK", 180, "Moscow Standard Time" },
	{ "EAT", 180, "East Africa Time" },
	{ "PKT", 300, "Pakistan Standard Time" },
	{ "IST", 330, "India Standard Time" },
	{ "CST", 480, "China Standard Time" },
	{ "HKT", 480, "Hong Kong Standard Time" },
	{ "AWST", 480, "Australian Western Standard Time" },
	{ "JST", 540, "Japan Standard Time" },
	{ "KST", 540, "Korean Standard Time" },
	{ "ACST", 570, "Australian Central Standard Time" },
	{ "AEST", 600, "Australian Eastern Standard Time" },
	{ "NZST", 720, "New Zealand Standard Time" },
	{ "NST", -210, "Newfoundland Standard Time" },
	{ "AST", -240, "Atlantic Standard Time" },
	{ "EST", -300, "Eastern Standard Time" },
	{ "CST", -360, "Central Standard Time" },
	{ "MST", -420, "Mountain Standard Time" },
	{ "PST", -480, "Pacific Standard Time" },
	{ "AKST", -540, "Alaska Standard Time" },
	{ "HST", -600, "Hawaii-Aleutian Standard Time" },
};

/* The local zone's long name as V8 prints it in toString, into buf[64]. */
static const char *
local_name(char *buf)
{
	static char name[64];
	int minutes = (int)(local_offset() / 60000);
	size_t i;

	if (name[0] == '\0') {
		tzset();
		for (i = 0; i < sizeof(zone_names) / sizeof(zone_names[0]); i++)
			if (zone_names[i].minutes == minutes &&
			    strcmp(zone_names[i].abbr, tzname[0]) == 0)
				break;
		if (i < sizeof(zone_names) / sizeof(zone_names[0]))
			snprintf(name, sizeof(name), "%s", zone_names[i].name);
		else		/* ICU's localized GMT format */
			snprintf(name, sizeof(name), "GMT%c%02d:%02d",
			    minutes < 0 ? '-' : '+', abs(minutes) / 60,
			    abs(minutes) % 60);
	}
	return strcpy(buf, name);
}

/* The IANA name Node gives: TZ, else /etc/localtime's target; Etc/UTC is UTC. */
static const char *
local_zone(char *buf, size_t size)
{
	static const char *const utc[] = { "Etc/UTC", "Etc/GMT", "Etc/UCT",
	    "Etc/Universal", "Etc/Zulu", "GMT", "UCT", "Universal", "Zulu",
	    "UTC" };
	const char *tz = getenv("TZ"), *p;
	char link[256];
	ssize_t n;
	size_t i;

	if (tz != NULL && *tz == ':')
		tz++;
	if (tz == NULL || *tz == '\0') {
		n = readlink("/etc/localtime", link, sizeof(link) - 1);
		link[n > 0 ? n : 0] = '\0';
		p = strstr(link, "zoneinfo/");
		tz = p != NULL ? p + 9 : "UTC";
	}
	for (i = 0; i < sizeof(utc) / sizeof(utc[0]); i++)
		if (strcmp(tz, utc[i]) == 0)
			tz = "UTC";
	snprintf(buf, size, "%s", tz);
	return buf;
}

/* ---- fields ---------------------------------------------------------------- */

/* t (ms since the epoch, finite) to the proleptic Gregorian calendar */
static void
fields_of(double t, struct fields *f)
{
	double day = floor(t / 86400000), in_day = t - day * 86400000;
	long long z = (long long)day + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	f->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	f->month = (int)(mp < 10 ? mp + 2 : mp - 10);
	f->year = (int)(yoe + era * 400 + (f->month < 2));
	f->weekday = (int)(((long long)day % 7 + 11) % 7);
	f->hour = (int)(in_day / 3600000);
	f->minute = (int)fmod(in_day / 60000, 60);
	f->second = (int)fmod(in_day / 1000, 60);
	f->ms = (int)fmod(in_day, 1000);
}

/* V8's years: four digits at least, a minus before years before 1 BC */
static const char *
year_str(char *buf, int y)
{
	snprintf(buf, 16, y < 0 ? "-%04d" : "%04d", abs(y));
	return buf;
}

/* ---- Date.prototype ------------------------------------------------------ */

/*
 * thisTimeValue, through Date.prototype.getTime (MuJS's checks the
 * class): looked up per call, as a registry entry would cost every
 * request (numfmt.h).
 */
static double
this_time(js_State *J, const char *method)
{
	js_getglobal(J, "Date");
	js_getproperty(J, -1, "prototype");
	js_getproperty(J, -1, "getTime");
	js_copy(J, 0);
	if (js_pcall(J, 0) == 0 && js_isnumber(J, -1))
		return js_tonumber(J, -1);
	js_typeerror(J, "Method Date.prototype.%s called on incompatible "
	    "receiver %s", method, js_isobject(J, 0) ? "#<Object>" :
	    js_tostring(J, 0));
	return 0;
}

/* "GMT+0100 (Central European Standard Time)" */
static void
put_zone(char *buf, size_t size)
{
	int m = (int)(local_offset() / 60000);
	char name[64];

	snprintf(buf, size, "GMT%c%02d%02d (%s)", m < 0 ? '-' : '+',
	    abs(m) / 60, abs(m) % 60, local_name(name));
}

enum { DATE = 1, TIME = 2 };

static void
push_string(js_State *J, int parts, const char *method)
{
	double t = this_time(J, method);
	char buf[160], y[16], zone[96];
	struct fields f;

	if (isnan(t)) {
		js_pushliteral(J, "Invalid Date");
		return;
	}
	fields_of(t + local_offset(), &f);
	put_zone(zone, sizeof(zone));
	if (parts == DATE)
		snprintf(buf, sizeof(buf), "%s %s %02d %s", days[f.weekday],
		    months[f.month], f.day, year_str(y, f.year));
	else if (parts == TIME)
		snprintf(buf, sizeof(buf), "%02d:%02d:%02d %s", f.hour,
		    f.minute, f.second, zone);
	else
		snprintf(buf, sizeof(buf), "%s %s %02d %s %02d:%02d:%02d %s",
		    days[f.weekday], months[f.month], f.day,
		    year_str(y, f.year), f.hour, f.minute, f.second, zone);
	js_pushstring(J, buf);
}

static void
date_tostring(js_State *J)
{
	push_string(J, DATE | TIME, "toString");
}

static void
date_todatestring(js_State *J)
{
	push_string(J, DATE, "toDateString");
}

static void
date_totimestring(js_State *J)
{
	push_string(J, TIME, "toTimeString");
}

/* RFC 7231's IMF-fixdate: "Wed, 02 Jan 2030 03:04:05 GMT" */
static void
date_toutcstring(js_State *J)
{
	double t = this_time(J, "toUTCString");
	struct fields f;
	char buf[64], y[16];

	if (isnan(t)) {
		js_pushliteral(J, "Invalid Date");
		return;
	}
	fields_of(t, &f);
	snprintf(buf, sizeof(buf), "%s, %02d %s %s %02d:%02d:%02d GMT",
	    days[f.weekday], f.day, months[f.month], year_str(y, f.year),
	    f.hour, f.minute, f.second);
	js_pushstring(J, buf);
}

/*
 * en-US as ICU prints it: "1/2/2030, 3:04:05 AM".  ICU counts years
 * before 1 AD in its era (1 BC is 1) and does not print the era.  With a
 * locale or options, intl.js formats.
 */
static void
push_locale(js_State *J, int parts, const char *kind, const char *method)
{
	double t = this_time(J, method);
	struct fields f;
	char buf[96], *p = buf;

	if (js_isdefined(J, 1) || js_isdefined(J, 2)) {
		numfmt_intl_push(J);
		js_getproperty(J, -1, "dateToLocaleString");
		js_rot2(J);
		js_pushnumber(J, t);
		js_pushstring(J, kind);
		js_copy(J, 1);
		js_copy(J, 2);
		js_call(J, 4);
		return;
	}
	if (isnan(t)) {
		js_pushliteral(J, "Invalid Date");
		return;
	}
	fields_of(t + local_offset(), &f);
	if (parts & DATE)
		p += sprintf(p, "%d/%d/%d", f.month + 1, f.day,
		    f.year > 0 ? f.year : 1 - f.year);
	if (parts == (DATE | TIME))
		p += sprintf(p, ", ");
	if (parts & TIME)
		sprintf(p, "%d:%02d:%02d %s", f.hour % 12 ? f.hour % 12 : 12,
		    f.minute, f.second, f.hour < 12 ? "AM" : "PM");
	js_pushstring(J, buf);
}

static void
date_tolocalestring(js_State *J)
{
	push_locale(J, DATE | TIME, "any", "toLocaleString");
}

static void
date_tolocaledatestring(js_State *J)
{
	push_locale(J, DATE, "date", "toLocaleDateString");
}

static void
date_tolocaletimestring(js_State *J)
{
	push_locale(J, TIME, "time", "toLocaleTimeString");
}

/* ---- intl's helpers -------------------------------------------------------- */

static void
intl_date_fields(js_State *J)
{
	double t = js_tonumber(J, 1), off = 0;
	struct fields f;
	int i, v[9];

	if (!isfinite(t))
		js_rangeerror(J, "Invalid time value");
	if (js_toboolean(J, 2))
		off = local_offset();
	fields_of(t + off, &f);
	v[0] = f.year; v[1] = f.month; v[2] = f.day; v[3] = f.weekday;
	v[4] = f.hour; v[5] = f.minute; v[6] = f.second; v[7] = f.ms;
	v[8] = (int)(off / 60000);
	js_newarray(J);
	for (i = 0; i < 9; i++) {
		js_pushnumber(J, v[i]);
		js_setindex(J, -2, i);
	}
}

static void
intl_local_zone(js_State *J)
{
	char buf[256];

	js_newarray(J);
	js_pushstring(J, local_zone(buf, sizeof(buf)));
	js_setindex(J, -2, 0);
	js_pushstring(J, local_name(buf));
	js_setindex(J, -2, 1);
}

/*
 * Whether the system has rules for the zone name: Node throws for names
 * ICU does not know.  The caller has checked the name's characters.
 */
static void
intl_zone_exists(js_State *J)
{
	const char *name = js_tostring(J, 1);
	char path[512];

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	js_pushboolean(J, strstr(name, "..") == NULL && access(path, R_OK) == 0);
}

void
datefmt_natives(js_State *J, int idx)
{
	idx = idx < 0 ? js_gettop(J) + idx : idx;
	js_newcfunction(J, intl_date_fields, "dateFields", 2);
	js_setproperty(J, idx, "dateFields");
	js_newcfunction(J, intl_local_zone, "localZone", 0);
	js_setproperty(J, idx, "localZone");
	js_newcfunction(J, intl_zone_exists, "zoneExists", 1);
	js_setproperty(J, idx, "zoneExists");
}

/* ---- installation ---------------------------------------------------------- */

/* Whether MuJS's toUTCString is V8's, found out on the first state. */
static int
mujs_right(js_State *J)
{
	static int right = -1;

	if (right != -1)
		return right;
	js_getglobal(J, "Date");
	js_pushnumber(J, 0);
	js_construct(J, 1);
	js_getproperty(J, -1, "toUTCString");
	js_rot2(J);
	right = js_pcall(J, 0) == 0 && js_isstring(J, -1) &&
	    strcmp(js_tostring(J, -1), "Thu, 01 Jan 1970 00:00:00 GMT") == 0;
	js_pop(J, 1);
	return right;
}

static const struct {
	const char	*name;
	js_CFunction	 fn;
} methods[] = {
	{ "toString", date_tostring },
	{ "toDateString", date_todatestring },
	{ "toTimeString", date_totimestring },
	{ "toUTCString", date_toutcstring },
	{ "toLocaleString", date_tolocalestring },
	{ "toLocaleDateString", date_tolocaledatestring },
	{ "toLocaleTimeString", date_tolocaletimestring },
};

void
datefmt_install(js_State *J)
{
	size_t i;

	if (mujs_right(J))
		return;
	js_getglobal(J, "Date");
	js_getproperty(J, -1, "prototype");
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		js_newcfunction(J, methods[i].fn, methods[i].name, 0);
		js_defproperty(J, -2, methods[i].name, JS_DONTENUM);
	}
	/* one function under both names, as in V8 (Annex B.2.4.3) */
	js_getproperty(J, -1, "toUTCString");
	js_defproperty(J, -2, "toGMTString", JS_DONTENUM);
	js_pop(J, 2);
}
