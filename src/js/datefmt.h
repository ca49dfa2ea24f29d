/*
 * datefmt: Date.prototype's strings as V8 prints them (toString,
 * toUTCString, ...; toLocale*String without arguments as en-US with ICU),
 * and the calendar fields Intl.DateTimeFormat (src/js/builtin/intl.js)
 * formats.  Local time is MuJS's: the time zone's standard offset from
 * TZ or /etc/localtime, the same all year.
 */
#ifndef FNPOOL_DATEFMT_H
#define FNPOOL_DATEFMT_H

#include <mujs.h>

/*
 * Replaces Date.prototype's toString, toDateString, toTimeString,
 * toUTCString, toGMTString and toLocale*String in a new state when
 * MuJS's own are not V8's (probed once per process).  Throws on out of
 * memory.
 */
void	 datefmt_install(js_State *J);
/* The local zone's offset east of UTC in ms, as MuJS's getters use it. */
double	 datefmt_offset(void);
/*
 * Sets intl's helpers on the object at idx: dateFields(t, local) gives
 * [year, month (0-11), day, weekday (0 Sunday), hours, minutes, seconds,
 * milliseconds, offset in minutes east] of the time value t, in UTC or
 * in local time; localZone() gives [IANA name, long name] of the local
 * time zone as Node names them ("UTC", "Coordinated Universal Time");
 * zoneExists(name) whether the system has rules for that zone.
 */
void	 datefmt_natives(js_State *J, int idx);

#endif
